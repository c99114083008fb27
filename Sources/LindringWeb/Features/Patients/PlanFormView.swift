import Foundation
import LindringCore
import LindringStore
import Plot

/// The plan form. Repeating groups (care team, medication, contingencies) show their rows
/// plus blank ones to fill in; blank rows are ignored when saved.
enum PlanFormView {
    struct Conflict {
        let authorName: String
        let version: Int
        let changes: [PlanChange]
        /// Fields both the user and the colleague changed; the form shows the user's value.
        let bothChanged: [String]
    }

    static func render(_ page: PageContext, patient: Patient, input: PlanInput, baseVersion: Int?, units: [OrgUnit], directory: UnitDirectory,
                       errors: [FieldError], conflict: Conflict?, contactId: UUID? = nil) -> HTML {
        let t = page.t
        let action = baseVersion == nil ? Routes.newPlan(patient.id) : Routes.editPlan(patient.id)
        let team = (input.careTeam ?? []) + Array(repeating: PlanInput.Member(), count: 2)
        let medications = (input.medications ?? []) + Array(repeating: PlanInput.Medication(), count: 2)
        let contingencies = (input.contingencies ?? []) + [PlanInput.ContingencyInput()]
        let unitOptions = units.map { ($0.id.uuidString, $0.name) }
        func select<E: CaseIterable & RawRepresentable>(_ name: String, _ type: E.Type, prefix: String, selected: String?, empty: String? = nil) -> Node<HTML.FormContext> where E.RawValue == String {
            FormFields.select(t, name: name, label: t("plan.field.\(name.split(separator: ".").last.map(String.init) ?? name)"),
                              options: E.allCases.map { ($0.rawValue, t("\(prefix).\($0.rawValue)")) }, selected: selected, errors: errors,
                              includeEmpty: empty)
        }
        func text(_ name: String, _ value: String?, type: HTMLInputType = .text, label: String? = nil) -> Node<HTML.FormContext> {
            FormFields.text(t, name: name, label: label ?? t("plan.field.\(name.split(separator: ".").last.map(String.init) ?? name)"),
                            value: value, errors: errors, type: type, maxLength: 2000)
        }
        return Layout.page(page, title: t("plan.editTitle", ["name": patient.name]),
            .p(.class("breadcrumb"), .a(.href(Routes.patient(patient.id)), .plainText("← " + patient.name))),
            .h1(.plainText(t("plan.editTitle", ["name": patient.name]))),
            .unwrap(conflict) { conflict in
                .div(.class("form-error conflict"), .attribute(named: "role", value: "alert"),
                     .p(.strong(.plainText(t("plan.conflict", ["author": conflict.authorName, "version": String(conflict.version)])))),
                     PlanViews.changeList(t, conflict.changes, units: directory),
                     .p(.plainText(t("plan.conflictHelp"))),
                     .if(!conflict.bothChanged.isEmpty, .p(.strong(.plainText(t("plan.conflictBoth", [
                         "author": conflict.authorName, "fields": conflict.bothChanged.map { t("plan.field.\($0)") }.joined(separator: ", "),
                     ]))))))
            },
            .form(.method(.post), .action(action), .class("stacked plan-form"), .attribute(named: "novalidate", value: "novalidate"),
                  Layout.csrfField(page),
                  FormFields.sessionBanner(t),
                  .unwrap(baseVersion) { .input(.type(.hidden), .name("baseVersion"), .value(String($0))) },
                  .unwrap(contactId) { .input(.type(.hidden), .name("contactId"), .value($0.uuidString)) },
                  .unwrap(contactId) { _ in .div(.class("notice"), .p(.plainText(t("plan.fromContact")))) },
                  FormFields.errorSummary(t, errors, labels: [:]),
                  .fieldset(.legend(t("plan.careTeam")),
                            .p(.class("hint"), .plainText(t("plan.careTeamHint"))),
                            .forEach(Array(team.enumerated())) { index, member in
                                let p = "careTeam[\(index)]"
                                return .div(.class("row-group"),
                                    FormFields.select(t, name: "\(p).role", label: t("plan.member.role"),
                                                      options: CareTeamRole.allCases.map { ($0.rawValue, t.label("careTeamRole", $0)) },
                                                      selected: member.role, errors: errors, includeEmpty: t("form.choose")),
                                    FormFields.select(t, name: "\(p).unitId", label: t("plan.member.unit"), options: unitOptions,
                                                      selected: member.unitId, errors: errors, includeEmpty: t("form.choose")),
                                    text("\(p).dayPhone", member.dayPhone, type: .tel, label: t("units.dayPhone")),
                                    text("\(p).outOfHoursPhone", member.outOfHoursPhone, type: .tel, label: t("units.outOfHoursPhone")),
                                    .input(.type(.hidden), .name("\(p).userId"), .value(HTMLEscaping.escape(member.userId ?? ""))))
                            }),
                  .fieldset(.legend(t("plan.decisions")),
                            select("resuscitation", Resuscitation.self, prefix: "resuscitation", selected: input.resuscitation, empty: t("plan.notDecided")),
                            select("treatmentLevel", TreatmentLevel.self, prefix: "treatmentLevel", selected: input.treatmentLevel, empty: t("plan.notDecided")),
                            text("decidedBy", input.decidedBy),
                            text("decisionDate", input.decisionDate, type: .date),
                            text("reviewDate", input.reviewDate, type: .date),
                            FormFields.checkbox(name: "livingWill", label: t("plan.field.livingWill"), checked: input.livingWill ?? false)),
                  .fieldset(.legend(t("plan.wishes")),
                            select("preferredPlaceOfCare", PreferredPlace.self, prefix: "preferredPlace", selected: input.preferredPlaceOfCare),
                            select("preferredPlaceOfDeath", PreferredPlace.self, prefix: "preferredPlace", selected: input.preferredPlaceOfDeath),
                            FormFields.textarea(t, name: "whatMattersMost", label: t("plan.field.whatMattersMost"), value: input.whatMattersMost, errors: errors),
                            text("wishesDiscussedOn", input.wishesDiscussedOn, type: .date),
                            text("wishesDiscussedWith", input.wishesDiscussedWith)),
                  .fieldset(.legend(t("plan.field.prognosis")),
                            select("prognosis", Prognosis.self, prefix: "prognosis", selected: input.prognosis),
                            FormFields.checkbox(name: "patientKnowsPrognosis", label: t("plan.field.patientKnowsPrognosis"), checked: input.patientKnowsPrognosis ?? false),
                            FormFields.checkbox(name: "relativesKnowPrognosis", label: t("plan.field.relativesKnowPrognosis"), checked: input.relativesKnowPrognosis ?? false)),
                  .fieldset(.legend(t("plan.medications")),
                            .forEach(Array(medications.enumerated())) { index, m in
                                let p = "medications[\(index)]"
                                return .div(.class("row-group"),
                                    text("\(p).drug", m.drug), text("\(p).strength", m.strength), text("\(p).dose", m.dose),
                                    select("\(p).route", MedicationRoute.self, prefix: "route", selected: m.route, empty: t("form.choose")),
                                    select("\(p).indication", MedicationIndication.self, prefix: "indication", selected: m.indication, empty: t("form.choose")),
                                    text("\(p).maxPer24h", m.maxPer24h), text("\(p).prescribedBy", m.prescribedBy),
                                    text("\(p).date", m.date, type: .date),
                                    FormFields.checkbox(name: "\(p).availableInHome", label: t("plan.field.availableInHome"), checked: m.availableInHome ?? false))
                            }),
                  FormFields.checkboxes(t, name: "equipment", legend: t("plan.field.equipment"),
                                        options: HomeEquipment.allCases.map { ($0.rawValue, t.label("equipment", $0)) },
                                        checked: Set(input.equipment ?? []), errors: errors),
                  .fieldset(.legend(t("plan.contingencies")),
                            .forEach(Array(contingencies.enumerated())) { index, c in
                                let p = "contingencies[\(index)]"
                                return .div(.class("row-group"),
                                    text("\(p).situation", c.situation), text("\(p).action", c.action),
                                    text("\(p).callDay", c.callDay, label: t("plan.contingency.callDay")),
                                    text("\(p).callNight", c.callNight, label: t("plan.contingency.callNight")))
                            }),
                  .fieldset(.legend(t("plan.field.status")),
                            select("status", PlanStatus.self, prefix: "planStatus", selected: input.status),
                            select("endReason", EndReason.self, prefix: "endReason", selected: input.endReason, empty: "–"),
                            text("dateOfDeath", input.dateOfDeath, type: .date),
                            select("placeOfDeath", PlaceOfDeath.self, prefix: "placeOfDeath", selected: input.placeOfDeath, empty: "–")),
                  FormFields.submit(t("action.save"))))
    }
}
