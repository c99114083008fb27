import Foundation
import LindringCore
import SQLKit

/// A budget initiative as stored: the form, its version and who saved it first and last.
public struct StoredInitiative: Equatable, Sendable {
    public var id: UUID
    public var initiative: ValidInitiative
    public var version: Int
    public var createdAt: Date
    public var createdBy: String
    public var updatedAt: Date
    public var updatedBy: String
}

/// One saved version of an initiative: the form as it stood and what that save changed.
public struct InitiativeVersion: Equatable, Sendable {
    public var version: Int
    public var initiative: ValidInitiative
    /// The form's field names that differ from the version before (none for the first).
    public var changed: [String]
    public var savedAt: Date
    public var savedBy: String
}

public struct PriceLevelIndex: Equatable, Sendable {
    public var level: PriceLevel
    public var index: Decimal
    public var updatedAt: Date
    public var updatedBy: String
}

/// Budget initiatives: each save a new version, kept; a save based on a version that is no
/// longer the latest is refused, so two finance officers cannot overwrite each other.
public enum InitiativeRepository {
    public enum Refusal: Error, Equatable {
        case notFound
        /// Someone saved a newer version: the current one.
        case stale(current: Int)
    }

    public static func create(_ initiative: ValidInitiative, author: RecordAuthor, now: Date = Date(), on tx: WriteTransaction) async throws -> UUID {
        let id = UUID()
        let document = try JSONColumn.encode(InitiativeDraft(initiative))
        try await tx.sql.insert(into: "budget_initiatives")
            .columns(
                "id", "title", "status", "price_level", "first_year", "version", "document", "created_at", "created_by_name", "updated_at",
                "updated_by_name"
            )
            .values(
                SQLBind(id), SQLBind(initiative.title), SQLBind(initiative.status.rawValue), SQLBind(initiative.priceLevel.description),
                SQLBind(initiative.firstYear), SQLBind(1), SQLBind(document), SQLBind(now), SQLBind(author.name), SQLBind(now), SQLBind(author.name)
            ).run()
        try await addVersion(id, 1, initiative, document: document, changed: [], author: author, now: now, on: tx)
        return id
    }

    /// Saves `initiative` as the next version when it differs from the latest; `baseVersion`,
    /// when given, must be the latest. Answers the version now current.
    @discardableResult
    public static func update(
        id: UUID, _ initiative: ValidInitiative, baseVersion: Int?, author: RecordAuthor, now: Date = Date(), on tx: WriteTransaction
    ) async throws -> Int {
        guard let current = try await find(id: id, on: tx) else { throw Refusal.notFound }
        if let baseVersion, baseVersion != current.version { throw Refusal.stale(current: current.version) }
        let changed = initiative.changes(since: current.initiative)
        guard !changed.isEmpty else { return current.version }
        let version = current.version + 1
        let document = try JSONColumn.encode(InitiativeDraft(initiative))
        // The version in the WHERE makes a concurrent save on PostgreSQL wait and then miss.
        guard
            try await tx.sql.raw(
                """
                UPDATE budget_initiatives SET title = \(bind: initiative.title), status = \(bind: initiative.status.rawValue),
                price_level = \(bind: initiative.priceLevel.description), first_year = \(bind: initiative.firstYear), version = \(bind: version),
                document = \(bind: document), updated_at = \(bind: now), updated_by_name = \(bind: author.name)
                WHERE id = \(bind: id) AND version = \(bind: current.version) RETURNING id
                """
            ).first() != nil
        else { throw Refusal.stale(current: current.version + 1) }
        try await addVersion(id, version, initiative, document: document, changed: changed, author: author, now: now, on: tx)
        return version
    }

    static func addVersion(
        _ id: UUID, _ version: Int, _ initiative: ValidInitiative, document: String, changed: [String], author: RecordAuthor, now: Date,
        on tx: WriteTransaction
    ) async throws {
        try await tx.sql.insert(into: "budget_initiative_versions")
            .columns("initiative_id", "version", "status", "document", "changed", "saved_at", "saved_by_name")
            .values(
                SQLBind(id), SQLBind(version), SQLBind(initiative.status.rawValue), SQLBind(document), SQLBind(changed.joined(separator: ",")),
                SQLBind(now), SQLBind(author.name)
            ).run()
    }

    static func initiative(_ row: any SQLRow) throws -> ValidInitiative {
        try row.decodeJSON(InitiativeDraft.self, column: "document").validated()
    }

    static func stored(_ row: any SQLRow) throws -> StoredInitiative {
        StoredInitiative(
            id: try row.decode(column: "id", as: UUID.self), initiative: try initiative(row),
            version: try row.decode(column: "version", as: Int.self),
            createdAt: try row.decode(column: "created_at", as: Date.self), createdBy: try row.decode(column: "created_by_name", as: String.self),
            updatedAt: try row.decode(column: "updated_at", as: Date.self), updatedBy: try row.decode(column: "updated_by_name", as: String.self))
    }

    public static func find(id: UUID, on db: any DatabaseReading) async throws -> StoredInitiative? {
        try await db.sql.raw("SELECT * FROM budget_initiatives WHERE id = \(bind: id)").first().map(stored)
    }

    /// Every initiative, the latest changed first (a region has tens a year, not thousands).
    public static func list(on db: any DatabaseReading) async throws -> [StoredInitiative] {
        try await db.sql.raw("SELECT * FROM budget_initiatives ORDER BY updated_at DESC, title").all().map(stored)
    }

    public static func versions(id: UUID, on db: any DatabaseReading) async throws -> [InitiativeVersion] {
        try await db.sql.raw("SELECT * FROM budget_initiative_versions WHERE initiative_id = \(bind: id) ORDER BY version DESC").all().map { row in
            let changed = try row.decode(column: "changed", as: String.self)
            return InitiativeVersion(
                version: try row.decode(column: "version", as: Int.self), initiative: try initiative(row),
                changed: changed.isEmpty ? [] : changed.split(separator: ",").map(String.init),
                savedAt: try row.decode(column: "saved_at", as: Date.self),
                savedBy: try row.decode(column: "saved_by_name", as: String.self))
        }
    }

    // MARK: Price levels

    public static func priceLevels(on db: any DatabaseReading) async throws -> [PriceLevelIndex] {
        try await db.sql.raw("SELECT * FROM budget_price_levels ORDER BY name").all().compactMap { row in
            guard let level = PriceLevel(try row.decode(column: "name", as: String.self)),
                let index = Decimal(string: try row.decode(column: "index_value", as: String.self))
            else { return nil }
            return PriceLevelIndex(
                level: level, index: index, updatedAt: try row.decode(column: "updated_at", as: Date.self),
                updatedBy: try row.decode(column: "updated_by_name", as: String.self))
        }
    }

    public static func index(of level: PriceLevel, on db: any DatabaseReading) async throws -> Decimal? {
        try await db.sql.raw("SELECT index_value FROM budget_price_levels WHERE name = \(bind: level.description)").first()
            .flatMap { Decimal(string: try $0.decode(column: "index_value", as: String.self)) }
    }

    public static func setIndex(
        _ index: Decimal, of level: PriceLevel, author: RecordAuthor, now: Date = Date(), on tx: WriteTransaction
    ) async throws {
        try await tx.sql.insert(into: "budget_price_levels")
            .columns("name", "index_value", "updated_at", "updated_by_name")
            .values(SQLBind(level.description), SQLBind(index.description), SQLBind(now), SQLBind(author.name))
            .onConflict(with: ["name"]) { conflict in
                conflict.set(excludedValueOf: "index_value").set(excludedValueOf: "updated_at").set(excludedValueOf: "updated_by_name")
            }.run()
    }
}
