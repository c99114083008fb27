import FluentKit

/// "Break the glass": access outside the care team, granted for one session with a written
/// reason, and kept for the auditors' review.
struct M0011_CreateBreakGlassGrants: AsyncMigration {
    var name: String { "M0011_CreateBreakGlassGrants" }

    func prepare(on database: any Database) async throws {
        try await database.schema("break_glass_grants")
            .id()
            .field("session_id", .string, .required)
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("reason", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("break_glass_grants").delete()
    }
}
