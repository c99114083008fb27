import Foundation
import LindringCore
import Testing

/// The fingerprint kept with an Idempotency-Key (issue 17, item 10).
@Suite struct RequestFingerprintTests {
    @Test func aRequestsFingerprintIgnoresKeyOrderAndSpacingButNotValues() throws {
        // given: one request, the same with its keys in another order, other spacing and a null, and another request
        let decoder = JSONDecoder()
        let one = try decoder.decode(ContactDraft.self, from: Data(#"{"callerRole":"gp","reasons":["pain"],"triage":"routine"}"#.utf8))
        let reordered = try decoder.decode(
            ContactDraft.self, from: Data(#"{ "triage": "routine", "reasons": ["pain"], "callerRole": "gp", "situation": null }"#.utf8))
        let other = try decoder.decode(ContactDraft.self, from: Data(#"{"callerRole":"relative","reasons":["pain"],"triage":"routine"}"#.utf8))
        // when
        let fingerprints = try [one, reordered, other].map { try RequestFingerprint.of($0) }
        // then
        #expect(fingerprints[0] == fingerprints[1])
        #expect(fingerprints[0] != fingerprints[2])
        #expect(fingerprints[0].count == 64 && fingerprints[0].allSatisfy(\.isHexDigit))
    }
}
