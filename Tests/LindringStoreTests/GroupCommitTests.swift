import FluentKit
import Foundation
import LindringCore
import LindringTestSupport
import SQLKit
import Testing

@testable import LindringStore

/// `Persistence.write` shares transactions between concurrent writers (group commit); each
/// write must still commit or fail on its own, and the audit chain must stay one line.
@Suite struct GroupCommitTests {
    struct Refused: Error {}

    func record(_ n: Int) -> AuditRecord {
        AuditRecord(username: "writer\(n)", role: "clinician", action: "test.group", entityType: "unit", entityId: "\(n)", purpose: "n=\(n)")
    }

    @Test func concurrentWritesCommitAloneOrFailAlone() async throws {
        try await TestDatabase.withPersistence { persistence in
            // given: 200 concurrent writes, every tenth of which writes its entry and then fails
            let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
                for n in 0..<200 {
                    group.addTask {
                        do {
                            try await persistence.write { tx in
                                try await AuditLog.append(record(n), on: tx)
                                if n % 10 == 3 { throw Refused() }
                            }
                            return (n, true)
                        } catch {
                            return (n, error is Refused ? false : true)
                        }
                    }
                }
                return await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
            // when
            let stored = try await persistence.sql.select().column("username").from("audit_entries").all()
                .map { try $0.decode(column: "username", as: String.self) }
            let report = try await AuditLog.verify(on: persistence.snapshot, key: persistence.auditKey)
            // then: exactly the successful ones are stored, once each, and the chain verifies
            #expect(outcomes.values.filter { $0 }.count == 180)
            #expect(Set(stored) == Set((0..<200).filter { $0 % 10 != 3 }.map { "writer\($0)" }))
            #expect(stored.count == 180)
            #expect(report.problem == nil)
            #expect(report.checked == 180)
        }
    }

    @Test func auditedReadsAndWritesShareOneChainInTheirOrder() async throws {
        try await TestDatabase.withPersistence { persistence in
            // when: entries of audited reads (no body) and of writes, some failing, at once
            await withTaskGroup(of: Void.self) { group in
                for n in 0..<120 {
                    group.addTask {
                        if n % 2 == 0 {
                            try? await persistence.appendAudit(record(n))
                        } else {
                            try? await persistence.write { tx in
                                try await AuditLog.append(record(n), on: tx)
                                if n % 10 == 5 { throw Refused() }
                            }
                        }
                    }
                }
            }
            // then: every entry but the failed writes', once, in one unbroken chain
            let stored = try await persistence.sql.select().column("username").from("audit_entries").all()
                .map { try $0.decode(column: "username", as: String.self) }
            #expect(stored.sorted() == (0..<120).filter { $0 % 10 != 5 }.map { "writer\($0)" }.sorted())
            #expect(try await AuditLog.verify(on: persistence.snapshot, key: persistence.auditKey).problem == nil)
        }
    }

    @Test func anEntryAppendedAfterItsWriteEndedFailsInsteadOfVanishing() async throws {
        try await TestDatabase.withPersistence { persistence in
            // given: a write that leaves a task behind, which appends once the write has returned
            let late = try await persistence.write { tx in
                Task {
                    try await Task.sleep(for: .milliseconds(50))
                    try await AuditLog.append(record(1), on: tx)
                }
            }
            // when
            let outcome = await late.result
            // then
            #expect(throws: (any Error).self) { try outcome.get() }
            let count = try await persistence.sql.select().column("seq").from("audit_entries").all().count
            #expect(count == 0)
        }
    }

    @Test func writeInsideWriteFailsInsteadOfWaitingForItself() async throws {
        try await TestDatabase.withPersistence { persistence in
            // when
            var nestedError: (any Error)?
            do {
                try await persistence.write { _ in try await persistence.write { _ in 1 } }
            } catch {
                nestedError = error
            }
            // then
            #expect(nestedError != nil)
            #expect(String(describing: nestedError!).contains("inside a write"))
        }
    }

    @Test func readSeesCommittedWritesAndManyEntriesAppendInOrder() async throws {
        try await TestDatabase.withPersistence { persistence in
            // when
            try await persistence.write { tx in try await AuditLog.append((1...5).map(record), on: tx) }
            let stored = try await persistence.read { tx in
                try await tx.sql.select().columns("seq", "username").from("audit_entries").orderBy("seq").all()
                    .map { "\(try $0.decode(column: "seq", as: Int.self)):\(try $0.decode(column: "username", as: String.self))" }
            }
            // then
            #expect(stored == ["1:writer1", "2:writer2", "3:writer3", "4:writer4", "5:writer5"])
            #expect(try await AuditLog.verify(on: persistence.snapshot, key: persistence.auditKey).problem == nil)
        }
    }

    @Test func sqliteWritesAndSnapshotsAreNoFluentDatabasesAndAUniqueViolationIsAConstraintFailure() async throws {
        try await TestDatabase.withPersistence { persistence in
            // when: what a write and a snapshot are handed, and a write that breaks a unique index
            // (the Idempotency-Key race of the advisory line is caught as such)
            let (writerIsFluent, refused) = await persistence.writeSQLIsFluent()
            let snapshotIsFluent = try await persistence.read { ($0.sql as Any) is any FluentKit.Database }
            // then: on SQLite, LindringSQLite's connections, SQL only (Fluent models run on the
            // drivers' own connections); on PostgreSQL the driver's, seen only as SQL
            if persistence.location.isSQLite {
                #expect(!writerIsFluent)
                #expect(!snapshotIsFluent)
            }
            // and on either, a unique violation is a constraint failure
            #expect(refused)
        }
    }
}

extension Persistence {
    /// Whether the writer's connection is a FluentKit `Database`, and whether a duplicate unit
    /// code inserted in a write fails as a `DatabaseError` constraint failure.
    fileprivate func writeSQLIsFluent() async -> (Bool, Bool) {
        let isFluent = (try? await write { ($0.sql as Any) is any FluentKit.Database }) ?? true
        do {
            try await write { tx in
                let now = Date()
                for _ in 0..<2 {
                    try await tx.sql.insert(into: "units")
                        .columns("id", "code", "name", "kind", "sector", "active", "created_at", "updated_at")
                        .values(
                            SQLBind(UUID()), SQLBind("DUP-1"), SQLBind("Dublet"), SQLBind("administration"), SQLBind("region"),
                            SQLBind(true), SQLBind(now), SQLBind(now)
                        )
                        .run()
                }
            }
            return (isFluent, false)
        } catch let error as any DatabaseError {
            return (isFluent, error.isConstraintFailure)
        } catch {
            return (isFluent, false)
        }
    }
}
