import FluentKit
import SQLKit

/// The way to the data a repository is handed: outside LindringStore an opaque token, so feature
/// code can pass a snapshot or a transaction on but never run SQL of its own.
public struct DatabaseHandle: Sendable {
    let sql: any SQLDatabase
    /// The same connection as FluentKit sees it, for the repositories still written with Fluent models.
    let fluent: any Database

    init(_ database: any Database) {
        // Every driver Lindring uses (SQLiteNIO, PostgresNIO and the direct SQLite connections)
        // is an SQL database; this is the one place that says so.
        guard let sql = database as? any SQLDatabase else { preconditionFailure("\(type(of: database)) is not an SQL database") }
        self.sql = sql
        fluent = database
    }
}

/// What a repository reads through: a read snapshot, or the write transaction the read is part of.
public protocol DatabaseReading: Sendable {
    var handle: DatabaseHandle { get }
}

extension DatabaseReading {
    var sql: any SQLDatabase { handle.sql }
    var fluent: any Database { handle.fluent }
}

/// One read-only snapshot (`Persistence.read`), or a connection whose statements each see the
/// latest commit (`Persistence.readEach`). Repositories' reads take any `DatabaseReading`.
public struct ReadSnapshot: DatabaseReading {
    public let handle: DatabaseHandle

    init(_ database: any Database) {
        handle = DatabaseHandle(database)
    }
}

/// A transaction in the writer (`Persistence.write`, or `writeAlone` for bulk loads): the only
/// way to change data and the only way to append to the audit log.
public struct WriteTransaction: DatabaseReading {
    public let handle: DatabaseHandle

    init(_ database: any Database) {
        handle = DatabaseHandle(database)
    }
}

extension Database {
    /// A migration's connection as SQL: migrations run on FluentKit's own connections.
    var sql: any SQLDatabase { DatabaseHandle(self).sql }
}
