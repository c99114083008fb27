import Foundation
import LindringCore
import LindringStore
import Plot

enum PlanViews {
    /// The summary for the phone and the out-of-hours nurse: what is needed at 3 a.m. first.
    static func summary(
        _ page: PageContext, _ summary: PatientSummary, units: UnitDirectory, today: LocalDate, printable: Bool = false,
        notice: String? = nil
    ) -> HTML {
        let t = page.t
        let patient = summary.patient
        let id = patient.id
        let age = patient.cpr.age(on: Date(), in: DanishCalendar.timeZone)
        let plan = summary.plan?.content
        return Layout.page(
            page, title: patient.name, bodyClass: printable ? "printable" : "",
            .div(
                .class("page-heading"),
                .h1(.plainText(patient.name)),
                .if(
                    !printable,
                    .div(
                        .class("heading-actions"),
                        .if(
                            summary.canWrite,
                            .a(
                                .class("button primary"), .href(summary.plan == nil ? Routes.newPlan(id) : Routes.editPlan(id)),
                                .plainText(summary.plan == nil ? t("plan.create") : t("plan.edit")))),
                        .a(.class("button secondary"), .href(Routes.printPlan(id)), .plainText(t("plan.print")))))),
            .p(
                .class("patient-line"),
                .plainText(
                    "\(t("patient.cpr")) \(patient.cpr.formatted) · \(t("patient.age", ["age": String(age)])) · \(t.label("diagnosisGroup", patient.diagnosisGroup))"
                        + (patient.icd10.map { " (\($0))" } ?? "") + " · \(t("patient.consent")): \(t.label("consent", patient.sharingConsent))")),
            Notices.banner(t, notice),
            .if(!printable, PathwayPanel.render(t, summary.pathways)),
            .unwrap(summary.latestScreening) { latest in
                .p(
                    .class("latest-screening"),
                    .span(.class("light light-\(latest.trafficLight.rawValue)"), .plainText(t.label("light", latest.trafficLight))),
                    .plainText(
                        " "
                            + t(
                                "screening.latest",
                                ["instrument": t.label("instrument", latest.instrument), "time": Timestamps.displayMinutes(latest.takenAt)])),
                    .plainText(" "), .a(.href(Routes.patientScreening(id)), .plainText(t("screening.trend"))),
                    .if(summary.canWrite, .group(.plainText(" · "), .a(.href(Routes.newAssessment(id)), .plainText(t("screening.form.new"))))))
            },
            .unwrap(summary.plan) { plan in
                .p(.class("hint"), .plainText(t("plan.versionLine", ["version": String(plan.version), "time": Timestamps.display(plan.updatedAt)])))
            },
            .if(summary.ground == .breakTheGlass, .div(.class("notice warning"), .p(.plainText(t("breakGlass.active"))))),
            .unwrap(plan) { plan in
                .group(
                    .if(
                        plan.status != .active,
                        .div(
                            .class("notice warning"),
                            .p(
                                .plainText(
                                    t.label("planStatus", plan.status)
                                        + (plan.endReason.map { " – " + t.label("endReason", $0) } ?? "")
                                        + (plan.dateOfDeath.map { " " + $0.danish } ?? ""))))),
                    urgentCards(t, plan, units: units),
                    .h2(.plainText(t("plan.careTeam"))),
                    .div(
                        .class("table-wrap"),
                        .table(
                            .caption(.plainText(t("plan.careTeam"))),
                            .thead(
                                .tr(
                                    .th(.plainText(t("plan.member.role"))), .th(.plainText(t("plan.member.unit"))),
                                    .th(.plainText(t("units.dayPhone"))),
                                    .th(.plainText(t("units.outOfHoursPhone"))))),
                            .tbody(
                                .forEach(plan.careTeam) { m in
                                    .tr(
                                        .td(.plainText(t.label("careTeamRole", m.role))), .td(.plainText(units.name(m.unitId))),
                                        .td(phone(numbers(m, units).day)), .td(outOfHoursCell(t, m, units: units)))
                                }))),
                    contingencies(t, plan),
                    .h2(.plainText(t("plan.wishes"))),
                    .dl(
                        .class("facts"),
                        .dt(.plainText(t("plan.field.preferredPlaceOfCare"))), .dd(.plainText(t.label("preferredPlace", plan.preferredPlaceOfCare))),
                        .dt(.plainText(t("plan.field.whatMattersMost"))), .dd(.plainText(plan.whatMattersMost ?? "–")),
                        .dt(.plainText(t("plan.field.wishesDiscussedOn"))), .dd(.plainText(plan.wishesDiscussedOn?.danish ?? "–")),
                        .dt(.plainText(t("plan.field.wishesDiscussedWith"))), .dd(.plainText(plan.wishesDiscussedWith ?? "–")),
                        .dt(.plainText(t("plan.field.livingWill"))), .dd(.plainText(plan.livingWill ? t("yes") : t("no"))),
                        .dt(.plainText(t("plan.field.reviewDate"))), .dd(.plainText(plan.reviewDate?.danish ?? "–")),
                        .dt(.plainText(t("plan.field.prognosis"))),
                        .dd(
                            .plainText(
                                t.label("prognosis", plan.prognosis)
                                    + " · " + t("plan.field.patientKnowsPrognosis") + ": " + (plan.patientKnowsPrognosis ? t("yes") : t("no"))
                                    + " · " + t("plan.field.relativesKnowPrognosis") + ": " + (plan.relativesKnowPrognosis ? t("yes") : t("no")))),
                        .dt(.plainText(t("plan.field.equipment"))),
                        .dd(.plainText(plan.equipment.isEmpty ? "–" : plan.equipment.map { t.label("equipment", $0) }.joined(separator: ", "))))
                )
            },
            .if(plan == nil, .div(.class("notice"), .p(.plainText(t("plan.none"))))),
            .if(!printable, advisoryContacts(t, summary.contacts)),
            .if(!printable, ReferralViews.section(t, patientId: id, summary.referrals, canWrite: summary.canWrite, units: units)),
            .if(!printable, CareCommunicationViews.section(t, patientId: id, summary.messages, canWrite: summary.canWrite, units: units)),
            .h2(.plainText(t("patient.details"))),
            .dl(
                .class("facts"),
                .dt(.plainText(t("patient.address"))), .dd(.plainText(patient.address ?? "–")),
                .dt(.plainText(t("patient.phone"))), .dd(.plainText(patient.phone ?? "–")),
                .dt(.plainText(t("patient.gp"))), .dd(.plainText(units.name(patient.gpUnitId))),
                .dt(.plainText(t("patient.language"))),
                .dd(.plainText((patient.language ?? "–") + (patient.interpreterNeeded ? " · " + t("patient.interpreterNeeded") : ""))),
                .dt(.plainText(t("patient.registeredBy"))), .dd(.plainText(units.name(patient.registeringUnitId))),
                .dt(.plainText(t("patient.consent"))),
                .dd(
                    .plainText(
                        t.label("consent", patient.sharingConsent)
                            + (patient.consentRecordedAt.map { " · " + t("patient.consentRecordedAt", ["time": Timestamps.display($0)]) } ?? "")))),
            .if(
                !patient.relatives.isEmpty,
                .group(
                    .h2(.plainText(t("patient.relatives"))),
                    .ul(
                        .forEach(patient.relatives) { r in
                            .li(
                                .plainText(
                                    "\(r.name) (\(r.relation))" + (r.phone.map { " · \($0)" } ?? "")
                                        + (r.primaryContact ? " · " + t("relative.primaryContact") : "")
                                        + (r.livesWithPatient ? " · " + t("relative.livesWithPatient") : "")
                                        + (r.powerOfAttorney ? " · " + t("relative.powerOfAttorney") : "")))
                        }))),
            .if(
                !printable,
                .nav(
                    .class("patient-links"), .attribute(named: "aria-label", value: t("patient.more")),
                    .ul(
                        .if(summary.canWrite, .li(.a(.href(Routes.editPatient(id)), .plainText(t("patient.edit"))))),
                        .if(summary.plan != nil, .li(.a(.href(Routes.planHistory(id)), .plainText(t("plan.history"))))),
                        .li(.a(.href(Routes.patientScreening(id)), .plainText(t("screening.title")))),
                        .li(.a(.href(Routes.patientAccessLog(id)), .plainText(t("patient.accessLog"))))))),
            .if(
                printable,
                .p(
                    .class("hint"),
                    .plainText(t("plan.printedAt", ["time": Timestamps.display(Date()), "version": String(summary.plan?.version ?? 0)])))))
    }

    /// The patient's calls to the advisory line, newest first: when, how urgent, the advice, and
    /// the way to the whole contact (for the day team following up the night's call).
    static func advisoryContacts(_ t: Localizer, _ contacts: [PatientContact]) -> Node<HTML.BodyContext> {
        .section(
            .id("advisory-contacts"), .attribute(named: "aria-labelledby", value: "advisory-contacts-heading"),
            .h2(.id("advisory-contacts-heading"), .plainText(t("patient.advisoryContacts"))),
            contacts.isEmpty
                ? .p(.class("hint"), .plainText(t("patient.noAdvisoryContacts")))
                : .group(
                    // A list rather than a table: the advice needs the width, on a phone too.
                    .ul(
                        .class("inbox advisory-contacts"),
                        .forEach(contacts) { c in
                            .li(
                                .p(
                                    .a(.href(Routes.contact(c.id)), .plainText(Timestamps.displayMinutes(c.startedAt))),
                                    .if(
                                        c.outsideWorkingHours,
                                        .span(.class("tag"), .attribute(named: "title", value: t("contact.outsideWorkingHours")), .plainText(" ☾"))),
                                    .plainText(" "),
                                    .span(.class("triage-badge triage-\(c.triage.rawValue)"), .plainText(t.label("triage", c.triage))),
                                    .plainText(" · \(t.label("callerRole", c.callerRole)) · \(t("contact.by")): \(c.createdByName)")),
                                AdvisoryViews.sbarDetails(t, c.sbar))
                        }),
                    .if(
                        contacts.count == PatientSummary.contactLimit,
                        .p(.class("hint"), .plainText(t("patient.advisoryContactsLatest", ["count": String(PatientSummary.contactLimit)]))))))
    }

    /// What a caller at night needs first: key worker, resuscitation decision, preferred place
    /// of death and the anticipatory medication. Shared by the plan summary and the contact form.
    static func urgentCards(_ t: Localizer, _ plan: PlanContent, units: UnitDirectory) -> Node<HTML.BodyContext> {
        .section(
            .class("urgent"), .attribute(named: "aria-label", value: t("plan.urgent")),
            .div(
                .class("card key"),
                .h2(.plainText(t("plan.keyWorker"))),
                .unwrap(plan.keyWorker) { member in memberBlock(t, member, units: units) }),
            .div(
                .class("card decision " + (plan.resuscitation == .doNotAttempt ? "dnr" : "")),
                .h2(.plainText(t("plan.field.resuscitation"))),
                .p(.class("big"), .plainText(plan.resuscitation.map { t.label("resuscitation", $0) } ?? t("plan.notDecided"))),
                .unwrap(plan.treatmentLevel) { .p(.plainText(t("plan.field.treatmentLevel") + ": " + t.label("treatmentLevel", $0))) },
                .unwrap(plan.decidedBy) { by in
                    .p(.class("hint"), .plainText(t("plan.decidedByOn", ["by": by, "on": plan.decisionDate?.danish ?? "–"])))
                }),
            .div(
                .class("card"),
                .h2(.plainText(t("plan.field.preferredPlaceOfDeath"))),
                .p(.class("big"), .plainText(t.label("preferredPlace", plan.preferredPlaceOfDeath)))),
            .div(
                .class("card wide"),
                .h2(.plainText(t("plan.medications"))),
                plan.medications.isEmpty
                    ? .p(.plainText(t("plan.noMedications")))
                    : .ul(
                        .forEach(plan.medications) { m in
                            .li(.strong(.plainText("\(m.drug) \(m.strength)")), .plainText(" – " + medicationDetails(t, m)))
                        })))
    }

    /// "2,5 mg s.c., Smerter, max 6/24 t · findes i hjemmet": a medication after its drug and strength.
    static func medicationDetails(_ t: Localizer, _ m: AnticipatoryMedication) -> String {
        "\(m.dose) \(t.label("route", m.route)), \(t.label("indication", m.indication))" + (m.maxPer24h.map { ", max \($0)/24 t" } ?? "")
            + " · " + t(m.availableInHome ? "plan.inHome" : "plan.notInHome")
    }

    static func contingencies(_ t: Localizer, _ plan: PlanContent) -> Node<HTML.BodyContext> {
        .if(
            !plan.contingencies.isEmpty,
            .group(
                .h2(.plainText(t("plan.contingencies"))),
                .ul(
                    .class("contingencies"),
                    .forEach(plan.contingencies) { c in
                        .li(
                            .strong(.plainText(c.situation)),
                            .plainText(
                                " → " + c.action
                                    + (c.callDay.map { " · \(t("plan.contingency.callDay")): \($0)" } ?? "")
                                    + (c.callNight.map { " · \(t("plan.contingency.callNight")): \($0)" } ?? "")))
                    })))
    }

    static func memberBlock(_ t: Localizer, _ m: CareTeamMember, units: UnitDirectory) -> Node<HTML.BodyContext> {
        let numbers = numbers(m, units)
        return .group(
            .p(.class("big"), .plainText(units.name(m.unitId))),
            .p(.plainText(t("units.dayPhone") + ": "), phone(numbers.day), fromRegister(t, numbers.dayFromRegister)),
            .p(.plainText(t("units.outOfHoursPhone") + ": "), outOfHoursCell(t, m, units: units)))
    }

    /// The member's numbers, else its unit's from the register (`CareTeamNumbers`).
    static func numbers(_ m: CareTeamMember, _ units: UnitDirectory) -> CareTeamNumbers {
        CareTeamNumbers(member: m, unitDay: units.byId[m.unitId]?.dayPhone, unitOutOfHours: units.byId[m.unitId]?.outOfHoursPhone)
    }

    /// The out-of-hours number, where it comes from, and a plain warning when the key worker has none.
    static func outOfHoursCell(_ t: Localizer, _ m: CareTeamMember, units: UnitDirectory) -> Node<HTML.BodyContext> {
        let numbers = numbers(m, units)
        guard !CareTeamNumbers.keyWorkerUnreachableOutOfHours(m, numbers) else {
            return .strong(.class("warning-text no-night-phone"), .plainText(t("plan.keyWorkerNoNightPhone")))
        }
        return .group(phone(numbers.outOfHours), fromRegister(t, numbers.outOfHoursFromRegister))
    }

    static func fromRegister(_ t: Localizer, _ fromRegister: Bool) -> Node<HTML.BodyContext> {
        .if(fromRegister, .span(.class("hint"), .plainText(" " + t("plan.unitNumber"))))
    }

    /// A phone number the nurse can tap to call.
    static func phone(_ number: String?) -> Node<HTML.BodyContext> {
        guard let number, !number.isEmpty else { return .plainText("–") }
        let dial = number.filter { $0.isNumber || $0 == "+" }
        return .a(.href(HTMLEscaping.escape("tel:" + dial)), .plainText(number))
    }

    /// Which vocabulary a field's coded values belong to.
    static let vocabulary = [
        "status": "planStatus", "endReason": "endReason", "placeOfDeath": "placeOfDeath",
        "preferredPlaceOfCare": "preferredPlace", "preferredPlaceOfDeath": "preferredPlace", "resuscitation": "resuscitation",
        "treatmentLevel": "treatmentLevel", "prognosis": "prognosis", "equipment": "equipment",
        "medications.route": "route",
    ]

    static func value(_ t: Localizer, field: String, _ value: PlanChange.Value?, units: UnitDirectory) -> String {
        switch value {
        case nil: return "–"
        case .text(let text): return text
        case .code(let code): return vocabulary[field].map { t("\($0).\(code)") } ?? code
        case .flag(let flag): return flag ? t("yes") : t("no")
        case .member(_, let unit) where field == "keyWorker": return units.name(unit)
        case .member(let role, let unit): return "\(t.label("careTeamRole", role)): \(units.name(unit))"
        case .medication(let m): return "\(m.drug) \(m.strength) – " + medicationDetails(t, m)
        }
    }

    /// What a change is about: its field, after the row it belongs to ("Hjemmesygepleje: Hjemmeplejen
    /// Nord, telefon, vagt"; "Anticiperende medicin, Morfin (Smerter), dosis").
    static func changeLabel(_ t: Localizer, _ change: PlanChange, units: UnitDirectory) -> String {
        switch change.member {
        case nil: t("plan.field.\(change.field)")
        case .medication(let m):
            "\(t("plan.field.medications")), \(m.drug) (\(t.label("indication", m.indication))), \(t("plan.field.\(change.field)"))"
        case let member?: value(t, field: "careTeam", member, units: units) + ", " + t("plan.field.\(change.field)")
        }
    }

    /// The changes in words, the critical ones (`CriticalTopic`) marked so a changed resuscitation
    /// decision does not read like a changed phone number.
    /// `markCritical` false: a plan's first version, whose essentials are its content, not alarming changes.
    static func changeList<Context: HTML.BodyContext>(
        _ t: Localizer, _ changes: [PlanChange], units: UnitDirectory,
        markCritical: Bool = true
    ) -> Node<Context> {
        .ul(
            .class("changes"),
            .forEach(changes) { change in
                let label = changeLabel(t, change, units: units)
                let text =
                    switch change.kind {
                    case .changed:
                        "\(label): \(value(t, field: change.field, change.before, units: units)) → \(value(t, field: change.field, change.after, units: units))"
                    case .added: "\(label): \(t("plan.added")) \(value(t, field: change.field, change.after, units: units))"
                    case .removed: "\(label): \(t("plan.removed")) \(value(t, field: change.field, change.before, units: units))"
                    }
                let critical = markCritical && change.criticalTopic != nil
                return .li(
                    .if(critical, .class("critical")),
                    .if(critical, .span(.class("critical-tag"), .plainText(t("plan.critical")))),
                    .plainText(text))
            })
    }

    static func history(_ page: PageContext, patient: Patient, versions: [PlanVersion], units: UnitDirectory) -> HTML {
        let t = page.t
        return Layout.page(
            page, title: t("plan.history"),
            .p(.class("breadcrumb"), .a(.href(Routes.patient(patient.id)), .plainText("← " + patient.name))),
            .h1(.plainText(t("plan.history"))),
            .ol(
                .class("versions"), .attribute(named: "reversed", value: "reversed"),
                .forEach(versions) { v in
                    .li(
                        .p(
                            .a(
                                .href(Routes.planVersion(patient.id, v.version)),
                                .strong(.plainText(t("plan.version", ["version": String(v.version)])))),
                            .plainText(" · \(v.authorName) · \(Timestamps.display(v.createdAt))"),
                            .unwrap(v.contactId) { contact in
                                .group(
                                    .plainText(" · "),
                                    page.user?.can(.documentAdvisoryContacts) == true
                                        ? .a(.href(Routes.contact(contact)), .plainText(t("plan.viaContact"))) : .plainText(t("plan.viaContact")))
                            }),
                        changeList(t, v.changes, units: units))
                }))
    }
}
