import FluentKit
import FluentPostgresDriver
import Foundation
import LindringCore
import Logging
import NIOPosix
import SQLKit

@testable import LindringStore

/// An isolated database for one test: a fresh SQLite file by default, or a fresh schema in
/// the PostgreSQL database named by `LINDRING_TEST_POSTGRES_URL`. Removed afterwards.
public struct TestDatabase: Sendable {
    public let location: DatabaseLocation
    let cleanup: @Sendable () async throws -> Void

    /// The audit key of every test database (`AuditKey`): the application under test and the
    /// test's own persistence on the same database must seal with the same key.
    public static let auditKey = try! AuditKey(bytes: Data((0..<32).map { UInt8($0) }))

    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["LINDRING_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public static func make() async throws -> TestDatabase {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        if let url = postgresURL {
            try await withAdmin(url) { try await $0.raw("CREATE SCHEMA \(ident: String(name))").run() }
            return TestDatabase(location: .postgres(url: url, schema: String(name))) {
                try await withAdmin(url) { try await $0.raw("DROP SCHEMA \(ident: String(name)) CASCADE").run() }
            }
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lindring-tests")
        let path = folder.appendingPathComponent("\(name).sqlite").path
        return TestDatabase(location: .sqlite(path: path)) {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }

    /// Swift Testing runs tests concurrently; a PostgreSQL server accepts about a hundred
    /// connections, so only a few tests hold a database at a time.
    public static func withSlot<T>(_ body: () async throws -> T) async throws -> T {
        await slots.acquire()
        do {
            let result = try await body()
            await slots.release()
            return result
        } catch {
            await slots.release()
            throw error
        }
    }

    static let slots = Semaphore(postgresURL == nil ? 8 : 4)

    /// Runs `body` with a migrated persistence on a fresh database, then removes it.
    /// `connectionsPerEventLoop` (PostgreSQL): more than one for a test that writes while a read
    /// holds its connection.
    public static func withPersistence<T>(connectionsPerEventLoop: Int = 1, _ body: (Persistence) async throws -> T) async throws -> T {
        try await withSlot { try await withFreshPersistence(connectionsPerEventLoop: connectionsPerEventLoop, body) }
    }

    static func withFreshPersistence<T>(connectionsPerEventLoop: Int = 1, _ body: (Persistence) async throws -> T) async throws -> T {
        let database = try await make()
        let persistence = try await Persistence.open(
            location: database.location, auditKey: TestDatabase.auditKey, logger: Logger(label: "test"),
            connectionsPerEventLoop: connectionsPerEventLoop)
        do {
            try await persistence.migrate()
            let result = try await body(persistence)
            await persistence.shutdown()
            try await database.cleanup()
            return result
        } catch {
            await persistence.shutdown()
            try? await database.cleanup()
            throw error
        }
    }

    public func remove() async throws {
        try await cleanup()
    }

    static func withAdmin(_ url: String, _ body: (any SQLDatabase) async throws -> Void) async throws {
        let databases = Databases(threadPool: .singleton, on: MultiThreadedEventLoopGroup.singleton)
        databases.use(.postgres(configuration: try SQLPostgresConfiguration(url: url)), as: .psql)
        do {
            let db = databases.database(logger: Logger(label: "test-admin"), on: MultiThreadedEventLoopGroup.singleton.any())!
            try await body(db.sql)
            await databases.shutdownAsync()
        } catch {
            await databases.shutdownAsync()
            throw error
        }
    }
}

/// A counting semaphore for async code.
actor Semaphore {
    private var available: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ count: Int) {
        available = count
    }

    func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            available += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
