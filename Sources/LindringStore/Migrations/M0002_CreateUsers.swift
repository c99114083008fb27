import FluentKit

struct M0002_CreateUsers: AsyncMigration {
    var name: String { "M0002_CreateUsers" }

    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .id()
            .field("username", .string, .required)
            .field("name", .string, .required)
            .field("profession", .string, .required)
            .field("unit_id", .uuid, .references("units", "id"))
            .field("roles", .string, .required)
            .field("password_hash", .string, .required)
            .field("language", .string, .required)
            .field("active", .bool, .required)
            .field("password_changed_at", .datetime, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "username")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").delete()
    }
}
