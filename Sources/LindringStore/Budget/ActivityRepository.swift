import Foundation
import LindringCore
import SQLKit

/// The counts of the other modules that budget follow-up shows beside spending: read from the
/// same tables those modules keep, as numbers, never as rows about people.
public enum ActivityRepository {
    /// The advisory line's counts per month of `year`, from its per-day counts (one query).
    public static func advisory(year: Int, on db: any DatabaseReading) async throws -> [Int: AdvisoryMonthCounts] {
        let rows = try await db.sql.raw(
            """
            SELECT SUBSTR(local_date, 6, 2) AS month, dimension, CAST(SUM(n) AS BIGINT) AS n FROM contact_day_counts
            WHERE local_date >= \(bind: "\(year)-01-01") AND local_date <= \(bind: "\(year)-12-31")
            AND (dimension IN ('total', 'outside', 'homeKnown', 'home') OR (dimension = 'callerRole' AND key = \(bind: CallerRole.homeCareNurse.rawValue)))
            GROUP BY SUBSTR(local_date, 6, 2), dimension
            """
        ).all()
        var months: [Int: AdvisoryMonthCounts] = [:]
        for row in rows {
            guard let month = Int(try row.decode(column: "month", as: String.self)) else { continue }
            let n = try row.decode(column: "n", as: Int.self)
            var counts = months[month] ?? AdvisoryMonthCounts()
            switch try row.decode(column: "dimension", as: String.self) {
            case "total": counts.contacts = n
            case "outside": counts.outsideWorkingHours = n
            case "homeKnown": counts.stayedAtHomeKnown = n
            case "home": counts.stayedAtHome = n
            default: counts.homeCareNurseCallers = n
            }
            months[month] = counts
        }
        return months
    }

    /// Every completion of an offer in `year` (in Lindring, or recorded against an employee
    /// number), as its Copenhagen month and the offer's levels.
    public static func completions(year: Int, on db: any DatabaseReading) async throws -> [(month: Int, levels: [CompetenceLevel])] {
        let zone = DanishCalendar.timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let start = calendar.date(from: DateComponents(year: year, month: 1, day: 1))!
        let end = calendar.date(from: DateComponents(year: year + 1, month: 1, day: 1))!
        let rows = try await db.sql.raw(
            """
            SELECT c.completed_at, o.levels FROM learning_offer_completions c JOIN learning_offers o ON o.id = c.offer_id
            WHERE c.completed_at >= \(bind: start) AND c.completed_at < \(bind: end)
            UNION ALL
            SELECT s.completed_at, o.levels FROM staff_completions s JOIN learning_offers o ON o.id = s.offer_id
            WHERE s.completed_at >= \(bind: start) AND s.completed_at < \(bind: end)
            """
        ).all()
        return try rows.map { row in
            let at = try row.decode(column: "completed_at", as: Date.self)
            let levels = try row.decode(column: "levels", as: String.self).split(separator: ",").compactMap { CompetenceLevel(rawValue: String($0)) }
            return (LocalDate(at, in: zone).month, levels)
        }
    }
}
