import FluentKit
import SQLKit

/// Single-use links for patients to answer a screening at home: only the token's hash is kept;
/// `assessment_id` is set by the one submission the link allows.
struct M0016_CreateSelfReportLinks: AsyncMigration {
    var name: String { "M0016_CreateSelfReportLinks" }

    func prepare(on database: any Database) async throws {
        try await database.schema("self_report_links")
            .id()
            .field("token_hash", .string, .required)
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("instrument", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("created_by", .uuid, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .field("assessment_id", .uuid)
            .field("used_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("self_report_links").delete()
    }
}
