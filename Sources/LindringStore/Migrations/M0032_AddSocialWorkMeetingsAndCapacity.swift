import FluentKit
import Foundation
import LindringCore
import SQLKit

/// Issue 20, the rest of the team's work: network meetings with their decisions and the parents
/// who lost earnings that day (each may become a § 87 single-day application, linked back);
/// consultation and teaching for municipalities and institutions; the social-work FTE the team
/// is funded for, by period (data the team lead keeps; seeded 0.4 until the end of 2024 and 1.5
/// from 2025 for PABU); and bereavement follow-up conversations.
struct M0032_AddSocialWorkMeetingsAndCapacity: AsyncMigration {
    var name: String { "M0032_AddSocialWorkMeetingsAndCapacity" }

    func prepare(on database: any Database) async throws {
        try await database.schema("network_meetings")
            .id()
            .field("family_id", .uuid, .required, .references("families", "id"))
            .field("held_on", .string, .required)
            .field("participants", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by_name", .string, .required)
            .create()
        try await database.schema("meeting_decisions")
            .id()
            .field("meeting_id", .uuid, .required, .references("network_meetings", "id"))
            .field("position", .int, .required)
            .field("text", .string, .required)
            .field("owner", .string, .required)
            .field("due_on", .string)
            .field("done_on", .string)
            .create()
        try await database.schema("meeting_lost_earnings")
            .field("meeting_id", .uuid, .required, .references("network_meetings", "id"))
            .field("parent_id", .uuid, .required, .references("family_parents", "id"))
            .field("application_id", .uuid, .references("applications", "id"))
            .unique(on: "meeting_id", "parent_id")
            .create()
        try await database.schema("consultations")
            .id()
            .field("team_unit_id", .uuid, .required, .references("units", "id"))
            .field("organisation", .string, .required)
            .field("municipality_code", .string)
            .field("topic", .string, .required)
            .field("kind", .string, .required)
            .field("held_on", .string, .required)
            .field("hours", .string, .required)
            .field("participant_count", .int, .required)
            .field("created_by_name", .string, .required)
            .create()
        try await database.schema("social_work_fte")
            .field("team_unit_id", .uuid, .required, .references("units", "id"))
            .field("from_on", .string, .required)
            .field("to_on", .string)
            .field("fte", .string, .required)
            .unique(on: "team_unit_id", "from_on")
            .create()
        try await database.schema("bereavement_conversations")
            .id()
            .field("family_id", .uuid, .required, .references("families", "id"))
            .field("with_whom", .string, .required)
            .field("planned_on", .string, .required)
            .field("done_on", .string)
            .create()
        let sql = database.sql
        try await sql.create(index: "network_meetings_family_idx").on("network_meetings").column("family_id").column("held_on").run()
        try await sql.create(index: "meeting_decisions_meeting_idx").on("meeting_decisions").column("meeting_id").run()
        try await sql.create(index: "consultations_team_idx").on("consultations").column("team_unit_id").column("held_on").run()
        try await sql.create(index: "bereavement_conversations_family_idx").on("bereavement_conversations").column("family_id").run()
        // The funding the issue names: 0.4 FTE until the end of 2024, 1.5 from 2025.
        if let pabu = try await sql.raw("SELECT id FROM units WHERE code = 'PABU'").first()?.decode(column: "id", as: UUID.self) {
            try await sql.insert(into: "social_work_fte").columns("team_unit_id", "from_on", "to_on", "fte")
                .values(SQLBind(pabu), SQLBind("2020-01-01"), SQLBind("2024-12-31"), SQLBind("0.4"))
                .values(SQLBind(pabu), SQLBind("2025-01-01"), SQLBind(String?.none), SQLBind("1.5")).run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in [
            "bereavement_conversations", "social_work_fte", "consultations", "meeting_lost_earnings", "meeting_decisions", "network_meetings",
        ] {
            try await database.schema(table).delete()
        }
    }
}
