import Foundation
import LindringCore
import LindringTestSupport
import SQLKit
import Testing

@testable import LindringStore

/// Specialist-education cohorts on both databases: the stages, the 25 places (also when two
/// educators take the last one at once), and a completed education reaching coverage.
@Suite struct CohortStoreTests {
    static let educator = RecordAuthor(userId: UUID(), name: "Ulla Underviser")

    /// A specialist-education offer and a cohort of it, with a staff register of `nurses` nurses
    /// (`S001`…) and one doctor (`L001`) in home care, Copenhagen.
    func cohort(nurses: Int, _ persistence: Persistence) async throws -> (offerId: UUID, cohortId: UUID) {
        let db = persistence.outsideWriter
        let unit = try #require(try await UnitRepository.find(code: "HJ-101", on: db))
        let start = LocalDate("2019-08-01")!
        let register =
            (1...nurses).map {
                StaffMember(
                    employeeNumber: "S\($0.zeroPadded(3))", name: "Sygeplejerske \($0)", unitCode: "HJ-101", profession: .nurse, startDate: start)
            } + [StaffMember(employeeNumber: "L001", name: "Læge 1", unitCode: "HJ-101", profession: .doctor, startDate: start)]
        return try await persistence.write { tx in
            _ = try await StaffRegisterRepository.importMembers(register, unitIds: ["HJ-101": unit.id], on: tx)
            let offer = try await OfferRepository.create(
                try OfferDraft(title: "Specialuddannelse i kræftsygepleje", format: "specialistEducation", levels: ["specialised", "C"]).validated(),
                author: Self.educator, on: tx)
            let cohort = try CohortDraft(offerId: offer.id.uuidString, name: "Hold 2026–2027", startsOn: "2026-02-02").validated()
            return (offer.id, try await CohortRepository.create(cohort, author: Self.educator, on: tx))
        }
    }

    func add(_ number: String, to cohortId: UUID, _ persistence: Persistence, supervisor: Supervisor = Supervisor()) async throws -> UUID {
        try #require(
            try await persistence.write {
                try await CohortRepository.addMember(
                    cohortId: cohortId, employeeNumber: number, supervisor: supervisor, author: Self.educator, on: $0)
            })
    }

    @Test func aCohortHasTheStandardStagesAndItsNursesAsTheRegisterNamesThem() async throws {
        try await TestDatabase.withPersistence { persistence in
            // given
            let (offerId, cohortId) = try await cohort(nurses: 3, persistence)
            // when
            let second = try await add("S002", to: cohortId, persistence, supervisor: Supervisor(name: "Birgitte Holm", place: "Rigshospitalet"))
            let first = try await add("S001", to: cohortId, persistence)
            let changed = try await persistence.write {
                try await CohortRepository.setSupervisor(cohortId: cohortId, memberId: first, Supervisor(name: "Jens Dahl", place: nil), on: $0)
            }
            let elsewhere = try await persistence.write {
                try await CohortRepository.setSupervisor(cohortId: UUID(), memberId: first, Supervisor(name: "X"), on: $0)
            }
            // then
            #expect(changed && !elsewhere)
            let cohort = try #require(try await persistence.read { try await CohortRepository.find(id: cohortId, on: $0) })
            #expect(cohort.summary.name == "Hold 2026–2027" && cohort.summary.offerId == offerId && cohort.summary.members == 2)
            #expect(cohort.stages.map(\.stage) == SpecialistEducation.stages(startingOn: LocalDate("2026-02-02")!))
            #expect(cohort.endsOn == LocalDate("2027-08-01"))
            #expect(cohort.members.map(\.id) == [first, second])
            #expect(cohort.members.map(\.name) == ["Sygeplejerske 1", "Sygeplejerske 2"])
            #expect(cohort.members.allSatisfy { $0.unitName != nil && $0.progress.isEmpty })
            #expect(cohort.members.map(\.supervisor) == [Supervisor(name: "Jens Dahl"), Supervisor(name: "Birgitte Holm", place: "Rigshospitalet")])
            let listed = try await persistence.read { try await CohortRepository.list(offerId: offerId, on: $0) }
            #expect(listed.map(\.id) == [cohortId])
            #expect(try await persistence.read { try await CohortRepository.list(offerId: offerId, memberNumber: "S003", on: $0) }.isEmpty)
        }
    }

    @Test func the26thNurseIsRefusedAndSoAreThoseTheRegisterDoesNotListAsNurses() async throws {
        try await TestDatabase.withPersistence { persistence in
            // given: 25 nurses in a cohort
            let (_, cohortId) = try await cohort(nurses: 27, persistence)
            for number in 1...25 { _ = try await add("S\(number.zeroPadded(3))", to: cohortId, persistence) }
            // when / then: each refusal names the field, and stores nothing
            let refusals: [(String, ValidationCode)] = [("S026", .full), ("S001", .duplicate), ("X999", .notFound), ("L001", .notANurse)]
            for (number, code) in refusals {
                await #expect(throws: ValidationFailure([FieldError("employeeNumber", code)])) {
                    try await persistence.write {
                        try await CohortRepository.addMember(
                            cohortId: cohortId, employeeNumber: number, supervisor: Supervisor(), author: Self.educator, on: $0)
                    }
                }
            }
            let cohort = try #require(try await persistence.read { try await CohortRepository.find(id: cohortId, on: $0) })
            #expect(cohort.members.count == 25 && !cohort.members.contains { $0.employeeNumber == "S026" })
            let unknown = try await persistence.write {
                try await CohortRepository.addMember(
                    cohortId: UUID(), employeeNumber: "S026", supervisor: Supervisor(), author: Self.educator, on: $0)
            }
            #expect(unknown == nil)
        }
    }

    @Test func educatorsAddingNursesForTheLastPlaceAtOnceFillItOnce() async throws {
        try await TestDatabase.withPersistence { persistence in
            // given: 24 of 25 places taken
            let (_, cohortId) = try await cohort(nurses: 30, persistence)
            for number in 1...24 { _ = try await add("S\(number.zeroPadded(3))", to: cohortId, persistence) }
            // when: six nurses are added at the same moment
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for number in 25...30 {
                    group.addTask {
                        do {
                            _ = try await persistence.write {
                                try await CohortRepository.addMember(
                                    cohortId: cohortId, employeeNumber: "S\(number.zeroPadded(3))", supervisor: Supervisor(), author: Self.educator,
                                    on: $0)
                            }
                            return true
                        } catch let failure as ValidationFailure {
                            #expect(failure.errors == [FieldError("employeeNumber", .full)])
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            // then: one got the place
            #expect(outcomes.filter { $0 }.count == 1)
            let cohort = try #require(try await persistence.read { try await CohortRepository.find(id: cohortId, on: $0) })
            #expect(cohort.members.count == 25)
        }
    }

    @Test func completingTheLastStageCountsTheNurseInCoverageAtTheOffersLevel() async throws {
        try await TestDatabase.withPersistence { persistence in
            // given
            let (offerId, cohortId) = try await cohort(nurses: 2, persistence)
            let memberId = try await add("S001", to: cohortId, persistence)
            let stages = try #require(try await persistence.read { try await CohortRepository.find(id: cohortId, on: $0) }).stages.map(\.id)
            func set(_ changes: [UUID: StageStatus]) async throws -> Bool {
                try await persistence.write {
                    try await CohortRepository.setProgress(cohortId: cohortId, memberId: memberId, changes, author: Self.educator, on: $0)
                }
            }
            func completed() async throws -> Int {
                try await persistence.read { try await CoverageRepository.counts(by: .profession, offerIds: [offerId], on: $0) }
                    .first { $0.key == "nurse" }?.completed ?? -1
            }
            // when: all but the last stage completed, the last interrupted
            var changes = Dictionary(uniqueKeysWithValues: stages.dropLast().map { ($0, StageStatus.completed) })
            changes[stages.last!] = .interrupted
            #expect(try await set(changes) == false)
            #expect(try await completed() == 0)
            // when: the last stage is completed
            #expect(try await set([stages.last!: .completed]) == true)
            // then: she counts, recorded as the cohort's
            #expect(try await completed() == 1)
            let source = try await persistence.snapshot.sql.raw("SELECT source FROM staff_completions WHERE employee_number = 'S001'").first()?
                .decode(column: "source", as: String.self)
            #expect(source == "cohort")
            let cohort = try #require(try await persistence.read { try await CohortRepository.find(id: cohortId, on: $0) })
            #expect(cohort.members.first?.progress.values.allSatisfy { $0 == .completed } == true)
            // a stage of another cohort, or a member of another, is refused
            await #expect(throws: CohortRepository.Refusal.notFound) { try await set([UUID(): .completed]) }
            await #expect(throws: CohortRepository.Refusal.notFound) {
                try await persistence.write {
                    try await CohortRepository.setProgress(cohortId: UUID(), memberId: memberId, [:], author: Self.educator, on: $0)
                }
            }
        }
    }
}
