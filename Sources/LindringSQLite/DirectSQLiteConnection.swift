import Foundation
import Logging
import NIOCore
import SQLKit
import SQLiteKit
import SQLiteNIO
// SQLite's C API as sqlite-nio bundles it (its symbols prefixed `sqlite_nio_`). Not a product of
// sqlite-nio, so Package.swift pins sqlite-nio to an exact version; only this target imports it.
import VaporCSQLite

/// LindringSQLite, the SQLite runtime of Lindring: connections of its own to an SQLite file, for
/// the hot paths on which SQLiteNIO's thread hops cost too much (docs/architecture.md, "The SQLite
/// runtime"; docs/performance.md, items 11, 13 and 22).
///
/// What is inside: `DirectSQLiteConnection` (this type), `DirectSQLitePool` that lends them out,
/// `GroupCommit`, the queue that gathers concurrent writes into one transaction, and
/// `DedicatedThreadExecutor`, the writer's thread. What it offers: `SQLDatabase`s and nothing
/// else: a pool of `query_only` readers and one writer whose groups run on a thread of their
/// own. It knows nothing of Lindring's tables, of its audit log or of Fluent: the connections are
/// not FluentKit `Database`s, so Fluent models run only on the drivers' own connections (the
/// migrations, bulk loads). What must not reach in: only LindringStore's `Persistence` opens
/// these connections, and nothing outside this target imports the C module (`VaporCSQLite`).
///
/// Each statement runs on the calling thread, with its prepared statements kept for reuse.
/// SQLiteNIO hands every statement to a thread of its pool and back: three thread switches a
/// statement, which were a third of a page's CPU at region scale (issue 6's profile), for
/// statements that take microseconds on cached pages.
///
/// Two uses: the reads of `Persistence.read` and `readEach` (`DirectSQLitePool`), on `query_only`
/// connections so that a read cannot change data by mistake, and the group-commit writer, whose
/// statements run on a thread of its own (`DedicatedThreadExecutor`) because a COMMIT's fsync
/// or a wait for another process's write lock blocks the thread. One task uses a connection at
/// a time; the lock keeps even a body that queries from two child tasks at once correct.
/// Transactions belong to the connection's owner (a snapshot, the writer's group).
public final class DirectSQLiteConnection: SQLDatabase, @unchecked Sendable {
    public enum Role: Sendable {
        case reader
        case writer
    }

    public let logger: Logger
    public let eventLoop: any EventLoop
    private let lock = NSLock()
    private var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    private static let maxStatements = 128
    /// Statements with more binds than this are one-offs (multi-row inserts, long `IN` lists):
    /// prepared, run and finalized rather than kept.
    private static let maxCachedBinds = 64
    private static let encoder = SQLiteDataEncoder()
    private static let decoder = SQLiteDataDecoder()
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Opens the file and runs `pragmas` (and, for a reader, `query_only`) before anything else.
    /// `eventLoop` is where SQLKit's future-based calls complete; statements never run on it.
    public init(path: String, role: Role, pragmas: [String], eventLoop: any EventLoop, logger: Logger) throws {
        self.eventLoop = eventLoop
        self.logger = logger
        var handle: OpaquePointer?
        let opened = sqlite_nio_sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, nil)
        self.handle = handle
        guard opened == SQLITE_OK else {
            let error = DirectSQLiteError(code: opened, message: "could not open \(path): \(Self.message(handle))")
            close()
            throw error
        }
        do {
            for pragma in pragmas + (role == .reader ? ["PRAGMA query_only = 1"] : []) { try run(pragma) }
        } catch {
            close()
            throw error
        }
    }

    public func close() {
        lock.withLock {
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
            statements = [:]
            if let handle { sqlite_nio_sqlite3_close(handle) }
            handle = nil
        }
    }

    /// True while a transaction is open: a connection given back so has lost its ROLLBACK.
    public var isInTransaction: Bool {
        lock.withLock { handle.map { sqlite_nio_sqlite3_get_autocommit($0) == 0 } ?? false }
    }

    /// Runs a statement without binds or rows (BEGIN, COMMIT, a PRAGMA).
    public func run(_ sql: String) throws {
        try lock.withLock { try step(sql, binds: []) { _ in } }
    }

    // MARK: SQLDatabase

    public var dialect: any SQLDialect { SQLiteDialect() }
    public var queryLogLevel: Logger.Level? { nil }

    public func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeCompletedFuture { try self.executeNow(query, onRow) }
    }

    public func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try executeNow(query, onRow)
    }

    public func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }

    private func executeNow(_ query: any SQLExpression, _ onRow: (any SQLRow) -> Void) throws {
        let (sql, binds) = serialize(query)
        let values = try binds.map { try Self.encoder.encode($0) }
        try lock.withLock { try step(sql, binds: values, onRow) }
    }

    // MARK: libsqlite3

    /// Prepares (or reuses), binds, steps through every row and resets. Called with `lock` held.
    private func step(_ sql: String, binds: [SQLiteData], _ onRow: (any SQLRow) -> Void) throws {
        guard let handle else { throw DirectSQLiteError(code: SQLITE_MISUSE, message: "the connection is closed") }
        let keep = binds.count <= Self.maxCachedBinds
        let statement = try prepared(sql, keep: keep, on: handle)
        // No `sqlite3_clear_bindings` on reset: it expires every statement whose plan looked at a
        // bound value (SQLite's planner asks, for one, whether a `= ?` term is 0 or 1), and an
        // expired statement is parsed and planned again at its next step: every request's user
        // look-up and the summary's latest assessment were. Each use binds every parameter anew,
        // which the count check below makes sure of. Texts and blobs (names, CPR numbers, plans)
        // are unbound one by one, so that a kept statement holds no patient data until its next
        // use; a NULL in place of text does not expire a plan that asked about 0 or 1.
        defer {
            if keep {
                sqlite_nio_sqlite3_reset(statement)
                for (index, value) in binds.enumerated() {
                    switch value {
                    case .text, .blob: sqlite_nio_sqlite3_bind_null(statement, Int32(index + 1))
                    case .integer, .float, .null: break
                    }
                }
            } else {
                sqlite_nio_sqlite3_finalize(statement)
            }
        }
        guard sqlite_nio_sqlite3_bind_parameter_count(statement) == binds.count else {
            throw DirectSQLiteError(
                code: SQLITE_RANGE, message: "\(binds.count) values for \(sqlite_nio_sqlite3_bind_parameter_count(statement)) parameters")
        }
        for (index, value) in binds.enumerated() {
            try check(bind(value, at: Int32(index + 1), to: statement), handle)
        }
        var columns: Columns?
        while true {
            let result = sqlite_nio_sqlite3_step(statement)
            if result == SQLITE_DONE { return }
            guard result == SQLITE_ROW else { throw DirectSQLiteError(code: result, message: Self.message(handle)) }
            let names = try columns ?? Columns(statement)
            columns = names
            onRow(Row(columns: names, values: try (0..<Int32(names.names.count)).map { try value(at: $0, of: statement) }))
        }
    }

    private func prepared(_ sql: String, keep: Bool, on handle: OpaquePointer) throws -> OpaquePointer {
        if keep, let statement = statements[sql] { return statement }
        if keep, statements.count >= Self.maxStatements {
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
            statements = [:]
        }
        var statement: OpaquePointer?
        let result = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, keep ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0, &statement, nil)
        guard result == SQLITE_OK, let statement else { throw DirectSQLiteError(code: result, message: Self.message(handle)) }
        if keep { statements[sql] = statement }
        return statement
    }

    private func bind(_ value: SQLiteData, at index: Int32, to statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let value): sqlite_nio_sqlite3_bind_int64(statement, index, Int64(value))
        case .float(let value): sqlite_nio_sqlite3_bind_double(statement, index, value)
        case .text(let value): sqlite_nio_sqlite3_bind_text64(statement, index, value, UInt64(value.utf8.count), Self.transient, UInt8(SQLITE_UTF8))
        case .blob(let value):
            value.withUnsafeReadableBytes { sqlite_nio_sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), Self.transient) }
        case .null: sqlite_nio_sqlite3_bind_null(statement, index)
        }
    }

    private func value(at column: Int32, of statement: OpaquePointer) throws -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            guard let text = sqlite_nio_sqlite3_column_text(statement, column) else { return .text("") }
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            var buffer = ByteBufferAllocator().buffer(capacity: count)
            if let bytes = sqlite_nio_sqlite3_column_blob(statement, column) {
                buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: count))
            }
            return .blob(buffer)
        case SQLITE_NULL: return .null
        case let type: throw DirectSQLiteError(code: SQLITE_MISMATCH, message: "unknown column type \(type)")
        }
    }

    /// Each kept statement's SQL and how many times SQLite has prepared it again: what the
    /// tests check the reuse by.
    public func keptStatements() -> [(sql: String, reprepared: Int32)] {
        lock.withLock { statements.map { ($0.key, sqlite_nio_sqlite3_stmt_status($0.value, SQLITE_STMTSTATUS_REPREPARE, 0)) } }
    }

    private func check(_ result: Int32, _ handle: OpaquePointer) throws {
        guard result == SQLITE_OK else { throw DirectSQLiteError(code: result, message: Self.message(handle)) }
    }

    private static func message(_ handle: OpaquePointer?) -> String {
        sqlite_nio_sqlite3_errmsg(handle).map { String(cString: $0) } ?? "unknown error"
    }

    /// A statement's column names, looked up by name the way SQLiteNIO's rows do (first wins).
    final class Columns: Sendable {
        let names: [String]
        let offsets: [String: Int]

        init(_ statement: OpaquePointer) throws {
            let count = sqlite_nio_sqlite3_column_count(statement)
            names = try (0..<count).map { column in
                guard let name = sqlite_nio_sqlite3_column_name(statement, column) else {
                    throw DirectSQLiteError(code: SQLITE_NOMEM, message: "no name for column \(column)")
                }
                return String(cString: name)
            }
            offsets = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// A row decoded like SQLiteKit's rows, with the same `SQLiteDataDecoder`, so that a
    /// repository reads the same values from either kind of connection.
    struct Row: SQLRow {
        let columns: Columns
        let values: [SQLiteData]

        var allColumns: [String] { columns.names }

        func contains(column: String) -> Bool { columns.offsets[column] != nil }

        func decodeNil(column: String) throws -> Bool {
            columns.offsets[column].map { values[$0] == .null } ?? true
        }

        func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
            guard let offset = columns.offsets[column] else { throw DirectSQLiteError(code: SQLITE_RANGE, message: "no column \(column)") }
            return try DirectSQLiteConnection.decoder.decode(D.self, from: values[offset])
        }
    }
}

/// An error of SQLite's, with its (extended) result code. LindringStore makes it a FluentKit
/// `DatabaseError`, so that a unique constraint reads the same from either kind of connection.
public struct DirectSQLiteError: Error, CustomStringConvertible {
    public let code: Int32
    public let message: String

    public var description: String { "SQLite error \(code): \(message)" }
    public var isSyntaxError: Bool { code == SQLITE_ERROR }
    public var isConstraintFailure: Bool { code & 0xff == SQLITE_CONSTRAINT }
    public var isConnectionClosed: Bool { code == SQLITE_MISUSE }
    /// `SQLITE_RANGE`: a statement given fewer or more values than it has parameters, or a row
    /// asked for a column it lacks.
    public var isRangeError: Bool { code == SQLITE_RANGE }
}
