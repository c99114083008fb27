import FluentKit
import LindringSQLite
import SQLKit

/// The way to the data a repository is handed: outside LindringStore an opaque token, so feature
/// code can pass a snapshot or a transaction on but never run SQL of its own. It is SQL only:
/// a snapshot or the writer's group on SQLite is a `DirectSQLiteConnection` (LindringSQLite), which
/// is no FluentKit `Database`, so repositories are written with SQLKit and Fluent's models stay
/// with the migrations.
public struct DatabaseHandle: Sendable {
    let sql: any SQLDatabase

    init(_ sql: any SQLDatabase) {
        self.sql = sql
    }
}

/// What a repository reads through: a read snapshot, or the write transaction the read is part of.
public protocol DatabaseReading: Sendable {
    var handle: DatabaseHandle { get }
}

extension DatabaseReading {
    var sql: any SQLDatabase { handle.sql }
}

/// One read-only snapshot (`Persistence.read`), or a connection whose statements each see the
/// latest commit (`Persistence.readEach`). Repositories' reads take any `DatabaseReading`.
public struct ReadSnapshot: DatabaseReading {
    public let handle: DatabaseHandle

    init(_ sql: any SQLDatabase) {
        handle = DatabaseHandle(sql)
    }
}

/// A transaction in the writer (`Persistence.write`, or `writeAlone` for bulk loads): the only
/// way to change data and the only way to append to the audit log.
public struct WriteTransaction: DatabaseReading {
    public let handle: DatabaseHandle

    init(_ sql: any SQLDatabase) {
        handle = DatabaseHandle(sql)
    }
}

extension Database {
    /// One of FluentKit's connections (the migrations, bulk loads, upkeep) as SQL. Every driver
    /// Lindring uses (SQLiteNIO's and PostgresNIO's) is an SQL database; this is the one place
    /// that says so.
    var sql: any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { preconditionFailure("\(type(of: self)) is not an SQL database") }
        return sql
    }
}

/// SQLite's errors from the direct connections read as FluentKit's, like SQLiteNIO's: a unique
/// constraint is `isConstraintFailure` from either kind of connection (an Idempotency-Key race).
extension DirectSQLiteError: DatabaseError {}
