import FluentKit
import Foundation

final class SessionModel: Model, @unchecked Sendable {
    static let schema = "sessions"

    /// SHA-256 of the cookie value.
    @ID(custom: "id", generatedBy: .user) var id: String?
    @OptionalField(key: "user_id") var userID: UUID?
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}
}
