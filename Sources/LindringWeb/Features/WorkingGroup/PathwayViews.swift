import Foundation
import LindringCore
import LindringStore
import Plot

/// The communication-pathways catalogue as the working group keeps it: every situation with who
/// contacts whom, how, within what time, and the pages where it is shown as help.
enum PathwayViews {
    static func list(_ page: PageContext, _ pathways: [StoredPathway], notice: String?) -> HTML {
        let t = page.t
        return Layout.page(
            page, title: t("pathways.title"),
            .p(.a(.href(Routes.workingGroup()), .plainText("← " + t("workingGroup.title")))),
            RegisterViews.notice(t, notice),
            .div(
                .class("page-heading"),
                .h1(.plainText(t("pathways.title"))),
                .div(.class("heading-actions"), .a(.class("button primary"), .href(Routes.newPathway()), .plainText(t("pathways.new"))))),
            .p(.class("lead"), .plainText(t("pathways.lead"))),
            pathways.isEmpty
                ? .p(.plainText(t("pathways.none")))
                : .div(
                    .class("table-wrap"),
                    .table(
                        .class("data"), .id("pathway-list"),
                        .thead(
                            .tr(
                                RegisterViews.th(t("pathways.field.situation")), RegisterViews.th(t("pathways.whoToWhom")),
                                RegisterViews.th(t("pathways.field.how")), RegisterViews.th(t("pathways.field.within")),
                                RegisterViews.th(t("pathways.field.pages")))),
                        .tbody(
                            .forEach(pathways) { stored in
                                let pathway = stored.pathway
                                return .tr(
                                    .th(
                                        .attribute(named: "scope", value: "row"),
                                        .a(.href(Routes.editPathway(stored.id)), .plainText(pathway.situation))),
                                    .td(.plainText(pathway.from + " → " + pathway.to)),
                                    .td(.plainText(pathway.how)),
                                    .td(.plainText(pathway.within)),
                                    .td(.plainText(pathway.orderedPages.map { t.label("pathwayPage", $0) }.joined(separator: ", "))))
                            }))))
    }

    static func form(
        _ page: PageContext, draft: PathwayDraft, errors: [FieldError], id: UUID?, baseVersion: Int? = nil, stale: Bool = false
    ) -> HTML {
        let t = page.t
        let title = id == nil ? t("pathways.new") : t("pathways.edit")
        let fields = ["situation", "from", "to", "how", "within", "notes", "pages", "order"]
        let labels = Dictionary(uniqueKeysWithValues: fields.map { ($0, t("pathways.field.\($0)")) })
        return Layout.page(
            page, title: title,
            .p(.a(.href(Routes.pathways()), .plainText("← " + t("pathways.title")))),
            .h1(.plainText(title)),
            .if(stale, .div(.class("form-error"), .attribute(named: "role", value: "alert"), .p(.plainText(t("workingGroup.stale"))))),
            .form(
                .method(.post), .action(id.map { Routes.editPathway($0) } ?? Routes.pathways()), .id("pathway-form"), .class("stacked"),
                .attribute(named: "novalidate", value: "novalidate"),
                Layout.csrfField(page),
                .unwrap(baseVersion) { .input(.type(.hidden), .name("baseVersion"), .value(String($0))) },
                FormFields.errorSummary(t, errors, labels: labels),
                FormFields.requiredNote(t),
                FormFields.text(
                    t, name: "situation", label: labels["situation"]!, value: draft.situation, errors: errors, required: true,
                    hint: t("pathways.field.situationHint"), maxLength: PathwayDraft.maxShortLength),
                .div(
                    .class("grid"),
                    FormFields.text(
                        t, name: "from", label: labels["from"]!, value: draft.from, errors: errors, required: true,
                        maxLength: PathwayDraft.maxShortLength),
                    FormFields.text(
                        t, name: "to", label: labels["to"]!, value: draft.to, errors: errors, required: true, maxLength: PathwayDraft.maxShortLength)),
                FormFields.text(
                    t, name: "how", label: labels["how"]!, value: draft.how, errors: errors, required: true, hint: t("pathways.field.howHint"),
                    maxLength: PathwayDraft.maxHowLength),
                FormFields.text(
                    t, name: "within", label: labels["within"]!, value: draft.within, errors: errors, required: true,
                    hint: t("pathways.field.withinHint"), maxLength: PathwayDraft.maxShortLength),
                FormFields.textarea(
                    t, name: "notes", label: labels["notes"]!, value: draft.notes, errors: errors, maxLength: PathwayDraft.maxNotesLength),
                FormFields.checkboxes(
                    t, name: "pages", legend: labels["pages"]!, options: t.options("pathwayPage", PathwayPage.self), checked: Set(draft.pages ?? []),
                    errors: errors),
                FormFields.text(
                    t, name: "order", label: labels["order"]!, value: draft.order, errors: errors, type: .number,
                    hint: t("pathways.field.orderHint")),
                .div(
                    .class("actions"),
                    .button(.type(.submit), .class("button primary"), .id("save-pathway"), .plainText(t("pathways.save"))),
                    .if(
                        id != nil,
                        .button(
                            .type(.submit), .name("intent"), .value("delete"), .class("button secondary"), .id("delete-pathway"),
                            .plainText(t("pathways.delete")))))))
    }
}
