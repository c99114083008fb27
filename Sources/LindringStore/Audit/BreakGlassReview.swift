import FluentKit
import Foundation
import LindringCore
import SQLKit

/// What an auditor concluded about a break-the-glass access.
public enum BreakGlassReviewStatus: String, CaseIterable, Codable, Sendable {
    case reviewed, needsFollowUp
}

/// A break-the-glass access as the auditors review it: who (name and unit), which patient, why,
/// how long it was used, and the review so far.
public struct BreakGlassGrant: Equatable, Sendable {
    public var id: UUID
    public var userId: UUID
    public var username: String
    public var userName: String
    public var unitName: String?
    public var patientId: UUID
    public var patientName: String
    public var reason: String
    public var createdAt: Date
    /// The last read of the patient on the grant's ground (`breakTheGlass` in the audit log), before the
    /// user broke the glass for the patient again: how long the access stayed in use. Nil: never used.
    public var lastUsedAt: Date?
    /// When the session that broke the glass ends at the latest, while it is stored (it is deleted on
    /// signing out and once expired). Nil: the session has ended.
    public var sessionEndsAt: Date?
    public var reviewStatus: BreakGlassReviewStatus?
    public var reviewNote: String?
    public var reviewerName: String?
    public var reviewedAt: Date?
}

/// The break-the-glass list's filters: the period the glass was broken in, the user, the review status.
public struct BreakGlassFilter: Equatable, Sendable {
    public enum Status: String, CaseIterable, Sendable {
        case unreviewed, reviewed, needsFollowUp
    }

    public var from: Date?
    public var to: Date?
    public var username: String?
    public var status: Status?

    public init(from: Date? = nil, to: Date? = nil, username: String? = nil, status: Status? = nil) {
        self.from = from
        self.to = to
        self.username = username
        self.status = status
    }
}

extension BreakGlassRepository {
    /// Break-the-glass accesses matching the filter, newest first, for the auditors' review.
    public static func list(
        _ filter: BreakGlassFilter = BreakGlassFilter(), limit: Int = 200, now: Date = Date(),
        on db: any DatabaseReading
    ) async throws -> [BreakGlassGrant] {
        let sql = db.sql
        var conditions: [SQLQueryString] = []
        if let from = filter.from { conditions.append("g.created_at >= \(bind: from)") }
        if let to = filter.to { conditions.append("g.created_at < \(bind: to)") }
        if let username = filter.username { conditions.append("u.username = \(bind: username)") }
        switch filter.status {
        case .unreviewed: conditions.append("g.review_status IS NULL")
        case .reviewed: conditions.append("g.review_status = \(bind: BreakGlassReviewStatus.reviewed.rawValue)")
        case .needsFollowUp: conditions.append("g.review_status = \(bind: BreakGlassReviewStatus.needsFollowUp.rawValue)")
        case nil: break
        }
        var query: SQLQueryString = """
            SELECT g.id, g.user_id, u.username, u.name AS user_name, n.name AS unit_name, g.patient_id, p.name AS patient_name, g.reason,
                   g.created_at, g.review_status, g.review_note, g.reviewed_at, r.name AS reviewer_name,
                   (SELECT s.expires_at FROM sessions s WHERE s.id = g.session_id AND s.expires_at > \(bind: now)) AS session_ends_at,
                   (SELECT MAX(a.at) FROM audit_entries a
                     WHERE a.patient_id = g.patient_id AND a.user_id = g.user_id AND a.at >= g.created_at
                       AND a.outcome = 'allowed' AND a.purpose LIKE 'breakTheGlass%'
                       AND NOT EXISTS (SELECT 1 FROM break_glass_grants later
                                        WHERE later.user_id = g.user_id AND later.patient_id = g.patient_id
                                          AND later.created_at > g.created_at AND later.created_at <= a.at)) AS last_used_at
            FROM break_glass_grants g
            JOIN users u ON u.id = g.user_id
            LEFT JOIN units n ON n.id = u.unit_id
            JOIN patients p ON p.id = g.patient_id
            LEFT JOIN users r ON r.id = g.reviewed_by
            """
        for (index, condition) in conditions.enumerated() {
            query.appendInterpolation(unsafeRaw: index == 0 ? " WHERE " : " AND ")
            query = query + condition
        }
        query.appendInterpolation(unsafeRaw: " ORDER BY g.created_at DESC, g.id DESC LIMIT \(max(1, limit))")
        return try await sql.raw(query).all().map { row in
            func date(_ column: String) throws -> Date? { try row.decodeNil(column: column) ? nil : row.decode(column: column, as: Date.self) }
            return BreakGlassGrant(
                id: try row.decode(column: "id", as: UUID.self), userId: try row.decode(column: "user_id", as: UUID.self),
                username: try row.decode(column: "username", as: String.self), userName: try row.decode(column: "user_name", as: String.self),
                unitName: try row.decode(column: "unit_name", as: String?.self),
                patientId: try row.decode(column: "patient_id", as: UUID.self), patientName: try row.decode(column: "patient_name", as: String.self),
                reason: try row.decode(column: "reason", as: String.self), createdAt: try row.decode(column: "created_at", as: Date.self),
                lastUsedAt: try date("last_used_at"), sessionEndsAt: try date("session_ends_at"),
                reviewStatus: try row.decode(column: "review_status", as: String?.self).flatMap(BreakGlassReviewStatus.init(rawValue:)),
                reviewNote: try row.decode(column: "review_note", as: String?.self),
                reviewerName: try row.decode(column: "reviewer_name", as: String?.self), reviewedAt: try date("reviewed_at"))
        }
    }

    /// Records an auditor's review on the grant (a later review replaces it; each is in the audit
    /// log). The patient the grant is for, or nil when there is no such grant.
    public static func review(
        grantId: UUID, status: BreakGlassReviewStatus, note: String?, reviewerId: UUID, now: Date = Date(),
        on db: WriteTransaction
    ) async throws -> UUID? {
        let sql = db.sql
        guard let row = try await sql.select().column("patient_id").from("break_glass_grants").where("id", .equal, SQLBind(grantId)).first() else {
            return nil
        }
        try await sql.update("break_glass_grants")
            .set("review_status", to: SQLBind(status.rawValue)).set("review_note", to: SQLBind(note))
            .set("reviewed_by", to: SQLBind(reviewerId)).set("reviewed_at", to: SQLBind(now))
            .where("id", .equal, SQLBind(grantId)).run()
        return try row.decode(column: "patient_id", as: UUID.self)
    }
}

/// Look-ups for the audit pages: whom a CPR number or a name is, and who a username is.
public enum AuditDirectory {
    public struct Person: Equatable, Sendable {
        public var name: String
        public var unitName: String?
    }

    public struct PatientMatch: Equatable, Sendable {
        public var id: UUID
        public var name: String
        public var cpr: CPRNumber
    }

    /// Every patient with this CPR number or whose name contains every word of the query, in name
    /// order: the auditor looks at the log, not the record, so no access policy narrows it.
    public static func patients(matching query: String, limit: Int, on db: any DatabaseReading) async throws -> [PatientMatch] {
        let sql = db.sql
        var select = sql.select().columns("id", "name", "cpr").from("patients")
        if let cpr = try? CPRNumber(query) {
            select = select.where("cpr", .equal, SQLBind(cpr.digits))
        } else {
            let terms = NameSearch.terms(query)
            guard !terms.isEmpty else { return [] }
            select = select.whereName(SQLColumn("name_folded"), containsAll: terms)
        }
        return try await select.orderBy("name").orderBy("id").limit(limit).all().map { row in
            PatientMatch(
                id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                cpr: try CPRNumber(try row.decode(column: "cpr", as: String.self)))
        }
    }

    /// The full name and unit of each of these usernames that is a user.
    public static func people(usernames: some Collection<String>, on db: any DatabaseReading) async throws -> [String: Person] {
        guard !usernames.isEmpty else { return [:] }
        let rows = try await db.sql.select()
            .column(SQLColumn("username", table: "u")).column(SQLColumn("name", table: "u"))
            .column(SQLColumn("name", table: "n"), as: "unit_name")
            .from(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")))
            .join(
                SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("n")), method: SQLJoinMethod.left, on: SQLColumn("id", table: "n"), .equal,
                SQLColumn("unit_id", table: "u")
            )
            .where(SQLColumn("username", table: "u"), .in, SQLBind.group(Array(Set(usernames)))).all()
        var people: [String: Person] = [:]
        for row in rows {
            people[try row.decode(column: "username", as: String.self)] =
                Person(name: try row.decode(column: "name", as: String.self), unitName: try row.decode(column: "unit_name", as: String?.self))
        }
        return people
    }
}

extension AuditDirectory {
    /// The names of these patients, for the audit log's rows.
    public static func patientNames(ids: some Collection<UUID>, on db: any DatabaseReading) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        var names: [UUID: String] = [:]
        for row in try await db.sql.select().columns("id", "name").from("patients")
            .where("id", .in, SQLBind.group(Array(Set(ids)))).all()
        {
            names[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "name", as: String.self)
        }
        return names
    }
}
