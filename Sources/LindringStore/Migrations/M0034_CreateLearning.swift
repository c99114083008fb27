import FluentKit
import SQLKit

/// Issue 21, competence development: the catalogue of offers, their dated sessions with places
/// and a first-come-first-served waiting list, and messages to one user (a place that opened).
/// An offer's lists (levels, competencies, professions, sectors) are stored as comma-separated
/// codes: the catalogue is a few hundred offers, filtered in Core. A session's `revision` is
/// raised by every change to its registrations; the update takes the session's row lock on
/// PostgreSQL (SQLite's writer is one at a time anyway), and its value orders the registrations.
struct M0034_CreateLearning: AsyncMigration {
    var name: String { "M0034_CreateLearning" }

    func prepare(on database: any Database) async throws {
        try await database.schema("learning_offers")
            .id()
            .field("title", .string, .required)
            .field("summary", .string)
            .field("format", .string, .required)
            .field("levels", .string, .required)
            .field("competencies", .string, .required)
            .field("professions", .string, .required)
            .field("sectors", .string, .required)
            .field("duration", .string)
            .field("prerequisites", .string)
            .field("active", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("created_by_name", .string, .required)
            .field("version", .int, .required)
            .create()
        try await database.schema("learning_sessions")
            .id()
            .field("offer_id", .uuid, .required, .references("learning_offers", "id"))
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("capacity", .int, .required)
            .field("place", .string, .required)
            .field("cancelled_at", .datetime)
            .field("revision", .int, .required)
            .field("created_at", .datetime, .required)
            .field("created_by_name", .string, .required)
            .create()
        try await database.schema("learning_registrations")
            .id()
            .field("session_id", .uuid, .required, .references("learning_sessions", "id"))
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("status", .string, .required)
            .field("arrival", .int, .required)
            .field("registered_at", .datetime, .required)
            .field("registered_by_name", .string, .required)
            .field("changed_at", .datetime, .required)
            .field("changed_by_name", .string, .required)
            .create()
        try await database.schema("user_messages")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("kind", .string, .required)
            .field("parameters", .string, .required)
            .field("link", .string)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .create()
        let sql = database.sql
        try await sql.create(index: "learning_sessions_offer_idx").on("learning_sessions").column("offer_id").column("starts_at").run()
        try await sql.create(index: "learning_sessions_start_idx").on("learning_sessions").column("starts_at").run()
        try await sql.create(index: "learning_registrations_session_idx").on("learning_registrations").column("session_id").column("status")
            .column("arrival").run()
        try await sql.create(index: "learning_registrations_user_idx").on("learning_registrations").column("user_id").run()
        // One active registration per person and session: a second is refused even if two arrive at once.
        try await sql.raw(
            "CREATE UNIQUE INDEX learning_registrations_active_idx ON learning_registrations (session_id, user_id) WHERE status <> 'cancelled'"
        ).run()
        try await sql.create(index: "user_messages_user_idx").on("user_messages").column("user_id").column("created_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("user_messages").delete()
        try await database.schema("learning_registrations").delete()
        try await database.schema("learning_sessions").delete()
        try await database.schema("learning_offers").delete()
    }
}
