import Foundation
import Testing

@testable import LindringCore

@Suite struct AuditChainTests {
    func chain(_ count: Int) -> [AuditChain.StoredEntry] {
        var previous = AuditChain.genesis
        return (1...count).map { n in
            let record = AuditRecord(
                at: Date(timeIntervalSince1970: 1_800_000_000 + Double(n)), username: "u\(n)",
                role: "auditor", action: "auth.login", outcome: .allowed, ip: "127.0.0.1")
            let hash = AuditChain.hash(record, sequence: Int64(n), previousHash: previous)
            defer { previous = hash }
            return .init(sequence: Int64(n), record: record, previousHash: previous, hash: hash)
        }
    }

    func verify(_ entries: [AuditChain.StoredEntry], headSequence: Int64, headHash: String) -> AuditChain.Problem? {
        var verifier = AuditChain.Verifier()
        entries.forEach { verifier.feed($0) }
        return verifier.finish(headSequence: headSequence, headHash: headHash)
    }

    @Test func intactChainVerifies() {
        let entries = chain(5)
        #expect(verify(entries, headSequence: 5, headHash: entries[4].hash) == nil)
    }

    @Test func alteredEntryIsNamed() {
        // given
        var entries = chain(5)
        let head = entries[4].hash
        // when
        entries[2].record.username = "someone-else"
        // then
        #expect(verify(entries, headSequence: 5, headHash: head) == .contentAltered(sequence: 3))
    }

    @Test func rehashedEntryBreaksTheNextLink() {
        // given: an attacker alters entry 2 and recomputes its hash
        var entries = chain(4)
        entries[1].record.outcome = .denied
        entries[1].hash = AuditChain.hash(entries[1].record, sequence: 2, previousHash: entries[1].previousHash)
        // then
        #expect(verify(entries, headSequence: 4, headHash: entries[3].hash) == .brokenLink(sequence: 3))
    }

    @Test func removedEntriesAreFound() {
        var entries = chain(5)
        let head = entries[4].hash
        entries.remove(at: 1)
        #expect(verify(entries, headSequence: 5, headHash: head) == .missingEntries(before: 3, expected: 2))
        let truncated = Array(chain(5).prefix(3))
        #expect(verify(truncated, headSequence: 5, headHash: head) == .truncated(lastSeen: 3, expected: 5))
    }

    @Test func fieldsCannotImitateEachOther() {
        let a = AuditRecord(at: Date(timeIntervalSince1970: 0), username: "a;b", action: "x")
        let b = AuditRecord(at: Date(timeIntervalSince1970: 0), username: "a", role: "b", action: "x")
        #expect(
            AuditChain.hash(a, sequence: 1, previousHash: AuditChain.genesis)
                != AuditChain.hash(b, sequence: 1, previousHash: AuditChain.genesis))
    }
}
