import FluentKit
import SQLKit

/// Symptom assessments (ESAS-r, IPOS, EORTC QLQ-C15-PAL) per patient, answers and scores kept
/// as given; an inbox item can now point at an assessment (a red result for the key worker).
struct M0015_CreateAssessments: AsyncMigration {
    var name: String { "M0015_CreateAssessments" }

    func prepare(on database: any Database) async throws {
        try await database.schema("assessments")
            .id()
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("instrument", .string, .required)
            .field("respondent", .string, .required)
            .field("answers", .string, .required)
            .field("scores", .string, .required)
            .field("severity", .string, .required)
            .field("traffic_light", .string, .required)
            .field("taken_at", .datetime, .required)
            .field("recorded_by", .uuid, .references("users", "id"))
            .field("recorded_by_name", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("inbox_items").field("assessment_id", .uuid, .references("assessments", "id")).update()
        try await database.sql.create(index: "assessments_patient_idx").on("assessments").column("patient_id").column("taken_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("inbox_items").deleteField("assessment_id").update()
        try await database.schema("assessments").delete()
    }
}
