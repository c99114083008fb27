import Foundation
import LindringCore
import SQLKit

/// An offer as stored: the catalogue entry, whether it is still offered, and its version.
public struct LearningOffer: Equatable, Sendable {
    public var id: UUID
    public var offer: ValidOffer
    public var active: Bool
    public var version: Int
}

/// The competence-development catalogue.
public enum OfferRepository {
    public static func create(_ offer: ValidOffer, author: RecordAuthor, now: Date = Date(), on tx: WriteTransaction) async throws -> LearningOffer {
        let id = UUID()
        try await tx.sql.insert(into: "learning_offers")
            .columns(
                "id", "title", "summary", "format", "levels", "competencies", "professions", "sectors", "duration", "prerequisites", "active",
                "created_at", "created_by_name", "version", "validity_months"
            )
            .values(
                SQLBind(id), SQLBind(offer.title), SQLBind(offer.summary), SQLBind(offer.format.rawValue),
                SQLBind(joined(offer.levels.map(\.rawValue))), SQLBind(joined(offer.competencies.map(String.init))),
                SQLBind(joined(offer.professions.map(\.rawValue))), SQLBind(joined(offer.sectors.map(\.rawValue))), SQLBind(offer.duration),
                SQLBind(offer.prerequisites), SQLBind(true), SQLBind(now), SQLBind(author.name), SQLBind(1),
                SQLBind(offer.validityMonths)
            ).run()
        return LearningOffer(id: id, offer: offer, active: true, version: 1)
    }

    public static func find(id: UUID, on db: any DatabaseReading) async throws -> LearningOffer? {
        try await db.sql.raw("SELECT * FROM learning_offers WHERE id = \(bind: id)").first().map(offer)
    }

    /// The catalogue by title; withdrawn offers only when asked for.
    public static func list(includeInactive: Bool = false, on db: any DatabaseReading) async throws -> [LearningOffer] {
        try await db.sql.raw("SELECT * FROM learning_offers WHERE active OR \(bind: includeInactive) ORDER BY title").all().map(offer)
    }

    static func offer(_ row: any SQLRow) throws -> LearningOffer {
        let stored = try lists(row)
        return LearningOffer(
            id: try row.decode(column: "id", as: UUID.self),
            offer: ValidOffer(
                title: try row.decode(column: "title", as: String.self), summary: try row.decode(column: "summary", as: String?.self),
                format: try row.decodeEnum(column: "format"), levels: stored.levels, competencies: stored.competencies,
                professions: try codes(row, "professions"), sectors: try codes(row, "sectors"),
                duration: try row.decode(column: "duration", as: String?.self),
                prerequisites: try row.decode(column: "prerequisites", as: String?.self),
                validityMonths: try row.decode(column: "validity_months", as: Int?.self)),
            active: try row.decode(column: "active", as: Bool.self), version: try row.decode(column: "version", as: Int.self))
    }

    /// An offer's levels and competencies as a row holds them (`levels`, `competencies`).
    static func lists(_ row: any SQLRow) throws -> (levels: [CompetenceLevel], competencies: [Int]) {
        let levels: [CompetenceLevel] = try codes(row, "levels")
        let competencies = try split(try row.decode(column: "competencies", as: String.self)).map { raw in
            guard let number = Int(raw) else { throw UnknownStoredValue(column: "competencies", value: raw) }
            return number
        }
        return (levels, competencies)
    }

    static func codes<T: RawRepresentable>(_ row: any SQLRow, _ column: String) throws -> [T] where T.RawValue == String {
        try split(try row.decode(column: column, as: String.self)).map { raw in
            guard let value = T(rawValue: raw) else { throw UnknownStoredValue(column: column, value: raw) }
            return value
        }
    }

    static func joined(_ codes: [String]) -> String { codes.joined(separator: ",") }

    static func split(_ text: String) -> [String] { text.split(separator: ",").map(String.init) }
}
