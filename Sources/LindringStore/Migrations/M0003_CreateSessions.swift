import FluentKit

/// Server-side sessions. The primary key is the SHA-256 of the cookie value, so that a copy
/// of the database does not hand out live sessions.
struct M0003_CreateSessions: AsyncMigration {
    var name: String { "M0003_CreateSessions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("sessions")
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .uuid, .references("users", "id", onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sessions").delete()
    }
}
