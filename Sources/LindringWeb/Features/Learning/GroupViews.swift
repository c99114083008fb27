import Foundation
import LindringCore
import LindringStore
import Plot

/// A workshop group's pages: the case everyone works on with the group's reflections, joining
/// with the code, and the facilitator's part of a session's page.
enum GroupViews {
    static func page(_ page: PageContext, _ group: GroupService.Page, typed: GroupReflectionDraft?, errors: [FieldError]) -> HTML {
        let t = page.t
        let open = group.group.closedAt == nil
        return Layout.page(
            page, title: group.caseTitle,
            .p(.a(.href(Routes.learning()), .plainText("← " + t("learning.title")))),
            .p(.class("section-kind"), .plainText(t("group.kicker", ["offer": group.group.offerTitle, "module": group.moduleTitle]))),
            .h1(.plainText(group.caseTitle)),
            open
                ? .p(
                    .class("join-code"), .plainText(t("group.codeLead") + " "),
                    .strong(.id("group-code"), .plainText(group.group.code)))
                : .div(
                    .class("notice"), .attribute(named: "role", value: "status"),
                    .p(.plainText(t("group.closed", ["count": String(max(0, group.members.count - 1))])))),
            .section(
                .class("module-section case"),
                .forEach(group.caseSection.body) { ModuleViews.block(t, $0) }),
            .forEach(Array(group.caseSection.questions.enumerated())) { number, question in
                questionView(page, group, number: number, question: question, typed: typed, errors: errors, open: open)
            },
            .section(
                .id("members"),
                .h2(.plainText(t("group.members", ["count": String(group.members.count)]))),
                .ul(
                    .class("member-list"),
                    .forEach(group.members) { member in
                        .li(
                            .plainText(member.name),
                            .if(member.id == group.group.facilitatorId, .span(.class("hint"), .plainText(" · " + t("group.facilitator")))))
                    })),
            .if(
                open && group.isFacilitator,
                .section(
                    .id("close-group"),
                    .h2(.plainText(t("group.close.title"))),
                    .p(.plainText(t("group.close.lead"))),
                    FormFields.actionButton(page, action: Routes.learningGroupClose(group.group.id), label: t("group.close"), style: "primary"))),
            .if(open, .p(.a(.class("button secondary"), .href(Routes.learningGroup(group.group.id)), .plainText(t("group.refresh"))))))
    }

    static func questionView(
        _ page: PageContext, _ group: GroupService.Page, number: Int, question: String, typed: GroupReflectionDraft?, errors: [FieldError],
        open: Bool
    ) -> Node<HTML.BodyContext> {
        let t = page.t
        let shared = group.reflections.filter { $0.question == number }
        let refused = typed?.question == String(number) ? errors.first { $0.field == "text" } : nil
        return .section(
            .class("reflection"), .id("question-\(number)"),
            .h2(.plainText(question)),
            .ul(
                .class("reflections"),
                .forEach(shared) { reflection in
                    .li(
                        .p(.class("prewrap"), .plainText(reflection.text)),
                        .p(
                            .class("hint"),
                            .plainText(reflection.authorName + " · " + Timestamps.displayMinutes(reflection.createdAt))))
                }),
            .if(shared.isEmpty, .p(.class("hint"), .plainText(t("group.noReflections")))),
            .if(
                open,
                .form(
                    .method(.post), .action(Routes.learningGroupReflections(group.group.id)),
                    Layout.csrfField(page),
                    .input(.type(.hidden), .name("question"), .value(String(number))),
                    .div(
                        .class(refused == nil ? "field" : "field has-error"),
                        .label(.for("text-\(number)"), .plainText(t("group.yourReflection"))),
                        .unwrap(refused) { .p(.class("field-error"), .id("text-\(number)-error"), .plainText(FormFields.message(t, $0.code))) },
                        .textarea(
                            .id("text-\(number)"), .name("text"), .attribute(named: "rows", value: "3"),
                            .attribute(named: "maxlength", value: String(ProgressChangeDraft.maxReflectionLength)),
                            .if(refused != nil, .attribute(named: "autofocus", value: "autofocus")),
                            .plainText(refused == nil ? "" : typed?.text ?? ""))),
                    .div(.class("actions"), .button(.type(.submit), .class("button primary"), .plainText(t("group.share")))))))
    }

    static func join(_ page: PageContext, typed: String?, errors: [FieldError]) -> HTML {
        let t = page.t
        return Layout.page(
            page, title: t("group.join.title"),
            .p(.a(.href(Routes.learning()), .plainText("← " + t("learning.title")))),
            .h1(.plainText(t("group.join.title"))),
            .p(.class("lead"), .plainText(t("group.join.lead"))),
            .form(
                .method(.post), .action(Routes.learningJoin()), .class("plan-form"), .attribute(named: "novalidate", value: "novalidate"),
                Layout.csrfField(page),
                FormFields.text(
                    t, name: "code", label: t("group.join.code"), value: typed, errors: errors, required: true, autocomplete: "off",
                    hint: t("group.join.hint"), maxLength: 12),
                FormFields.submit(t("group.join.submit"))))
    }

    /// On a session's page, for the educator: open a group on a case, and the groups so far.
    static func sessionSection(_ page: PageContext, _ model: LearningService.SessionPage, errors: [FieldError]) -> Node<HTML.BodyContext> {
        let t = page.t
        return .section(
            .id("groups"),
            .h2(.plainText(t("group.section.title"))),
            .p(.plainText(t("group.section.lead"))),
            .if(
                !model.groups.isEmpty,
                .ul(
                    .class("inbox groups"),
                    .forEach(model.groups) { group in
                        .li(
                            .a(.href(Routes.learningGroup(group.id)), .strong(.plainText(group.code))),
                            .plainText(
                                " · "
                                    + (group.closedAt.map { t("group.closedAt", ["at": Timestamps.displayMinutes($0)]) }
                                        ?? t("group.openSince", ["at": Timestamps.displayMinutes(group.openedAt)]))))
                    })),
            .if(
                model.session.cancelledAt == nil && !model.cases.isEmpty,
                SessionTiming.mayOpenGroup(startsAt: model.session.session.startsAt, endsAt: model.session.session.endsAt, now: Date())
                    ? .form(
                        .method(.post), .action(Routes.learningSessionGroups(model.session.id)), .class("filter-form"),
                        Layout.csrfField(page),
                        FormFields.select(
                            t, name: "caseId", label: t("group.field.caseId"),
                            options: model.cases.map { ("\($0.moduleId.uuidString):\($0.section)", $0.label) }, selected: nil, errors: errors,
                            required: true, includeEmpty: t("form.choose")),
                        FormFields.submit(t("group.open")))
                    : .p(.class("hint"), .plainText(t("group.section.notToday")))))
    }
}
