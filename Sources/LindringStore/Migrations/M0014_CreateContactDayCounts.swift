import FluentKit
import SQLKit

/// Statistics over a million contacts must answer in well under a second, so the counts are
/// kept per Copenhagen day as contacts are saved: a range's statistics sum at most a few
/// thousand days' rows instead of reading every contact. Existing contacts are counted here
/// once. Follow-ups get their contact's day, so on-time shares need no join; the median reads
/// durations in order from their own index.
struct M0014_CreateContactDayCounts: AsyncMigration {
    var name: String { "M0014_CreateContactDayCounts" }

    func prepare(on database: any Database) async throws {
        try await database.schema("contact_day_counts")
            .field("local_date", .string, .required)
            .field("dimension", .string, .required)
            .field("key", .string, .required)
            .field("n", .int, .required)
            .unique(on: "local_date", "dimension", "key")
            .create()
        try await database.schema("follow_ups").field("local_date", .string).update()
        let sql = database.sql
        try await sql.create(index: "contact_day_counts_dimension_idx").on("contact_day_counts").column("dimension").column("local_date").run()
        try await sql.create(index: "follow_ups_local_date_idx").on("follow_ups").column("local_date").run()
        try await sql.create(index: "contacts_duration_idx").on("contacts").column("duration_seconds").column("local_date").run()

        try await sql.raw("UPDATE follow_ups SET local_date = (SELECT c.local_date FROM contacts c WHERE c.id = follow_ups.contact_id)").run()
        try await ContactDayCounts.rebuild(on: sql)
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        try await sql.drop(index: "contacts_duration_idx").run()
        try await sql.drop(index: "follow_ups_local_date_idx").run()
        try await database.schema("follow_ups").deleteField("local_date").update()
        try await database.schema("contact_day_counts").delete()
    }
}
