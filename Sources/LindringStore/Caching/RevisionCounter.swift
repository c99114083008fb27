import FluentKit
import SQLKit

/// A one-row table holding a number that every change to some data bumps inside the change's
/// own transaction. A process that keeps that data (or something computed from it) in memory
/// reads the number, one small indexed row, to know whether its copy is still current; this
/// holds across processes, since the number lives in the database.
public struct RevisionCounter: Sendable {
    public let table: String

    /// Units: bumped by `UnitRepository` on every create, update and (de)activation.
    public static let units = RevisionCounter(table: "unit_revision")
    /// The advisory line's contacts, follow-ups and day counts: bumped by database triggers
    /// (M0020), so that no path that writes them, bulk loads and hand-written SQL included, is missed.
    public static let advisory = RevisionCounter(table: "advisory_revision")

    func create(on database: any Database) async throws {
        try await database.schema(table)
            .field("id", .int, .identifier(auto: false))
            .field("revision", .int64, .required)
            .create()
        try await database.sql.insert(into: table).columns("id", "revision").values(SQLBind(1), SQLBind(Int64(1))).run()
    }

    func drop(on database: any Database) async throws {
        try await database.schema(table).delete()
    }

    public func current(on db: any DatabaseReading) async throws -> Int64 {
        try await db.sql.select().column("revision").from(table).where("id", .equal, SQLBind(1)).first()?
            .decode(column: "revision", as: Int64.self) ?? 0
    }

    func bump(on db: WriteTransaction) async throws {
        try await db.sql.update(table).set("revision", to: SQLRaw("revision + 1")).where("id", .equal, SQLBind(1)).run()
    }
}
