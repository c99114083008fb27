import FluentKit
import SQLKit

/// Issue 21: the staff register imported from the HR system, per unit and profession, so that
/// coverage has a denominator beyond the people who have signed in. Keyed by the employee number:
/// a re-import updates, never duplicates.
struct M0036_AddStaffRegister: AsyncMigration {
    var name: String { "M0036_AddStaffRegister" }

    func prepare(on database: any Database) async throws {
        try await database.schema("staff_register")
            .field("employee_number", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("profession", .string, .required)
            .field("start_date", .string, .required)
            .field("imported_at", .datetime, .required)
            .create()
        try await database.sql.create(index: "staff_register_unit_idx").on("staff_register").column("unit_id").column("profession").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("staff_register").delete()
    }
}
