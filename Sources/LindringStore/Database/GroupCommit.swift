import FluentKit
import Foundation
import LindringCore
import Metrics
import SQLKit

/// Group commit: writes that arrive while a transaction is committing wait, and then share the
/// next transaction and its one fsync. Each write runs in a savepoint of its own, so one that
/// fails is rolled back alone, and each caller is answered only after the COMMIT that made its
/// write durable. With `synchronous=FULL` a commit costs a flush to disk; one per request made
/// every audited page view and every contact wait for the disk in turn.
///
/// The group's audit entries are appended together, just before its COMMIT: a job that only
/// records an audit entry (an audited read) needs no statement of its own, and a job that
/// changes data hands its entries over when it succeeds (`Scope`). The chain takes them in the
/// jobs' order, and they commit with the changes they describe or not at all.
final class GroupCommit: @unchecked Sendable {
    typealias Body = @Sendable (any Database) async throws -> any Sendable

    struct Job {
        enum Work {
            case body(Body)
            /// Nothing to run: only entries to append.
            case audit([AuditRecord])
        }

        let work: Work
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

    /// The job whose body is running, which collects the audit entries the body appends. It is
    /// closed when the body returns: an entry appended later (from a task the body left running)
    /// would belong to no transaction, so it fails instead of vanishing.
    final class Scope: @unchecked Sendable {
        private let lock = NSLock()
        private var records: [AuditRecord] = []
        private var closed = false

        func append(_ new: [AuditRecord]) throws {
            try lock.withLock {
                guard !closed else { throw ClosedScope() }
                records += new
            }
        }

        /// Closes the scope and returns what was appended.
        func close() -> [AuditRecord] {
            lock.withLock {
                closed = true
                return records
            }
        }
    }

    struct ClosedScope: Error, CustomStringConvertible {
        var description: String { "An audit entry was appended after its write had finished; append it inside the write." }
    }

    /// Runs one group in one transaction on the writer's connection and answers each job.
    typealias Runner = @Sendable ([Job]) async -> Void

    /// A group is capped so that its answer does not wait behind an unbounded queue.
    private let maxGroup: Int

    /// Set while a write body runs inside a group. A body that called `write` again would wait
    /// for the group it is part of, for ever; it fails at once instead.
    @TaskLocal static var scope: Scope?

    static var insideGroup: Bool { scope != nil }

    private let lock = NSLock()
    private var pending: [Job] = []
    private var draining = false
    private let runner: Runner
    /// Where the groups run (SQLite's writer thread); nil: Swift's shared pool.
    private let executor: (any TaskExecutor)?

    init(maxGroup: Int, executor: (any TaskExecutor)? = nil, runner: @escaping Runner) {
        self.maxGroup = max(1, maxGroup)
        self.executor = executor
        self.runner = runner
    }

    func submit(_ work: Job.Work) async throws -> any Sendable {
        try await withCheckedThrowingContinuation { continuation in
            let startDrain = lock.withLock {
                pending.append(Job(work: work, continuation: continuation))
                defer { draining = true }
                return !draining
            }
            if startDrain { Task(executorPreference: executor) { await self.drain() } }
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

    /// The body of `Runner` for a connection: BEGIN, each job's body in a savepoint, the
    /// audit entries of the jobs that succeeded, COMMIT, then the answers. Nobody is answered
    /// before the COMMIT; if it fails, every job in the group fails.
    static func run(_ group: [Job], on connection: any Database, begin: String, auditKey: AuditKey) async {
        let sql = connection.sql
        var outcomes: [Result<any Sendable, any Error>] = []
        outcomes.reserveCapacity(group.count)
        var audit: [AuditRecord] = []
        do {
            try await sql.raw(SQLQueryString(begin)).run()
            for job in group {
                switch job.work {
                case .audit(let records):
                    audit += records
                    outcomes.append(.success(()))
                case .body(let body):
                    try await sql.raw("SAVEPOINT lindring_write").run()
                    let scope = Scope()
                    do {
                        let value = try await GroupCommit.$scope.withValue(scope) { try await body(connection) }
                        let records = scope.close()
                        try await sql.raw("RELEASE SAVEPOINT lindring_write").run()
                        audit += records
                        outcomes.append(.success(value))
                    } catch {
                        _ = scope.close()
                        try await sql.raw("ROLLBACK TO SAVEPOINT lindring_write").run()
                        try await sql.raw("RELEASE SAVEPOINT lindring_write").run()
                        outcomes.append(.failure(error))
                    }
                }
            }
            try await AuditLog.insert(audit, key: auditKey, on: sql)
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
