import Foundation
import LindringCore
import LindringTestSupport
import SQLKit
import Testing

@testable import LindringDemoData
@testable import LindringStore
@testable import LindringWeb

/// The demo's PABU families: about forty cases whose applications give the social workers a
/// worklist on whatever day the demo is loaded.
@Suite struct DemoSocialWorkTests {
    func values(_ column: String, _ table: String, _ persistence: Persistence) async throws -> [String: Int] {
        let rows = try await persistence.snapshot.sql.raw(
            "SELECT \(ident: column) AS v, COUNT(*) AS n FROM \(ident: table) GROUP BY \(ident: column)"
        ).all()
        return try Dictionary(
            uniqueKeysWithValues: rows.map { (try $0.decode(column: "v", as: String?.self) ?? "", try $0.decode(column: "n", as: Int.self)) })
    }

    func worklist(_ persistence: Persistence, today: LocalDate) async throws -> [SocialWorkTask] {
        let team = try #require(try await UnitRepository.find(code: DemoSocialWork.teamCode, on: persistence.snapshot))
        return try await SocialWorkWorklist.tasks(teamUnitId: team.id, today: today, on: persistence.snapshot)
    }

    @Test func theDemoHasFortyFamiliesInEveryStatusAndApplicationsInEveryState() async throws {
        try await TestDatabase.withPersistence { persistence in
            // given
            let hasher = PasswordHasher(cost: 4, threads: 1)
            // when
            _ = try await DemoData.load(persistence: persistence, hasher: hasher, patients: 5, contactDays: 0)
            try await hasher.shutdown()
            // then: about forty cases, most open, a few in bereavement follow-up, a few closed
            let statuses = try await values("status", "families", persistence)
            #expect(statuses.values.reduce(0, +) == 40)
            #expect(Set(statuses.keys) == Set(FamilyCaseStatus.allCases.map(\.rawValue)))
            #expect(statuses["open", default: 0] > 25 && statuses["bereavement", default: 0] >= 3 && statuses["closed", default: 0] >= 2)
            // every outcome and appeal status, undecided applications, and decisions sent every way
            let outcomes = try await values("outcome", "applications", persistence)
            #expect(Set(outcomes.keys) == Set(DecisionOutcome.allCases.map(\.rawValue) + [""]))
            #expect(Set(try await values("appeal_status", "applications", persistence).keys) == Set(AppealStatus.allCases.map(\.rawValue)))
            #expect(try await values("sent_via", "applications", persistence)["quickLetter"] == 1)
            let benefits = try await values("benefit_code", "applications", persistence)
            #expect(BenefitCatalogue.seed.filter { benefits[$0.code] != nil }.count >= 12)
            // the children are PABU's patients, under 18
            let today = LocalDate(Date(), in: DanishCalendar.timeZone)
            let ids = try await persistence.snapshot.sql.raw("SELECT id FROM families").all().map { try $0.decode(column: "id", as: UUID.self) }
            for id in ids {
                let family = try #require(try await FamilyRepository.find(id: id, on: persistence.snapshot))
                #expect((0...17).contains(family.child.birthDate.years(until: today)))
                #expect(!family.details.parents.isEmpty && (1...4).contains(family.details.network.count))
            }
            // and the worklist has work of every kind
            let tasks = try await worklist(persistence, today: today)
            #expect(Set(tasks.map(\.kind)) == [.processingOverdue, .appealDue, .reviewDue, .bereavementConversation])
            #expect(tasks.contains { $0.kind == .appealDue && $0.due > today && $0.due <= today.adding(days: 7) })
            #expect(Set(tasks.map(\.keyWorkerId)).count == 2)
        }
    }

    /// Around Christmas and Easter the deadlines jump over closed days; the demo still has an
    /// appeal due within the week.
    @Test(arguments: ["2026-12-24", "2027-03-25", "2027-07-15"])
    func theWorklistHasWorkWheneverTheDemoIsLoaded(_ day: String) async throws {
        try await TestDatabase.withPersistence { persistence in
            // given
            _ = try await UserRepository.create(
                try UserDraft(username: "sofie", name: "Sofie Socialrådgiver", profession: "socialWorker", unitCode: "PABU", roles: ["socialWorker"])
                    .validated(), passwordHash: "x", on: persistence.outsideWriter)
            let today = try #require(LocalDate(day))
            // when
            try await DemoSocialWork.load(persistence: persistence, now: try #require(DanishCalendar.instant(today, hour: 12)))
            // then
            let tasks = try await worklist(persistence, today: today)
            #expect(Set(tasks.map(\.kind)) == [.processingOverdue, .appealDue, .reviewDue, .bereavementConversation])
            #expect(tasks.filter { $0.kind == .appealDue }.allSatisfy { $0.due >= today && $0.due <= today.adding(days: 7) })
        }
    }
}
