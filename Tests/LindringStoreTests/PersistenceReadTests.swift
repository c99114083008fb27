import FluentKit
import Foundation
import LindringTestSupport
import SQLKit
import Testing

@testable import LindringStore

/// `Persistence.read` keeps one snapshot for all its statements; `readEach` does not (it spares
/// PostgreSQL two round trips). Both refuse changes on SQLite's read connections.
@Suite struct PersistenceReadTests {
    @Test func aSnapshotKeepsItsMomentAndReadEachSeesEachStatementsOwn() async throws {
        try await TestDatabase.withPersistence(connectionsPerEventLoop: 2) { persistence in
            // given: one unit more, committed between the two counts of each read
            @Sendable func count(_ db: any DatabaseReading) async throws -> Int {
                try await db.sql.raw("SELECT count(*) AS n FROM units").first()!.decode(column: "n", as: Int.self)
            }
            @Sendable func addUnit(_ code: String) async throws {
                try await persistence.write { tx in
                    try await tx.sql.raw(
                        """
                        INSERT INTO units (id, code, name, kind, sector, active, created_at, updated_at)
                        SELECT \(bind: UUID()), \(bind: code), \(bind: "Testenheden"), kind, sector, active, created_at, updated_at FROM units
                        WHERE code = 'RH-PAL'
                        """
                    ).run()
                }
            }
            // when
            let snapshot = try await persistence.read { db in
                let before = try await count(db)
                try await addUnit("T-1")
                return (before, try await count(db))
            }
            let each = try await persistence.readEach { db in
                let before = try await count(db)
                try await addUnit("T-2")
                return (before, try await count(db))
            }
            // then
            #expect(snapshot.0 == snapshot.1)
            #expect(each.1 == each.0 + 1)
        }
    }
}
