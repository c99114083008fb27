import Foundation
import LindringCore
import LindringTestSupport
import Logging
import SQLKit
import Testing

@testable import LindringStore

@Suite struct AuditLogTests {
    func append(_ count: Int, to persistence: Persistence) async throws {
        for n in 1...count {
            try await persistence.write { tx in
                try await AuditLog.append(
                    AuditRecord(
                        userId: UUID(), username: "user\(n)", role: "clinician", action: "test.event",
                        entityType: "unit", entityId: "\(n)", patientId: UUID(), purpose: "why \(n)",
                        ip: "10.0.0.\(n)", userAgent: "tests"), on: tx)
            }
        }
    }

    @Test func appendedEntriesVerifyAndReadBackExactly() async throws {
        try await TestDatabase.withPersistence { persistence in
            // given
            try await append(5, to: persistence)
            // when
            let report = try await AuditLog.verify(on: persistence.snapshot, key: persistence.auditKey)
            let newest = try await AuditLog.search(AuditFilter(username: "user5"), limit: 10, on: persistence.snapshot)
            // then
            #expect(report.problem == nil)
            #expect(report.checked == 5)
            #expect(newest.count == 1)
            #expect(newest.first?.record.purpose == "why 5")
        }
    }

    @Test func alteredRowIsNamed() async throws {
        try await TestDatabase.withPersistence { persistence in
            // given
            try await append(5, to: persistence)
            // when
            try await persistence.sql.update("audit_entries").set("username", to: SQLBind("mallory")).where("seq", .equal, 3).run()
            // then
            #expect(try await AuditLog.verify(on: persistence.snapshot, key: persistence.auditKey).problem == .contentAltered(sequence: 3))
        }
    }

    @Test func removedRowsAreFound() async throws {
        try await TestDatabase.withPersistence { persistence in
            // given
            try await append(5, to: persistence)
            // when
            try await persistence.sql.delete(from: "audit_entries").where("seq", .equal, 2).run()
            // then
            #expect(try await AuditLog.verify(on: persistence.snapshot, key: persistence.auditKey).problem == .missingEntries(before: 3, expected: 2))
            // when the newest is removed as well
            try await persistence.sql.delete(from: "audit_entries").where("seq", .equal, 5).run()
            try await persistence.sql.delete(from: "audit_entries").where("seq", .lessThan, 5).run()
            #expect(try await AuditLog.verify(on: persistence.snapshot, key: persistence.auditKey).problem == .truncated(lastSeen: 0, expected: 5))
        }
    }

    @Test func concurrentAppendsKeepOneUnbrokenChain() async throws {
        try await TestDatabase.withPersistence { persistence in
            // when
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<24 {
                    group.addTask {
                        try await persistence.write { tx in
                            try await AuditLog.append(AuditRecord(username: "c\(n)", action: "test.concurrent"), on: tx)
                        }
                    }
                }
                try await group.waitForAll()
            }
            // then
            let report = try await AuditLog.verify(on: persistence.snapshot, key: persistence.auditKey)
            #expect(report.problem == nil)
            #expect(report.checked == 24)
        }
    }

    /// Two processes (here two `Persistence`s on one database) append at once: a group that waits
    /// for the other's lock on the chain head must then read the head the other committed.
    @Test func appendsFromTwoProcessesKeepOneUnbrokenChain() async throws {
        try await TestDatabase.withPersistence { first in
            let second = try await Persistence.open(location: first.location, auditKey: TestDatabase.auditKey, logger: Logger(label: "test-second"))
            do {
                // when
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for n in 0..<32 {
                        let persistence = n.isMultiple(of: 2) ? first : second
                        group.addTask {
                            try await persistence.write { tx in
                                try await AuditLog.append(AuditRecord(username: "p\(n)", action: "test.processes"), on: tx)
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                await second.shutdown()
            } catch {
                await second.shutdown()
                throw error
            }
            // then
            let report = try await AuditLog.verify(on: first.snapshot, key: first.auditKey)
            #expect(report.problem == nil)
            #expect(report.checked == 32)
        }
    }

    @Test func failedWriteLeavesNoAuditEntry() async throws {
        struct Boom: Error {}
        try await TestDatabase.withPersistence { (persistence: Persistence) async throws in
            // when
            await #expect(throws: Boom.self) {
                try await persistence.write { tx in
                    try await AuditLog.append(AuditRecord(username: "x", action: "test.rollback"), on: tx)
                    throw Boom()
                }
            }
            // then
            #expect(try await AuditLog.search(AuditFilter(), limit: 10, on: persistence.snapshot).isEmpty)
            #expect(try await AuditLog.verify(on: persistence.snapshot, key: persistence.auditKey).problem == nil)
        }
    }
}
