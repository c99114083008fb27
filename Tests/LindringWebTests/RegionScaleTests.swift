import Foundation
import LindringCore
import LindringTestSupport
import SQLKit
import Testing

@testable import LindringDemoData
@testable import LindringStore
@testable import LindringWeb

@Suite struct RegionScaleTests {
    func count(_ table: String, _ persistence: Persistence) async throws -> Int {
        try await persistence.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table).first()!
            .decode(column: "n", as: Int.self)
    }

    /// Today, and 5 December 2026 in Copenhagen: on that date the days' shares of the contacts once
    /// summed to 999.
    @Test(arguments: [Date(), try! Date("2026-12-04T23:30:00Z", strategy: .iso8601)])
    func aThousandthOfTheRegionHasItsVolumeCountsAndAnIntactAuditChain(now: Date) async throws {
        try await TestDatabase.withPersistence { persistence in
            // given
            let hasher = PasswordHasher(cost: 4, threads: 1)
            let volume = RegionScale.Volume.region.scaled(by: 0.001)
            // when
            try await RegionScale.load(persistence: persistence, hasher: hasher, volume: volume, now: now)
            let statistics = try await AdvisoryStatisticsQuery.run(
                from: LocalDate(now, in: DanishCalendar.timeZone).adding(days: -1830),
                to: LocalDate(now, in: DanishCalendar.timeZone), on: persistence.snapshot)
            let report = try await AuditLog.verify(on: persistence.snapshot, key: persistence.auditKey)
            var again: (any Error)?
            do { try await RegionScale.load(persistence: persistence, hasher: hasher, volume: volume, now: now) } catch { again = error }
            try await hasher.shutdown()
            // then: the volume asked for, counted by the statistics, each record audited once
            #expect(volume == RegionScale.Volume(users: 5, patients: 100, plans: 20, contacts: 1_000, assessments: 2_000, families: 1, staff: 45))
            // a staff register of 45, the region's users among them under their employee numbers
            #expect(try await count("staff_register", persistence) == 45)
            #expect(try await count("staff_completions", persistence) >= 1)
            // the paediatric team's family brings its child
            #expect(try await count("patients", persistence) == 101)
            #expect(try await count("families", persistence) == 1)
            #expect(try await count("plans", persistence) == 20)
            #expect(try await count("plan_versions", persistence) >= 20)
            #expect(try await count("contacts", persistence) == 1_000)
            #expect(try await count("assessments", persistence) == 2_000)
            #expect(statistics.total == 1_000)
            let versions = try await count("plan_versions", persistence)
            let applications = try await count("applications", persistence)
            #expect(applications >= 1)
            #expect(report.problem == nil)
            #expect(report.checked == Int64(5 + 101 + versions + 1_000 + 2_000 + 1 + applications))
            #expect(again is RegionScale.AlreadyLoaded)
        }
    }
}
