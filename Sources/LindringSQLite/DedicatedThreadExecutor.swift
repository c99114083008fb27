import Foundation

/// A task executor with one thread of its own, for work that blocks its thread: the SQLite
/// writer's statements (`DirectSQLiteConnection`), whose COMMIT waits for the disk and whose
/// BEGIN IMMEDIATE may wait for another process's write lock. On Swift's shared cooperative
/// pool (one thread per core) such waits would stall every request; here they stall only the
/// writes, which wait for each other anyway.
public final class DedicatedThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopping = false
    private var stopped = false

    public init(name: String) {
        let thread = Thread { self.run() }
        thread.name = name
        thread.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let accepted = condition.withLock {
            guard !stopped else { return false }
            jobs.append(job)
            condition.signal()
            return true
        }
        // After `shutdown` the thread is gone; a late job still runs, on a thread of Dispatch's.
        if !accepted {
            let executor = asUnownedTaskExecutor()
            DispatchQueue.global().async { job.runSynchronously(on: executor) }
        }
    }

    private func run() {
        while true {
            let batch: [UnownedJob] = condition.withLock {
                while jobs.isEmpty && !stopping { condition.wait() }
                if jobs.isEmpty { stopped = true }
                defer { jobs.removeAll(keepingCapacity: true) }
                return jobs
            }
            if batch.isEmpty { return }
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
        }
    }

    /// Lets the thread finish the jobs it has and end.
    public func shutdown() {
        condition.withLock {
            stopping = true
            condition.signal()
        }
    }
}
