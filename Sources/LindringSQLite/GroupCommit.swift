import Foundation

/// Group commit's queue: jobs that arrive while a group is running wait, and then run together as
/// the next group, in their order of arrival, up to `maxGroup` at a time. The runner is handed
/// each group and answers its jobs; with one transaction per group, the writes that arrive while
/// a COMMIT is flushed to disk share the next COMMIT and its one fsync. With `synchronous=FULL` a
/// commit costs a flush to disk; one per request made every audited page view and every contact
/// wait for the disk in turn.
///
/// The queue knows nothing of SQL: what a group's transaction looks like (a savepoint for each
/// job, the audit entries before the COMMIT) is LindringStore's (`WriteGroup`), and PostgreSQL's
/// writer is fed by the same queue.
public final class GroupCommit<Job: Sendable>: @unchecked Sendable {
    /// Runs one group and answers each of its jobs.
    public typealias Runner = @Sendable ([Job]) async -> Void

    /// A group is capped so that its answer does not wait behind an unbounded queue.
    private let maxGroup: Int
    private let lock = NSLock()
    private var pending: [Job] = []
    private var draining = false
    private let runner: Runner
    /// Where the groups run (SQLite's writer thread, `DedicatedThreadExecutor`); nil: Swift's
    /// shared pool.
    private let executor: (any TaskExecutor)?

    public init(maxGroup: Int, executor: (any TaskExecutor)? = nil, runner: @escaping Runner) {
        self.maxGroup = max(1, maxGroup)
        self.executor = executor
        self.runner = runner
    }

    /// Queues a job; the runner answers it once its group has run.
    public func submit(_ job: Job) {
        let startDrain = lock.withLock {
            pending.append(job)
            defer { draining = true }
            return !draining
        }
        if startDrain { Task(executorPreference: executor) { await self.drain() } }
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
            await runner(group)
        }
    }
}
