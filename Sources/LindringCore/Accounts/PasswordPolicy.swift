import Foundation

/// The password rules: at least 12 characters, not one of the well-known common passwords,
/// not the username, and at most 72 bytes (Bcrypt ignores anything beyond).
public struct PasswordPolicy: Sendable {
    public static let minimumLength = 12
    public static let maximumBytes = 72

    let commonPasswords: Set<String>

    public init(commonPasswords: Set<String>) {
        self.commonPasswords = Set(commonPasswords.map { $0.lowercased() })
    }

    /// The policy with the list of common passwords that ships with Lindring.
    public static let standard = PasswordPolicy(commonPasswords: CommonPasswords.list)

    public func check(_ password: String, username: String, field: String = "password") throws(ValidationFailure) {
        var v = Validator()
        if password.isEmpty {
            v.add(field, .required)
        } else if password.count < Self.minimumLength {
            v.add(field, .tooShort)
        } else if password.utf8.count > Self.maximumBytes {
            v.add(field, .tooLong)
        } else if isCommon(password) {
            v.add(field, .commonPassword)
        } else if password.lowercased().contains(Username.normalized(username)), !username.isEmpty {
            v.add(field, .sameAsUsername)
        }
        try v.check()
    }

    /// Common passwords with a year or a few digits or '!' added are just as guessable.
    func isCommon(_ password: String) -> Bool {
        let lowered = password.lowercased()
        if commonPasswords.contains(lowered) { return true }
        let stem = String(lowered.reversed().drop { $0.isNumber || $0 == "!" || $0 == "." }.reversed())
        if stem.count >= 4, commonPasswords.contains(stem) { return true }
        let distinct = Set(lowered)
        return distinct.count <= 2
    }
}
