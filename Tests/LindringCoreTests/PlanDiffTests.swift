import Foundation
import Testing

@testable import LindringCore

@Suite struct PlanDiffMedicationTests {
    let morphine = AnticipatoryMedication(drug: "Morfin", strength: "10 mg/ml", dose: "2,5 mg", route: .sc, indication: .pain, maxPer24h: "6")
    let midazolam = AnticipatoryMedication(drug: "Midazolam", strength: "5 mg/ml", dose: "2,5 mg", route: .sc, indication: .anxietyRestlessness)

    func plan(_ medications: [AnticipatoryMedication]) -> PlanContent {
        var plan = PlanContent()
        plan.medications = medications
        return plan
    }

    @Test func aDoseChangedInPlaceIsThatDoseNotARemovedAndAnAddedMedication() {
        // given
        var stronger = morphine
        stronger.dose = "5 mg"
        stronger.route = .iv
        // when
        let changes = PlanDiff.changes(from: plan([morphine, midazolam]), to: plan([stronger, midazolam]))
        // then
        #expect(
            changes == [
                PlanChange(field: "medications.dose", before: .text("2,5 mg"), after: .text("5 mg"), member: .medication(stronger)),
                PlanChange(field: "medications.route", before: .code("sc"), after: .code("iv"), member: .medication(stronger)),
            ])
    }

    @Test func theSameDrugForAnotherIndicationIsAnotherMedication() {
        // given
        var forBreathlessness = morphine
        forBreathlessness.indication = .dyspnoea
        // when
        let changes = PlanDiff.changes(from: plan([morphine]), to: plan([forBreathlessness]))
        // then
        #expect(
            changes == [
                PlanChange(field: "medications", kind: .removed, before: .medication(morphine), after: nil),
                PlanChange(field: "medications", kind: .added, before: nil, after: .medication(forBreathlessness)),
            ])
    }

    @Test func aDrugListedTwiceForOneIndicationIsComparedAsWholeItems() {
        // given
        var second = morphine
        second.dose = "5 mg"
        var changed = second
        changed.maxPer24h = "8"
        // when
        let changes = PlanDiff.changes(from: plan([morphine, second]), to: plan([morphine, changed]))
        // then
        #expect(
            changes == [
                PlanChange(field: "medications", kind: .removed, before: .medication(second), after: nil),
                PlanChange(field: "medications", kind: .added, before: nil, after: .medication(changed)),
            ])
    }

    @Test func aMedicationChangeIsStoredAndReadBackAsJSON() throws {
        // given
        let change = PlanChange(field: "medications", kind: .added, before: nil, after: .medication(morphine))
        // when
        let data = try JSONEncoder().encode(change)
        // then
        #expect(try JSONDecoder().decode(PlanChange.self, from: data) == change)
        #expect(String(decoding: data, as: UTF8.self).contains(#""type":"medication""#))
    }
}

@Suite struct PlanDiffKeyWorkerTests {
    let nord = UUID(), syd = UUID(), gp = UUID()

    func team(_ members: [CareTeamMember]) -> PlanContent {
        var plan = PlanContent()
        plan.careTeam = members
        return plan
    }

    @Test func anotherKeyWorkerUnitIsOneChangeFromTheOldUnitToTheNew() {
        // when
        let changes = PlanDiff.changes(
            from: team([CareTeamMember(unitId: nord, role: .keyWorker), CareTeamMember(unitId: gp, role: .gp)]),
            to: team([CareTeamMember(unitId: syd, role: .keyWorker), CareTeamMember(unitId: gp, role: .gp)]))
        // then
        #expect(
            changes == [
                PlanChange(field: "keyWorker", before: .member(role: .keyWorker, unitId: nord), after: .member(role: .keyWorker, unitId: syd))
            ])
    }

    @Test func aFirstKeyWorkerIsAnAddedRow() {
        // when
        let changes = PlanDiff.changes(from: nil, to: team([CareTeamMember(unitId: nord, role: .keyWorker)]))
        // then
        #expect(changes == [PlanChange(field: "careTeam", kind: .added, before: nil, after: .member(role: .keyWorker, unitId: nord))])
    }
}

@Suite struct CriticalTopicTests {
    static let unit = UUID()
    static let medication = AnticipatoryMedication(drug: "Morfin", strength: "10 mg/ml", dose: "5 mg", route: .sc, indication: .pain)

    static let cases: [(PlanChange, CriticalTopic?)] = [
        (PlanChange(field: "resuscitation", before: .code("attempt"), after: .code("doNotAttempt")), .resuscitation),
        (PlanChange(field: "treatmentLevel", before: nil, after: .code("noIntensiveCare")), .treatmentLevel),
        (PlanChange(field: "medications", kind: .added, before: nil, after: .medication(medication)), .medication),
        (PlanChange(field: "medications", kind: .removed, before: .text("Morfin 10 mg/ml, 5 mg, sc"), after: nil), .medication),
        (PlanChange(field: "medications.dose", before: .text("2,5 mg"), after: .text("5 mg"), member: .medication(medication)), .medication),
        (
            PlanChange(field: "keyWorker", before: .member(role: .keyWorker, unitId: unit), after: .member(role: .keyWorker, unitId: UUID())),
            .keyWorker
        ),
        (PlanChange(field: "careTeam", kind: .added, before: nil, after: .member(role: .keyWorker, unitId: unit)), .keyWorker),
        (
            PlanChange(field: "careTeam.outOfHoursPhone", before: .text("1"), after: .text("2"), member: .member(role: .keyWorker, unitId: unit)),
            .keyWorker
        ),
        (PlanChange(field: "careTeam.outOfHoursPhone", before: .text("1"), after: .text("2"), member: .member(role: .homeCare, unitId: unit)), nil),
        (PlanChange(field: "careTeam", kind: .removed, before: .member(role: .gp, unitId: unit), after: nil), nil),
        (PlanChange(field: "whatMattersMost", before: nil, after: .text("At være hjemme")), nil),
        (PlanChange(field: "status", before: .code("active"), after: .code("ended")), nil),
        (PlanChange(field: "equipment", kind: .added, before: nil, after: .code("oxygen")), nil),
    ]

    @Test(arguments: cases) func aChangeIsCriticalByWhatItTouches(change: PlanChange, topic: CriticalTopic?) {
        #expect(change.criticalTopic == topic)
    }

    @Test func theTopicsOfManyChangesAreListedOnceInTheirOrder() {
        let changes = Self.cases.map(\.0)
        #expect(changes.criticalTopics == [.resuscitation, .treatmentLevel, .medication, .keyWorker])
        #expect(changes.suffix(4).criticalTopics.isEmpty)
    }
}
