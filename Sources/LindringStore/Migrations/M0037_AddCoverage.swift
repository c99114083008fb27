import FluentKit
import SQLKit

/// Issue 21's coverage: a user's employee number links them to the staff register (so what they
/// complete in Lindring counts for their unit), and completions recorded against an employee
/// number (attendance kept outside Lindring, an earlier system's records) count as well.
struct M0037_AddCoverage: AsyncMigration {
    var name: String { "M0037_AddCoverage" }

    func prepare(on database: any Database) async throws {
        try await database.schema("users").field("employee_number", .string).update()
        try await database.sql.raw("CREATE UNIQUE INDEX users_employee_number_idx ON users (employee_number) WHERE employee_number IS NOT NULL").run()
        try await database.schema("staff_completions")
            .field("employee_number", .string, .required)
            .field("offer_id", .uuid, .required, .references("learning_offers", "id"))
            .field("completed_at", .datetime, .required)
            .field("source", .string, .required)
            .unique(on: "employee_number", "offer_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("staff_completions").delete()
        try await database.sql.raw("DROP INDEX users_employee_number_idx").run()
        try await database.schema("users").deleteField("employee_number").update()
    }
}
