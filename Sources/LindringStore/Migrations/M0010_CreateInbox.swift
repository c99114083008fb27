import FluentKit
import SQLKit

/// Inbox items are addressed to a unit; each user of the unit reads them on their own.
struct M0010_CreateInbox: AsyncMigration {
    var name: String { "M0010_CreateInbox" }

    func prepare(on database: any Database) async throws {
        try await database.schema("inbox_items")
            .id()
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("plan_version", .int, .required)
            .field("changes", .string, .required)
            .field("author_name", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("inbox_reads")
            .field("item_id", .uuid, .required, .references("inbox_items", "id"))
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("read_at", .datetime, .required)
            .unique(on: "item_id", "user_id")
            .create()
        try await database.sql.create(index: "inbox_items_unit_idx").on("inbox_items").column("unit_id").column("created_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("inbox_reads").delete()
        try await database.schema("inbox_items").delete()
    }
}
