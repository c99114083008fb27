import Foundation
import Testing

@testable import LindringCore

/// The specialist education's cohorts: the standard stages and their dates, the 25 places, and
/// when a nurse has completed the education.
@Suite struct SpecialistCohortTests {
    @Test func theStandardPlanIs23WeeksOfTheoryAnd55OfClinicalTrainingInTurn() {
        let plan = SpecialistEducation.standardPlan
        #expect(plan.filter { $0.kind == .theory }.reduce(0) { $0 + $1.weeks } == SpecialistEducation.theoryWeeks)
        #expect(plan.filter { $0.kind == .clinical }.reduce(0) { $0 + $1.weeks } == SpecialistEducation.clinicalWeeks)
        #expect(plan.reduce(0) { $0 + $1.weeks } == 78)
        #expect(plan.map(\.kind) == [.theory, .clinical, .theory, .clinical, .theory, .clinical])
        #expect(Set(plan.map(\.name)).count == plan.count)
    }

    @Test(arguments: [
        // start, every stage's first and last day
        (
            "2026-02-02",
            [
                ("2026-02-02", "2026-03-29"), ("2026-03-30", "2026-08-02"), ("2026-08-03", "2026-09-27"), ("2026-09-28", "2027-01-31"),
                ("2027-02-01", "2027-03-21"), ("2027-03-22", "2027-08-01"),
            ]
        ),
        // over a leap day: 2028-02-29 falls in the first stage
        (
            "2028-01-03",
            [
                ("2028-01-03", "2028-02-27"), ("2028-02-28", "2028-07-02"), ("2028-07-03", "2028-08-27"), ("2028-08-28", "2028-12-31"),
                ("2029-01-01", "2029-02-18"), ("2029-02-19", "2029-07-01"),
            ]
        ),
    ])
    func stagesFollowEachOtherWithoutAGapFromTheFirstDay(start: String, expected: [(String, String)]) throws {
        let stages = SpecialistEducation.stages(startingOn: try #require(LocalDate(start)))
        #expect(stages.map { ($0.startsOn.description, $0.endsOn.description) }.elementsEqual(expected) { $0 == $1 })
        #expect(stages.map(\.position) == [1, 2, 3, 4, 5, 6])
        for (stage, next) in zip(stages, stages.dropFirst()) { #expect(stage.endsOn.adding(days: 1) == next.startsOn) }
        // 78 weeks from the first day to the day after the last
        #expect(stages.first?.startsOn.adding(days: 78 * 7) == stages.last?.endsOn.adding(days: 1))
    }

    @Test(arguments: [
        (today: "2026-02-01", expected: [StageStatus.notStarted, .notStarted, .notStarted, .notStarted, .notStarted, .notStarted]),
        ("2026-02-02", [.inProgress, .notStarted, .notStarted, .notStarted, .notStarted, .notStarted]),
        ("2026-03-29", [.inProgress, .notStarted, .notStarted, .notStarted, .notStarted, .notStarted]),
        ("2026-03-30", [.completed, .inProgress, .notStarted, .notStarted, .notStarted, .notStarted]),
        ("2026-12-04", [.completed, .completed, .completed, .inProgress, .notStarted, .notStarted]),
        ("2027-08-02", [.completed, .completed, .completed, .completed, .completed, .completed]),
    ])
    func aNurseOnPlanHasCompletedTheStagesThatEndedBeforeToday(today: String, expected: [StageStatus]) throws {
        let stages = SpecialistEducation.stages(startingOn: try #require(LocalDate("2026-02-02")))
        let day = try #require(LocalDate(today))
        #expect(stages.map { SpecialistEducation.expectedStatus(of: $0, on: day) } == expected)
    }

    @Test(arguments: [
        (members: 0, refused: false), (24, false), (25, true), (26, true),
    ])
    func aCohortTakes25NursesAndRefusesTheNextNamingTheField(members: Int, refused: Bool) {
        let refusal: ValidationFailure?
        do {
            try CohortLimit.checkRoom(members: members)
            refusal = nil
        } catch {
            refusal = error
        }
        #expect(refusal == (refused ? ValidationFailure([FieldError("employeeNumber", .full)]) : nil))
    }

    @Test func aNurseHasCompletedTheEducationWhenEveryStageIsCompleted() {
        let stages = [UUID(), UUID(), UUID()]
        let all = Dictionary(uniqueKeysWithValues: stages.map { ($0, StageStatus.completed) })
        #expect(SpecialistEducation.hasCompleted(stages: stages, statuses: all))
        #expect(!SpecialistEducation.hasCompleted(stages: stages, statuses: all.merging([stages[1]: .interrupted]) { _, new in new }))
        #expect(!SpecialistEducation.hasCompleted(stages: stages, statuses: all.merging([stages[2]: .inProgress]) { _, new in new }))
        // a stage without a status has not started
        #expect(!SpecialistEducation.hasCompleted(stages: stages, statuses: all.filter { $0.key != stages[0] }))
        // a cohort without stages completes nothing
        #expect(!SpecialistEducation.hasCompleted(stages: [], statuses: [:]))
    }

    @Test func aCohortIsCheckedFieldByField() throws {
        let offerId = UUID()
        let valid = try CohortDraft(offerId: offerId.uuidString, name: "  Kræftsygepleje 2026–2027 ", startsOn: "2026-02-02").validated()
        #expect(valid == ValidCohort(offerId: offerId, name: "Kræftsygepleje 2026–2027", startsOn: LocalDate("2026-02-02")!))
        #expect(valid.stages.count == 6)
        let failure = #expect(throws: ValidationFailure.self) { try CohortDraft(offerId: "x", name: " ", startsOn: "2.2.2026").validated() }
        #expect(failure?.errors == [FieldError("offerId", .invalidFormat), FieldError("name", .required), FieldError("startsOn", .invalidFormat)])
        let missing = #expect(throws: ValidationFailure.self) { try CohortDraft(offerId: offerId.uuidString, name: "Hold").validated() }
        #expect(missing?.errors == [FieldError("startsOn", .required)])
        let distant = #expect(throws: ValidationFailure.self) {
            try CohortDraft(offerId: offerId.uuidString, name: "Hold", startsOn: "2199-01-01").validated()
        }
        #expect(distant?.code(for: "startsOn") == .outOfRange)
    }

    @Test func aNurseIsAddedByHerEmployeeNumberWithHerSupervisorIfKnown() throws {
        let valid = try CohortMemberDraft(employeeNumber: " A-1001 ", supervisorName: " Birgitte Holm ", supervisorPlace: "").validated()
        #expect(valid.employeeNumber == "A-1001" && valid.supervisor == Supervisor(name: "Birgitte Holm", place: nil))
        let json = Data(#"{"employeeNumber": 1001}"#.utf8)
        #expect(try JSONDecoder().decode(CohortMemberDraft.self, from: json).validated().employeeNumber == "1001")
        let failure = #expect(throws: ValidationFailure.self) {
            try CohortMemberDraft(employeeNumber: "1001; DROP", supervisorName: String(repeating: "x", count: 201)).validated()
        }
        #expect(failure?.errors == [FieldError("employeeNumber", .invalidFormat), FieldError("supervisorName", .tooLong)])
        #expect(throws: ValidationFailure([FieldError("employeeNumber", .required)])) { try CohortMemberDraft().validated() }
    }
}
