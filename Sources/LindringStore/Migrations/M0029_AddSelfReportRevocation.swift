import FluentKit
import SQLKit

/// A self-report link staff take back before the patient has used it (issue 18, item 12): when
/// and by whom. A revoked link answers as an expired one. The index serves a patient's list of
/// outstanding links on the screening page.
struct M0029_AddSelfReportRevocation: AsyncMigration {
    var name: String { "M0029_AddSelfReportRevocation" }

    func prepare(on database: any Database) async throws {
        // One column at a time: SQLite adds one per ALTER TABLE.
        try await database.schema("self_report_links").field("revoked_at", .datetime).update()
        try await database.schema("self_report_links").field("revoked_by", .uuid).update()
        try await database.sql.create(index: "self_report_links_patient_id").on("self_report_links").column("patient_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "self_report_links_patient_id").run()
        try await database.schema("self_report_links").deleteField("revoked_at").deleteField("revoked_by").update()
    }
}
