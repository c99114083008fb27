import FluentKit
import SQLKit

struct M0008_CreatePatients: AsyncMigration {
    var name: String { "M0008_CreatePatients" }

    func prepare(on database: any Database) async throws {
        try await database.schema("patients")
            .id()
            .field("cpr", .string, .required)
            .field("name", .string, .required)
            .field("name_folded", .string, .required)
            .field("birth_date", .string, .required)
            .field("municipality_code", .string)
            .field("phone", .string)
            .field("gp_unit_id", .uuid, .references("units", "id"))
            .field("diagnosis_group", .string, .required)
            .field("icd10", .string)
            .field("language", .string)
            .field("interpreter_needed", .bool, .required)
            .field("relatives", .string, .required)
            .field("sharing_consent", .string, .required)
            .field("consent_recorded_by", .uuid)
            .field("consent_recorded_at", .datetime)
            .field("registering_unit_id", .uuid, .required, .references("units", "id"))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "cpr")
            .create()
        try await database.sql.create(index: "patients_name_folded_idx").on("patients").column("name_folded").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("patients").delete()
    }
}
