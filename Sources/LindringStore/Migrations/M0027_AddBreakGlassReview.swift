import FluentKit
import SQLKit

/// An auditor's review of a break-the-glass access (issue 18, item 6): a status (`reviewed`,
/// `needsFollowUp`; none until reviewed), a note, who and when. Kept on the grant, never in the
/// audit log, whose entries are never changed; the review itself is appended there as `breakGlass.review`.
struct M0027_AddBreakGlassReview: AsyncMigration {
    var name: String { "M0027_AddBreakGlassReview" }

    func prepare(on database: any Database) async throws {
        // One column at a time: SQLite adds one per ALTER TABLE.
        try await database.schema("break_glass_grants").field("review_status", .string).update()
        try await database.schema("break_glass_grants").field("review_note", .string).update()
        try await database.schema("break_glass_grants").field("reviewed_by", .uuid).update()
        try await database.schema("break_glass_grants").field("reviewed_at", .datetime).update()
        try await database.sql.create(index: "break_glass_grants_created_at").on("break_glass_grants").column("created_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.raw("DROP INDEX break_glass_grants_created_at").run()
        try await database.schema("break_glass_grants").deleteField("review_status").deleteField("review_note")
            .deleteField("reviewed_by").deleteField("reviewed_at").update()
    }
}
