import FluentKit
import Foundation
import LindringCore
import SQLKit

/// The per-day counts behind the advisory statistics (`contact_day_counts`): one row per
/// Copenhagen day, dimension and key, kept up to date in the transaction that saves a contact.
public enum ContactDayCounts {
    /// How stored contacts are counted into each dimension (for the migration that creates the
    /// table): the key expression (nil: the dimension has one key, ""), the table, a condition.
    /// `counts(for:)` below must agree with it.
    static let backfill: [(dimension: String, key: String?, source: String, condition: String?)] = [
        ("total", nil, "contacts", nil),
        ("outside", nil, "contacts", "outside_working_hours"),
        ("homeKnown", nil, "contacts", "stayed_at_home IS NOT NULL"),
        ("home", nil, "contacts", "stayed_at_home"),
        ("callerRole", "caller_role", "contacts", nil),
        ("triage", "triage", "contacts", nil),
        ("outcome", "outcome", "contacts", nil),
        ("channel", "channel", "contacts", nil),
        ("weekdayHour", "local_weekday || '-' || local_hour", "contacts", nil),
        ("reason", "reason", "contact_reasons", nil),
        ("action", "action", "contact_actions", nil),
    ]

    /// Counts every stored contact again (the migration that creates the table; a repair).
    public static func rebuild(on tx: WriteTransaction) async throws {
        try await rebuild(on: tx.sql)
    }

    static func rebuild(on sql: any SQLDatabase) async throws {
        try await sql.delete(from: "contact_day_counts").run()
        for (dimension, key, source, condition) in backfill {
            try await sql.raw(
                """
                INSERT INTO contact_day_counts (local_date, dimension, key, n)
                SELECT local_date, '\(unsafeRaw: dimension)', \(unsafeRaw: key ?? "''"), COUNT(*) FROM \(unsafeRaw: source)
                \(unsafeRaw: condition.map { "WHERE \($0) " } ?? "")GROUP BY local_date\(unsafeRaw: key.map { ", \($0)" } ?? "")
                """
            ).run()
        }
    }

    /// The (dimension, key) pairs one contact adds 1 to.
    static func counts(for contact: ValidContact, weekday: Int, hour: Int) -> [(String, String)] {
        var pairs: [(String, String)] = [
            ("total", ""), ("callerRole", contact.callerRole.rawValue), ("triage", contact.triage.rawValue),
            ("outcome", contact.outcome.rawValue), ("channel", contact.channel.rawValue),
            ("weekdayHour", "\(weekday)-\(hour)"),
        ]
        if contact.workingHours.outsideWorkingHours { pairs.append(("outside", "")) }
        if let home = contact.stayedAtHome {
            pairs.append(("homeKnown", ""))
            if home { pairs.append(("home", "")) }
        }
        pairs += contact.reasons.map { ("reason", $0.rawValue) } + contact.actions.map { ("action", $0.rawValue) }
        return pairs
    }

    /// Adds one contact to its day's counts: one statement, whatever the number of keys.
    static func add(_ contact: ValidContact, day: LocalDate, weekday: Int, hour: Int, on sql: any SQLDatabase) async throws {
        var insert = sql.insert(into: "contact_day_counts").columns("local_date", "dimension", "key", "n")
        for (dimension, key) in counts(for: contact, weekday: weekday, hour: hour) {
            insert = insert.values(SQLBind(day.description), SQLBind(dimension), SQLBind(key), SQLBind(1))
        }
        try await insert.onConflict(with: ["local_date", "dimension", "key"]) { update in
            update.set(SQLColumn("n"), to: SQLBinaryExpression(SQLColumn("n", table: "contact_day_counts"), .add, SQLColumn("n", table: "excluded")))
        }.run()
    }
}
