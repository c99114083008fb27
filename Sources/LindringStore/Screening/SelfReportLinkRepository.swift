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
}

public enum SelfReportLinkRepository {
    /// Makes a link and returns its token, which is shown once and stored only as a hash.
    public static func create(patientId: UUID, instrument: Instrument, expiresAt: Date, createdBy: UUID?, now: Date = Date(),
                              on db: any Database) async throws -> (token: String, link: SelfReportLink) {
        let token = SecureToken.make()
        let id = UUID()
        try await (db as! any SQLDatabase).insert(into: "self_report_links")
            .columns("id", "token_hash", "patient_id", "instrument", "expires_at", "created_by", "created_at")
            .values(SQLBind(id), SQLBind(SecureToken.hash(token)), SQLBind(patientId), SQLBind(instrument.rawValue), SQLBind(expiresAt),
                    SQLBind(createdBy), SQLBind(now)).run()
        return (token, SelfReportLink(id: id, patientId: patientId, instrument: instrument, expiresAt: expiresAt, usedAt: nil))
    }

    public static func find(token: String, on db: any Database) async throws -> SelfReportLink? {
        guard let row = try await (db as! any SQLDatabase).select().columns("id", "patient_id", "instrument", "expires_at", "used_at")
            .from("self_report_links").where("token_hash", .equal, SQLBind(SecureToken.hash(token))).first() else { return nil }
        return SelfReportLink(id: try row.decode(column: "id", as: UUID.self), patientId: try row.decode(column: "patient_id", as: UUID.self),
                              instrument: try ContactRepository.enumValue(row, "instrument"), expiresAt: try row.decode(column: "expires_at", as: Date.self),
                              usedAt: try row.decode(column: "used_at", as: Date?.self))
    }

    /// Claims the link for one submission; false when it was used already (also by a request
    /// running at the same moment: the conditional update lets only one through).
    public static func claim(linkId: UUID, assessmentId: UUID, now: Date = Date(), on db: any Database) async throws -> Bool {
        let sql = db as! any SQLDatabase
        try await sql.update("self_report_links").set("assessment_id", to: SQLBind(assessmentId)).set("used_at", to: SQLBind(now))
            .where("id", .equal, SQLBind(linkId)).where(SQLColumn("assessment_id"), .is, SQLLiteral.null).run()
        let row = try await sql.select().column("assessment_id").from("self_report_links").where("id", .equal, SQLBind(linkId)).first()
        return try row?.decode(column: "assessment_id", as: UUID?.self) == assessmentId
    }
}
