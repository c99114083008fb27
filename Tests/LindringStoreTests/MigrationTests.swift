import FluentKit
import LindringCore
import LindringTestSupport
import SQLKit
import Testing

@testable import LindringStore

@Suite struct MigrationTests {
    @Test func freshDatabaseGetsEveryMigrationAndTheCapitalRegion() async throws {
        try await TestDatabase.withPersistence { persistence in
            // when
            let applied = try await persistence.appliedMigrations()
            let units = try await UnitRepository.list(on: persistence.snapshot)
            // then
            #expect(applied.count == LindringMigrations.all.count)
            #expect(units.filter { $0.kind == .homeCare }.count == 29)
            for hospital in [
                "Rigshospitalet", "Herlev og Gentofte Hospital", "Bispebjerg og Frederiksberg Hospital",
                "Amager og Hvidovre Hospital", "Nordsjællands Hospital", "Bornholms Hospital",
            ] {
                let unit = try #require(units.first { $0.name == hospital }, "\(hospital) is seeded")
                #expect(units.contains { $0.parentId == unit.id && $0.kind == .palliativeTeam }, "\(hospital) has a palliative team")
            }
            #expect(units.contains { $0.kind == .advisoryLine })
            #expect(units.contains { $0.kind == .paediatricTeam })
            #expect(units.contains { $0.kind == .education })
            #expect(units.filter { $0.kind == .hospice }.count >= 4)
            #expect(units.first { $0.code == "HJ-101" }?.name == "Hjemmeplejen, København Kommune")
        }
    }

    @Test func migratingAgainChangesNothing() async throws {
        try await TestDatabase.withPersistence { persistence in
            // given
            let before = try await UnitRepository.count(on: persistence.snapshot)
            // when
            try await persistence.migrate()
            // then
            #expect(try await UnitRepository.count(on: persistence.snapshot) == before)
        }
    }

    @Test(.enabled(if: TestDatabase.postgresURL == nil, "SQLite settings"))
    func sqliteConnectionsAreDurableAndWaitForLocks() async throws {
        try await TestDatabase.withPersistence { (persistence: Persistence) async throws in
            #expect(try await persistence.verifyConnectionSettings() == [])
        }
    }

    @Test(.enabled(if: TestDatabase.postgresURL != nil, "PostgreSQL settings"))
    func postgresQueriesRunWithoutParallelWorkers() async throws {
        try await TestDatabase.withPersistence { (persistence: Persistence) async throws in
            let row = try await persistence.sql.raw("SHOW max_parallel_workers_per_gather").first()
            #expect(try row?.decode(column: "max_parallel_workers_per_gather", as: String.self) == "0")
        }
    }
}
