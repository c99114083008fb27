import Foundation
import LindringCore
import SQLKit

/// A certificate as issued: whose, for which offer, its code and how long it is valid.
public struct Certificate: Equatable, Sendable {
    public var id: UUID
    public var userId: UUID
    public var holderName: String
    public var offerId: UUID
    public var offerTitle: String
    public var levels: [CompetenceLevel]
    public var competencies: [Int]
    public var code: String
    public var issuedAt: Date
    public var lastValidDay: LocalDate?
}

/// Certificates, issued when an offer is completed (`ProgressRepository.completeOffer`), one per
/// person and offer.
public enum CertificateRepository {
    /// Issues the certificate for a completion, valid for the offer's `validity_months`.
    static func issue(userId: UUID, offerId: UUID, at: Date, on tx: WriteTransaction) async throws {
        guard let offer = try await OfferRepository.find(id: offerId, on: tx) else { return }
        let lastValidDay = CertificateValidity.lastValidDay(
            issuedOn: LocalDate(at, in: DanishCalendar.timeZone), months: offer.offer.validityMonths)
        try await tx.sql.raw(
            """
            INSERT INTO learning_certificates (id, user_id, offer_id, code, issued_at, last_valid_day)
            VALUES (\(bind: UUID()), \(bind: userId), \(bind: offerId), \(bind: ShortCode.make(length: CertificateValidity.codeLength)),
            \(bind: at), \(bind: lastValidDay?.description)) ON CONFLICT (user_id, offer_id) DO NOTHING
            """
        ).run()
    }

    static func withdraw(userId: UUID, offerId: UUID, on tx: WriteTransaction) async throws {
        try await tx.sql.raw("DELETE FROM learning_certificates WHERE user_id = \(bind: userId) AND offer_id = \(bind: offerId)").run()
    }

    static let columns = """
        SELECT c.*, u.name AS holder_name, o.title AS offer_title, o.levels, o.competencies FROM learning_certificates c
        JOIN users u ON u.id = c.user_id JOIN learning_offers o ON o.id = c.offer_id
        """

    public static func find(id: UUID, on db: any DatabaseReading) async throws -> Certificate? {
        try await db.sql.raw("\(unsafeRaw: columns) WHERE c.id = \(bind: id)").first().map(certificate)
    }

    /// The certificate a verification code names (as `ShortCode.normalized` gives it).
    public static func find(code: String, on db: any DatabaseReading) async throws -> Certificate? {
        try await db.sql.raw("\(unsafeRaw: columns) WHERE c.code = \(bind: code)").first().map(certificate)
    }

    /// A person's certificates, newest first.
    public static func list(userId: UUID, on db: any DatabaseReading) async throws -> [Certificate] {
        try await db.sql.raw("\(unsafeRaw: columns) WHERE c.user_id = \(bind: userId) ORDER BY c.issued_at DESC").all().map(certificate)
    }

    static func certificate(_ row: any SQLRow) throws -> Certificate {
        let stored = try OfferRepository.lists(row)
        return Certificate(
            id: try row.decode(column: "id", as: UUID.self), userId: try row.decode(column: "user_id", as: UUID.self),
            holderName: try row.decode(column: "holder_name", as: String.self), offerId: try row.decode(column: "offer_id", as: UUID.self),
            offerTitle: try row.decode(column: "offer_title", as: String.self), levels: stored.levels, competencies: stored.competencies,
            code: try row.decode(column: "code", as: String.self), issuedAt: try row.decode(column: "issued_at", as: Date.self),
            lastValidDay: try row.decodeDate(column: "last_valid_day"))
    }

    /// Certificates whose reminder day has come by `today`, not yet expired and not yet reminded.
    public static func dueForReminder(today: LocalDate, on db: any DatabaseReading) async throws -> [Certificate] {
        let latest = today.adding(days: CertificateValidity.reminderDays - 1)
        return try await db.sql.raw(
            """
            \(unsafeRaw: columns) WHERE c.reminded_at IS NULL AND c.last_valid_day IS NOT NULL
            AND c.last_valid_day >= \(bind: today.description) AND c.last_valid_day <= \(bind: latest.description)
            """
        ).all().map(certificate)
    }

    public static func markReminded(_ id: UUID, now: Date = Date(), on tx: WriteTransaction) async throws {
        try await tx.sql.update("learning_certificates").set("reminded_at", to: SQLBind(now)).where("id", .equal, SQLBind(id)).run()
    }
}
