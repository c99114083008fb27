import Crypto
import Foundation

/// The fingerprint of a request, as the IETF Idempotency-Key draft means it: SHA-256 (hex) over
/// the decoded request encoded again as canonical JSON (keys sorted, no whitespace, an absent
/// value and `null` alike). A request repeated with the same key is a replay only when its
/// fingerprint is the same; the same key with another body is a different request.
public enum RequestFingerprint {
    public static func of(_ request: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Hex.encode(SHA256.hash(data: try encoder.encode(request)))
    }
}
