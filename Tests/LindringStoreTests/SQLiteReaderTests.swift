import Foundation
import LindringSQLite
import LindringTestSupport
import SQLKit
import Testing

@testable import LindringStore

/// `Persistence.read` on SQLite runs on connections of its own (`DirectSQLitePool`), which step
/// statements on the calling thread. They must read what SQLiteNIO's connections read, keep a
/// snapshot, refuse changes and share themselves fairly.
@Suite(.enabled(if: TestDatabase.postgresURL == nil, "SQLite's own read connections"))
struct SQLiteReaderTests {
    static let table = "CREATE TABLE samples (id TEXT PRIMARY KEY, n INTEGER, x REAL, t TEXT, b BLOB, at REAL, flag INTEGER)"

    struct Sample: Equatable, Sendable {
        var id: UUID, n: Int?, x: Double?, t: String?, at: Date?, flag: Bool?
    }

    static func samples(_ sql: any SQLDatabase) async throws -> [Sample] {
        try await sql.select().columns("id", "n", "x", "t", "at", "flag").from("samples").orderBy("id").all().map { row in
            Sample(
                id: try row.decode(column: "id", as: UUID.self), n: try row.decode(column: "n", as: Int?.self),
                x: try row.decode(column: "x", as: Double?.self), t: try row.decode(column: "t", as: String?.self),
                at: try row.decode(column: "at", as: Date?.self), flag: try row.decode(column: "flag", as: Bool?.self))
        }
    }

    @Test func aSnapshotReadsWhatTheOtherConnectionsReadAndKeepsItsMoment() async throws {
        try await TestDatabase.withPersistence { persistence in
            // given: values of every kind, NULLs and text that is not ASCII
            try await persistence.write { tx in
                let sql = tx.sql
                try await sql.raw(SQLQueryString(Self.table)).run()
                try await sql.insert(into: "samples").columns("id", "n", "x", "t", "at", "flag")
                    .values(
                        SQLBind(UUID()), SQLBind(-7), SQLBind(2.5), SQLBind("Søren Ærø 🙂"), SQLBind(Date(timeIntervalSince1970: 1_700_000_000.25)),
                        SQLBind(true)
                    )
                    .values(SQLBind(UUID()), SQLLiteral.null, SQLLiteral.null, SQLLiteral.null, SQLLiteral.null, SQLLiteral.null)
                    .run()
            }
            let direct = try await Self.samples(persistence.sql)
            // when: a snapshot reads, a write commits, and the snapshot reads again
            let (first, again) = try await persistence.read { tx in
                let first = try await Self.samples(tx.sql)
                try await persistence.write { tx in
                    try await tx.sql.insert(into: "samples").columns("id", "n").values(SQLBind(UUID()), SQLBind(1)).run()
                }
                return (first, try await Self.samples(tx.sql))
            }
            let after = try await persistence.read { try await Self.samples($0.sql) }
            // then
            #expect(first == direct)
            #expect(first.count == 2)
            #expect(again == first)
            #expect(after.count == 3)
        }
    }

    @Test func aKeptStatementKeepsItsPlanReadsEachUsesValuesAndRefusesTooFew() async throws {
        try await TestDatabase.withPersistence { persistence in
            // given: rows whose `n` is 0, 1, 5 and 7 (SQLite's planner treats 0 and 1 apart)
            let ids = [UUID(), UUID(), UUID(), UUID()]
            try await persistence.write { tx in
                let sql = tx.sql
                try await sql.raw(SQLQueryString(Self.table)).run()
                try await sql.raw("CREATE INDEX samples_t_at ON samples (t, at)").run()
                for (id, n) in zip(ids, [0, 1, 5, 7]) {
                    try await sql.insert(into: "samples").columns("id", "n", "t").values(SQLBind(id), SQLBind(n), SQLBind("Søren \(n)")).run()
                }
            }
            // when: statements used again and again with other values, in one snapshot; two of
            // them shaped like the user look-up (a LEFT JOIN) and the latest screening (newest first)
            let (byNumber, byName, kept) = try await persistence.read { tx in
                let sql = tx.sql
                var byNumber: [UUID?] = [], byName: [UUID?] = []
                for n in [1, 7, 0, 1, 5, 7, 5] {
                    byNumber.append(try await sql.raw("SELECT id FROM samples WHERE n = \(bind: n)").first()?.decode(column: "id", as: UUID.self))
                }
                for name in ["Søren 5", "Søren 0", "Søren 9"] {
                    byName.append(
                        try await sql.raw("SELECT id FROM samples WHERE t = \(bind: name) ORDER BY at DESC, id DESC LIMIT 1").first()?
                            .decode(column: "id", as: UUID.self))
                    _ = try await sql.raw("SELECT s.id FROM samples s LEFT JOIN samples o ON o.id = s.t WHERE s.id = \(bind: name)").all()
                }
                return (byNumber, byName, (tx.sql as! DirectSQLiteConnection).keptStatements())
            }
            // then: each use reads its own values, never those of the use before
            #expect(byNumber == [ids[1], ids[3], ids[0], ids[1], ids[2], ids[3], ids[2]])
            #expect(byName == [ids[2], ids[0], nil])
            // and the two were planned once (after `sqlite3_clear_bindings`, at every use)
            for shape in ["SELECT id FROM samples WHERE t = ", "SELECT s.id FROM samples s LEFT JOIN"] {
                #expect(try #require(kept.first { $0.sql.hasPrefix(shape) }).reprepared == 0, "\(shape)")
            }
            // and: a statement given fewer values than it has parameters is refused, not run with NULLs
            await #expect {
                try await persistence.read { try await $0.sql.raw("SELECT ?1 + ?2 AS sum").all() }
            } throws: { ($0 as? DirectSQLiteError)?.isRangeError == true }
        }
    }

    @Test func aSnapshotCannotChangeData() async throws {
        try await TestDatabase.withPersistence { persistence in
            try await persistence.write { try await $0.sql.raw(SQLQueryString(Self.table)).run() }
            // when
            await #expect(throws: (any Error).self) {
                try await persistence.read { tx in
                    try await tx.sql.insert(into: "samples").columns("id").values(SQLBind(UUID())).run()
                }
            }
            // then
            #expect(try await Self.samples(persistence.sql).isEmpty)
        }
    }

    @Test func theUnitsReadTheSameInASnapshotAsOnTheDriversConnections() async throws {
        try await TestDatabase.withPersistence { persistence in
            // when: the seeded units, on a direct reader and on SQLiteNIO's connection
            let inSnapshot = try await persistence.read { try await UnitRepository.list(on: $0) }
            let direct = try await UnitRepository.list(on: persistence.snapshot)
            // then
            #expect(!inSnapshot.isEmpty)
            #expect(inSnapshot == direct)
        }
    }

    @Test func moreSnapshotsThanConnectionsTakeTurnsAndAllFinish() async throws {
        try await TestDatabase.withPersistence { persistence in
            // when: far more snapshots at once than there are connections, each held a while
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        try await persistence.read { tx in
                            try await Task.sleep(for: .milliseconds(10))
                            return try await UnitRepository.count(on: tx)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // then
            #expect(counts.count == 40)
            #expect(Set(counts).count == 1)
        }
    }
}
