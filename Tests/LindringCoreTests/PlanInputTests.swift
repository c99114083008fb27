import Foundation
import Testing

@testable import LindringCore

@Suite struct PlanInputTests {
    let unitA = UUID()
    let unitB = UUID()
    let today = LocalDate("2026-11-23")!

    func input(_ edit: (inout PlanInput) -> Void = { _ in }) -> PlanInput {
        var input = PlanInput()
        input.careTeam = [
            .init(unitId: unitA.uuidString, role: "keyWorker", dayPhone: "38 68 38 68"),
            .init(unitId: unitB.uuidString, role: "homeCare"), .init(),
        ]
        input.preferredPlaceOfDeath = "home"
        input.resuscitation = "doNotAttempt"
        input.decidedBy = "Overlæge Ida Holm"
        input.medications = [
            .init(
                drug: "Morfin", strength: "10 mg/ml", dose: "2,5-5 mg", route: "sc", indication: "pain",
                maxPer24h: "6 doser", availableInHome: true), .init(),
        ]
        input.equipment = ["oxygen", "hospitalBed", "oxygen"]
        edit(&input)
        return input
    }

    @Test func aCompletePlanIsAccepted() throws {
        // when
        let plan = try input().validated(knownUnitIds: [unitA, unitB], today: today)
        // then
        #expect(plan.keyWorker?.unitId == unitA)
        #expect(plan.careTeam.count == 2, "blank rows are ignored")
        #expect(plan.medications.first?.route == .sc)
        #expect(plan.equipment == [.hospitalBed, .oxygen])
        #expect(plan.preferredPlaceOfDeath == .home)
    }

    @Test func exactlyOneKeyWorker() {
        let none = #expect(throws: ValidationFailure.self) {
            try input { $0.careTeam = [.init(unitId: self.unitA.uuidString, role: "gp")] }.validated(knownUnitIds: [unitA, unitB], today: today)
        }
        #expect(none?.code(for: "careTeam") == .keyWorkerMissing)
        let two = #expect(throws: ValidationFailure.self) {
            try input { $0.careTeam?[1].role = "keyWorker" }.validated(knownUnitIds: [unitA, unitB], today: today)
        }
        #expect(two?.code(for: "careTeam") == .keyWorkerNotUnique)
    }

    @Test func unknownUnitsAndBadValuesAreNamedByField() {
        let failure = #expect(throws: ValidationFailure.self) {
            try input {
                $0.careTeam?[1].unitId = UUID().uuidString
                $0.medications?[0].route = "intranasal"
                $0.resuscitation = "maybe"
                $0.wishesDiscussedOn = "23/11/2026"
            }.validated(knownUnitIds: [unitA, unitB], today: today)
        }
        #expect(failure?.code(for: "careTeam[1].unitId") == .notFound)
        #expect(failure?.code(for: "medications[0].route") == .invalidChoice)
        #expect(failure?.code(for: "resuscitation") == .invalidChoice)
        #expect(failure?.code(for: "wishesDiscussedOn") == .invalidFormat)
    }

    @Test func deathCannotBeInTheFutureAndNeedsAPlace() {
        let failure = #expect(throws: ValidationFailure.self) {
            try input {
                $0.status = "ended"
                $0.endReason = "died"
                $0.dateOfDeath = "2026-11-24"
            }.validated(knownUnitIds: [unitA, unitB], today: today)
        }
        #expect(failure?.code(for: "dateOfDeath") == .inFuture)
        #expect(failure?.code(for: "placeOfDeath") == .required)
    }

    @Test(arguments: [
        ("decisionDate", "2026-11-24", ValidationCode?.some(.inFuture)), ("decisionDate", "2026-11-23", nil),
        ("wishesDiscussedOn", "2099-01-01", .inFuture), ("wishesDiscussedOn", "2026-11-22", nil),
    ])
    func aDecisionOrAConversationIsNotDatedInTheFuture(field: String, date: String, code: ValidationCode?) {
        // given: today is 23 November 2026
        let plan = input {
            $0.resuscitation = "doNotAttempt"
            $0.decidedBy = "Egen læge"
            if field == "decisionDate" { $0.decisionDate = date } else { $0.wishesDiscussedOn = date }
        }
        // when
        var failure: ValidationFailure?
        do { _ = try plan.validated(knownUnitIds: [unitA, unitB], today: today) } catch { failure = error }
        // then
        #expect(failure?.code(for: field) == code)
    }

    @Test func aPlanSurvivesTheRoundTripThroughItsInput() throws {
        let plan = try input().validated(knownUnitIds: [unitA, unitB], today: today)
        #expect(try PlanInput(plan).validated(knownUnitIds: [unitA, unitB], today: today) == plan)
    }

    @Test func diffNamesWhatChanged() throws {
        // given
        let before = try input().validated(knownUnitIds: [unitA, unitB], today: today)
        var after = before
        after.resuscitation = .attempt
        after.medications.append(
            AnticipatoryMedication(drug: "Midazolam", strength: "5 mg/ml", dose: "2,5 mg", route: .sc, indication: .anxietyRestlessness))
        after.careTeam.removeLast()
        // when
        let changes = PlanDiff.changes(from: before, to: after)
        // then
        #expect(changes.contains(PlanChange(field: "resuscitation", before: .code("doNotAttempt"), after: .code("attempt"))))
        #expect(changes.contains { $0.field == "medications" && $0.kind == .added })
        #expect(changes.contains(PlanChange(field: "careTeam", kind: .removed, before: .member(role: .homeCare, unitId: unitB), after: nil)))
        #expect(changes.count == 3)
        #expect(PlanDiff.changes(from: after, to: after).isEmpty)
    }
}

@Suite struct PlanRebaseTests {
    @Test func untouchedFieldsTakeTheColleaguesValueAndBothChangedAreNamed() {
        // given
        var base = PlanInput()
        base.preferredPlaceOfDeath = "home"
        base.whatMattersMost = nil
        base.prognosis = "months"
        var colleague = base
        colleague.preferredPlaceOfDeath = "hospice"
        colleague.prognosis = "weeks"
        var mine = base
        mine.whatMattersMost = "At komme hjem til hunden"
        mine.prognosis = "days"
        mine.medications = [.init()]  // a blank row from the form is no change
        // when
        let (merged, conflicts) = mine.rebased(from: base, onto: colleague)
        // then
        #expect(merged.preferredPlaceOfDeath == "hospice", "the colleague's change survives")
        #expect(merged.whatMattersMost == "At komme hjem til hunden", "my change survives")
        #expect(merged.prognosis == "days")
        #expect(conflicts == ["prognosis"])
    }

    /// The care team as stored, and as the edit form sends it back untouched (blank fields as
    /// empty text, a phone number typed without spaces).
    static let keyWorker = UUID(), homeCare = UUID()

    func team(homeCareNight: String?) -> [PlanInput.Member] {
        [
            .init(unitId: Self.keyWorker.uuidString, role: "keyWorker", dayPhone: "35 45 00 00"),
            .init(unitId: Self.homeCare.uuidString, role: "homeCare", dayPhone: "33 66 11 11", outOfHoursPhone: homeCareNight),
        ]
    }

    @Test func aCareTeamRowAColleagueChangedSurvivesAnUntouchedTeamInTheForm() {
        // given: home care changed its night phone; the hospital nurse changed only what matters most,
        // submitting the team as the form showed it (rows in another order, blanks as empty text)
        var base = PlanInput(), colleague = PlanInput(), mine = PlanInput()
        base.careTeam = team(homeCareNight: "33 66 99 99")
        colleague.careTeam = team(homeCareNight: "33 66 00 01")
        mine.careTeam = team(homeCareNight: "33669999").reversed().map { member in
            var row = member
            row.userId = ""
            row.unitId = row.unitId?.lowercased()
            return row
        }
        mine.whatMattersMost = "At se havet igen"
        // when
        let (merged, conflicts) = mine.rebased(from: base, onto: colleague)
        // then
        #expect(conflicts.isEmpty)
        #expect(merged.whatMattersMost == "At se havet igen")
        #expect(merged.careTeam?.first { $0.role == "homeCare" }?.outOfHoursPhone == "33 66 00 01", "the colleague's new number is kept")
        #expect(merged.careTeam?.count == 2)
    }

    @Test func rowsAreMergedFieldByFieldAndOnlyTheSameFieldConflicts() {
        // given: the colleague changed home care's night phone, I changed its day phone and added a GP
        let gp = UUID()
        var base = PlanInput(), colleague = PlanInput(), mine = PlanInput()
        base.careTeam = team(homeCareNight: "33 66 99 99")
        colleague.careTeam = team(homeCareNight: "33 66 00 01")
        mine.careTeam = team(homeCareNight: "33 66 99 99")
        mine.careTeam?[1].dayPhone = "33 66 22 22"
        mine.careTeam?.append(.init(unitId: gp.uuidString, role: "gp"))
        // when
        let (merged, conflicts) = mine.rebased(from: base, onto: colleague)
        // then
        let homeCareRow = merged.careTeam?.first { $0.role == "homeCare" }
        #expect(conflicts.isEmpty)
        #expect(homeCareRow?.dayPhone == "33 66 22 22" && homeCareRow?.outOfHoursPhone == "33 66 00 01")
        #expect(merged.careTeam?.contains { $0.unitId == gp.uuidString } == true)
        // when both changed the night phone, differently
        mine.careTeam?[1].outOfHoursPhone = "33 66 55 55"
        #expect(mine.rebased(from: base, onto: colleague).conflicts == ["careTeam"])
        // and when I removed the row the colleague changed
        mine.careTeam?.remove(at: 1)
        let removed = mine.rebased(from: base, onto: colleague)
        #expect(removed.conflicts == ["careTeam"])
        #expect(removed.input.careTeam?.contains { $0.role == "homeCare" } == false, "my removal stands, to be checked")
    }
}

@Suite struct PlanDiffCareTeamTests {
    @Test func aChangedNumberInAKeptRowIsShownAsThatNumberNotAsARemovedAndAddedMember() {
        // given
        let unit = UUID(), gp = UUID()
        var old = PlanContent(), new = PlanContent()
        old.careTeam = [CareTeamMember(unitId: unit, role: .homeCare, outOfHoursPhone: "33 66 99 99"), CareTeamMember(unitId: gp, role: .gp)]
        new.careTeam = [CareTeamMember(unitId: unit, role: .homeCare, outOfHoursPhone: "33 66 00 01")]
        // when
        let changes = PlanDiff.changes(from: old, to: new)
        // then
        #expect(
            changes == [
                PlanChange(field: "careTeam", kind: .removed, before: .member(role: .gp, unitId: gp), after: nil),
                PlanChange(
                    field: "careTeam.outOfHoursPhone", before: .text("33 66 99 99"), after: .text("33 66 00 01"),
                    member: .member(role: .homeCare, unitId: unit)),
            ])
    }
}
