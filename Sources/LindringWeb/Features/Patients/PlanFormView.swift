import Foundation
import LindringCore
import LindringStore
import Plot

/// The plan form. Repeating groups (care team, medication, contingencies) show their rows
/// plus blank ones to fill in; blank rows are ignored when saved.
enum PlanFormView {
    /// A field's label as the form shows it: `medications[0].drug` is "Præparat" beside the field.
    static func fieldLabel(_ t: Localizer, _ field: String) -> String {
        guard let row = FormName.row(field) else { return t("plan.field.\(field)") }
        switch (row.list, row.field) {
        case ("careTeam", "role"): return t("plan.member.role")
        case ("careTeam", "unitId"): return t("plan.member.unit")
        case ("careTeam", "dayPhone"): return t("units.dayPhone")
        case ("careTeam", "outOfHoursPhone"): return t("units.outOfHoursPhone")
        case ("contingencies", "callDay"): return t("plan.contingency.callDay")
        case ("contingencies", "callNight"): return t("plan.contingency.callNight")
        default: return t("plan.field.\(row.field)")
        }
    }

    /// A field's name in the error summary, where the row must be said too: "Medicin 2, præparat".
    static func summaryLabel(_ t: Localizer, _ field: String) -> String {
        guard let row = FormName.row(field) else { return fieldLabel(t, field) }
        return "\(t("plan.row.\(row.list)")) \(row.index + 1), \(fieldLabel(t, field).lowercased())"
    }

    struct Conflict {
        let authorName: String
        let version: Int
        let changes: [PlanChange]
        /// Fields both the user and the colleague changed; the form shows the user's value.
        let bothChanged: [String]
    }

    static func render(
        _ page: PageContext, patient: Patient, input: PlanInput, baseVersion: Int?, units: [OrgUnit], directory: UnitDirectory,
        errors: [FieldError], conflict: Conflict?, contactId: UUID? = nil
    ) -> HTML {
        let t = page.t
        let action = baseVersion == nil ? Routes.newPlan(patient.id) : Routes.editPlan(patient.id)
        let team = (input.careTeam ?? []) + Array(repeating: PlanInput.Member(), count: 2)
        let medications = (input.medications ?? []) + Array(repeating: PlanInput.Medication(), count: 2)
        let contingencies = (input.contingencies ?? []) + [PlanInput.ContingencyInput()]
        let unitOptions = units.map { ($0.id.uuidString, $0.name) }
        // `rowRequired`: required in each row of a repeating group that is used (the mark, no `required`).
        func select<E: CaseIterable & RawRepresentable>(
            _ name: String, _ type: E.Type, prefix: String, selected: String?, empty: String? = nil,
            rowRequired: Bool = false
        ) -> Node<HTML.FormContext> where E.RawValue == String {
            FormFields.select(
                t, name: name, label: fieldLabel(t, name),
                options: E.allCases.map { ($0.rawValue, t("\(prefix).\($0.rawValue)")) }, selected: selected, errors: errors,
                rowRequired: rowRequired, includeEmpty: empty)
        }
        func text(_ name: String, _ value: String?, type: HTMLInputType = .text, rowRequired: Bool = false) -> Node<HTML.FormContext> {
            FormFields.text(
                t, name: name, label: fieldLabel(t, name),
                value: value, errors: errors, type: type, rowRequired: rowRequired, maxLength: 2000)
        }
        return Layout.page(
            page, title: t("plan.editTitle", ["name": patient.name]),
            .p(.class("breadcrumb"), .a(.href(Routes.patient(patient.id)), .plainText("← " + patient.name))),
            .h1(.plainText(t("plan.editTitle", ["name": patient.name]))),
            .unwrap(conflict) { conflict in
                .div(
                    .class("form-error conflict"), .attribute(named: "role", value: "alert"),
                    .p(.strong(.plainText(t("plan.conflict", ["author": conflict.authorName, "version": String(conflict.version)])))),
                    PlanViews.changeList(t, conflict.changes, units: directory),
                    .p(.plainText(t("plan.conflictHelp"))),
                    .if(
                        !conflict.bothChanged.isEmpty,
                        .p(
                            .strong(
                                .plainText(
                                    t(
                                        "plan.conflictBoth",
                                        [
                                            "author": conflict.authorName,
                                            "fields": conflict.bothChanged.map { t("plan.field.\($0)") }.joined(separator: ", "),
                                        ]))))))
            },
            .form(
                .method(.post), .action(action), .class("stacked plan-form"), .attribute(named: "novalidate", value: "novalidate"),
                Layout.csrfField(page),
                FormFields.sessionBanner(t),
                .unwrap(baseVersion) { .input(.type(.hidden), .name("baseVersion"), .value(String($0))) },
                .unwrap(contactId) { .input(.type(.hidden), .name("contactId"), .value($0.uuidString)) },
                .unwrap(contactId) { _ in .div(.class("notice"), .p(.plainText(t("plan.fromContact")))) },
                FormFields.errorSummary(
                    t, errors, labels: Dictionary(errors.map { ($0.field, summaryLabel(t, $0.field)) }, uniquingKeysWith: { first, _ in first })),
                FormFields.requiredNote(t),
                .fieldset(
                    .legend(t("plan.careTeam")),
                    .p(.class("hint"), .plainText(t("plan.careTeamHint"))),
                    .forEach(Array(team.enumerated())) { index, member in
                        let p = "careTeam[\(index)]"
                        return .div(
                            .class("row-group"),
                            FormFields.select(
                                t, name: "\(p).role", label: fieldLabel(t, "\(p).role"),
                                options: CareTeamRole.allCases.map { ($0.rawValue, t.label("careTeamRole", $0)) },
                                selected: member.role, errors: errors, rowRequired: true, includeEmpty: t("form.choose")),
                            FormFields.select(
                                t, name: "\(p).unitId", label: fieldLabel(t, "\(p).unitId"), options: unitOptions,
                                selected: member.unitId, errors: errors, rowRequired: true, includeEmpty: t("form.choose")),
                            text("\(p).dayPhone", member.dayPhone, type: .tel),
                            text("\(p).outOfHoursPhone", member.outOfHoursPhone, type: .tel),
                            .input(.type(.hidden), .name(FormName.of("\(p).userId")), .value(HTMLEscaping.escape(member.userId ?? ""))))
                    }),
                .fieldset(
                    .legend(t("plan.decisions")),
                    select("resuscitation", Resuscitation.self, prefix: "resuscitation", selected: input.resuscitation, empty: t("plan.notDecided")),
                    select(
                        "treatmentLevel", TreatmentLevel.self, prefix: "treatmentLevel", selected: input.treatmentLevel, empty: t("plan.notDecided")),
                    text("decidedBy", input.decidedBy),
                    text("decisionDate", input.decisionDate, type: .date),
                    text("reviewDate", input.reviewDate, type: .date),
                    FormFields.checkbox(name: "livingWill", label: t("plan.field.livingWill"), checked: input.livingWill ?? false)),
                .fieldset(
                    .legend(t("plan.wishes")),
                    select("preferredPlaceOfCare", PreferredPlace.self, prefix: "preferredPlace", selected: input.preferredPlaceOfCare),
                    select("preferredPlaceOfDeath", PreferredPlace.self, prefix: "preferredPlace", selected: input.preferredPlaceOfDeath),
                    FormFields.textarea(
                        t, name: "whatMattersMost", label: t("plan.field.whatMattersMost"), value: input.whatMattersMost, errors: errors),
                    text("wishesDiscussedOn", input.wishesDiscussedOn, type: .date),
                    text("wishesDiscussedWith", input.wishesDiscussedWith)),
                .fieldset(
                    .legend(t("plan.field.prognosis")),
                    select("prognosis", Prognosis.self, prefix: "prognosis", selected: input.prognosis),
                    FormFields.checkbox(
                        name: "patientKnowsPrognosis", label: t("plan.field.patientKnowsPrognosis"), checked: input.patientKnowsPrognosis ?? false),
                    FormFields.checkbox(
                        name: "relativesKnowPrognosis", label: t("plan.field.relativesKnowPrognosis"), checked: input.relativesKnowPrognosis ?? false)
                ),
                .fieldset(
                    .legend(t("plan.medications")), .p(.class("hint"), .plainText(t("form.rowsHint"))),
                    .forEach(Array(medications.enumerated())) { index, m in
                        let p = "medications[\(index)]"
                        return .div(
                            .class("row-group"),
                            text("\(p).drug", m.drug, rowRequired: true), text("\(p).strength", m.strength, rowRequired: true),
                            text("\(p).dose", m.dose, rowRequired: true),
                            select(
                                "\(p).route", MedicationRoute.self, prefix: "route", selected: m.route, empty: t("form.choose"), rowRequired: true),
                            select(
                                "\(p).indication", MedicationIndication.self, prefix: "indication", selected: m.indication, empty: t("form.choose"),
                                rowRequired: true),
                            text("\(p).maxPer24h", m.maxPer24h), text("\(p).prescribedBy", m.prescribedBy),
                            text("\(p).date", m.date, type: .date),
                            FormFields.checkbox(
                                name: "\(p).availableInHome", label: t("plan.field.availableInHome"), checked: m.availableInHome ?? false))
                    }),
                FormFields.checkboxes(
                    t, name: "equipment", legend: t("plan.field.equipment"),
                    options: HomeEquipment.allCases.map { ($0.rawValue, t.label("equipment", $0)) },
                    checked: Set(input.equipment ?? []), errors: errors),
                .fieldset(
                    .legend(t("plan.contingencies")), .p(.class("hint"), .plainText(t("form.rowsHint"))),
                    .forEach(Array(contingencies.enumerated())) { index, c in
                        let p = "contingencies[\(index)]"
                        return .div(
                            .class("row-group"),
                            text("\(p).situation", c.situation, rowRequired: true), text("\(p).action", c.action, rowRequired: true),
                            text("\(p).callDay", c.callDay), text("\(p).callNight", c.callNight))
                    }),
                .fieldset(
                    .legend(t("plan.field.status")),
                    select("status", PlanStatus.self, prefix: "planStatus", selected: input.status),
                    select("endReason", EndReason.self, prefix: "endReason", selected: input.endReason, empty: "–"),
                    text("dateOfDeath", input.dateOfDeath, type: .date),
                    select("placeOfDeath", PlaceOfDeath.self, prefix: "placeOfDeath", selected: input.placeOfDeath, empty: "–")),
                FormFields.submit(t("action.save"))))
    }
}
