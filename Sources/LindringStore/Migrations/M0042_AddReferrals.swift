import FluentKit
import Foundation
import LindringCore
import SQLKit

/// Issue 23: referrals to specialised palliative care (the facts the DPD's indicators need), and
/// the plan's indicator facts copied into columns of `plans` at every save, so that the
/// indicators read them with the plans' index instead of decoding every plan's JSON. Existing
/// plans get theirs here.
struct M0042_AddReferrals: AsyncMigration {
    var name: String { "M0042_AddReferrals" }

    func prepare(on database: any Database) async throws {
        try await database.schema("referrals")
            .id()
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("received_on", .string, .required)
            .field("referring_unit_id", .uuid, .required, .references("units", "id"))
            .field("receiving_unit_id", .uuid, .required, .references("units", "id"))
            .field("diagnosis_group", .string, .required)
            .field("status", .string, .required)
            .field("not_reached_reason", .string)
            .field("first_contact_on", .string)
            .field("discussed_at_conference", .bool, .required)
            .field("conference_on", .string)
            .field("eortc_not_done_reason", .string)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("created_by_name", .string, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by_name", .string, .required)
            .create()
        let sql = database.sql
        try await sql.create(index: "referrals_patient_idx").on("referrals").column("patient_id").run()
        try await sql.create(index: "referrals_received_idx").on("referrals").column("received_on").run()

        for column in ["has_key_worker", "resuscitation_decided"] {
            try await database.schema("plans").field(.string(column), .bool).update()
        }
        for column in ["preferred_place_of_death", "place_of_death", "date_of_death"] {
            try await database.schema("plans").field(.string(column), .string).update()
        }
        for row in try await sql.select().column("id").column("content").from("plans").all() {
            let id = try row.decode(column: "id", as: UUID.self)
            let content = try row.decodeJSON(PlanContent.self, column: "content")
            try await PlanRepository.indicatorFacts(of: content, in: sql.update("plans")).where("id", .equal, SQLBind(id)).run()
        }
        try await sql.create(index: "plans_date_of_death_idx").on("plans").column("date_of_death").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "plans_date_of_death_idx").run()
        for column in ["has_key_worker", "resuscitation_decided", "preferred_place_of_death", "place_of_death", "date_of_death"] {
            try await database.schema("plans").deleteField(.string(column)).update()
        }
        try await database.schema("referrals").delete()
    }
}
