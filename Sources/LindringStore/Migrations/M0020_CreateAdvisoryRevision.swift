import FluentKit
import SQLKit

/// `RevisionCounter.advisory`, bumped by triggers whenever contacts, follow-ups or the day
/// counts change, so that the advisory statistics can be kept in memory until the data under
/// them changes (`AdvisoryStatisticsCache`). Triggers rather than calls in the repositories: the
/// region load writes contacts in bulk through its own statements, and an operator may mend a
/// row by hand; a stale statistic must not survive either.
struct M0020_CreateAdvisoryRevision: AsyncMigration {
    var name: String { "M0020_CreateAdvisoryRevision" }

    static let watched = ["contacts", "follow_ups", "contact_day_counts"]
    static let events = ["INSERT", "UPDATE", "DELETE"]

    func prepare(on database: any Database) async throws {
        try await RevisionCounter.advisory.create(on: database)
        let sql = database.sql
        let bump = "UPDATE advisory_revision SET revision = revision + 1 WHERE id = 1"
        if sql.dialect.name == "sqlite" {
            // SQLite has only row triggers; one small update per changed row.
            for table in Self.watched {
                for event in Self.events {
                    try await sql.raw(
                        SQLQueryString(
                            "CREATE TRIGGER \(unsafeRaw: Self.trigger(table, event)) AFTER \(unsafeRaw: event) ON \(unsafeRaw: table) BEGIN \(unsafeRaw: bump); END"
                        )
                    ).run()
                }
            }
        } else {
            // One bump per statement, however many rows it touched. The function keeps the schema
            // search path it was made with, so that a session with another one (an operator's
            // psql) still finds the counter.
            try await sql.raw(
                SQLQueryString(
                    """
                    CREATE FUNCTION bump_advisory_revision() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT
                    AS $$ BEGIN \(unsafeRaw: bump); RETURN NULL; END $$
                    """)
            ).run()
            for table in Self.watched {
                try await sql.raw(
                    SQLQueryString(
                        "CREATE TRIGGER \(unsafeRaw: Self.trigger(table, "change")) AFTER \(unsafeRaw: Self.events.joined(separator: " OR ")) ON \(unsafeRaw: table) FOR EACH STATEMENT EXECUTE FUNCTION bump_advisory_revision()"
                    )
                ).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        if sql.dialect.name == "sqlite" {
            for table in Self.watched {
                for event in Self.events { try await sql.raw(SQLQueryString("DROP TRIGGER \(unsafeRaw: Self.trigger(table, event))")).run() }
            }
        } else {
            for table in Self.watched {
                try await sql.raw(SQLQueryString("DROP TRIGGER \(unsafeRaw: Self.trigger(table, "change")) ON \(unsafeRaw: table)")).run()
            }
            try await sql.raw("DROP FUNCTION bump_advisory_revision()").run()
        }
        try await RevisionCounter.advisory.drop(on: database)
    }

    static func trigger(_ table: String, _ event: String) -> String {
        "\(table)_bump_advisory_revision_\(event.lowercased())"
    }
}
