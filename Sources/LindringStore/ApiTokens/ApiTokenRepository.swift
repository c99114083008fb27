import Foundation
import SQLKit

public struct ApiToken: Equatable, Sendable {
    public var id: UUID
    public var userId: UUID
    public var username: String
    public var label: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?
}

public enum ApiTokenRepository {
    /// Issues a token and returns it in clear text; only its hash is stored.
    public static func issue(userId: UUID, label: String, on db: WriteTransaction) async throws -> (token: String, id: UUID) {
        let token = "lnd_" + SecureToken.make()
        let id = UUID()
        try await db.sql.insert(into: "api_tokens").columns("id", "user_id", "label", "token_hash", "created_at")
            .values(SQLBind(id), SQLBind(userId), SQLBind(label), SQLBind(SecureToken.hash(token)), SQLBind(Date()))
            .run()
        return (token, id)
    }

    /// A valid, unrevoked token with its user (and the user's unit), and whether its last use
    /// should be recorded (`recordUse`, at most once a minute), in one statement, as the session
    /// is found with its user: every API request asks. Only reads, like the session look-up.
    public static func findWithUser(
        token: String, now: Date = Date(), on db: any DatabaseReading
    ) async throws
        -> (tokenId: UUID, user: User, useDue: Bool)?
    {
        guard token.count <= 200,
            let row = try await db.sql.raw(
                """
                SELECT t.id AS token_id, t.last_used_at, \(unsafeRaw: UserRepository.columns) FROM api_tokens t
                JOIN users u ON u.id = t.user_id \(unsafeRaw: UserRepository.unitJoin)
                WHERE t.token_hash = \(bind: SecureToken.hash(token)) AND t.revoked_at IS NULL
                """
            ).first()
        else { return nil }
        let lastUsedAt = try row.decode(column: "last_used_at", as: Date?.self)
        return (
            try row.decode(column: "token_id", as: UUID.self), try UserRepository.user(row),
            lastUsedAt.map { now.timeIntervalSince($0) >= 60 } ?? true
        )
    }

    public static func recordUse(tokenId: UUID, now: Date = Date(), on db: WriteTransaction) async throws {
        try await db.sql.update("api_tokens").set("last_used_at", to: SQLBind(now)).where("id", .equal, SQLBind(tokenId)).run()
    }

    public static func list(on db: any DatabaseReading) async throws -> [ApiToken] {
        try await db.sql.raw(
            """
            SELECT t.id, t.user_id, u.username, t.label, t.created_at, t.last_used_at, t.revoked_at
            FROM api_tokens t LEFT JOIN users u ON u.id = t.user_id ORDER BY t.created_at DESC
            """
        ).all().map { row in
            ApiToken(
                id: try row.decode(column: "id", as: UUID.self), userId: try row.decode(column: "user_id", as: UUID.self),
                username: try row.decode(column: "username", as: String?.self) ?? "?", label: try row.decode(column: "label", as: String.self),
                createdAt: try row.decode(column: "created_at", as: Date.self), lastUsedAt: try row.decode(column: "last_used_at", as: Date?.self),
                revokedAt: try row.decode(column: "revoked_at", as: Date?.self))
        }
    }

    /// Revokes every live token of a user: on deactivation and password reset, so that neither
    /// reactivating the account nor a new password brings an old token back.
    public static func revokeAll(userId: UUID, now: Date = Date(), on db: WriteTransaction) async throws {
        try await db.sql.update("api_tokens").set("revoked_at", to: SQLBind(now))
            .where("user_id", .equal, SQLBind(userId)).where(SQLColumn("revoked_at"), .is, SQLLiteral.null).run()
    }

    /// Revokes the token; false when it does not exist or was already revoked.
    public static func revoke(id: UUID, on db: WriteTransaction) async throws -> Bool {
        guard
            try await db.sql.select().column("id").from("api_tokens").where("id", .equal, SQLBind(id))
                .where(SQLColumn("revoked_at"), .is, SQLLiteral.null).first() != nil
        else { return false }
        try await db.sql.update("api_tokens").set("revoked_at", to: SQLBind(Date())).where("id", .equal, SQLBind(id)).run()
        return true
    }
}
