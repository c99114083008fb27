import FluentKit
import SQLKit

/// Issue 21, the rest of a session's life and what completing earns: attendance taken on the
/// day, participants' evaluations, workshop groups (a join code, the members present, their
/// reflections shared inside the group only), and certificates with a verification code and an
/// optional expiry (an offer's `validity_months`). A certificate's last valid day is a calendar
/// day (`yyyy-mm-dd`); `reminded_at` keeps its 30-day reminder from being sent twice.
struct M0038_AddAttendanceGroupsCertificates: AsyncMigration {
    var name: String { "M0038_AddAttendanceGroupsCertificates" }

    func prepare(on database: any Database) async throws {
        try await database.schema("learning_offers").field("validity_months", .int).update()
        try await database.schema("learning_registrations").field("attended_at", .datetime).update()
        try await database.schema("learning_registrations").field("attendance_by_name", .string).update()
        try await database.schema("learning_evaluations")
            .id()
            .field("session_id", .uuid, .required, .references("learning_sessions", "id"))
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("rating", .int, .required)
            .field("relevance", .int, .required)
            .field("comment", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "session_id", "user_id")
            .create()
        try await database.schema("learning_groups")
            .id()
            .field("code", .string, .required)
            .field("session_id", .uuid, .required, .references("learning_sessions", "id"))
            .field("module_id", .uuid, .required, .references("learning_modules", "id"))
            .field("section", .int, .required)
            .field("facilitator_id", .uuid, .required, .references("users", "id"))
            .field("opened_at", .datetime, .required)
            .field("closed_at", .datetime)
            .unique(on: "code")
            .create()
        try await database.schema("learning_group_members")
            .field("group_id", .uuid, .required, .references("learning_groups", "id"))
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("joined_at", .datetime, .required)
            .unique(on: "group_id", "user_id")
            .create()
        try await database.schema("learning_group_reflections")
            .id()
            .field("group_id", .uuid, .required, .references("learning_groups", "id"))
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("question", .int, .required)
            .field("text", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("learning_certificates")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("offer_id", .uuid, .required, .references("learning_offers", "id"))
            .field("code", .string, .required)
            .field("issued_at", .datetime, .required)
            .field("last_valid_day", .string)
            .field("reminded_at", .datetime)
            .unique(on: "code")
            .unique(on: "user_id", "offer_id")
            .create()
        let sql = database.sql
        try await sql.create(index: "learning_groups_session_idx").on("learning_groups").column("session_id").run()
        try await sql.create(index: "learning_group_reflections_group_idx").on("learning_group_reflections").column("group_id").column("created_at")
            .run()
        try await sql.create(index: "learning_certificates_reminder_idx").on("learning_certificates").column("last_valid_day").run()
    }

    func revert(on database: any Database) async throws {
        for table in [
            "learning_certificates", "learning_group_reflections", "learning_group_members", "learning_groups", "learning_evaluations",
        ] {
            try await database.schema(table).delete()
        }
        try await database.schema("learning_registrations").deleteField("attendance_by_name").update()
        try await database.schema("learning_registrations").deleteField("attended_at").update()
        try await database.schema("learning_offers").deleteField("validity_months").update()
    }
}
