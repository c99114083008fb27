import FluentKit

struct M0001_CreateUnits: AsyncMigration {
    var name: String { "M0001_CreateUnits" }

    func prepare(on database: any Database) async throws {
        try await database.schema("units")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("sector", .string, .required)
            .field("parent_id", .uuid, .references("units", "id"))
            .field("day_phone", .string)
            .field("out_of_hours_phone", .string)
            .field("sor_code", .string)
            .field("active", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("units").delete()
    }
}
