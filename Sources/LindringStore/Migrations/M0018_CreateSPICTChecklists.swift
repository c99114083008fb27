import FluentKit
import SQLKit

/// SPICT-DK checklists: the indicators ticked, the surprise question, the clinician's
/// conclusion and action. `unit_id` is the unit that screened, `cancer` whether the patient
/// counts as a cancer patient in the equal-access overview.
struct M0018_CreateSPICTChecklists: AsyncMigration {
    var name: String { "M0018_CreateSPICTChecklists" }

    func prepare(on database: any Database) async throws {
        try await database.schema("spict_checklists")
            .id()
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("unit_id", .uuid, .references("units", "id"))
            .field("general_indicators", .string, .required)
            .field("clinical_indicators", .string, .required)
            .field("would_be_surprised", .bool, .required)
            .field("conclusion", .string, .required)
            .field("positive", .bool, .required)
            .field("actions", .string, .required)
            .field("cancer", .bool, .required)
            .field("assessed_at", .datetime, .required)
            .field("recorded_by", .uuid, .references("users", "id"))
            .field("recorded_by_name", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        let sql = database.sql
        try await sql.create(index: "spict_checklists_patient_idx").on("spict_checklists").column("patient_id").column("assessed_at").run()
        try await sql.create(index: "spict_checklists_assessed_idx").on("spict_checklists").column("assessed_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("spict_checklists").delete()
    }
}
