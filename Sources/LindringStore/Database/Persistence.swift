import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import LindringCore
import LindringSQLite
import Logging
import Metrics
import NIOCore
import NIOPosix
import SQLKit
import Synchronization

/// Owns the database connections of one Lindring process: opens them, applies the
/// migrations, hands out `Database` handles and closes everything on the way out.
public final class Persistence: Sendable {
    public let location: DatabaseLocation
    /// FluentKit's connections (migrations, bulk loads): never handed out, like `database`.
    let databases: Databases
    /// Seals every audit entry this process appends (`AuditKey`).
    public let auditKey: AuditKey
    let logger: Logger
    private let eventLoopGroup: any EventLoopGroup
    /// Writes go through a connection of their own, so that readers never queue behind a commit's
    /// fsync: on SQLite the group-commit writer (`sqliteWriter`) and, for bulk loads and the
    /// migrations, SQLiteNIO's writer below; the two take turns at SQLite's write lock.
    private let writerID: DatabaseID
    private let writerLoop: any EventLoop
    private let groupCommit: GroupCommit<WriteGroup.Job>

    /// SQLite's connections block a thread for each statement, and a connection waiting for the
    /// write lock blocks one for up to the busy timeout. On a pool shared with other connections
    /// (NIO's singleton has one thread per core) the waiters could hold every thread while the
    /// lock holder's COMMIT queued behind them: the suite's parallel tests stalled that way. So
    /// SQLite gets a pool of its own with a thread for every connection. Nil for PostgreSQL.
    private let sqliteThreads: NIOThreadPool?
    /// SQLite's read snapshots and its group-commit writer, on connections that run statements
    /// on the calling thread (`DirectSQLiteConnection`); the writer's groups run on a thread of
    /// their own. Nil for PostgreSQL.
    private let sqliteReaders: DirectSQLitePool?
    private let sqliteWriter: DirectSQLitePool?
    private let sqliteWriterThread: DedicatedThreadExecutor?

    public static let defaultMaxWriteGroup = 256

    /// Counts the jobs handed to the writer: tests check that a change is one job.
    let writerJobs: WriterJobCounter

    /// Opens the connections and applies the connection settings (`applyConnectionSettings`)
    /// before anything else can use them. `connectionsPerEventLoop` applies to PostgreSQL; SQLite
    /// always uses one per event loop (more would only contend for its single writer).
    public static func open(
        location: DatabaseLocation, auditKey: AuditKey, logger: Logger, connectionsPerEventLoop: Int = 4,
        maxWriteGroup: Int = defaultMaxWriteGroup, writerJobs: WriterJobCounter = WriterJobCounter(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> Persistence {
        let persistence = try Persistence(
            location: location, auditKey: auditKey, logger: logger, connectionsPerEventLoop: connectionsPerEventLoop,
            maxWriteGroup: maxWriteGroup, writerJobs: writerJobs, eventLoopGroup: eventLoopGroup)
        do {
            try await persistence.applyConnectionSettings()
        } catch {
            await persistence.shutdown()
            throw error
        }
        return persistence
    }

    private init(
        location: DatabaseLocation, auditKey: AuditKey, logger: Logger, connectionsPerEventLoop: Int, maxWriteGroup: Int,
        writerJobs: WriterJobCounter, eventLoopGroup: any EventLoopGroup
    ) throws {
        let logger = Self.databaseLogger(logger)
        self.writerJobs = writerJobs
        self.location = location
        self.auditKey = auditKey
        self.logger = logger
        self.eventLoopGroup = eventLoopGroup
        let loops = eventLoopGroup.makeIterator().reduce(0) { n, _ in n + 1 }
        // Whatever can fail comes first: the threads started below are stopped only by `shutdown`.
        let drivers: [(configuration: DatabaseConfigurationFactory, id: DatabaseID)]
        switch location {
        case .sqlite(let path):
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            writerID = DatabaseID(string: "sqlite-writer")
            drivers = [(.sqlite(.file(url.path), sqlLogLevel: nil), .sqlite), (.sqlite(.file(url.path), sqlLogLevel: nil), writerID)]
        case .postgres(let url, let schema):
            var configuration = try SQLPostgresConfiguration(url: url)
            if let schema { configuration.searchPath = [schema] }
            // Lindring's queries are short and many run at once. A parallel plan starts worker
            // processes for each query, which under load costs more than it saves: a unit's patient
            // search (about 1 ms alone) took 6 ms with two workers, and the search load ran at 60 %
            // of the throughput (docs/performance.md).
            configuration.coreConfiguration.options.additionalStartupParameters.append(("max_parallel_workers_per_gather", "0"))
            writerID = .psql
            drivers = [
                (.postgres(configuration: configuration, maxConnectionsPerEventLoop: max(1, connectionsPerEventLoop), sqlLogLevel: .trace), .psql)
            ]
        }
        if location.isSQLite {
            let threads = NIOThreadPool(numberOfThreads: loops + 1)
            threads.start()
            sqliteThreads = threads
        } else {
            sqliteThreads = nil
        }
        databases = Databases(threadPool: sqliteThreads ?? NIOThreadPool.singleton, on: eventLoopGroup)
        for (index, driver) in drivers.enumerated() {
            databases.use(driver.configuration, as: driver.id, isDefault: index == 0)
        }
        if case .sqlite(let path) = location {
            let eventLoop = { @Sendable in eventLoopGroup.any() }
            let path = URL(fileURLWithPath: path).path
            sqliteReaders = DirectSQLitePool(
                path: path, role: .reader, pragmas: SQLiteSettings.pragmas, capacity: loops + 1,
                eventLoop: eventLoop, logger: logger)
            sqliteWriter = DirectSQLitePool(
                path: path, role: .writer, pragmas: SQLiteSettings.pragmas, capacity: 1,
                eventLoop: eventLoop, logger: logger)
            sqliteWriterThread = DedicatedThreadExecutor(name: "sqlite-writer")
        } else {
            (sqliteReaders, sqliteWriter, sqliteWriterThread) = (nil, nil, nil)
        }
        writerLoop = eventLoopGroup.next()
        let (databases, writerID, writerLoop, sqliteWriter) = (databases, writerID, writerLoop, sqliteWriter)
        let begin = location.writeBegin
        groupCommit = GroupCommit(maxGroup: maxWriteGroup, executor: sqliteWriterThread) { group in
            let answered = WriteGroup.Answered()
            let run = { @Sendable (connection: any SQLDatabase) in
                answered.value = true
                await WriteGroup.run(group, on: connection, begin: begin, auditKey: auditKey)
            }
            do {
                if let sqliteWriter {
                    try await sqliteWriter.withConnection { await run($0) }
                } else {
                    try await databases.database(writerID, logger: logger, on: writerLoop)!.withConnection { await run($0.sql) }
                }
            } catch {
                // No connection for the group: nothing ran, so every job fails.
                if !answered.value { for job in group { job.continuation.resume(throwing: error) } }
            }
        }
        let perLoop = location.isSQLite ? 1 : max(1, connectionsPerEventLoop)
        Gauge(label: "lindring_database_pool_connections_max").record(perLoop * loops)
    }

    /// The databases' logger never logs below `info`, whatever LOG_LEVEL says: at `debug` FluentKit
    /// logs every query with its inputs (session CSRF tokens, password hashes, CPR numbers), and
    /// the drivers log SQL with its binds at `debug` and `trace`.
    static func databaseLogger(_ logger: Logger) -> Logger {
        var logger = logger
        logger.logLevel = max(logger.logLevel, .info)
        return logger
    }

    /// FluentKit's handle on the drivers' connections: for the migrations and LindringStore's own
    /// upkeep, never handed out. Repositories get a `ReadSnapshot` or a `WriteTransaction`.
    var database: any Database {
        database(on: eventLoopGroup.any())
    }

    func database(on eventLoop: any EventLoop) -> any Database {
        // Only nil after shutdown, which happens last of all.
        databases.database(logger: logger, on: eventLoop)!
    }

    var sql: any SQLDatabase { database.sql }

    /// Applies every migration not yet applied. Safe to run at every start: applied migrations
    /// are recorded and skipped.
    public func migrate() async throws {
        let migrations = Migrations()
        migrations.add(LindringMigrations.all)
        let migrator = Migrator(databases: databases, migrations: migrations, logger: logger, on: eventLoopGroup.any())
        try await migrator.setupIfNeeded().get()
        try await migrator.prepareBatch().get()
    }

    /// Names of the migrations applied so far, oldest first.
    public func appliedMigrations() async throws -> [String] {
        try await sql.select().column("name").from("_fluent_migrations").orderBy("batch").orderBy("name").all()
            .map { try $0.decode(column: "name", as: String.self) }
    }

    /// SQLite's durability settings live on each connection. FluentSQLiteDriver keeps exactly
    /// one connection per event loop for the life of the process, so the settings are
    /// applied once to each of them and to the writer's (and checked again by `verifyConnectionSettings`).
    /// Until then a connection has SQLiteNIO's busy handler, which retries for ever on a busy
    /// database, spinning its thread; `open` therefore applies them before returning.
    func applyConnectionSettings() async throws {
        for db in sqliteConnections() {
            for pragma in SQLiteSettings.pragmas {
                try await db.raw(SQLQueryString(pragma)).run()
            }
        }
    }

    private func sqliteConnections() -> [any SQLDatabase] {
        guard location.isSQLite else { return [] }
        return eventLoopGroup.makeIterator().map { database(on: $0).sql } + [writer.sql]
    }

    private var writer: any Database {
        databases.database(writerID, logger: logger, on: writerLoop)!
    }

    /// Reports a connection whose settings differ from what Lindring requires: SQLiteNIO's, the
    /// group-commit writer's and a reader's.
    public func verifyConnectionSettings() async throws -> [String] {
        var problems: [String] = []
        for db in sqliteConnections() { problems += try await Self.settingProblems(db) }
        for pool in [sqliteWriter, sqliteReaders].compactMap({ $0 }) {
            problems += try await pool.withConnection { try await Self.settingProblems($0) }
        }
        return problems
    }

    private static func settingProblems(_ db: any SQLDatabase) async throws -> [String] {
        var problems: [String] = []
        for (pragma, expected) in SQLiteSettings.expectations {
            let row = try await db.raw(SQLQueryString("PRAGMA \(unsafeRaw: pragma)")).first()
            let value = row.flatMap { row in
                row.allColumns.first.flatMap { column in
                    (try? row.decode(column: column, as: String.self)) ?? (try? row.decode(column: column, as: Int.self)).map(String.init)
                }
            }
            if value?.lowercased() != expected { problems.append("\(pragma)=\(value ?? "nil"), expected \(expected)") }
        }
        return problems
    }

    /// True when the database answers a trivial query.
    public func isReachable() async -> Bool {
        do {
            _ = try await sql.raw("SELECT 1 AS ok").first()
            return true
        } catch {
            logger.warning("database not reachable", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            return false
        }
    }

    /// Runs `body` in a transaction that holds the write lock from its first statement, shared
    /// with the writes that arrive while the one before commits (`GroupCommit`): `body` runs in
    /// a savepoint, so its changes commit or fail together, and this returns once they are
    /// durable. On SQLite the transaction is `BEGIN IMMEDIATE`: a deferred transaction that
    /// reads first and then writes can fail at once with SQLITE_BUSY when another connection
    /// wrote in between, whereas an immediate one waits its turn (busy timeout). Writes and
    /// their audit entries go through here so that they commit or fail together.
    @discardableResult
    public func write<T: Sendable>(_ body: @escaping @Sendable (WriteTransaction) async throws -> T) async throws -> T {
        try await write(.body { try await body(WriteTransaction($0)) }) as! T
    }

    func write(_ work: WriteGroup.Job.Work) async throws -> any Sendable {
        if WriteGroup.insideGroup { throw WriteGroup.NestedWrite() }
        writerJobs.count.add(1, ordering: .relaxed)
        let started = DispatchTime.now()
        do {
            let result = try await WriteGroup.submit(work, to: groupCommit)
            Timer(label: "lindring_database_write_seconds").recordInterval(since: started)
            return result
        } catch {
            Counter(label: "lindring_database_write_failures_total").increment()
            throw error
        }
    }

    /// One transaction of its own, outside any group commit: for bulk loads, whose transactions
    /// are large enough to pay for their own fsync and would only hold up other writers' groups.
    @discardableResult
    public func writeAlone<T: Sendable>(_ body: @escaping @Sendable (WriteTransaction) async throws -> T) async throws -> T {
        if WriteGroup.insideGroup { throw WriteGroup.NestedWrite() }
        return try await writer.withConnection { connection in
            try await AuditLog.$sealingKey.withValue(self.auditKey) {
                let tx = WriteTransaction(connection.sql)
                return try await Self.inTransaction(tx.sql, begin: self.location.writeBegin) { try await body(tx) }
            }
        }
    }

    /// Runs `body` (a bulk load through `writeAlone`) with the writer's SQLite connection given a
    /// page cache big enough for the indexes being filled, whose random UUID keys touch pages all
    /// over them, and with checkpoints far apart. With SQLite's default 2 MB cache those pages
    /// were spilled and rewritten again and again: 23 GB written for a 1.1 GB database.
    /// Durability is unchanged: every commit is still flushed (synchronous=FULL).
    public func bulkLoad<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        guard location.isSQLite else { return try await body() }
        let writer = writer.sql
        try await writer.raw("PRAGMA cache_size = -1048576").run()
        try await writer.raw("PRAGMA wal_autocheckpoint = 262144").run()
        let result: Result<T, any Error>
        do { result = .success(try await body()) } catch { result = .failure(error) }
        try await writer.raw(SQLQueryString(SQLiteSettings.standardCacheSize)).run()
        try await writer.raw("PRAGMA wal_autocheckpoint = 1000").run()
        try await writer.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
        return try result.get()
    }

    /// Runs `body` on one connection, each statement on its own (no common snapshot), for reads
    /// whose statements need not agree with each other: who is asking (the session with its user
    /// is one statement) and the inbox badge. On PostgreSQL a snapshot costs two more round trips,
    /// `START TRANSACTION` and `COMMIT`, on every signed-in request. The SQLite readers stay
    /// `query_only`.
    public func readEach<T: Sendable>(_ body: @escaping @Sendable (ReadSnapshot) async throws -> T) async throws -> T {
        if let sqliteReaders { return try await sqliteReaders.withConnection { try await body(ReadSnapshot($0)) } }
        return try await database.withConnection { try await body(ReadSnapshot($0.sql)) }
    }

    /// Runs `body` on one connection in one read-only snapshot (SQLite: a deferred transaction;
    /// PostgreSQL: repeatable read), so that the several queries of a page agree with each other.
    public func read<T: Sendable>(_ body: @escaping @Sendable (ReadSnapshot) async throws -> T) async throws -> T {
        let begin = sqliteReaders != nil ? "BEGIN" : "START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"
        return try await readEach { snapshot in try await Self.inTransaction(snapshot.sql, begin: begin) { try await body(snapshot) } }
    }

    private static func inTransaction<T: Sendable>(
        _ sql: any SQLDatabase, begin: String,
        _ body: @Sendable () async throws -> T
    ) async throws -> T {
        try await sql.raw(SQLQueryString(begin)).run()
        do {
            let result = try await body()
            try await sql.raw("COMMIT").run()
            return result
        } catch {
            try? await sql.raw("ROLLBACK").run()
            throw error
        }
    }

    public func shutdown() async {
        sqliteReaders?.close()
        sqliteWriter?.close()
        sqliteWriterThread?.shutdown()
        await databases.shutdownAsync()
        // After the connections: they run their closing on these threads.
        try? await sqliteThreads?.shutdownGracefully()
    }
}

extension DatabaseLocation {
    /// How a write transaction begins. SQLite: `IMMEDIATE` (see `write`). PostgreSQL: READ
    /// COMMITTED, named rather than left to the server's default, because the audit chain relies
    /// on it: a writer that waited for the head's row lock must read the head its predecessor
    /// committed (`AuditLog.insert`), where a higher level would fail with a serialization error.
    var writeBegin: String {
        isSQLite ? "BEGIN IMMEDIATE" : "BEGIN ISOLATION LEVEL READ COMMITTED"
    }
}

enum SQLiteSettings {
    /// WAL lets readers work while one writer commits; FULL makes an acknowledged commit
    /// survive power loss (clinical data); the busy timeout makes a second writer wait
    /// instead of spinning or failing. The busy timeout comes first: setting `journal_mode`
    /// may meet another connection's checkpoint or recovery, and must then wait rather than fail.
    static let pragmas = [
        "PRAGMA busy_timeout = 5000",
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = FULL",
        "PRAGMA foreign_keys = ON",
        standardCacheSize,
    ]

    /// 32 MB of pages per connection (SQLite's default is 2 MB): the patient-name index of a
    /// region (100,000 patients) stays in it, where a search used to spend a quarter of its
    /// time copying pages in from the operating system's cache (issue 6's profile).
    static let standardCacheSize = "PRAGMA cache_size = -32768"

    static let expectations: [(String, String)] = [
        ("journal_mode", "wal"),
        ("synchronous", "2"),
        ("foreign_keys", "1"),
        ("busy_timeout", "5000"),
    ]
}

extension Persistence {
    /// A consistent copy of a live SQLite database (`VACUUM INTO` reads one snapshot).
    public func backup(to path: String) async throws {
        guard location.isSQLite else { return }
        try await sql.raw("VACUUM INTO \(bind: path)").run()
    }
}

/// The number of jobs a `Persistence` has handed its writer, for tests that check a change is
/// one transaction (issue 19); a server's own counter is never read.
public final class WriterJobCounter: Sendable {
    let count = Atomic<Int>(0)

    public init() {}

    public var value: Int { count.load(ordering: .relaxed) }
}
