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

/// The statistics, computed by the database: counts and groupings are aggregates and the
/// median is read at its offset, so no contact rows travel to Swift.
public enum AdvisoryStatisticsQuery {
    public static func run(from: LocalDate, to: LocalDate, on db: any Database) async throws -> AdvisoryStatistics {
        let sql = db as! any SQLDatabase
        let range: (SQLSelectBuilder, String) -> SQLSelectBuilder = { query, table in
            query.where(SQLColumn("local_date", table: table), .greaterThanOrEqual, SQLBind(from.description))
                .where(SQLColumn("local_date", table: table), .lessThanOrEqual, SQLBind(to.description))
        }
        let totals = try await range(sql.select()
            .column(SQLFunction("count", args: SQLLiteral.all), as: "total")
            .column(sum(SQLColumn("outside_working_hours", table: "c")), as: "outside")
            .column(SQLFunction("count", args: SQLColumn("stayed_at_home", table: "c")), as: "home_known")
            .column(sum(SQLColumn("stayed_at_home", table: "c")), as: "home")
            .from(SQLAlias(SQLIdentifier("contacts"), as: SQLIdentifier("c"))), "c").first()
        let total = try totals?.decode(column: "total", as: Int.self) ?? 0

        func grouped(_ table: String, _ column: String) async throws -> [String: Int] {
            var counts: [String: Int] = [:]
            for row in try await range(sql.select().column(SQLColumn(column, table: "t"))
                .column(SQLFunction("count", args: SQLLiteral.all), as: "n")
                .from(SQLAlias(SQLIdentifier(table), as: SQLIdentifier("t"))), "t").groupBy(SQLColumn(column, table: "t")).all() {
                counts[try row.decode(column: column, as: String.self)] = try row.decode(column: "n", as: Int.self)
            }
            return counts
        }

        var weekdayHour = Array(repeating: Array(repeating: 0, count: 24), count: 7)
        for row in try await range(sql.select().column(SQLColumn("local_weekday", table: "c")).column(SQLColumn("local_hour", table: "c"))
            .column(SQLFunction("count", args: SQLLiteral.all), as: "n").from(SQLAlias(SQLIdentifier("contacts"), as: SQLIdentifier("c"))), "c")
            .groupBy(SQLColumn("local_weekday", table: "c")).groupBy(SQLColumn("local_hour", table: "c")).all() {
            let weekday = try row.decode(column: "local_weekday", as: Int.self), hour = try row.decode(column: "local_hour", as: Int.self)
            if (1...7).contains(weekday), (0...23).contains(hour) { weekdayHour[weekday - 1][hour] = try row.decode(column: "n", as: Int.self) }
        }

        var perDay: [LocalDate: Int] = [:]
        for (day, count) in try await grouped("contacts", "local_date") {
            if let date = LocalDate(day) { perDay[date] = count }
        }

        let followUps = try await range(sql.select()
            .column(SQLFunction("count", args: SQLLiteral.all), as: "n")
            .column(sum(SQLBinaryExpression(
                SQLBinaryExpression(SQLColumn("status", table: "f"), .equal, SQLBind(FollowUpStatus.done.rawValue)),
                .and, SQLBinaryExpression(SQLColumn("closed_at", table: "f"), .lessThanOrEqual, SQLColumn("due_at", table: "f")))), as: "on_time")
            .from(SQLAlias(SQLIdentifier("follow_ups"), as: SQLIdentifier("f")))
            .join(SQLAlias(SQLIdentifier("contacts"), as: SQLIdentifier("c")), on: SQLColumn("id", table: "c"), .equal, SQLColumn("contact_id", table: "f"))
            .where(SQLColumn("status", table: "f"), .notEqual, SQLBind(FollowUpStatus.cancelled.rawValue)), "c").first()

        return AdvisoryStatistics(
            from: from, to: to, total: total,
            outsideWorkingHours: try totals?.decode(column: "outside", as: Int?.self) ?? 0,
            stayedAtHomeKnown: try totals?.decode(column: "home_known", as: Int.self) ?? 0,
            stayedAtHome: try totals?.decode(column: "home", as: Int?.self) ?? 0,
            followUps: try followUps?.decode(column: "n", as: Int.self) ?? 0,
            followUpsOnTime: try followUps?.decode(column: "on_time", as: Int?.self) ?? 0,
            medianDurationMinutes: try await medianDuration(total: total, range: range, on: sql),
            perDay: perDay,
            byCallerRole: try await grouped("contacts", "caller_role"),
            byReason: try await grouped("contact_reasons", "reason"),
            byTriage: try await grouped("contacts", "triage"),
            byAction: try await grouped("contact_actions", "action"),
            byOutcome: try await grouped("contacts", "outcome"),
            byChannel: try await grouped("contacts", "channel"),
            byWeekdayHour: weekdayHour)
    }

    /// The middle duration (the mean of the two middle ones for an even count), read by offset.
    static func medianDuration(total: Int, range: (SQLSelectBuilder, String) -> SQLSelectBuilder, on sql: any SQLDatabase) async throws -> Double? {
        guard total > 0 else { return nil }
        let middle = try await range(sql.select().column(SQLColumn("duration_seconds", table: "c"))
            .from(SQLAlias(SQLIdentifier("contacts"), as: SQLIdentifier("c"))), "c")
            .orderBy(SQLColumn("duration_seconds", table: "c")).limit(total % 2 == 0 ? 2 : 1).offset((total - 1) / 2).all()
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
