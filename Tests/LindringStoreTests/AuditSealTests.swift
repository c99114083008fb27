import Foundation
import LindringCore
import LindringTestSupport
import SQLKit
import Testing

@testable import LindringStore

/// The audit log's seals and checkpoints (issue 17, item 7): someone with write access to the
/// database but not the key cannot rewrite, shorten or roll back the log unnoticed.
@Suite struct AuditSealTests {
    func append(_ count: Int, to persistence: Persistence) async throws {
        for n in 1...count {
            try await persistence.write { tx in
                try await AuditLog.append(AuditRecord(username: "user\(n)", action: "test.event", patientId: UUID(), purpose: "why \(n)"), on: tx)
            }
        }
    }

    /// What an attacker with SQL access does: removes one user's entry and hashes the rest again
    /// (the unkeyed chain cannot tell), keeping whatever seals were there.
    func removeAndRechain(_ username: String, in persistence: Persistence) async throws {
        let sql = persistence.sql
        let rows = try await sql.raw("SELECT seq, seal FROM audit_entries ORDER BY seq").all()
        let seals = try rows.map { try $0.decode(column: "seal", as: String?.self) }
        let entries = try await AuditLog.search(AuditFilter(), limit: 100, on: persistence.snapshot).reversed().filter {
            $0.record.username != username
        }
        try await sql.raw("DELETE FROM audit_entries").run()
        var previous = AuditChain.genesis
        for (index, entry) in entries.enumerated() {
            let sequence = Int64(index + 1)
            let hash = AuditChain.hash(entry.record, sequence: sequence, previousHash: previous)
            try await sql.raw(
                """
                INSERT INTO audit_entries (seq, at, username, action, patient_id, purpose, outcome, previous_hash, hash, seal)
                VALUES (\(bind: sequence), \(bind: entry.record.at), \(bind: entry.record.username), \(bind: entry.record.action),
                        \(bind: entry.record.patientId), \(bind: entry.record.purpose), \(bind: entry.record.outcome.rawValue),
                        \(bind: previous), \(bind: hash), \(bind: seals[index]))
                """
            ).run()
            previous = hash
        }
        try await sql.raw("UPDATE audit_chain_head SET last_seq = \(bind: Int64(entries.count)), last_hash = \(bind: previous) WHERE id = 1").run()
    }

    @Test func aTrailRemovedAndTheChainHashedAgainIsFoundWithTheKey() async throws {
        try await TestDatabase.withPersistence { persistence in
            // given
            try await append(5, to: persistence)
            // when
            try await removeAndRechain("user3", in: persistence)
            // then: the unkeyed chain is fooled, the seals are not
            #expect(try await AuditLog.verify(on: persistence.snapshot, key: nil).problem == nil)
            #expect(try await AuditLog.verify(on: persistence.snapshot, key: persistence.auditKey).problem == .sealBroken(sequence: 3))
        }
    }

    @Test func removingTheNewestEntriesAndMovingTheHeadBackIsFound() async throws {
        try await TestDatabase.withPersistence { persistence in
            // given
            try await append(5, to: persistence)
            let third = try #require(try await persistence.sql.raw("SELECT hash, seal FROM audit_entries WHERE seq = 3").first())
            // when: the newest two go, and the head is set to the third with the third's own seal
            try await persistence.sql.raw("DELETE FROM audit_entries WHERE seq > 3").run()
            try await persistence.sql.raw(
                """
                UPDATE audit_chain_head SET last_seq = 3, last_hash = \(bind: try third.decode(column: "hash", as: String.self)),
                    last_seal = \(bind: try third.decode(column: "seal", as: String.self)) WHERE id = 1
                """
            ).run()
            // then
            #expect(try await AuditLog.verify(on: persistence.snapshot, key: persistence.auditKey).problem == .headSealBroken(sequence: 3))
        }
    }

    @Test func aCheckpointProvesTheLogStillHoldsItsEntry() async throws {
        try await TestDatabase.withPersistence { persistence in
            // given: a checkpoint at five entries, then two more
            try await append(5, to: persistence)
            let line = try await AuditLog.checkpoint(on: persistence.snapshot).line(signedWith: persistence.auditKey)
            try await append(2, to: persistence)
            let checkpoint = try AuditCheckpoint(line: line, key: persistence.auditKey)
            #expect(try await AuditLog.verify(on: persistence.snapshot, key: persistence.auditKey, checkpoints: [checkpoint]).problem == nil)
            // when: the database goes back to an earlier state (as from an old copy), with a head that seals correctly
            try await persistence.sql.raw("DELETE FROM audit_entries WHERE seq > 4").run()
            let fourth = try #require(try await persistence.sql.raw("SELECT hash FROM audit_entries WHERE seq = 4").first()).decode(
                column: "hash", as: String.self)
            try await persistence.sql.raw(
                """
                UPDATE audit_chain_head SET last_seq = 4, last_hash = \(bind: fourth),
                    last_seal = \(bind: persistence.auditKey.headSeal(sequence: 4, hash: fourth)) WHERE id = 1
                """
            ).run()
            // then
            #expect(try await AuditLog.verify(on: persistence.snapshot, key: persistence.auditKey).problem == nil, "the seals alone cannot tell")
            #expect(
                try await AuditLog.verify(on: persistence.snapshot, key: persistence.auditKey, checkpoints: [checkpoint]).problem
                    == .checkpointMissing(sequence: 5, lastSeen: 4))
        }
    }

    @Test func entriesWrittenBeforeTheKeyAreSealedOnceTheirChainIsChecked() async throws {
        try await TestDatabase.withPersistence { persistence in
            // given: a log from before the key (no seals)
            try await append(3, to: persistence)
            try await persistence.sql.raw("UPDATE audit_entries SET seal = NULL").run()
            try await persistence.sql.raw("UPDATE audit_chain_head SET last_seal = NULL").run()
            #expect(try await AuditLog.verify(on: persistence.snapshot, key: persistence.auditKey).problem == .sealBroken(sequence: 1))
            // when
            let sealed = try await persistence.sealUnsealedAuditEntries(pageSize: 2)
            // then
            #expect(sealed == 3)
            #expect(try await AuditLog.verify(on: persistence.snapshot, key: persistence.auditKey).problem == nil)
            #expect(try await persistence.sealUnsealedAuditEntries() == 0)
        }
    }

    @Test func aBrokenChainIsNotSealed() async throws {
        try await TestDatabase.withPersistence { persistence in
            // given: an unsealed log whose second entry was altered
            try await append(3, to: persistence)
            try await persistence.sql.raw("UPDATE audit_entries SET seal = NULL").run()
            try await persistence.sql.raw("UPDATE audit_entries SET purpose = 'changed' WHERE seq = 2").run()
            // when / then
            await #expect(throws: AuditLog.ChainBroken.self) { try await persistence.sealUnsealedAuditEntries() }
            #expect(try await persistence.sql.raw("SELECT seq FROM audit_entries WHERE seal IS NOT NULL").all().isEmpty)
        }
    }
}
