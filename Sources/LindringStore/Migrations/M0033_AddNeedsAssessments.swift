import FluentKit
import SQLKit

/// Issue 20: a family's needs assessed over the domains, kept as each assessment was made so
/// the history shows how the needs changed. An assessment is stored whole (`content`, Core's
/// `NeedsAssessment` as JSON): it is read and shown whole, never queried by domain.
struct M0033_AddNeedsAssessments: AsyncMigration {
    var name: String { "M0033_AddNeedsAssessments" }

    func prepare(on database: any Database) async throws {
        try await database.schema("needs_assessments")
            .id()
            .field("family_id", .uuid, .required, .references("families", "id"))
            .field("assessed_on", .string, .required)
            .field("content", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by_name", .string, .required)
            .create()
        try await database.sql.create(index: "needs_assessments_family_idx").on("needs_assessments").column("family_id").column("assessed_on").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("needs_assessments").delete()
    }
}
