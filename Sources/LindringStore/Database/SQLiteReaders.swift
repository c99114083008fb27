import FluentKit
import Foundation

/// The read snapshots of an SQLite database (`Persistence.read`): a few `SQLiteReader`
/// connections, opened when first needed, each lent to one snapshot at a time. A snapshot
/// that finds them all lent waits for the next one returned, in arrival order.
final class SQLiteReaders: @unchecked Sendable {
    private let path: String
    private let pragmas: [String]
    private let context: @Sendable () -> DatabaseContext
    private let capacity: Int
    private let lock = NSLock()
    private var idle: [SQLiteReader] = []
    private var opened: [SQLiteReader] = []
    /// Readers opened or being opened: a slot is taken before the connection is opened.
    private var slotsTaken = 0
    private var waiting: [CheckedContinuation<SQLiteReader?, Never>] = []
    private var closed = false

    init(path: String, pragmas: [String], capacity: Int, context: @escaping @Sendable () -> DatabaseContext) {
        self.path = path
        self.pragmas = pragmas
        self.capacity = max(1, capacity)
        self.context = context
    }

    /// Runs `body` in a deferred transaction: SQLite's snapshot begins at its first read and
    /// holds until the COMMIT, so the queries of one page agree with each other.
    func withSnapshot<T>(_ body: (any Database) async throws -> T) async throws -> T {
        let reader = try await borrow()
        defer { giveBack(reader) }
        try reader.run("BEGIN")
        do {
            let result = try await body(reader)
            try reader.run("COMMIT")
            return result
        } catch {
            try? reader.run("ROLLBACK")
            throw error
        }
    }

    private enum Next {
        case reader(SQLiteReader)
        case open
        case wait
        case closed
    }

    private func borrow() async throws -> SQLiteReader {
        while true {
            let next: Next = lock.withLock {
                if closed { return .closed }
                if let reader = idle.popLast() { return .reader(reader) }
                guard slotsTaken < capacity else { return .wait }
                slotsTaken += 1
                return .open
            }
            switch next {
            case .reader(let reader):
                return reader
            case .open:
                return try openReader()
            case .closed:
                throw SQLiteReaderError(code: 21, message: "the database is closed")
            case .wait:
                // Nil: something changed (a failed open freed its slot, or closing); look again.
                let handed: SQLiteReader? = await withCheckedContinuation { continuation in
                    let lookAgain: Bool = lock.withLock {
                        if closed || !idle.isEmpty || slotsTaken < capacity { return true }
                        waiting.append(continuation)
                        return false
                    }
                    if lookAgain { continuation.resume(returning: nil) }
                }
                if let handed { return handed }
            }
        }
    }

    /// Opens a reader for a slot already taken, and frees the slot if that fails.
    private func openReader() throws -> SQLiteReader {
        do {
            let reader = try SQLiteReader(path: path, pragmas: pragmas, context: context())
            lock.withLock { opened.append(reader) }
            return reader
        } catch {
            let waiter = lock.withLock {
                slotsTaken -= 1
                return waiting.isEmpty ? nil : waiting.removeFirst()
            }
            waiter?.resume(returning: nil)
            throw error
        }
    }

    private func giveBack(_ reader: SQLiteReader) {
        let waiter: CheckedContinuation<SQLiteReader?, Never>? = lock.withLock {
            if waiting.isEmpty {
                idle.append(reader)
                return nil
            }
            return waiting.removeFirst()
        }
        waiter?.resume(returning: reader)
    }

    /// Closes every reader; snapshots begun later fail, and any still waiting are refused.
    func close() {
        let (readers, waiters) = lock.withLock {
            closed = true
            defer { opened = []; idle = []; waiting = [] }
            return (opened, waiting)
        }
        for waiter in waiters { waiter.resume(returning: nil) }
        for reader in readers { reader.close() }
    }
}
