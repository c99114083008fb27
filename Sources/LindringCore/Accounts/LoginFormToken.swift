import Crypto
import Foundation

/// The CSRF token of the sign-in form, kept by nobody: a random nonce goes to the browser in a
/// short-lived cookie and, with an expiry and signed (HMAC-SHA256) with the deployment's secret,
/// in the form. A submission is genuine when the signature holds, it has not expired and its
/// nonce is the cookie's: another site can neither read the cookie nor sign a nonce of its own.
/// So the sign-in page stores nothing, and every process with the secret checks any token.
public struct LoginFormSigner: Sendable {
    private let key: SymmetricKey
    public static let lifetime: TimeInterval = 2 * 3600

    /// `secret`: the deployment's random secret (at least 32 characters).
    public init(secret: String) {
        key = SymmetricKey(data: SHA256.hash(data: Data(secret.utf8)))
    }

    /// A signer with a random key of its own, for a process that keeps no secret (tests).
    public static func random() -> LoginFormSigner {
        LoginFormSigner(secret: RandomToken.make())
    }

    /// `<nonce>.<expiry, Unix seconds>.<signature>` for the form.
    public func token(nonce: String, now: Date = Date()) -> String {
        let payload = "\(nonce).\(Int(now.addingTimeInterval(Self.lifetime).timeIntervalSince1970))"
        return payload + "." + signature(payload)
    }

    /// Whether `token` is one we signed, not expired, for the nonce in the browser's cookie.
    public func isValid(_ token: String, cookieNonce: String?, now: Date = Date()) -> Bool {
        guard let cookieNonce, RandomToken.isWellFormed(cookieNonce), token.utf8.count <= 200 else { return false }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let expiry = Int(parts[1]), Double(expiry) > now.timeIntervalSince1970,
            Double(expiry) <= now.addingTimeInterval(Self.lifetime + 60).timeIntervalSince1970
        else { return false }
        let signatureMatches = RandomToken.constantTimeEquals(String(parts[2]), signature("\(parts[0]).\(parts[1])"))
        let nonceMatches = RandomToken.constantTimeEquals(String(parts[0]), cookieNonce)
        return signatureMatches && nonceMatches
    }

    private func signature(_ payload: String) -> String {
        Hex.encode(HMAC<SHA256>.authenticationCode(for: Data("lindring-login-form\n\(payload)".utf8), using: key))
    }
}
