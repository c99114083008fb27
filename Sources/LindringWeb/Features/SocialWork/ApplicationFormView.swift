import Foundation
import LindringCore
import LindringStore
import Plot

/// An application: the benefit and its submission, then the decision and the appeal as they come.
/// The deadlines are computed when it is saved, and shown here once it has been.
enum ApplicationFormView {
    static func page(
        _ page: PageContext, form: ApplicationForm, family: FamilyCase, stored: ApplicationRecord?, benefits: [BenefitEntry],
        errors: [FieldError]
    ) -> HTML {
        let t = page.t
        let draft = form.draft
        let title = t(stored == nil ? "application.newFor" : "application.editFor", ["child": family.child.name])
        let action = stored.map { Routes.editApplication($0.id) } ?? Routes.newApplication(family.id)
        func label(_ field: String) -> String { t("application.field.\(field)") }
        func date(_ name: String, _ value: String?, required: Bool = false, hint: String? = nil) -> Node<HTML.FormContext> {
            FormFields.text(t, name: name, label: label(name), value: value, errors: errors, type: .date, required: required, hint: hint)
        }
        func choice<T: RawRepresentable & CaseIterable>(
            _ name: String, _ type: T.Type, prefix: String, selected: String?, empty: String
        )
            -> Node<HTML.FormContext> where T.RawValue == String
        {
            FormFields.select(
                t, name: name, label: label(name), options: T.allCases.map { ($0.rawValue, t("\(prefix).\($0.rawValue)")) }, selected: selected,
                errors: errors, includeEmpty: empty)
        }
        let labels = Dictionary(errors.map { ($0.field, label($0.field)) }, uniquingKeysWith: { first, _ in first })
        return Layout.page(
            page, title: title,
            .h1(.plainText(title)),
            .p(.a(.href(Routes.family(family.id) + "#applications"), .plainText("← " + t("family.back")))),
            .if(
                errors.contains { $0.field == "version" },
                .div(.class("notice warning"), .attribute(named: "role", value: "alert"), .p(.plainText(t("application.staleVersion"))))),
            .unwrap(stored) { record in
                .dl(
                    .class("facts"), .id("application-deadlines"),
                    .dt(.plainText(t("application.processingDueOn"))), .dd(.plainText(record.dates.processingDueOn.danish)),
                    .dt(.plainText(t("application.field.receivedOn"))), .dd(.plainText(record.dates.receivedOn?.danish ?? "–")),
                    .dt(.plainText(t("application.appealDueOn"))), .dd(.plainText(record.dates.appealDueOn?.danish ?? "–")))
            },
            .form(
                .method(.post), .action(action), .id("application-form"), .class("stacked"), .attribute(named: "novalidate", value: "novalidate"),
                Layout.csrfField(page),
                FormFields.sessionBanner(t),
                .unwrap(form.version) { .input(.type(.hidden), .name("version"), .value(HTMLEscaping.escape($0))) },
                FormFields.errorSummary(t, errors.filter { $0.field != "version" }, labels: labels),
                FormFields.requiredNote(t),
                .fieldset(
                    .legend(t("application.section.application")),
                    FormFields.select(
                        t, name: "benefit", label: label("benefit"),
                        options: benefits.map { ($0.code, "\(page.language == .danish ? $0.danishName : $0.englishName) – \($0.law)") },
                        selected: draft.benefit, errors: errors, required: true, includeEmpty: t("form.choose")),
                    choice(
                        "authority", BenefitAuthority.self, prefix: "authority", selected: draft.authority, empty: t("application.authorityDefault")),
                    date("submittedOn", draft.submittedOn, required: true, hint: t("application.submittedOnHint"))),
                .fieldset(
                    .legend(t("application.section.decision")),
                    .p(.class("hint"), .plainText(t("application.decisionHint"))),
                    date("decidedOn", draft.decidedOn),
                    choice("outcome", DecisionOutcome.self, prefix: "decisionOutcome", selected: draft.outcome, empty: "–"),
                    choice("sentVia", DecisionDelivery.self, prefix: "sentVia", selected: draft.sentVia, empty: "–"),
                    date("sentOn", draft.sentOn)),
                .fieldset(
                    .legend(t("application.section.appeal")),
                    choice(
                        "appealStatus", AppealStatus.self, prefix: "appealStatus", selected: draft.appealStatus ?? AppealStatus.none.rawValue,
                        empty: "–"),
                    date("reviewOn", draft.reviewOn, hint: t("application.reviewOnHint"))),
                FormFields.submit(t("action.save"), id: "save-application")))
    }
}
