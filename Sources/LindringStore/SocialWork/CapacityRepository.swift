import Foundation
import LindringCore
import SQLKit

/// Counts for the team lead's capacity report: dates and numbers, never names.
public enum CapacityRepository {
    /// Applications in the range by outcome (`awaiting` for those undecided).
    public struct ApplicationTotals: Equatable, Sendable {
        public var byOutcome: [String: Int]
        /// Undecided applications past their processing deadline, today.
        public var overdueNow: Int
    }

    /// The dates the report counts, for the cases open at any time in the range.
    public static func facts(teamUnitId: UUID, from: LocalDate, to: LocalDate, on db: any DatabaseReading) async throws -> CapacityFacts {
        let sql = db.sql
        let (first, last) = (from.description, to.description)
        let cases = try await sql.raw(
            """
            SELECT opened_on, closed_on FROM families WHERE team_unit_id = \(bind: teamUnitId) AND opened_on <= \(bind: last)
            AND (closed_on IS NULL OR closed_on >= \(bind: first))
            """
        ).all().map { row in
            (openedOn: try row.decodeDate(column: "opened_on") as LocalDate, closedOn: try row.decodeDate(column: "closed_on") as LocalDate?)
        }
        let meetings = try await sql.raw(
            """
            SELECT m.held_on FROM network_meetings m JOIN families f ON f.id = m.family_id
            WHERE f.team_unit_id = \(bind: teamUnitId) AND m.held_on >= \(bind: first) AND m.held_on <= \(bind: last)
            """
        ).all().map { try $0.decodeDate(column: "held_on") as LocalDate }
        let consultations = try await sql.raw(
            """
            SELECT held_on, kind, hours FROM consultations WHERE team_unit_id = \(bind: teamUnitId)
            AND held_on >= \(bind: first) AND held_on <= \(bind: last)
            """
        ).all().map { row in
            (
                heldOn: try row.decodeDate(column: "held_on") as LocalDate, kind: try row.decodeEnum(column: "kind") as ConsultationKind,
                hours: Decimal(string: try row.decode(column: "hours", as: String.self)) ?? 0
            )
        }
        let applications = try await sql.raw(
            """
            SELECT a.submitted_on FROM applications a JOIN families f ON f.id = a.family_id
            WHERE f.team_unit_id = \(bind: teamUnitId) AND a.submitted_on >= \(bind: first) AND a.submitted_on <= \(bind: last)
            """
        ).all().map { try $0.decodeDate(column: "submitted_on") as LocalDate }
        return CapacityFacts(
            cases: cases, meetings: meetings, consultations: consultations, applications: applications,
            funding: try await funding(teamUnitId: teamUnitId, on: db))
    }

    public static func applicationTotals(
        teamUnitId: UUID, from: LocalDate, to: LocalDate, today: LocalDate, on db: any DatabaseReading
    )
        async throws -> ApplicationTotals
    {
        let sql = db.sql
        let rows = try await sql.raw(
            """
            SELECT COALESCE(a.outcome, 'awaiting') AS outcome, COUNT(*) AS n FROM applications a JOIN families f ON f.id = a.family_id
            WHERE f.team_unit_id = \(bind: teamUnitId) AND a.submitted_on >= \(bind: from.description) AND a.submitted_on <= \(bind: to.description)
            GROUP BY COALESCE(a.outcome, 'awaiting')
            """
        ).all()
        var byOutcome = Dictionary(uniqueKeysWithValues: (["awaiting"] + DecisionOutcome.allCases.map(\.rawValue)).map { ($0, 0) })
        for row in rows { byOutcome[try row.decode(column: "outcome", as: String.self)] = try row.decode(column: "n", as: Int.self) }
        let overdue =
            try await sql.raw(
                """
                SELECT COUNT(*) AS n FROM applications a JOIN families f ON f.id = a.family_id
                WHERE f.team_unit_id = \(bind: teamUnitId) AND f.status <> 'closed' AND a.decided_on IS NULL
                AND a.processing_due_on < \(bind: today.description)
                """
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        return ApplicationTotals(byOutcome: byOutcome, overdueNow: overdue)
    }

    /// The team's funded FTE periods, oldest first.
    public static func funding(teamUnitId: UUID, on db: any DatabaseReading) async throws -> [FundedFTE] {
        try await db.sql.raw("SELECT from_on, to_on, fte FROM social_work_fte WHERE team_unit_id = \(bind: teamUnitId) ORDER BY from_on").all()
            .map { row in
                FundedFTE(
                    from: try row.decodeDate(column: "from_on"), to: try row.decodeDate(column: "to_on"),
                    fte: Decimal(string: try row.decode(column: "fte", as: String.self)) ?? 0)
            }
    }

    /// From `from` on, the team is funded for `fte`: the period open at that day ends the day
    /// before, and a period starting that day is replaced.
    public static func setFunding(teamUnitId: UUID, from: LocalDate, fte: Decimal, on tx: WriteTransaction) async throws {
        let sql = tx.sql
        try await sql.raw("DELETE FROM social_work_fte WHERE team_unit_id = \(bind: teamUnitId) AND from_on = \(bind: from.description)").run()
        try await sql.raw(
            """
            UPDATE social_work_fte SET to_on = \(bind: from.adding(days: -1).description)
            WHERE team_unit_id = \(bind: teamUnitId) AND from_on < \(bind: from.description)
            AND (to_on IS NULL OR to_on >= \(bind: from.description))
            """
        ).run()
        let next = try await sql.raw(
            "SELECT MIN(from_on) AS next FROM social_work_fte WHERE team_unit_id = \(bind: teamUnitId) AND from_on > \(bind: from.description)"
        ).first()?.decode(column: "next", as: String?.self)
        try await sql.insert(into: "social_work_fte").columns("team_unit_id", "from_on", "to_on", "fte")
            .values(
                SQLBind(teamUnitId), SQLBind(from.description), SQLBind(next.flatMap(LocalDate.init).map { $0.adding(days: -1).description }),
                SQLBind("\(fte)")
            ).run()
    }
}
