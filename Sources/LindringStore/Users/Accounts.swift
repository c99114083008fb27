import Foundation
import LindringCore

/// Creating accounts, shared by the administrator's form, `lindring create-user` and the demo data.
public enum Accounts {
    /// Validates the draft and the password together (all field errors at once), hashes the
    /// password and stores the user with its audit entry in one transaction.
    public static func create(
        _ draft: UserDraft, password: String, persistence: Persistence, hasher: any PasswordHashing,
        audit: @escaping @Sendable (User) -> AuditRecord
    ) async throws -> User {
        var v = Validator()
        var valid: ValidUser?
        do { valid = try draft.validated() } catch { error.errors.forEach { v.add($0.field, $0.code) } }
        do { try PasswordPolicy.standard.check(password, username: draft.username) } catch { error.errors.forEach { v.add($0.field, $0.code) } }
        if let valid, try await persistence.readEach({ try await UserRepository.find(username: valid.username, on: $0) }) != nil {
            v.add("username", .alreadyTaken)
        }
        try v.check()
        let hash = try await hasher.hash(password)
        let user = valid!
        return try await persistence.write { tx in
            let created = try await UserRepository.create(user, passwordHash: hash, on: tx)
            try await AuditLog.append(audit(created), on: tx)
            return created
        }
    }

    /// An audit record for work done from the command line, where there is no signed-in user.
    public static func commandLineRecord(_ action: String, entityType: String, entityId: String) -> AuditRecord {
        AuditRecord(
            username: "cli:\(NSUserName())", role: "administrator", action: action, entityType: entityType,
            entityId: entityId, purpose: "command line", ip: nil, userAgent: "lindring-cli")
    }
}
