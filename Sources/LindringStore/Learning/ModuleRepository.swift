import Foundation
import LindringCore
import SQLKit

/// A module as stored: its place in the offer and its current text, read.
public struct LearningModule: Equatable, Sendable {
    public var id: UUID
    public var offerId: UUID
    public var position: Int
    public var version: Int
    public var source: String
    public var content: ModuleContent
}

/// One kept version of a module's text.
public struct ModuleVersion: Equatable, Sendable {
    public var version: Int
    public var createdAt: Date
    public var createdByName: String
}

/// E-learning modules and every version of their text.
public enum ModuleRepository {
    static let current = """
        SELECT m.id, m.offer_id, m.position, m.current_version, v.source FROM learning_modules m
        JOIN learning_module_versions v ON v.module_id = m.id AND v.version = m.current_version
        """

    public static func list(offerId: UUID, on db: any DatabaseReading) async throws -> [LearningModule] {
        try await db.sql.raw("\(unsafeRaw: current) WHERE m.offer_id = \(bind: offerId) ORDER BY m.position").all().map(module)
    }

    public static func find(id: UUID, on db: any DatabaseReading) async throws -> LearningModule? {
        try await db.sql.raw("\(unsafeRaw: current) WHERE m.id = \(bind: id)").first().map(module)
    }

    static func module(_ row: any SQLRow) throws -> LearningModule {
        let source = try row.decode(column: "source", as: String.self)
        return LearningModule(
            id: try row.decode(column: "id", as: UUID.self), offerId: try row.decode(column: "offer_id", as: UUID.self),
            position: try row.decode(column: "position", as: Int.self), version: try row.decode(column: "current_version", as: Int.self),
            source: source, content: try ModuleText.parse(source))
    }

    /// Stores a new version of the text (already read by `ModuleText`) and makes it current;
    /// false when the module was changed since `expectedVersion`.
    public static func saveVersion(
        moduleId: UUID, source: String, expectedVersion: Int, author: RecordAuthor, now: Date = Date(), on tx: WriteTransaction
    ) async throws -> Bool {
        guard
            let row = try await tx.sql.raw(
                """
                UPDATE learning_modules SET current_version = current_version + 1
                WHERE id = \(bind: moduleId) AND current_version = \(bind: expectedVersion) RETURNING current_version
                """
            ).first()
        else { return false }
        let version = try row.decode(column: "current_version", as: Int.self)
        try await tx.sql.insert(into: "learning_module_versions").columns("module_id", "version", "source", "created_at", "created_by_name")
            .values(SQLBind(moduleId), SQLBind(version), SQLBind(source), SQLBind(now), SQLBind(author.name)).run()
        return true
    }

    /// Every version, newest first.
    public static func versions(moduleId: UUID, on db: any DatabaseReading) async throws -> [ModuleVersion] {
        try await db.sql.raw(
            "SELECT version, created_at, created_by_name FROM learning_module_versions WHERE module_id = \(bind: moduleId) ORDER BY version DESC"
        ).all().map { row in
            ModuleVersion(
                version: try row.decode(column: "version", as: Int.self), createdAt: try row.decode(column: "created_at", as: Date.self),
                createdByName: try row.decode(column: "created_by_name", as: String.self))
        }
    }

    /// One version's text, to compare or restore.
    public static func source(moduleId: UUID, version: Int, on db: any DatabaseReading) async throws -> String? {
        try await db.sql.raw(
            "SELECT source FROM learning_module_versions WHERE module_id = \(bind: moduleId) AND version = \(bind: version)"
        ).first()?.decode(column: "source", as: String.self)
    }
}
