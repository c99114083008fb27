import FluentKit
import SQLKit

/// Issue 18, item 11. A follow-up closed as done or cancelled keeps a short note beside who and
/// when (`closed_note`); the handover lists what was closed during a shift, by `closed_at`. A saved
/// contact is a record and is never changed: what is learnt afterwards is an addendum
/// (`contact_addenda`), kept for ever, with its author's name and unit as they were when written.
struct M0030_AddContactAddendaAndFollowUpNotes: AsyncMigration {
    var name: String { "M0030_AddContactAddendaAndFollowUpNotes" }

    func prepare(on database: any Database) async throws {
        try await database.schema("follow_ups").field("closed_note", .string).update()
        try await database.schema("contact_addenda")
            .id()
            .field("contact_id", .uuid, .required, .references("contacts", "id"))
            .field("text", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by", .uuid, .required, .references("users", "id"))
            .field("created_by_name", .string, .required)
            .field("created_by_unit_name", .string)
            .create()
        let sql = database.sql
        try await sql.create(index: "contact_addenda_contact_idx").on("contact_addenda").column("contact_id").column("created_at").run()
        try await sql.create(index: "follow_ups_closed_idx").on("follow_ups").column("closed_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "follow_ups_closed_idx").run()
        try await database.schema("contact_addenda").delete()
        try await database.schema("follow_ups").deleteField("closed_note").update()
    }
}
