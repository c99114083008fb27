import FluentKit
import LindringCore
import SQLKit

/// Issue 20: the paediatric team's family cases. A case belongs to the team unit that holds it
/// and to one child (a patient); its parents, siblings and network are rows of their own, in the
/// order the social worker keeps them (`position`). `family_events` is the case's timeline.
/// Applications carry the dates the deadline rules computed when they were saved, so that the
/// worklist is a plain indexed query. The benefit catalogue and each municipality's published
/// processing times are data (`benefits`, `processing_deadlines`), seeded from Core's catalogue.
/// Dates are `YYYY-MM-DD` text, as elsewhere (`local_date`).
struct M0031_CreateSocialWork: AsyncMigration {
    var name: String { "M0031_CreateSocialWork" }

    func prepare(on database: any Database) async throws {
        try await database.schema("families")
            .id()
            .field("child_patient_id", .uuid, .required, .references("patients", "id"))
            .field("team_unit_id", .uuid, .required, .references("units", "id"))
            .field("condition_group", .string, .required)
            .field("municipality_code", .string, .required)
            .field("interpreter_needed", .bool, .required)
            .field("language", .string)
            .field("key_worker_id", .uuid, .required, .references("users", "id"))
            .field("status", .string, .required)
            .field("opened_on", .string, .required)
            .field("death_on", .string)
            .field("closed_on", .string)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by_name", .string, .required)
            .unique(on: "child_patient_id")
            .create()
        try await database.schema("family_parents")
            .id()
            .field("family_id", .uuid, .required, .references("families", "id"))
            .field("position", .int, .required)
            .field("name", .string, .required)
            .field("relation", .string, .required)
            .field("phone", .string)
            .field("email", .string)
            .field("address", .string)
            .field("lives_with_child", .bool, .required)
            .field("holds_custody", .bool, .required)
            .field("removed", .bool, .required)
            .create()
        try await database.schema("family_siblings")
            .field("family_id", .uuid, .required, .references("families", "id"))
            .field("position", .int, .required)
            .field("name", .string)
            .field("age", .int, .required)
            .field("age_recorded_on", .string, .required)
            .field("school_or_daycare", .string)
            .field("support_needs", .string)
            .unique(on: "family_id", "position")
            .create()
        try await database.schema("family_network")
            .field("family_id", .uuid, .required, .references("families", "id"))
            .field("position", .int, .required)
            .field("role", .string, .required)
            .field("name", .string)
            .field("organisation", .string)
            .field("phone", .string)
            .field("email", .string)
            .unique(on: "family_id", "position")
            .create()
        try await database.schema("family_events")
            .id()
            .field("family_id", .uuid, .required, .references("families", "id"))
            .field("at", .datetime, .required)
            .field("kind", .string, .required)
            .field("summary", .string)
            .field("author_name", .string, .required)
            .create()
        try await database.schema("benefits")
            .field("code", .string, .identifier(auto: false))
            .field("position", .int, .required)
            .field("law", .string, .required)
            .field("previous_law", .string)
            .field("law_changed_on", .string)
            .field("name_da", .string, .required)
            .field("name_en", .string, .required)
            .field("authority", .string, .required)
            .field("deadline_amount", .int, .required)
            .field("deadline_unit", .string, .required)
            .field("note_da", .string)
            .field("note_en", .string)
            .field("active", .bool, .required)
            .create()
        try await database.schema("processing_deadlines")
            .field("municipality_code", .string, .required)
            .field("benefit_code", .string, .required, .references("benefits", "code"))
            .field("amount", .int, .required)
            .field("unit", .string, .required)
            .unique(on: "municipality_code", "benefit_code")
            .create()
        try await database.schema("applications")
            .id()
            .field("family_id", .uuid, .required, .references("families", "id"))
            .field("benefit_code", .string, .required, .references("benefits", "code"))
            .field("authority", .string, .required)
            .field("submitted_on", .string, .required)
            .field("processing_due_on", .string, .required)
            .field("decided_on", .string)
            .field("outcome", .string)
            .field("sent_via", .string)
            .field("sent_on", .string)
            .field("received_on", .string)
            .field("appeal_due_on", .string)
            .field("appeal_status", .string, .required)
            .field("review_on", .string)
            .field("parent_id", .uuid, .references("family_parents", "id"))
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by_name", .string, .required)
            .create()

        let sql = database.sql
        try await sql.create(index: "families_team_idx").on("families").column("team_unit_id").column("status").run()
        try await sql.create(index: "families_key_worker_idx").on("families").column("key_worker_id").run()
        try await sql.create(index: "family_parents_family_idx").on("family_parents").column("family_id").column("position").run()
        try await sql.create(index: "family_events_family_idx").on("family_events").column("family_id").column("at").run()
        try await sql.create(index: "applications_family_idx").on("applications").column("family_id").column("submitted_on").run()
        // The worklist's three questions: undecided past the processing deadline, appeals due, reviews due.
        try await sql.create(index: "applications_processing_idx").on("applications").column("processing_due_on").run()
        try await sql.create(index: "applications_appeal_idx").on("applications").column("appeal_due_on").run()
        try await sql.create(index: "applications_review_idx").on("applications").column("review_on").run()
        try await BenefitRepository.seed(BenefitCatalogue.seed, on: sql)
    }

    func revert(on database: any Database) async throws {
        for table in [
            "applications", "processing_deadlines", "benefits", "family_events", "family_network", "family_siblings", "family_parents",
            "families",
        ] {
            try await database.schema(table).delete()
        }
    }
}
