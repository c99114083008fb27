import FluentKit
import Foundation
import SQLKit

final class ApiTokenModel: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "label") var label: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}
}

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
        let model = ApiTokenModel()
        model.id = UUID()
        model.userID = userId
        model.label = label
        model.tokenHash = SecureToken.hash(token)
        model.createdAt = Date()
        try await model.create(on: db.fluent)
        return (token, model.id!)
    }

    /// A valid, unrevoked token with its user (and the user's unit), and whether its last use
    /// should be recorded (`recordUse`, at most once a minute), in one statement, as the session
    /// is found with its user: every API request asks. Only reads, like the session look-up.
    public static func findWithUser(token: String, now: Date = Date(), on db: any DatabaseReading) async throws
        -> (tokenId: UUID, user: User, useDue: Bool)? {
        guard token.count <= 200, let row = try await db.sql.raw("""
            SELECT t.id AS token_id, t.last_used_at, \(unsafeRaw: UserRepository.columns) FROM api_tokens t
            JOIN users u ON u.id = t.user_id \(unsafeRaw: UserRepository.unitJoin)
            WHERE t.token_hash = \(bind: SecureToken.hash(token)) AND t.revoked_at IS NULL
            """).first() else { return nil }
        let lastUsedAt = try row.decode(column: "last_used_at", as: Date?.self)
        return (try row.decode(column: "token_id", as: UUID.self), try UserRepository.user(row),
                lastUsedAt.map { now.timeIntervalSince($0) >= 60 } ?? true)
    }

    public static func recordUse(tokenId: UUID, now: Date = Date(), on db: WriteTransaction) async throws {
        try await ApiTokenModel.query(on: db.fluent).filter(\.$id == tokenId).set(\.$lastUsedAt, to: now).update()
    }

    public static func list(on db: any DatabaseReading) async throws -> [ApiToken] {
        let users = try await UserModel.query(on: db.fluent).all()
        let names = Dictionary(users.compactMap { u in u.id.map { ($0, u.username) } }, uniquingKeysWith: { a, _ in a })
        return try await ApiTokenModel.query(on: db.fluent).sort(\.$createdAt, .descending).all().map {
            ApiToken(id: $0.id!, userId: $0.userID, username: names[$0.userID] ?? "?", label: $0.label,
                     createdAt: $0.createdAt, lastUsedAt: $0.lastUsedAt, revokedAt: $0.revokedAt)
        }
    }

    /// Revokes every live token of a user: on deactivation and password reset, so that neither
    /// reactivating the account nor a new password brings an old token back.
    public static func revokeAll(userId: UUID, now: Date = Date(), on db: WriteTransaction) async throws {
        try await ApiTokenModel.query(on: db.fluent).filter(\.$userID == userId).filter(\.$revokedAt == nil)
            .set(\.$revokedAt, to: now).update()
    }

    /// Revokes the token; false when it does not exist or was already revoked.
    public static func revoke(id: UUID, on db: WriteTransaction) async throws -> Bool {
        guard let model = try await ApiTokenModel.find(id, on: db.fluent), model.revokedAt == nil else { return false }
        model.revokedAt = Date()
        try await model.save(on: db.fluent)
        return true
    }
}
