import Foundation
import LindringCore
import LindringStore
import Plot

/// The contact form, filled while on the phone. In tab order: the call, the patient (look-up
/// and the plan's essentials), reasons, SBAR, triage, actions, outcome, follow-up. Enter in a
/// field looks up the patient (the first button) and never saves by accident; Ctrl+Enter saves.
enum ContactFormView {
    /// Where the keyboard focus starts when the form is shown: on a fresh form the caller's
    /// role; after a look-up the first result (Enter chooses it) or the search field again; after
    /// choosing, the patient's plan. A refused save leaves it to the error summary.
    enum Focus {
        case callerRole, firstResult, patientQuery, chosenPatient, errorSummary
    }

    struct PatientPanel {
        var results: [PatientListItem]?
        var chosen: (patient: Patient, plan: PlanContent?)?
        /// A patient is linked whose plan this user may not see (no consent to sharing).
        var restricted = false
        /// ... and the user may break the glass for them.
        var canBreakTheGlass = false
        /// The chosen patient is read through broken glass.
        var brokeTheGlass = false
        /// A patient the user may not read, found by an exact CPR number: breaking the glass is offered.
        var restrictedMatch: RestrictedMatch?
    }

    struct RestrictedMatch: Sendable {
        let patientId: UUID
        /// The user broke the glass for this patient in this session: the patient may be linked.
        let granted: Bool
    }

    /// Breaking the glass for a patient found while documenting a call leads back to this contact
    /// (same contact id) with the patient chosen.
    static func breakGlassLink(patientId: UUID, contactId: UUID) -> String {
        let back = Routes.newContact() + "?contact=\(contactId.uuidString)&patient=\(patientId.uuidString)"
        return Routes.breakGlass(patientId) + "?returnTo="
            + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "/-_"))) ?? "")
    }

    static func breakGlassOffer(_ t: Localizer, form: ContactForm, match: RestrictedMatch) -> Node<HTML.FormContext> {
        .div(
            .class("notice warning"), .id("break-glass-offer"), .attribute(named: "role", value: "status"),
            match.granted
                ? .group(
                    .p(.plainText(t("breakGlass.active"))),
                    .button(
                        .type(.submit), .name("selectPatient"), .value(match.patientId.uuidString), .class("button secondary"),
                        .plainText(t("contact.linkGrantedPatient"))))
                : .group(.p(.plainText(t("contact.restrictedMatch"))), breakGlassButton(t, form: form, patientId: match.patientId)))
    }

    static func breakGlassButton(_ t: Localizer, form: ContactForm, patientId: UUID) -> Node<HTML.FormContext> {
        .p(
            .a(
                .class("button secondary"), .id("break-glass"), .href(HTMLEscaping.escape(breakGlassLink(patientId: patientId, contactId: form.id))),
                .plainText(t("breakGlass.action"))))
    }

    static func render(
        _ page: PageContext, form: ContactForm, patientPanel: PatientPanel, units: [OrgUnit], onDuty: Node<HTML.BodyContext>,
        errors: [FieldError], focus: Focus,
        pathways: [CommunicationPathway] = []
    ) -> HTML {
        let t = page.t
        let draft = form.draft
        let options: ([String], String) -> [(value: String, label: String)] = { values, prefix in values.map { ($0, t("\(prefix).\($0)")) } }
        let unitOptions = units.map { (value: $0.id.uuidString, label: $0.name) }
        let labels = Dictionary(uniqueKeysWithValues: fieldNames.map { ($0, t("contact.field.\($0)")) })
        return Layout.page(
            page, title: t("contact.new"), bodyClass: "advisory",
            onDuty,
            .div(
                .class("page-heading"), .h1(.plainText(t("contact.new"))),
                .p(.class("hint"), .plainText(t("contact.keyboardHint")))),
            PathwayPanel.render(t, pathways),
            .form(
                .method(.post), .action(Routes.newContact()), .id("contact-form"), .attribute(named: "novalidate", value: "novalidate"),
                Layout.csrfField(page),
                FormFields.sessionBanner(t),
                .input(.type(.hidden), .name("contactId"), .value(form.id.uuidString)),
                .unwrap(form.patientUUID) { .input(.type(.hidden), .name("patientId"), .value($0.uuidString)) },
                FormFields.errorSummary(t, errors, labels: labels),
                FormFields.requiredNote(t),
                .fieldset(
                    .class("form-section"), .legend(t("contact.section.call")),
                    .div(
                        .class("grid"),
                        FormFields.text(
                            t, name: "startedAt", label: labels["startedAt"]!, value: draft.startedAt?.text, errors: errors,
                            type: .init(rawValue: "datetime-local") ?? .text, required: true),
                        FormFields.text(
                            t, name: "endedAt", label: labels["endedAt"]!, value: draft.endedAt?.text, errors: errors,
                            type: .init(rawValue: "datetime-local") ?? .text, hint: t("contact.endedAtHint")),
                        FormFields.select(
                            t, name: "callerRole", label: labels["callerRole"]!,
                            options: options(AdvisoryOpenAPI.values(CallerRole.self), "callerRole"),
                            selected: draft.callerRole, errors: errors, required: true, includeEmpty: t("form.choose"),
                            autofocus: focus == .callerRole
                        ),
                        FormFields.text(t, name: "callerName", label: labels["callerName"]!, value: draft.callerName, errors: errors, maxLength: 200),
                        FormFields.text(t, name: "callerPhone", label: labels["callerPhone"]!, value: draft.callerPhone, errors: errors, type: .tel),
                        FormFields.select(
                            t, name: "callerUnitId", label: labels["callerUnitId"]!, options: unitOptions, selected: draft.callerUnitId,
                            errors: errors, includeEmpty: "–"),
                        FormFields.select(
                            t, name: "channel", label: labels["channel"]!, options: options(AdvisoryOpenAPI.values(ContactChannel.self), "channel"),
                            selected: draft.channel, errors: errors),
                        FormFields.select(
                            t, name: "direction", label: labels["direction"]!,
                            options: options(AdvisoryOpenAPI.values(ContactDirection.self), "direction"), selected: draft.direction, errors: errors))),
                patientSection(page, form: form, panel: patientPanel, units: UnitDirectory(units), errors: errors, focus: focus),
                .fieldset(
                    .class("form-section"), .legend(t("contact.section.reasons")),
                    FormFields.checkboxes(
                        t, name: "reasons", legend: labels["reasons"]!, options: options(AdvisoryOpenAPI.values(ContactReason.self), "reason"),
                        checked: Set(draft.reasons ?? []), errors: errors, required: true)),
                .fieldset(
                    .class("form-section"), .legend(t("contact.section.sbar")),
                    .forEach([
                        ("situation", draft.situation), ("background", draft.background), ("assessment", draft.assessment),
                        ("recommendation", draft.recommendation),
                    ]) { name, value in
                        FormFields.textarea(t, name: name, label: labels[name]!, value: value, errors: errors, hint: t("contact.hint.\(name)"))
                    }),
                .fieldset(
                    .class("form-section"), .legend(t("contact.section.triage")),
                    triageChoices(t, selected: draft.triage, errors: errors),
                    FormFields.checkboxes(
                        t, name: "actions", legend: labels["actions"]!, options: options(AdvisoryOpenAPI.values(ContactAction.self), "contactAction"),
                        checked: Set(draft.actions ?? []), errors: errors),
                    .div(
                        .class("grid"),
                        FormFields.select(
                            t, name: "outcome", label: labels["outcome"]!, options: options(AdvisoryOpenAPI.values(ContactOutcome.self), "outcome"),
                            selected: draft.outcome, errors: errors, required: true, includeEmpty: t("form.choose")),
                        FormFields.select(
                            t, name: "stayedAtHome", label: labels["stayedAtHome"]!,
                            options: [("true", t("form.yes")), ("false", t("form.no"))], selected: draft.stayedAtHome.map(String.init),
                            errors: errors,
                            includeEmpty: t("contact.notApplicable")))),
                .fieldset(
                    .class("form-section"), .legend(t("contact.section.followUp")),
                    .p(.class("hint"), .plainText(t("contact.followUpHint"))),
                    .div(
                        .class("grid"),
                        FormFields.select(
                            t, name: "followUp.unitId", label: labels["followUp.unitId"]!, options: unitOptions, selected: draft.followUp?.unitId,
                            errors: errors, includeEmpty: t("contact.keyWorkerUnitDefault")),
                        FormFields.text(
                            t, name: "followUp.dueAt", label: labels["followUp.dueAt"]!, value: draft.followUp?.dueAt?.text, errors: errors,
                            type: .init(rawValue: "datetime-local") ?? .text, hint: t("contact.dueHint"))),
                    FormFields.textarea(t, name: "followUp.text", label: labels["followUp.text"]!, value: draft.followUp?.text, errors: errors)),
                .div(
                    .class("actions sticky-actions"),
                    .button(
                        .type(.submit), .name("intent"), .value("save"), .id("save-contact"), .class("button primary"),
                        .attribute(named: "aria-keyshortcuts", value: "Control+Enter"), .plainText(t("contact.save"))),
                    .a(.class("button secondary"), .href(Routes.advisory()), .plainText(t("action.cancel")))))
        )
    }

    static let fieldNames = [
        "startedAt", "endedAt", "channel", "direction", "callerRole", "callerName", "callerPhone", "callerUnitId", "patientId",
        "reasons", "situation", "background", "assessment", "recommendation", "triage", "actions", "outcome", "stayedAtHome",
        "followUp.unitId", "followUp.dueAt", "followUp.text", "patientQuery",
    ]

    static func patientSection(
        _ page: PageContext, form: ContactForm, panel: PatientPanel, units: UnitDirectory, errors: [FieldError],
        focus: Focus
    ) -> Node<HTML.FormContext> {
        let t = page.t
        return .fieldset(
            .class("form-section"), .id("patient-section"), .legend(t("contact.section.patient")),
            .div(
                .class("search-row"),
                FormFields.text(
                    t, name: "patientQuery", label: t("contact.field.patientQuery"), value: form.patientQuery, errors: errors,
                    type: .search, hint: t("contact.patientQueryHint"), autofocus: focus == .patientQuery, maxLength: 100),
                .button(
                    .type(.submit), .name("intent"), .value("find"), .id("find-patient"), .class("button secondary"),
                    .plainText(t("contact.findPatient")))),
            .unwrap(panel.results) { results in
                let today = LocalDate(Date(), in: DanishCalendar.timeZone)
                let municipalities = MunicipalityUnits.names(units.byId.values)
                return results.isEmpty
                    ? .p(.class("notice"), .attribute(named: "role", value: "status"), .plainText(t("contact.noPatientFound")))
                    : .ul(
                        .class("patient-results"), .attribute(named: "aria-label", value: t("contact.results")),
                        .forEach(Array(results.enumerated())) { index, p in
                            .li(
                                .button(
                                    .type(.submit), .name("selectPatient"), .value(p.id.uuidString), .class("button-link result"),
                                    .if(index == 0 && focus == .firstResult, .attribute(named: "autofocus", value: "autofocus")),
                                    .plainText(
                                        "\(p.name) · \(p.cpr.masked) · \(PatientViews.born(t, p.birthDate, today: today)) · "
                                            + PatientViews.whereabouts(p.address, municipality: municipalities[p.municipalityCode ?? ""]))))
                        })
            },
            .unwrap(panel.chosen) { chosen in
                .div(
                    .class("chosen-patient"), .id("chosen-patient"),
                    .h3(
                        .plainText(chosen.patient.name), .span(.class("hint"), .plainText(" · \(chosen.patient.cpr.formatted)")),
                        .attribute(named: "tabindex", value: "-1"), .if(focus == .chosenPatient, .attribute(named: "autofocus", value: "autofocus"))),
                    .if(panel.brokeTheGlass, .p(.class("notice warning"), .plainText(t("breakGlass.active")))),
                    .div(
                        .class("heading-actions"),
                        .a(
                            .class("button secondary"), .href(Routes.patient(chosen.patient.id) + "?contact=\(form.id.uuidString)"),
                            .target(.blank), .id("open-plan"), .plainText(t("contact.openPlan"))),
                        .button(.type(.submit), .name("selectPatient"), .value("none"), .class("button-link"), .plainText(t("contact.removePatient")))
                    ),
                    // The plan's cards are body content; rendered by Plot (text escaped) and placed in the form as they are.
                    .unwrap(chosen.plan) { plan in
                        .raw(PlanViews.urgentCards(t, plan, units: units).render() + PlanViews.contingencies(t, plan).render())
                    },
                    .if(chosen.plan == nil, .p(.class("notice warning"), .plainText(t("contact.noPlan")))))
            },
            .if(
                panel.restricted,
                .div(
                    .class("notice warning"), .p(.plainText(t("contact.patientRestricted"))),
                    .if(panel.canBreakTheGlass, .unwrap(form.patientUUID) { breakGlassButton(t, form: form, patientId: $0) }),
                    .button(.type(.submit), .name("selectPatient"), .value("none"), .class("button-link"), .plainText(t("contact.removePatient"))))),
            .unwrap(panel.restrictedMatch) { breakGlassOffer(t, form: form, match: $0) },
            .if(panel.chosen == nil && form.patientUUID == nil, .p(.class("hint"), .plainText(t("contact.noPatientHint")))))
    }

    static func triageChoices(_ t: Localizer, selected: String?, errors: [FieldError]) -> Node<HTML.FormContext> {
        let error = errors.first { $0.field == "triage" }
        return .fieldset(
            .id("triage"), .class(error == nil ? "field triage-choices" : "field triage-choices has-error"),
            .attribute(named: "role", value: "radiogroup"), .attribute(named: "aria-required", value: "true"),
            FormFields.legend(t("contact.field.triage"), required: true),
            .unwrap(error) { .p(.class("field-error"), .plainText(FormFields.message(t, $0.code))) },
            .forEach(Triage.allCases) { level in
                .div(
                    .class("radio triage-\(level.rawValue)"),
                    .input(
                        .type(.radio), .id("triage-\(level.rawValue)"), .name("triage"), .value(level.rawValue), .checked(selected == level.rawValue),
                        .attribute(named: "aria-describedby", value: "triage-\(level.rawValue)-guidance")),
                    .label(.for("triage-\(level.rawValue)"), .strong(.plainText(t.label("triage", level)))),
                    .span(.class("hint"), .id("triage-\(level.rawValue)-guidance"), .plainText(" – " + t(FollowUpDue.guidanceKey(level)))))
            })
    }
}
