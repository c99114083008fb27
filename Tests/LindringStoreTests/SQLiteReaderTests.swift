import Foundation
import LindringStore
import LindringTestSupport
import SQLKit
import Testing

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
            Sample(id: try row.decode(column: "id", as: UUID.self), n: try row.decode(column: "n", as: Int?.self),
                   x: try row.decode(column: "x", as: Double?.self), t: try row.decode(column: "t", as: String?.self),
                   at: try row.decode(column: "at", as: Date?.self), flag: try row.decode(column: "flag", as: Bool?.self))
        }
    }

    @Test func aSnapshotReadsWhatTheOtherConnectionsReadAndKeepsItsMoment() async throws {
        try await TestDatabase.withPersistence { persistence in
            // given: values of every kind, NULLs and text that is not ASCII
            try await persistence.write { tx in
                let sql = tx as! any SQLDatabase
                try await sql.raw(SQLQueryString(Self.table)).run()
                try await sql.insert(into: "samples").columns("id", "n", "x", "t", "at", "flag")
                    .values(SQLBind(UUID()), SQLBind(-7), SQLBind(2.5), SQLBind("Søren Ærø 🙂"), SQLBind(Date(timeIntervalSince1970: 1_700_000_000.25)), SQLBind(true))
                    .values(SQLBind(UUID()), SQLLiteral.null, SQLLiteral.null, SQLLiteral.null, SQLLiteral.null, SQLLiteral.null)
                    .run()
            }
            let direct = try await Self.samples(persistence.sql)
            // when: a snapshot reads, a write commits, and the snapshot reads again
            let (first, again) = try await persistence.read { tx in
                let first = try await Self.samples(tx as! any SQLDatabase)
                try await persistence.write { tx in
                    try await (tx as! any SQLDatabase).insert(into: "samples").columns("id", "n").values(SQLBind(UUID()), SQLBind(1)).run()
                }
                return (first, try await Self.samples(tx as! any SQLDatabase))
            }
            let after = try await persistence.read { try await Self.samples($0 as! any SQLDatabase) }
            // then
            #expect(first == direct)
            #expect(first.count == 2)
            #expect(again == first)
            #expect(after.count == 3)
        }
    }

    @Test func aKeptStatementReadsTheValuesOfEachUseAndRefusesTooFew() async throws {
        try await TestDatabase.withPersistence { persistence in
            // given: rows whose `flag` is 0, 1 and 7 (SQLite's planner treats 0 and 1 apart)
            let ids = [UUID(), UUID(), UUID()]
            try await persistence.write { tx in
                let sql = tx as! any SQLDatabase
                try await sql.raw(SQLQueryString(Self.table)).run()
                for (id, flag) in zip(ids, [0, 1, 7]) {
                    try await sql.insert(into: "samples").columns("id", "flag").values(SQLBind(id), SQLBind(flag)).run()
                }
            }
            // when: one statement, used again and again with other values, in one snapshot
            let found = try await persistence.read { tx in
                var found: [UUID?] = []
                for flag in [1, 7, 0, 1, 2, 0] {
                    found.append(try await (tx as! any SQLDatabase).select().column("id").from("samples")
                        .where("flag", .equal, SQLBind(flag)).first()?.decode(column: "id", as: UUID.self))
                }
                return found
            }
            // then: each use reads its own value, never one left from the use before
            #expect(found == [ids[1], ids[2], ids[0], ids[1], nil, ids[0]])
            // and: a statement given fewer values than it has parameters is refused, not run with NULLs
            await #expect(throws: (any Error).self) {
                try await persistence.read { try await ($0 as! any SQLDatabase).raw("SELECT ?1 + ?2 AS sum").all() }
            }
        }
    }

    @Test func aSnapshotCannotChangeData() async throws {
        try await TestDatabase.withPersistence { persistence in
            try await persistence.write { try await ($0 as! any SQLDatabase).raw(SQLQueryString(Self.table)).run() }
            // when
            await #expect(throws: (any Error).self) {
                try await persistence.read { tx in
                    try await (tx as! any SQLDatabase).insert(into: "samples").columns("id").values(SQLBind(UUID())).run()
                }
            }
            // then
            #expect(try await Self.samples(persistence.sql).isEmpty)
        }
    }

    @Test func fluentModelQueriesRunInASnapshot() async throws {
        try await TestDatabase.withPersistence { persistence in
            // when: the seeded units, through Fluent's models
            let inSnapshot = try await persistence.read { try await UnitRepository.list(on: $0) }
            let direct = try await UnitRepository.list(on: persistence.database)
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
