import Foundation
import Logging
import NIOCore
import VaporCSQLite

/// A few `DirectSQLiteConnection`s of one role, opened when first needed, each lent to one task
/// at a time: the read snapshots of `Persistence.read`, and the group-commit writer (one). A
/// task that finds them all lent waits for the next one returned, in arrival order.
public final class DirectSQLitePool: @unchecked Sendable {
    private let path: String
    private let role: DirectSQLiteConnection.Role
    private let pragmas: [String]
    /// Where each new connection's future-based calls complete (`DirectSQLiteConnection`).
    private let eventLoop: @Sendable () -> any EventLoop
    private let logger: Logger
    private let capacity: Int
    private let lock = NSLock()
    private var idle: [DirectSQLiteConnection] = []
    private var opened: [DirectSQLiteConnection] = []
    /// Connections opened or being opened: a slot is taken before the connection is opened.
    private var slotsTaken = 0
    private var waiting: [CheckedContinuation<DirectSQLiteConnection?, Never>] = []
    private var closed = false
    private static let closedError = DirectSQLiteError(code: SQLITE_MISUSE, message: "the database is closed")

    public init(
        path: String, role: DirectSQLiteConnection.Role, pragmas: [String], capacity: Int,
        eventLoop: @escaping @Sendable () -> any EventLoop, logger: Logger
    ) {
        self.path = path
        self.role = role
        self.pragmas = pragmas
        self.capacity = max(1, capacity)
        self.eventLoop = eventLoop
        self.logger = logger
    }

    public func withConnection<T>(_ body: (DirectSQLiteConnection) async throws -> T) async throws -> T {
        let connection = try await borrow()
        defer { giveBack(connection) }
        return try await body(connection)
    }

    private enum Next {
        case lend(DirectSQLiteConnection)
        case open
        case wait
        case closed
    }

    private func borrow() async throws -> DirectSQLiteConnection {
        while true {
            let next: Next = lock.withLock {
                if closed { return .closed }
                if let connection = idle.popLast() { return .lend(connection) }
                guard slotsTaken < capacity else { return .wait }
                slotsTaken += 1
                return .open
            }
            switch next {
            case .lend(let connection):
                return connection
            case .open:
                return try openConnection()
            case .closed:
                throw Self.closedError
            case .wait:
                // Nil: something changed (a failed open freed its slot, or closing); look again.
                let handed: DirectSQLiteConnection? = await withCheckedContinuation { continuation in
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

    /// Opens a connection for a slot already taken, and frees the slot if that fails.
    private func openConnection() throws -> DirectSQLiteConnection {
        do {
            let connection = try DirectSQLiteConnection(path: path, role: role, pragmas: pragmas, eventLoop: eventLoop(), logger: logger)
            let closedMeanwhile = lock.withLock {
                if !closed { opened.append(connection) }
                return closed
            }
            if closedMeanwhile {
                connection.close()
                throw Self.closedError
            }
            return connection
        } catch {
            freeSlot()
            throw error
        }
    }

    /// Gives up a slot whose connection failed to open or was closed, and wakes one waiter to
    /// take it (a waiter woken with nil looks again).
    private func freeSlot(dropping connection: DirectSQLiteConnection? = nil) {
        let waiter = lock.withLock {
            if let connection { opened.removeAll { $0 === connection } }
            slotsTaken -= 1
            return waiting.isEmpty ? nil : waiting.removeFirst()
        }
        waiter?.resume(returning: nil)
    }

    private func giveBack(_ connection: DirectSQLiteConnection) {
        if connection.isInTransaction {
            // Its ROLLBACK failed: lent again, it would hold the write lock or pin an old snapshot.
            connection.close()
            freeSlot(dropping: connection)
            return
        }
        let waiter: CheckedContinuation<DirectSQLiteConnection?, Never>? = lock.withLock {
            if waiting.isEmpty {
                idle.append(connection)
                return nil
            }
            return waiting.removeFirst()
        }
        waiter?.resume(returning: connection)
    }

    /// Closes every connection; tasks that ask later fail, and any still waiting are refused.
    public func close() {
        let (connections, waiters) = lock.withLock {
            closed = true
            defer {
                opened = []
                idle = []
                waiting = []
            }
            return (opened, waiting)
        }
        for waiter in waiters { waiter.resume(returning: nil) }
        for connection in connections { connection.close() }
    }
}
