import FluentKit
import SQLKit

/// One plan per patient, every version kept whole, and the care-team units of the current
/// version in a table of their own so that "which patients may this unit see" is an index look-up.
struct M0009_CreatePlans: AsyncMigration {
    var name: String { "M0009_CreatePlans" }

    func prepare(on database: any Database) async throws {
        try await database.schema("plans")
            .id()
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("version", .int, .required)
            .field("status", .string, .required)
            .field("content", .string, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .uuid)
            .unique(on: "patient_id")
            .create()
        try await database.schema("plan_versions")
            .id()
            .field("plan_id", .uuid, .required, .references("plans", "id"))
            .field("version", .int, .required)
            .field("content", .string, .required)
            .field("changes", .string, .required)
            .field("author_id", .uuid)
            .field("author_name", .string, .required)
            .field("author_unit_id", .uuid)
            .field("created_at", .datetime, .required)
            .unique(on: "plan_id", "version")
            .create()
        try await database.schema("plan_care_team")
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .unique(on: "patient_id", "unit_id")
            .create()
        try await database.sql.create(index: "plan_care_team_unit_idx").on("plan_care_team").column("unit_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("plan_care_team").delete()
        try await database.schema("plan_versions").delete()
        try await database.schema("plans").delete()
    }
}
