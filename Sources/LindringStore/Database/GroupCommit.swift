import FluentKit
import Foundation
import Metrics
import SQLKit

/// Group commit: writes that arrive while a transaction is committing wait, and then share the
/// next transaction and its one fsync. Each write runs in a savepoint of its own, so one that
/// fails is rolled back alone, and each caller is answered only after the COMMIT that made its
/// write durable. With `synchronous=FULL` a commit costs a flush to disk; one per request made
/// every audited page view and every contact wait for the disk in turn.
final class GroupCommit: @unchecked Sendable {
    typealias Body = @Sendable (any Database) async throws -> any Sendable

    struct Job {
        let body: Body
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

    /// Runs one group in one transaction on the writer's connection and answers each job.
    typealias Runner = @Sendable ([Job]) async -> Void

    /// A group is capped so that its answer does not wait behind an unbounded queue.
    private let maxGroup: Int

    /// True while a write body runs inside a group. A body that called `write` again would wait
    /// for the group it is part of, for ever; it fails at once instead.
    @TaskLocal static var insideGroup = false

    private let lock = NSLock()
    private var pending: [Job] = []
    private var draining = false
    private let runner: Runner

    init(maxGroup: Int, runner: @escaping Runner) {
        self.maxGroup = max(1, maxGroup)
        self.runner = runner
    }

    func submit(_ body: @escaping Body) async throws -> any Sendable {
        try await withCheckedThrowingContinuation { continuation in
            let startDrain = lock.withLock {
                pending.append(Job(body: body, continuation: continuation))
                defer { draining = true }
                return !draining
            }
            if startDrain { Task { await drain() } }
        }
    }

    private func drain() async {
        while true {
            let group: [Job] = lock.withLock {
                let group = Array(pending.prefix(maxGroup))
                pending.removeFirst(group.count)
                if group.isEmpty { draining = false }
                return group
            }
            if group.isEmpty { return }
            Recorder(label: "lindring_database_group_size").record(group.count)
            await runner(group)
        }
    }

    /// The body of `Runner` for a connection: BEGIN, each job in a savepoint, COMMIT, then the
    /// answers. Nobody is answered before the COMMIT; if it fails, every job in the group fails.
    static func run(_ group: [Job], on connection: any Database, begin: String) async {
        let sql = connection as! any SQLDatabase
        var outcomes: [Result<any Sendable, any Error>] = []
        outcomes.reserveCapacity(group.count)
        do {
            try await sql.raw(SQLQueryString(begin)).run()
            for job in group {
                try await sql.raw("SAVEPOINT lindring_write").run()
                do {
                    let value = try await GroupCommit.$insideGroup.withValue(true) { try await job.body(connection) }
                    try await sql.raw("RELEASE SAVEPOINT lindring_write").run()
                    outcomes.append(.success(value))
                } catch {
                    try await sql.raw("ROLLBACK TO SAVEPOINT lindring_write").run()
                    try await sql.raw("RELEASE SAVEPOINT lindring_write").run()
                    outcomes.append(.failure(error))
                }
            }
            try await sql.raw("COMMIT").run()
        } catch {
            try? await sql.raw("ROLLBACK").run()
            for job in group { job.continuation.resume(throwing: error) }
            return
        }
        for (job, outcome) in zip(group, outcomes) { job.continuation.resume(with: outcome) }
    }

    /// Whether a group's jobs were handed to `run` (and so will be answered there).
    final class Answered: @unchecked Sendable {
        var value = false
    }

    struct NestedWrite: Error, CustomStringConvertible {
        var description: String { "Persistence.write was called inside a write; pass the transaction's database down instead." }
    }
}
