import Foundation
import LindringTestSupport
import Logging
import SQLKit
import Testing

@testable import LindringStore

/// Several `Persistence`s on one SQLite file (the server and the CLI, or a test and the app it
/// drives) take turns at the write lock. A connection waiting for that lock blocks a thread;
/// the one holding it must still get a thread for its next statement and its COMMIT.
@Suite(.enabled(if: TestDatabase.postgresURL == nil, "SQLite's write lock"))
struct SQLiteLockWaitTests {
    @Test func writersOfManyPersistencesWaitTheirTurnWhileTheHolderFinishes() async throws {
        try await TestDatabase.withPersistence { holder in
            // given: more waiting writers than this machine has cores (NIO's shared pool has one
            // thread per core, so waiters there would hold every thread), all opened as `serve` opens
            let waiters = ProcessInfo.processInfo.activeProcessorCount + 2
            var others: [Persistence] = []
            for _ in 0..<waiters {
                others.append(
                    try await Persistence.open(
                        location: holder.location, auditKey: TestDatabase.auditKey, logger: Logger(label: "test"), connectionsPerEventLoop: 1))
            }
            try await holder.write { try await $0.sql.raw("CREATE TABLE turns (owner INTEGER NOT NULL)").run() }
            let written: Int
            do {
                written = try await withThrowingTaskGroup(of: Void.self) { group in
                    // when: the holder takes the lock, lets the others queue on it, and only then
                    // runs its next statement and commits
                    group.addTask {
                        try await holder.write { tx in
                            try await tx.sql.raw("INSERT INTO turns (owner) VALUES (0)").run()
                            try await Task.sleep(for: .milliseconds(300))
                            try await tx.sql.raw("INSERT INTO turns (owner) VALUES (0)").run()
                        }
                    }
                    try await Task.sleep(for: .milliseconds(50))
                    for (index, other) in others.enumerated() {
                        group.addTask {
                            try await other.write { try await $0.sql.raw("INSERT INTO turns (owner) VALUES (\(literal: index + 1))").run() }
                        }
                    }
                    try await group.waitForAll()
                    return try await holder.sql.raw("SELECT count(*) AS n FROM turns").first()!.decode(column: "n", as: Int.self)
                }
            } catch {
                for other in others { await other.shutdown() }
                throw error
            }
            for other in others { await other.shutdown() }
            // then: everyone's write is there, none timed out
            #expect(written == 2 + waiters)
        }
    }

    @Test func aPersistenceIsOpenedWithTheDurabilitySettingsBeforeAnyMigration() async throws {
        let database = try await TestDatabase.make()
        let persistence = try await Persistence.open(
            location: database.location, auditKey: TestDatabase.auditKey, logger: Logger(label: "test"), connectionsPerEventLoop: 1)
        let problems = try await persistence.verifyConnectionSettings()
        await persistence.shutdown()
        try await database.remove()
        #expect(problems == [])
    }
}
