import FluentKit
import Foundation
import LindringCore
import SQLKit

/// What the advisory line did over a range of days.
public struct AdvisoryStatistics: Equatable, Sendable {
    public var from: LocalDate
    public var to: LocalDate
    public var total: Int
    public var outsideWorkingHours: Int
    /// Contacts about a patient for which it was recorded whether the patient stayed at home.
    public var stayedAtHomeKnown: Int
    public var stayedAtHome: Int
    /// Follow-ups of these contacts, not cancelled, and those done by their due time.
    public var followUps: Int
    public var followUpsOnTime: Int
    public var medianDurationMinutes: Double?
    public var perDay: [LocalDate: Int]
    public var byCallerRole: [String: Int]
    public var byReason: [String: Int]
    public var byTriage: [String: Int]
    public var byAction: [String: Int]
    public var byOutcome: [String: Int]
    public var byChannel: [String: Int]
    /// `[weekday 1 = Monday … 7][hour 0…23]`.
    public var byWeekdayHour: [[Int]]

    static func share(_ part: Int, of whole: Int) -> Double? {
        whole == 0 ? nil : Double(part) / Double(whole)
    }

    public var outsideWorkingHoursShare: Double? { Self.share(outsideWorkingHours, of: total) }
    public var stayedAtHomeShare: Double? { Self.share(stayedAtHome, of: stayedAtHomeKnown) }
    public var followUpsOnTimeShare: Double? { Self.share(followUpsOnTime, of: followUps) }
}

/// The statistics, computed by the database: the counts are sums of the per-day counts kept
/// as contacts are saved (`contact_day_counts`), so a range costs its days rather than its
/// contacts; the median is read at its offset along the duration index. No contact rows travel
/// to Swift.
public enum AdvisoryStatisticsQuery {
    public static func run(from: LocalDate, to: LocalDate, on db: any DatabaseReading) async throws -> AdvisoryStatistics {
        let sql = db.sql
        let inRange: (SQLSelectBuilder) -> SQLSelectBuilder = { query in
            query.where("local_date", .greaterThanOrEqual, SQLBind(from.description)).where("local_date", .lessThanOrEqual, SQLBind(to.description))
        }
        var counts: [String: [String: Int]] = [:]
        for row in try await inRange(
            sql.select().column("dimension").column("key")
                // SUM of a PostgreSQL bigint is numeric; the cast keeps it an integer on both databases.
                .column(SQLRaw("CAST(SUM(n) AS BIGINT)"), as: "n")
                .from("contact_day_counts")
        ).groupBy("dimension").groupBy("key").all() {
            counts[try row.decode(column: "dimension", as: String.self), default: [:]][try row.decode(column: "key", as: String.self)] =
                try row.decode(column: "n", as: Int.self)
        }
        var perDay: [LocalDate: Int] = [:]
        for row in try await inRange(
            sql.select().column("local_date").column("n").from("contact_day_counts")
                .where("dimension", .equal, SQLBind("total"))
        ).all() {
            if let day = LocalDate(try row.decode(column: "local_date", as: String.self)) { perDay[day] = try row.decode(column: "n", as: Int.self) }
        }
        var weekdayHour = Array(repeating: Array(repeating: 0, count: 24), count: 7)
        for (key, n) in counts["weekdayHour"] ?? [:] {
            let parts = key.split(separator: "-").compactMap { Int($0) }
            if parts.count == 2, (1...7).contains(parts[0]), (0...23).contains(parts[1]) { weekdayHour[parts[0] - 1][parts[1]] = n }
        }
        let followUps = try await inRange(
            sql.select()
                .column(SQLFunction("count", args: SQLLiteral.all), as: "n")
                .column(
                    sum(
                        SQLBinaryExpression(
                            SQLBinaryExpression(SQLColumn("status"), .equal, SQLBind(FollowUpStatus.done.rawValue)),
                            .and, SQLBinaryExpression(SQLColumn("closed_at"), .lessThanOrEqual, SQLColumn("due_at")))), as: "on_time"
                )
                .from("follow_ups")
                .where("status", .notEqual, SQLBind(FollowUpStatus.cancelled.rawValue))
        ).first()
        let single: (String) -> Int = { counts[$0]?[""] ?? 0 }
        let total = single("total")
        return AdvisoryStatistics(
            from: from, to: to, total: total, outsideWorkingHours: single("outside"), stayedAtHomeKnown: single("homeKnown"),
            stayedAtHome: single("home"),
            followUps: try followUps?.decode(column: "n", as: Int.self) ?? 0,
            followUpsOnTime: try followUps?.decode(column: "on_time", as: Int?.self) ?? 0,
            medianDurationMinutes: try await medianDuration(total: total, inRange: inRange, on: sql),
            perDay: perDay, byCallerRole: counts["callerRole"] ?? [:], byReason: counts["reason"] ?? [:], byTriage: counts["triage"] ?? [:],
            byAction: counts["action"] ?? [:], byOutcome: counts["outcome"] ?? [:], byChannel: counts["channel"] ?? [:],
            byWeekdayHour: weekdayHour)
    }

    /// The middle duration (the mean of the two middle ones for an even count), read by offset
    /// along the (duration, day) index.
    static func medianDuration(total: Int, inRange: (SQLSelectBuilder) -> SQLSelectBuilder, on sql: any SQLDatabase) async throws -> Double? {
        guard total > 0 else { return nil }
        // SQLite would pick the day index and sort every duration in the range (1.5 s over a
        // million contacts); walking the duration index to the offset takes milliseconds.
        // PostgreSQL's planner weighs the two itself, from its statistics.
        let contacts: any SQLExpression =
            sql.dialect.name == "sqlite" ? SQLRaw("contacts INDEXED BY contacts_duration_idx") : SQLIdentifier("contacts")
        let middle = try await inRange(sql.select().column("duration_seconds").from(contacts))
            .orderBy("duration_seconds").limit(total % 2 == 0 ? 2 : 1).offset((total - 1) / 2).all()
            .map { try $0.decode(column: "duration_seconds", as: Int.self) }
        guard !middle.isEmpty else { return nil }
        let seconds = Double(middle.reduce(0, +)) / Double(middle.count)
        return (seconds / 60 * 100).rounded() / 100
    }

    /// How many rows the condition holds for, portable between SQLite (0/1 integers) and PostgreSQL (booleans).
    static func sum(_ condition: any SQLExpression) -> any SQLExpression {
        CountWhere(condition: condition)
    }
}

struct CountWhere: SQLExpression {
    let condition: any SQLExpression

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write("SUM(CASE WHEN ")
        condition.serialize(to: &serializer)
        serializer.write(" THEN 1 ELSE 0 END)")
    }
}

/// The statistics of recent ranges, kept until a contact, follow-up or day count changes
/// (`RevisionCounter.advisory`). A year's statistics cost some 30 ms of database work (the
/// sums over 25,000 day counts, the follow-ups, the median's walk along the duration index),
/// and the dashboard is read far more often than the line takes calls. The answer is exactly
/// what `AdvisoryStatisticsQuery` would give: `run` reads the revision and the statistics in
/// the one snapshot it is given.
public final class AdvisoryStatisticsCache: Sendable {
    private struct Range: Hashable {
        let from: LocalDate
        let to: LocalDate
    }

    private let cache = RevisionedCache<Range, AdvisoryStatistics>(capacity: 64)

    public init() {}

    /// `db` must be one read snapshot (`Persistence.read`).
    public func statistics(from: LocalDate, to: LocalDate, in snapshot: any DatabaseReading) async throws -> AdvisoryStatistics {
        let revision = try await RevisionCounter.advisory.current(on: snapshot)
        return try await cache.value(for: Range(from: from, to: to), at: revision) {
            try await AdvisoryStatisticsQuery.run(from: from, to: to, on: snapshot)
        }
    }
}
