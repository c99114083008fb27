import FluentKit
import SQLKit

/// Issue 23: MedCom CareCommunication. Units gain their EAN location number (beside the SOR code
/// they had), and the outbox keeps each composed message: the Bundle as it was built and
/// checked, its status, and what a reply needs to repeat the earlier segment.
struct M0044_AddCareCommunication: AsyncMigration {
    var name: String { "M0044_AddCareCommunication" }

    func prepare(on database: any Database) async throws {
        try await database.schema("units").field("ean_code", .string).update()
        try await database.schema("care_communications")
            .id()
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("contact_id", .uuid, .references("contacts", "id"))
            .field("sender_unit_id", .uuid, .required, .references("units", "id"))
            .field("receiver_unit_id", .uuid, .required, .references("units", "id"))
            .field("replies_to", .uuid, .references("care_communications", "id"))
            .field("activity", .string, .required)
            .field("status", .string, .required)
            .field("message_id", .uuid, .required)
            .field("payload_id", .uuid, .required)
            .field("text", .string, .required)
            .field("author_name", .string, .required)
            .field("author_role", .string)
            .field("author_phone", .string)
            .field("bundle", .string, .required)
            .field("problems", .string, .required)
            .field("created_at", .datetime, .required)
            .field("status_at", .datetime, .required)
            .field("status_by_name", .string, .required)
            .field("status_note", .string)
            .create()
        let sql = database.sql
        try await sql.create(index: "care_communications_patient_idx").on("care_communications").column("patient_id").run()
        try await sql.create(index: "care_communications_status_idx").on("care_communications").column("status").column("created_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("care_communications").delete()
        try await database.schema("units").deleteField("ean_code").update()
    }
}
