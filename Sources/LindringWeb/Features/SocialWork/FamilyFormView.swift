import Foundation
import LindringCore
import LindringStore
import Plot

/// The family case form: new (choose one of the team's children) or a change. Parents, siblings
/// and the network are repeating rows; a blank row is left out, and one blank row is always offered.
enum FamilyFormView {
    static func page(
        _ page: PageContext, draft: FamilyDraft, family: FamilyCase?, version: Int?, staff: [(id: UUID, name: String)],
        children: [(id: UUID, name: String, birthDate: LocalDate)], errors: [FieldError], today: LocalDate = SocialWorkService.today()
    ) -> HTML {
        let t = page.t
        let title = family.map { t("family.editTitle", ["child": $0.child.name]) } ?? t("family.new")
        let action = family.map { Routes.editFamily($0.id) } ?? Routes.newFamily()
        func label(_ field: String) -> String { t("family.field.\(FormName.row(field)?.field ?? field)") }
        func text(
            _ name: String, _ value: String?, type: HTMLInputType = .text, required: Bool = false, rowRequired: Bool = false
        ) -> Node<HTML.FormContext> {
            FormFields.text(t, name: name, label: label(name), value: value, errors: errors, type: type, required: required, rowRequired: rowRequired)
        }
        func choice<T: RawRepresentable & CaseIterable>(
            _ name: String, _ type: T.Type, prefix: String, selected: String?, required: Bool = false, rowRequired: Bool = false
        ) -> Node<HTML.FormContext> where T.RawValue == String {
            FormFields.select(
                t, name: name, label: label(name), options: T.allCases.map { ($0.rawValue, t("\(prefix).\($0.rawValue)")) }, selected: selected,
                errors: errors, required: required, rowRequired: rowRequired, includeEmpty: t("form.choose"))
        }
        let parents = (draft.parents ?? []) + [FamilyDraft.ParentInput()]
        let siblings = (draft.siblings ?? []) + [FamilyDraft.SiblingInput()]
        let network = (draft.network ?? []) + [FamilyDraft.NetworkInput()]
        let labels = Dictionary(errors.map { ($0.field, label($0.field)) }, uniquingKeysWith: { first, _ in first })
        return Layout.page(
            page, title: title,
            .h1(.plainText(title)),
            .unwrap(family) { .p(.a(.href(Routes.family($0.id)), .plainText("← " + t("family.back")))) },
            .if(
                errors.contains { $0.field == "version" },
                .div(.class("notice warning"), .attribute(named: "role", value: "alert"), .p(.plainText(t("family.staleVersion"))))),
            .form(
                .method(.post), .action(action), .id("family-form"), .class("stacked"), .attribute(named: "novalidate", value: "novalidate"),
                Layout.csrfField(page),
                FormFields.sessionBanner(t),
                .unwrap(version) { .input(.type(.hidden), .name("version"), .value(String($0))) },
                FormFields.errorSummary(t, errors.filter { $0.field != "version" }, labels: labels),
                FormFields.requiredNote(t),
                .fieldset(
                    .legend(t("family.section.case")),
                    family == nil
                        ? FormFields.select(
                            t, name: "childPatientId", label: label("childPatientId"),
                            options: children.map { ($0.id.uuidString, "\($0.name), \(PatientViews.born(t, $0.birthDate, today: today))") },
                            selected: draft.childPatientId, errors: errors, required: true, includeEmpty: t("form.choose"))
                        : .input(.type(.hidden), .name("childPatientId"), .value(draft.childPatientId ?? "")),
                    .if(family == nil && children.isEmpty, .p(.class("hint"), .plainText(t("family.noChildren")))),
                    choice("conditionGroup", ConditionGroup.self, prefix: "conditionGroup", selected: draft.conditionGroup, required: true),
                    FormFields.select(
                        t, name: "municipalityCode", label: label("municipalityCode"),
                        options: Municipalities.all.map { ($0.code, "\($0.name) (\($0.code))") }, selected: draft.municipalityCode, errors: errors,
                        required: true, includeEmpty: t("form.choose")),
                    FormFields.select(
                        t, name: "keyWorkerId", label: label("keyWorkerId"), options: staff.map { ($0.id.uuidString, $0.name) },
                        selected: draft.keyWorkerId, errors: errors, required: true, includeEmpty: t("form.choose")),
                    .if(family != nil, choice("status", FamilyCaseStatus.self, prefix: "familyStatus", selected: draft.status, required: true)),
                    FormFields.checkbox(name: "interpreterNeeded", label: label("interpreterNeeded"), checked: draft.interpreterNeeded ?? false),
                    text("language", draft.language)),
                .fieldset(
                    .legend(t("family.parents")), .p(.class("hint"), .plainText(t("form.rowsHint"))),
                    .forEach(Array(parents.enumerated())) { index, parent in
                        let p = "parents[\(index)]"
                        return .div(
                            .class("row-group"),
                            .input(.type(.hidden), .name(FormName.of("\(p).id")), .value(HTMLEscaping.escape(parent.id ?? ""))),
                            text("\(p).name", parent.name, rowRequired: true),
                            choice("\(p).relation", ParentRelation.self, prefix: "parentRelation", selected: parent.relation, rowRequired: true),
                            text("\(p).phone", parent.phone, type: .tel), text("\(p).email", parent.email, type: .email),
                            text("\(p).address", parent.address),
                            FormFields.checkbox(name: "\(p).holdsCustody", label: label("\(p).holdsCustody"), checked: parent.holdsCustody ?? false),
                            FormFields.checkbox(
                                name: "\(p).livesWithChild", label: label("\(p).livesWithChild"), checked: parent.livesWithChild ?? false))
                    }),
                .fieldset(
                    .legend(t("family.siblings")), .p(.class("hint"), .plainText(t("form.rowsHint"))),
                    .forEach(Array(siblings.enumerated())) { index, sibling in
                        let p = "siblings[\(index)]"
                        return .div(
                            .class("row-group"),
                            text("\(p).name", sibling.name), text("\(p).age", sibling.age, type: .number, rowRequired: true),
                            text("\(p).schoolOrDaycare", sibling.schoolOrDaycare), text("\(p).supportNeeds", sibling.supportNeeds))
                    }),
                .fieldset(
                    .legend(t("family.network")), .p(.class("hint"), .plainText(t("form.rowsHint"))),
                    .forEach(Array(network.enumerated())) { index, contact in
                        let p = "network[\(index)]"
                        return .div(
                            .class("row-group"),
                            choice("\(p).role", NetworkRole.self, prefix: "networkRole", selected: contact.role, rowRequired: true),
                            text("\(p).name", contact.name), text("\(p).organisation", contact.organisation),
                            text("\(p).phone", contact.phone, type: .tel), text("\(p).email", contact.email, type: .email))
                    }),
                FormFields.submit(t(family == nil ? "family.create" : "action.save"), id: "save-family")))
    }
}
