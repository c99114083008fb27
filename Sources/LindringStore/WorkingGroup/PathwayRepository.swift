import Foundation
import LindringCore
import SQLKit

public struct StoredPathway: Equatable, Sendable {
    public var id: UUID
    public var pathway: CommunicationPathway
    /// Raised by every save: a save based on an older version is refused.
    public var version: Int
    public var updatedAt: Date
    public var updatedBy: String
}

/// The communication-pathways catalogue: who contacts whom, how and within what time, in each
/// situation. Not patient data: the pages that show a pathway as help read it without an audit entry.
public enum PathwayRepository {
    public enum Refusal: Error, Equatable {
        case notFound
        /// Someone saved a newer version: the current one.
        case stale(current: Int)
    }

    /// The pages as stored: `contactForm,plan` (in the catalogue's order; empty for none).
    static func pagesText(_ pathway: CommunicationPathway) -> String { pathway.orderedPages.map(\.rawValue).joined(separator: ",") }

    public static func create(_ pathway: CommunicationPathway, author: RecordAuthor, now: Date = Date(), on tx: WriteTransaction) async throws -> UUID
    {
        let id = UUID()
        try await tx.sql.insert(into: "communication_pathways")
            .columns(
                "id", "situation", "from_party", "to_party", "how", "within_time", "notes", "pages", "sort_order", "version", "updated_by",
                "updated_by_name",
                "updated_at"
            )
            .values(
                SQLBind(id), SQLBind(pathway.situation), SQLBind(pathway.from), SQLBind(pathway.to), SQLBind(pathway.how), SQLBind(pathway.within),
                SQLBind(pathway.notes), SQLBind(pagesText(pathway)), SQLBind(pathway.order), SQLBind(1), SQLBind(author.userId), SQLBind(author.name),
                SQLBind(now)
            ).run()
        return id
    }

    /// Replaces the pathway's texts as its next version; `baseVersion`, when given, must be the
    /// latest. Answers the version now current.
    @discardableResult
    public static func update(
        id: UUID, _ pathway: CommunicationPathway, baseVersion: Int?, author: RecordAuthor, now: Date = Date(), on tx: WriteTransaction
    ) async throws -> Int {
        guard let current = try await find(id: id, on: tx) else { throw Refusal.notFound }
        if let baseVersion, baseVersion != current.version { throw Refusal.stale(current: current.version) }
        guard pathway != current.pathway else { return current.version }
        let version = current.version + 1
        // The version in the WHERE makes a concurrent save on PostgreSQL wait and then miss.
        guard
            try await tx.sql.raw(
                """
                UPDATE communication_pathways SET situation = \(bind: pathway.situation), from_party = \(bind: pathway.from),
                to_party = \(bind: pathway.to), how = \(bind: pathway.how), within_time = \(bind: pathway.within), notes = \(bind: pathway.notes),
                pages = \(bind: pagesText(pathway)), sort_order = \(bind: pathway.order), version = \(bind: version),
                updated_by = \(bind: author.userId), updated_by_name = \(bind: author.name), updated_at = \(bind: now)
                WHERE id = \(bind: id) AND version = \(bind: current.version) RETURNING id
                """
            ).first() != nil
        else { throw Refusal.stale(current: version) }
        return version
    }

    /// Removes the pathway; false when there is no such pathway.
    public static func delete(id: UUID, on tx: WriteTransaction) async throws -> Bool {
        try await tx.sql.raw("DELETE FROM communication_pathways WHERE id = \(bind: id) RETURNING id").first() != nil
    }

    static func stored(_ row: any SQLRow) throws -> StoredPathway {
        let pages = try row.decode(column: "pages", as: String.self).split(separator: ",").compactMap { PathwayPage(rawValue: String($0)) }
        return StoredPathway(
            id: try row.decode(column: "id", as: UUID.self),
            pathway: CommunicationPathway(
                situation: try row.decode(column: "situation", as: String.self), from: try row.decode(column: "from_party", as: String.self),
                to: try row.decode(column: "to_party", as: String.self), how: try row.decode(column: "how", as: String.self),
                within: try row.decode(column: "within_time", as: String.self), notes: try row.decode(column: "notes", as: String?.self),
                pages: Set(pages), order: try row.decode(column: "sort_order", as: Int.self)),
            version: try row.decode(column: "version", as: Int.self), updatedAt: try row.decode(column: "updated_at", as: Date.self),
            updatedBy: try row.decode(column: "updated_by_name", as: String.self))
    }

    public static func find(id: UUID, on db: any DatabaseReading) async throws -> StoredPathway? {
        try await db.sql.raw("SELECT * FROM communication_pathways WHERE id = \(bind: id)").first().map(stored)
    }

    /// The whole catalogue in its order.
    public static func list(on db: any DatabaseReading) async throws -> [StoredPathway] {
        try await db.sql.raw("SELECT * FROM communication_pathways ORDER BY sort_order, situation").all().map(stored)
    }

    /// The pathways shown as help on `page`, in the catalogue's order.
    public static func forPage(_ page: PathwayPage, on db: any DatabaseReading) async throws -> [CommunicationPathway] {
        try await db.sql.raw(
            """
            SELECT * FROM communication_pathways WHERE (',' || pages || ',') LIKE \(bind: "%," + page.rawValue + ",%")
            ORDER BY sort_order, situation
            """
        ).all().map { try stored($0).pathway }
    }
}
