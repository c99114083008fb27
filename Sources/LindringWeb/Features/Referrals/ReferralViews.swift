import Foundation
import LindringCore
import LindringStore
import Plot

/// The referral form, made for speed: one screen, today and the user's own unit filled in, the
/// choices as buttons; and the patient page's list of referrals.
enum ReferralViews {
    static func form(
        _ page: PageContext, patient: Patient, action: String, form: ReferralForm, errors: [FieldError], units: [OrgUnit],
        eortcCompletedOn: LocalDate?, isNew: Bool
    ) -> HTML {
        let t = page.t
        let d = form.draft
        let sorted = units.sorted { $0.name < $1.name }
        let receiving = sorted.filter { [.palliativeTeam, .hospice, .paediatricTeam].contains($0.kind) }
        let labels = Dictionary(uniqueKeysWithValues: fields.map { ($0, t("referral.field.\($0)")) })
        return Layout.page(
            page, title: t(isNew ? "referral.new" : "referral.edit"),
            .h1(.plainText(t(isNew ? "referral.new" : "referral.edit"))),
            .p(.class("patient-line"), .plainText("\(patient.name) · \(patient.cpr.formatted)")),
            .if(errors.contains { $0.code == .staleVersion }, .div(.class("notice warning"), .p(.plainText(t("referral.stale"))))),
            .form(
                .method(.post), .action(action), .class("stacked referral-form"),
                Layout.csrfField(page),
                .input(.type(.hidden), .name("baseVersion"), .value(form.baseVersion ?? "")),
                FormFields.requiredNote(t),
                FormFields.errorSummary(t, errors.filter { $0.field != "baseVersion" }, labels: labels),
                .div(
                    .class("form-grid"),
                    FormFields.text(
                        t, name: "receivedOn", label: labels["receivedOn"]!, value: d.receivedOn, errors: errors, type: .date, required: true),
                    FormFields.select(
                        t, name: "receivingUnitId", label: labels["receivingUnitId"]!, options: receiving.map { ($0.id.uuidString, $0.name) },
                        selected: d.receivingUnitId, errors: errors, required: true, includeEmpty: t("form.choose")),
                    FormFields.select(
                        t, name: "referringUnitId", label: labels["referringUnitId"]!, options: sorted.map { ($0.id.uuidString, $0.name) },
                        selected: d.referringUnitId, errors: errors, required: true, includeEmpty: t("form.choose")),
                    FormFields.select(
                        t, name: "diagnosisGroup", label: labels["diagnosisGroup"]!, options: t.options("diagnosisGroup", DiagnosisGroup.self),
                        selected: d.diagnosisGroup, errors: errors, required: true)),
                radios(
                    t, name: "status", legend: labels["status"]!, options: t.options("referralStatus", ReferralStatus.self), selected: d.status,
                    errors: errors),
                .div(
                    .class("form-grid"),
                    FormFields.text(
                        t, name: "firstContactOn", label: labels["firstContactOn"]!, value: d.firstContactOn, errors: errors, type: .date,
                        hint: t("referral.hint.firstContactOn")),
                    FormFields.select(
                        t, name: "notReachedReason", label: labels["notReachedReason"]!,
                        options: t.options("notReachedReason", NotReachedReason.self), selected: d.notReachedReason, errors: errors,
                        includeEmpty: "–")),
                .div(
                    .class("form-grid"),
                    FormFields.checkbox(
                        name: "discussedAtConference", label: labels["discussedAtConference"]!, checked: d.discussedAtConference == true),
                    FormFields.text(t, name: "conferenceOn", label: labels["conferenceOn"]!, value: d.conferenceOn, errors: errors, type: .date)),
                .p(
                    .class("hint"),
                    .plainText(
                        eortcCompletedOn.map { t("referral.eortc.found", ["date": $0.danish]) } ?? t("referral.eortc.notFound"))),
                FormFields.select(
                    t, name: "eortcNotDoneReason", label: labels["eortcNotDoneReason"]!,
                    options: t.options("eortcNotDoneReason", EORTCNotDoneReason.self), selected: d.eortcNotDoneReason, errors: errors,
                    includeEmpty: "–"),
                .div(
                    .class("actions button-row"),
                    .button(.type(.submit), .class("button primary"), .plainText(t("referral.save"))),
                    .a(.class("button secondary"), .href(Routes.patient(patient.id) + "#referrals"), .plainText(t("action.cancel"))))))
    }

    static let fields = [
        "receivedOn", "receivingUnitId", "referringUnitId", "diagnosisGroup", "status", "firstContactOn", "notReachedReason",
        "discussedAtConference", "conferenceOn", "eortcNotDoneReason",
    ]

    /// A choice as a row of radio buttons: one tap each.
    static func radios(
        _ t: Localizer, name: String, legend: String, options: [(value: String, label: String)], selected: String?, errors: [FieldError]
    ) -> Node<HTML.FormContext> {
        let error = errors.first { $0.field == name }
        return .fieldset(
            .id(name), .class(error == nil ? "field radios inline-radios" : "field radios inline-radios has-error"),
            FormFields.legend(legend, required: true, spoken: FormFields.message(t, .required)),
            .unwrap(error) { .p(.class("field-error"), .plainText(FormFields.message(t, $0.code))) },
            .forEach(options) { option in
                .div(
                    .class("radio"),
                    .input(
                        .type(.radio), .id("\(name)-\(option.value)"), .name(name), .value(option.value), .checked(option.value == selected)),
                    .label(.for("\(name)-\(option.value)"), .plainText(option.label)))
            })
    }

    /// The patient page's referrals: status, days to first contact, and a link to change each.
    static func section(
        _ t: Localizer, patientId: UUID, _ referrals: [ReferralService.Shown], canWrite: Bool, units: UnitDirectory
    ) -> Node<HTML.BodyContext> {
        .section(
            .id("referrals"),
            .div(
                .class("section-heading"),
                .h2(.plainText(t("referral.title"))),
                .if(canWrite, .a(.class("button secondary"), .href(Routes.newReferral(patientId)), .plainText(t("referral.new"))))),
            .if(referrals.isEmpty, .p(.class("hint"), .plainText(t("referral.none")))),
            .if(
                !referrals.isEmpty,
                .div(
                    .class("table-wrap"),
                    .table(
                        .caption(.plainText(t("referral.title"))),
                        .thead(
                            .tr(
                                .th(.plainText(t("referral.field.receivedOn"))), .th(.plainText(t("referral.field.receivingUnitId"))),
                                .th(.plainText(t("referral.field.status"))), .th(.plainText(t("referral.days"))),
                                .th(.plainText(t("referral.conference"))), .th(.plainText("EORTC")), .th())),
                        .tbody(
                            .forEach(referrals) { shown in
                                let r = shown.stored.referral
                                return .tr(
                                    .td(.plainText(r.receivedOn.danish)), .td(.plainText(units.name(r.receivingUnitId))),
                                    .td(
                                        .plainText(
                                            t.label("referralStatus", r.status)
                                                + (r.notReachedReason.map { " (" + t.label("notReachedReason", $0) + ")" } ?? ""))),
                                    .td(.plainText(r.daysToFirstContact.map(String.init) ?? "–")),
                                    .td(.plainText(r.discussedAtConference ? (r.conferenceOn?.danish ?? t("yes")) : t("no"))),
                                    .td(
                                        .plainText(
                                            shown.eortcCompletedOn?.danish ?? r.eortcNotDoneReason.map { t.label("eortcNotDoneReason", $0) } ?? "–")),
                                    .td(.if(canWrite, .a(.href(Routes.editReferral(shown.stored.id)), .plainText(t("referral.change"))))))
                            })))))
    }
}
