import FluentKit
import Foundation
import LindringCore
import SQLKit

public struct SelfReportLink: Equatable, Sendable {
    public var id: UUID
    public var patientId: UUID
    public var instrument: Instrument
    public var expiresAt: Date
    public var usedAt: Date?
    public var revokedAt: Date?
}

/// A link the patient has not used yet, that has not expired and was not revoked: what the
/// screening page lists, so staff can see what is waiting and take a link back.
public struct OutstandingSelfReportLink: Equatable, Sendable {
    public var id: UUID
    public var instrument: Instrument
    public var createdAt: Date
    /// Nil when the link was made outside a user's session (the command line, a test).
    public var createdByName: String?
    public var expiresAt: Date
}

public enum SelfReportLinkRepository {
    /// Makes a link and returns its token, which is shown once and stored only as a hash.
    public static func create(
        patientId: UUID, instrument: Instrument, expiresAt: Date, createdBy: UUID?, now: Date = Date(),
        on db: WriteTransaction
    ) async throws -> (token: String, link: SelfReportLink) {
        let token = SecureToken.make()
        let id = UUID()
        try await db.sql.insert(into: "self_report_links")
            .columns("id", "token_hash", "patient_id", "instrument", "expires_at", "created_by", "created_at")
            .values(
                SQLBind(id), SQLBind(SecureToken.hash(token)), SQLBind(patientId), SQLBind(instrument.rawValue), SQLBind(expiresAt),
                SQLBind(createdBy), SQLBind(now)
            ).run()
        return (token, SelfReportLink(id: id, patientId: patientId, instrument: instrument, expiresAt: expiresAt, usedAt: nil))
    }

    public static func find(token: String, on db: any DatabaseReading) async throws -> SelfReportLink? {
        guard
            let row = try await db.sql.select().columns("id", "patient_id", "instrument", "expires_at", "used_at", "revoked_at")
                .from("self_report_links").where("token_hash", .equal, SQLBind(SecureToken.hash(token))).first()
        else { return nil }
        return SelfReportLink(
            id: try row.decode(column: "id", as: UUID.self), patientId: try row.decode(column: "patient_id", as: UUID.self),
            instrument: try row.decodeEnum(column: "instrument"), expiresAt: try row.decode(column: "expires_at", as: Date.self),
            usedAt: try row.decode(column: "used_at", as: Date?.self), revokedAt: try row.decode(column: "revoked_at", as: Date?.self))
    }

    /// What claiming a link for a submission came to.
    public enum Claim: Equatable, Sendable {
        case claimed
        /// Another submission claimed it first (also one running at the same moment).
        case used
        /// Staff took the link back before this submission reached it.
        case revoked
    }

    /// Claims the link for one submission: the conditional update lets only one submission
    /// through, and none once the link is revoked.
    public static func claim(linkId: UUID, assessmentId: UUID, now: Date = Date(), on db: WriteTransaction) async throws -> Claim {
        let sql = db.sql
        try await sql.update("self_report_links").set("assessment_id", to: SQLBind(assessmentId)).set("used_at", to: SQLBind(now))
            .where("id", .equal, SQLBind(linkId)).where(SQLColumn("assessment_id"), .is, SQLLiteral.null)
            .where(SQLColumn("revoked_at"), .is, SQLLiteral.null).run()
        let row = try await sql.select().columns("assessment_id", "revoked_at").from("self_report_links").where("id", .equal, SQLBind(linkId)).first()
        if try row?.decode(column: "assessment_id", as: UUID?.self) == assessmentId { return .claimed }
        return try row?.decode(column: "revoked_at", as: Date?.self) != nil ? .revoked : .used
    }

    /// The patient's links that still work (unused, unexpired, not revoked), newest first, with
    /// the name of whoever made each.
    /// `only`: just that link, if it is one of them.
    public static func outstanding(
        patientId: UUID, only linkId: UUID? = nil, now: Date = Date(), on db: any DatabaseReading
    ) async throws -> [OutstandingSelfReportLink] {
        let one: SQLQueryString = linkId.map { "AND l.id = \(bind: $0)" } ?? ""
        return try await db.sql.raw(
            """
            SELECT l.id, l.instrument, l.created_at, l.expires_at, u.name AS created_by_name
            FROM self_report_links l LEFT JOIN users u ON u.id = l.created_by
            WHERE l.patient_id = \(bind: patientId) AND l.assessment_id IS NULL AND l.revoked_at IS NULL AND l.expires_at > \(bind: now) \(one)
            ORDER BY l.created_at DESC, l.id DESC LIMIT 100
            """
        ).all().map { row in
            OutstandingSelfReportLink(
                id: try row.decode(column: "id", as: UUID.self), instrument: try row.decodeEnum(column: "instrument"),
                createdAt: try row.decode(column: "created_at", as: Date.self),
                createdByName: try row.decode(column: "created_by_name", as: String?.self),
                expiresAt: try row.decode(column: "expires_at", as: Date.self))
        }
    }

    /// Revokes one of the patient's outstanding links; nil when there is no such link or it no
    /// longer works anyway (used, expired, revoked already). Runs inside `Persistence.write`,
    /// with its audit entry.
    public static func revoke(
        linkId: UUID, patientId: UUID, by userId: UUID?, now: Date = Date(), on db: WriteTransaction
    ) async throws -> OutstandingSelfReportLink? {
        guard let link = try await outstanding(patientId: patientId, only: linkId, now: now, on: db).first else { return nil }
        try await db.sql.update("self_report_links").set("revoked_at", to: SQLBind(now)).set("revoked_by", to: SQLBind(userId))
            .where("id", .equal, SQLBind(linkId)).where(SQLColumn("assessment_id"), .is, SQLLiteral.null).run()
        return link
    }
}
