import Foundation
import LindringCore
import LindringTestSupport
import Testing

@testable import LindringDemoData
@testable import LindringStore

/// The demo's specialist cohort: 25 nurses of the demo's staff register, each with a supervisor,
/// progress as the plan has it on the day the demo is loaded, and one nurse interrupted.
@Suite struct DemoCohortTests {
    @Test func theDemoCohortHas25NursesOnPlanAndOneInterrupted() async throws {
        try await TestDatabase.withPersistence { persistence in
            // given: the demo's educator, the home-care nurse, the offers and the staff register
            for (username, name, unit, role) in [
                ("underviser", "Ulla Underviser", "UDD-PAL", "educator"), ("hjemmepleje", "Hanne Hjemmesygeplejerske", "HJ-101", "clinician"),
            ] {
                _ = try await UserRepository.create(
                    try UserDraft(username: username, name: name, profession: "nurse", unitCode: unit, roles: [role]).validated(), passwordHash: "x",
                    on: persistence.outsideWriter)
            }
            let now = try #require(DanishCalendar.instant(LocalDate("2026-12-04")!, hour: 12))
            try await DemoLearning.load(persistence: persistence, now: now)
            try await DemoLearning.loadStaffRegister(persistence: persistence, units: 6, now: now)
            // when
            try await DemoCohort.load(persistence: persistence, now: now)
            // then
            let offer = try #require(try await OfferRepository.list(on: persistence.snapshot).first { $0.offer.format == .specialistEducation })
            let summary = try #require(try await CohortRepository.list(offerId: offer.id, on: persistence.snapshot).first)
            #expect(summary.name == DemoCohort.name && summary.startsOn == LocalDate("2026-02-02") && summary.members == 25)
            let cohort = try #require(try await CohortRepository.find(id: summary.id, on: persistence.snapshot))
            #expect(cohort.members.allSatisfy { $0.name != nil && $0.supervisor.name != nil && $0.supervisor.place != nil })
            #expect(cohort.members.contains { $0.name == "Hanne Hjemmesygeplejerske" })
            // on 4 December 2026 the cohort is in its second clinical stage
            let statuses = cohort.members.map { member in cohort.stages.map { member.status(in: $0.id) } }
            let onPlan: [StageStatus] = [.completed, .completed, .completed, .inProgress, .notStarted, .notStarted]
            #expect(statuses.filter { $0 == onPlan }.count == 24)
            #expect(statuses.filter { $0 == [.completed, .completed, .completed, .interrupted, .notStarted, .notStarted] }.count == 1)
        }
    }
}
