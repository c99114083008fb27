import FluentKit
import SQLKit

/// The advisory line: contacts, their reasons and actions (one row each, so that statistics
/// are plain GROUP BY queries), follow-up tasks, the rota, and the link from a plan version
/// to the contact it came from. Each contact carries its Copenhagen date, weekday and hour,
/// fixed when it is saved, so that statistics group by them without time-zone arithmetic in SQL.
struct M0013_CreateAdvisoryLine: AsyncMigration {
    var name: String { "M0013_CreateAdvisoryLine" }

    func prepare(on database: any Database) async throws {
        try await database.schema("contacts")
            .id()
            .field("started_at", .datetime, .required)
            .field("ended_at", .datetime, .required)
            .field("duration_seconds", .int, .required)
            .field("local_date", .string, .required)
            .field("local_weekday", .int, .required)
            .field("local_hour", .int, .required)
            .field("outside_working_hours", .bool, .required)
            .field("holiday", .string)
            .field("channel", .string, .required)
            .field("direction", .string, .required)
            .field("caller_role", .string, .required)
            .field("caller_name", .string)
            .field("caller_phone", .string)
            .field("caller_unit_id", .uuid, .references("units", "id"))
            .field("patient_id", .uuid, .references("patients", "id"))
            .field("situation", .string)
            .field("background", .string)
            .field("assessment", .string)
            .field("recommendation", .string)
            .field("triage", .string, .required)
            .field("outcome", .string, .required)
            .field("stayed_at_home", .bool)
            .field("created_by", .uuid, .required, .references("users", "id"))
            .field("created_by_name", .string, .required)
            .field("created_at", .datetime, .required)
            .field("idempotency_key", .string)
            .unique(on: "created_by", "idempotency_key")
            .create()
        for table in ["contact_reasons", "contact_actions"] {
            let column = table == "contact_reasons" ? "reason" : "action"
            try await database.schema(table)
                .field("contact_id", .uuid, .required, .references("contacts", "id"))
                .field(FieldKey(stringLiteral: column), .string, .required)
                .field("local_date", .string, .required)
                .unique(on: "contact_id", FieldKey(stringLiteral: column))
                .create()
        }
        try await database.schema("follow_ups")
            .id()
            .field("contact_id", .uuid, .required, .references("contacts", "id"))
            .field("patient_id", .uuid, .references("patients", "id"))
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("triage", .string, .required)
            .field("due_at", .datetime, .required)
            .field("text", .string, .required)
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by_name", .string, .required)
            .field("closed_at", .datetime)
            .field("closed_by", .uuid, .references("users", "id"))
            .field("closed_by_name", .string)
            .create()
        try await database.schema("rota_assignments")
            .id()
            .field("shift_date", .string, .required)
            .field("shift_code", .string, .required)
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .unique(on: "shift_date", "shift_code", "user_id")
            .create()
        try await database.schema("plan_versions").field("contact_id", .uuid, .references("contacts", "id")).update()

        let sql = database.sql
        try await sql.create(index: "contacts_local_date_idx").on("contacts").column("local_date").run()
        try await sql.create(index: "contacts_patient_idx").on("contacts").column("patient_id").column("started_at").run()
        try await sql.create(index: "contacts_started_idx").on("contacts").column("started_at").run()
        try await sql.create(index: "contact_reasons_stats_idx").on("contact_reasons").column("local_date").column("reason").run()
        try await sql.create(index: "contact_actions_stats_idx").on("contact_actions").column("local_date").column("action").run()
        try await sql.create(index: "follow_ups_unit_idx").on("follow_ups").column("unit_id").column("status").column("due_at").run()
        try await sql.create(index: "follow_ups_status_idx").on("follow_ups").column("status").column("due_at").run()
        try await sql.create(index: "follow_ups_contact_idx").on("follow_ups").column("contact_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("plan_versions").deleteField("contact_id").update()
        for table in ["rota_assignments", "follow_ups", "contact_actions", "contact_reasons", "contacts"] {
            try await database.schema(table).delete()
        }
    }
}
