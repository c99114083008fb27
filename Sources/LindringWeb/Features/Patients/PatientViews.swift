import Foundation
import LindringCore
import LindringStore
import Plot

enum PatientViews {
    /// "12.03.1940 (86 år)": what tells two patients of one name apart, with the address.
    static func born(_ t: Localizer, _ birthDate: LocalDate, today: LocalDate) -> String {
        "\(birthDate.danish) (\(t("patient.age", ["age": String(birthDate.years(until: today))])))"
    }

    /// "Strandvejen 12, 2900 Hellerup · Gentofte", or what is known of it.
    static func whereabouts(_ address: String?, municipality: String?) -> String {
        let parts = [address, municipality].compactMap { $0 }
        return parts.isEmpty ? "–" : parts.joined(separator: " · ")
    }

    static func list(
        _ page: PageContext, query: String, results: [PatientListItem]?, restrictedMatch: UUID?, canCreate: Bool, errors: [FieldError],
        municipalities: [String: String] = [:], today: LocalDate = LocalDate(Date(), in: DanishCalendar.timeZone)
    ) -> HTML {
        let t = page.t
        return Layout.page(
            page, title: t("patients.title"),
            .div(
                .class("page-heading"),
                .h1(.plainText(t("patients.title"))),
                .if(canCreate, .a(.class("button primary"), .href(Routes.newPatient()), .plainText(t("patients.new"))))),
            // Sent by POST, so that a CPR number searched for stays out of addresses, proxy logs and history.
            .form(
                .class("filters"), .method(.post), .action(Routes.patients()), .attribute(named: "role", value: "search"),
                Layout.csrfField(page),
                FormFields.text(
                    t, name: "q", label: t("patients.search"), value: query, errors: errors, type: .search,
                    hint: t("patients.searchHint"), autofocus: true, maxLength: 100),
                .div(.class("actions"), .button(.type(.submit), .class("button primary"), .plainText(t("audit.search"))))),
            .unwrap(restrictedMatch) { id in
                .div(
                    .class("notice warning"), .attribute(named: "role", value: "status"),
                    .p(.plainText(t("patients.restrictedMatch"))),
                    .p(.a(.class("button secondary"), .href(Routes.breakGlass(id)), .plainText(t("breakGlass.action")))))
            },
            .unwrap(results) { results in
                results.isEmpty
                    ? .p(.plainText(t("patients.noResults")))
                    : .div(
                        .class("table-wrap"),
                        .table(
                            .caption(.plainText(t("patients.title"))),
                            .thead(
                                .tr(
                                    .th(.plainText(t("patient.name"))), .th(.plainText(t("patient.cpr"))), .th(.plainText(t("patient.born"))),
                                    .th(.plainText(t("patient.address"))), .th(.plainText(t("plan.title"))))),
                            .tbody(
                                .forEach(results) { item in
                                    .tr(
                                        .td(.a(.href(Routes.patient(item.id)), .plainText(item.name))), .td(.plainText(item.cpr.masked)),
                                        .td(.plainText(born(t, item.birthDate, today: today))),
                                        .td(
                                            .plainText(whereabouts(item.address, municipality: item.municipalityCode.flatMap { municipalities[$0] }))),
                                        .td(.plainText(item.planStatus.map { t.label("planStatus", $0) } ?? t("plan.none"))))
                                })))
            })
    }

    /// What a user is told of a CPR number that is already registered: the patient only if
    /// they may read them.
    static func duplicateNotice(_ t: Localizer, _ duplicate: DuplicatePatient) -> Node<HTML.BodyContext> {
        if let id = duplicate.readablePatientId {
            return .div(.class("notice"), .id("duplicate-patient"), .a(.href(Routes.patient(id)), .plainText(t("patient.duplicate.open"))))
        }
        return .div(
            .class("notice warning"), .id("duplicate-patient"),
            .p(.plainText(t("patient.duplicate.restricted"))),
            .if(duplicate.canBreakTheGlass, .p(.a(.href(Routes.breakGlass(duplicate.patientId)), .plainText(t("patient.duplicate.breakGlass"))))))
    }

    static func patientForm(
        _ page: PageContext, draft: PatientDraft, patientId: UUID?, gps: [OrgUnit], municipalities: [OrgUnit],
        errors: [FieldError], duplicate: DuplicatePatient? = nil
    ) -> HTML {
        let t = page.t
        let title = patientId == nil ? t("patients.new") : t("patient.edit")
        let labels = [
            "cpr": t("patient.cpr"), "name": t("patient.name"), "address": t("patient.address"), "municipalityCode": t("patient.municipality"),
            "phone": t("patient.phone"),
            "gpUnitId": t("patient.gp"), "diagnosisGroup": t("patient.diagnosisGroup"), "icd10": t("patient.icd10"),
            "language": t("patient.language"), "sharingConsent": t("patient.consent"), "relatives": t("patient.relatives"),
        ]
        let relatives = (draft.relatives ?? []) + Array(repeating: PatientDraft.RelativeInput(), count: 2)
        return Layout.page(
            page, title: title,
            .p(.class("breadcrumb"), .a(.href(patientId.map { Routes.patient($0) } ?? Routes.patients()), .plainText("← " + t("action.back")))),
            .h1(.plainText(title)),
            .unwrap(duplicate) { duplicateNotice(t, $0) },
            .form(
                .method(.post), .action(patientId.map { Routes.editPatient($0) } ?? Routes.newPatient()), .class("stacked"),
                .attribute(named: "novalidate", value: "novalidate"),
                Layout.csrfField(page),
                FormFields.sessionBanner(t),
                FormFields.errorSummary(t, errors, labels: labels),
                FormFields.requiredNote(t),
                patientId == nil
                    ? FormFields.text(
                        t, name: "cpr", label: labels["cpr"]!, value: draft.cpr, errors: errors, required: true,
                        autocomplete: "off", hint: t("patient.cprHint"), maxLength: 11)
                    : .p(.plainText("\(labels["cpr"]!): \((try? CPRNumber(draft.cpr ?? ""))?.formatted ?? "")")),
                FormFields.text(
                    t, name: "name", label: labels["name"]!, value: draft.name, errors: errors, required: true, autocomplete: "off", maxLength: 200),
                FormFields.text(
                    t, name: "address", label: labels["address"]!, value: draft.address, errors: errors, autocomplete: "off",
                    hint: t("patient.addressHint"), maxLength: 200),
                FormFields.select(
                    t, name: "municipalityCode", label: labels["municipalityCode"]!,
                    options: MunicipalityUnits.options(municipalities).map { ($0.code, $0.name) },
                    selected: draft.municipalityCode, errors: errors, includeEmpty: t("form.choose")),
                FormFields.text(
                    t, name: "phone", label: labels["phone"]!, value: draft.phone, errors: errors, type: .tel, autocomplete: "off", maxLength: 25),
                FormFields.select(
                    t, name: "gpUnitId", label: labels["gpUnitId"]!, options: gps.map { ($0.id.uuidString, $0.name) },
                    selected: draft.gpUnitId, errors: errors, includeEmpty: t("form.choose")),
                FormFields.select(
                    t, name: "diagnosisGroup", label: labels["diagnosisGroup"]!,
                    options: DiagnosisGroup.allCases.map { ($0.rawValue, t.label("diagnosisGroup", $0)) },
                    selected: draft.diagnosisGroup, errors: errors, required: true, includeEmpty: t("form.choose")),
                FormFields.text(
                    t, name: "icd10", label: labels["icd10"]!, value: draft.icd10, errors: errors, hint: t("patient.icd10Hint"), maxLength: 10),
                FormFields.text(t, name: "language", label: labels["language"]!, value: draft.language, errors: errors, maxLength: 60),
                FormFields.checkbox(name: "interpreterNeeded", label: t("patient.interpreterNeeded"), checked: draft.interpreterNeeded ?? false),
                FormFields.select(
                    t, name: "sharingConsent", label: labels["sharingConsent"]!,
                    options: SharingConsent.allCases.map { ($0.rawValue, t.label("consent", $0)) },
                    selected: draft.sharingConsent ?? SharingConsent.notAsked.rawValue, errors: errors),
                .fieldset(
                    .class("rows"), .legend(labels["relatives"]!), .p(.class("hint"), .plainText(t("form.rowsHint"))),
                    .forEach(Array(relatives.enumerated())) { index, relative in
                        let p = "relatives[\(index)]"
                        return .div(
                            .class("row-group"),
                            FormFields.text(
                                t, name: "\(p).name", label: t("relative.name"), value: relative.name, errors: errors, rowRequired: true,
                                maxLength: 200),
                            FormFields.text(
                                t, name: "\(p).relation", label: t("relative.relation"), value: relative.relation, errors: errors, rowRequired: true,
                                maxLength: 100),
                            FormFields.text(
                                t, name: "\(p).phone", label: t("relative.phone"), value: relative.phone, errors: errors, type: .tel, maxLength: 25),
                            FormFields.checkbox(
                                name: "\(p).primaryContact", label: t("relative.primaryContact"), checked: relative.primaryContact ?? false),
                            FormFields.checkbox(
                                name: "\(p).livesWithPatient", label: t("relative.livesWithPatient"), checked: relative.livesWithPatient ?? false),
                            FormFields.checkbox(
                                name: "\(p).powerOfAttorney", label: t("relative.powerOfAttorney"), checked: relative.powerOfAttorney ?? false))
                    }),
                FormFields.submit(t("action.save"))))
    }

    static func accessDenied(_ page: PageContext, denied: PatientGate.Denied) -> HTML {
        let t = page.t
        return Layout.document(
            page, title: t("error.status.403"),
            main:
                .main(
                    .id("main"), .class("error-page"), .attribute(named: "data-status", value: "403"), .attribute(named: "tabindex", value: "-1"),
                    .h1(.plainText(t("patients.accessDenied"))),
                    .p(.plainText(t("patients.accessDeniedExplained"))),
                    .if(
                        denied.canBreakTheGlass,
                        .p(.a(.class("button secondary"), .href(Routes.breakGlass(denied.patientId)), .plainText(t("breakGlass.action"))))),
                    .p(.a(.href(Routes.patients()), .plainText(t("patients.title"))))))
    }

    /// `returnTo`: where the user goes once the glass is broken (already a safe same-site path).
    static func breakGlassForm(_ page: PageContext, patientId: UUID, reason: String, errors: [FieldError], returnTo: String) -> HTML {
        let t = page.t
        return Layout.page(
            page, title: t("breakGlass.title"),
            .h1(.plainText(t("breakGlass.title"))),
            .div(.class("notice warning"), .p(.plainText(t("breakGlass.explained")))),
            .form(
                .method(.post), .action(Routes.breakGlass(patientId)), .class("stacked"),
                Layout.csrfField(page),
                .input(.type(.hidden), .name("returnTo"), .value(HTMLEscaping.escape(returnTo))),
                FormFields.errorSummary(t, errors, labels: ["reason": t("breakGlass.reason")]),
                FormFields.textarea(
                    t, name: "reason", label: t("breakGlass.reason"), value: reason, errors: errors, required: true,
                    hint: t("breakGlass.reasonHint")),
                FormFields.submit(t("breakGlass.submit"))))
    }

    static func accessLog(_ page: PageContext, patient: Patient, entries: [AuditEntry]) -> HTML {
        let t = page.t
        return Layout.page(
            page, title: t("patient.accessLog"),
            .p(.class("breadcrumb"), .a(.href(Routes.patient(patient.id)), .plainText("← " + patient.name))),
            .h1(.plainText(t("patient.accessLog"))),
            .p(.class("lead"), .plainText(t("patient.accessLogLead"))),
            .div(
                .class("table-wrap"),
                .table(
                    .caption(.plainText(t("patient.accessLog"))),
                    .thead(
                        .tr(
                            .th(.plainText(t("audit.time"))), .th(.plainText(t("audit.username"))), .th(.plainText(t("audit.role"))),
                            .th(.plainText(t("audit.action"))), .th(.plainText(t("audit.purpose"))), .th(.plainText(t("audit.outcome"))))),
                    .tbody(
                        .forEach(entries) { entry in
                            let r = entry.record
                            return .tr(
                                .class(r.outcome == .denied ? "denied" : ""),
                                .td(.plainText(Timestamps.display(r.at))), .td(.plainText(r.username ?? "–")),
                                .td(.plainText(r.role.map { t("role.\($0)") } ?? "–")), .td(.plainText(AuditWording.action(t, r.action))),
                                .td(.plainText(AuditWording.purpose(t, r.purpose))), .td(.plainText(t.label("outcome", r.outcome))))
                        }))))
    }
}
