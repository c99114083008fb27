import Foundation
import LindringCore
import LindringSQLite
import Metrics
import SQLKit

/// The transaction of one group of writes (`GroupCommit`, LindringSQLite's queue, behind
/// `Persistence.write`). Each write runs in a savepoint of its own, so one that fails is rolled
/// back alone, and each caller is answered only after the COMMIT that made its write durable.
///
/// The group's audit entries are appended together, just before its COMMIT: a job that only
/// records an audit entry (an audited read) needs no statement of its own, and a job that
/// changes data hands its entries over when it succeeds (`Scope`). The chain takes them in the
/// jobs' order, and they commit with the changes they describe or not at all.
enum WriteGroup {
    typealias Body = @Sendable (any SQLDatabase) async throws -> any Sendable

    struct Job: Sendable {
        enum Work: Sendable {
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

    /// Set while a write body runs inside a group. A body that called `write` again would wait
    /// for the group it is part of, for ever; it fails at once instead.
    @TaskLocal static var scope: Scope?

    static var insideGroup: Bool { scope != nil }

    /// Hands `work` to the queue and waits for its group's answer.
    static func submit(_ work: Job.Work, to queue: GroupCommit<Job>) async throws -> any Sendable {
        try await withCheckedThrowingContinuation { queue.submit(Job(work: work, continuation: $0)) }
    }

    /// BEGIN, each job's body in a savepoint, the audit entries of the jobs that succeeded,
    /// COMMIT, then the answers. Nobody is answered before the COMMIT; if it fails, every job in
    /// the group fails.
    static func run(_ group: [Job], on sql: any SQLDatabase, begin: String, auditKey: AuditKey) async {
        Recorder(label: "lindring_database_group_size").record(group.count)
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
                        let value = try await $scope.withValue(scope) { try await body(sql) }
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
