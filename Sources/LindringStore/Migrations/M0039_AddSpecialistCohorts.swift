import FluentKit
import SQLKit

/// Issue 21's specialist-education cohorts: a cohort of an offer, its dated stages, the nurses in
/// it (by the staff register's employee number, since most are not Lindring users, and without a
/// foreign key, so a nurse who leaves the register stays in her cohort's history) with their
/// clinical supervisor, and each nurse's status per stage. A cohort's `revision` is raised by every
/// added member: the update holds the cohort's row lock on PostgreSQL (SQLite's writer is one at a
/// time), so two educators taking the last place at once cannot make 26. Days are `YYYY-MM-DD`
/// text, as the staff register's start dates.
struct M0039_AddSpecialistCohorts: AsyncMigration {
    var name: String { "M0039_AddSpecialistCohorts" }

    func prepare(on database: any Database) async throws {
        try await database.schema("learning_cohorts")
            .id()
            .field("offer_id", .uuid, .required, .references("learning_offers", "id"))
            .field("name", .string, .required)
            .field("starts_on", .string, .required)
            .field("revision", .int, .required)
            .field("created_at", .datetime, .required)
            .field("created_by_name", .string, .required)
            .create()
        try await database.schema("learning_cohort_stages")
            .id()
            .field("cohort_id", .uuid, .required, .references("learning_cohorts", "id"))
            .field("position", .int, .required)
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .unique(on: "cohort_id", "position")
            .create()
        try await database.schema("learning_cohort_members")
            .id()
            .field("cohort_id", .uuid, .required, .references("learning_cohorts", "id"))
            .field("employee_number", .string, .required)
            .field("supervisor_name", .string)
            .field("supervisor_place", .string)
            .field("added_at", .datetime, .required)
            .field("added_by_name", .string, .required)
            .unique(on: "cohort_id", "employee_number")
            .create()
        try await database.schema("learning_cohort_progress")
            .field("member_id", .uuid, .required, .references("learning_cohort_members", "id"))
            .field("stage_id", .uuid, .required, .references("learning_cohort_stages", "id"))
            .field("status", .string, .required)
            .field("changed_at", .datetime, .required)
            .field("changed_by_name", .string, .required)
            .unique(on: "member_id", "stage_id")
            .create()
        let sql = database.sql
        try await sql.create(index: "learning_cohorts_offer_idx").on("learning_cohorts").column("offer_id").column("starts_on").run()
        // A nurse's own cohorts, found from her employee number.
        try await sql.create(index: "learning_cohort_members_number_idx").on("learning_cohort_members").column("employee_number").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("learning_cohort_progress").delete()
        try await database.schema("learning_cohort_members").delete()
        try await database.schema("learning_cohort_stages").delete()
        try await database.schema("learning_cohorts").delete()
    }
}
