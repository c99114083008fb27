import FluentKit
import SQLKit

/// Issue 23's register of the cross-sector working group: meetings, analyses, recommendations and
/// decisions (each kept whole as JSON text, the valid draft, with every version beside it), and the
/// communication-pathways catalogue (a pathway's version refuses a save on top of a newer one). The columns beside the document are what the overview sorts
/// and filters on; days are `YYYY-MM-DD` text, so they compare as days on both databases.
struct M0043_CreateWorkingGroupRegister: AsyncMigration {
    var name: String { "M0043_CreateWorkingGroupRegister" }

    func prepare(on database: any Database) async throws {
        try await database.schema("working_group_items")
            .id()
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("item_date", .string)
            .field("due_on", .string)
            .field("status", .string)
            .field("indicator", .string)
            .field("meeting_id", .uuid, .references("working_group_items", "id"))
            .field("document", .string, .required)
            .field("version", .int, .required)
            .field("created_by", .uuid, .required)
            .field("created_by_name", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_by", .uuid, .required)
            .field("updated_by_name", .string, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema("working_group_item_versions")
            .field("item_id", .uuid, .required, .references("working_group_items", "id"))
            .field("version", .int, .required)
            .field("document", .string, .required)
            .field("changed", .string, .required)
            .field("saved_by", .uuid, .required)
            .field("saved_by_name", .string, .required)
            .field("saved_at", .datetime, .required)
            .unique(on: "item_id", "version")
            .create()
        try await database.schema("communication_pathways")
            .id()
            .field("situation", .string, .required)
            .field("from_party", .string, .required)
            .field("to_party", .string, .required)
            .field("how", .string, .required)
            .field("within_time", .string, .required)
            .field("notes", .string)
            .field("pages", .string, .required)
            .field("sort_order", .int, .required)
            .field("version", .int, .required)
            .field("updated_by", .uuid, .required)
            .field("updated_by_name", .string, .required)
            .field("updated_at", .datetime, .required)
            .create()
        // The overview: upcoming meetings and recent decisions by day, open recommendations by due date.
        try await database.sql.create(index: "working_group_items_kind_date_idx").on("working_group_items").column("kind").column("item_date")
            .run()
        try await database.sql.create(index: "working_group_items_kind_due_idx").on("working_group_items").column("kind").column("status")
            .column("due_on").run()
        // A meeting's decisions.
        try await database.sql.create(index: "working_group_items_meeting_idx").on("working_group_items").column("meeting_id").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["communication_pathways", "working_group_item_versions", "working_group_items"] {
            try await database.schema(table).delete()
        }
    }
}
