import FluentKit
import Foundation
import LindringCore
import SQLKit

/// Slows password guessing (`LoginDelayPolicy`): failures count per account and client address,
/// and from the policy's free attempts on, each attempt waits a growing delay; an account has
/// at most `maxInFlight` attempts being checked at once. Rows are keyed by hashes, so no typed
/// username (which is sometimes a password) is stored. In the database, not in memory, so that
/// every `lindring serve` process behind a load balancer sees them.
///
/// An attempt is reserved before its password is checked, in one transaction: a conditional
/// UPDATE … RETURNING on the account's row takes an in-flight slot, and one on the pair's row
/// counts the attempt as a failure unless a delay is running. On PostgreSQL the UPDATE locks
/// the row, and a concurrent one (from any process) waits and then re-checks its condition
/// against the committed row; on SQLite writers are serialised anyway. The reservation is
/// released after the check (`release`), and a success refunds the pair's failures.
public enum LoginThrottle {
    public struct Keys: Equatable, Sendable {
        /// The account's row: its attempts in flight.
        public let account: String
        /// The (account, address) row: its failures and delay.
        public let pair: String
    }

    public static func keys(username: String, ip: String?) -> Keys {
        let name = username.lowercased()
        return Keys(account: "account:" + SecureToken.hash(name), pair: "pair:" + SecureToken.hash(name + "\n" + (ip ?? "-")))
    }

    public enum Reservation: Equatable, Sendable {
        /// The password may be checked; `release` must follow.
        case granted
        /// Too many failures from this address for this account: not before `until`.
        case delayed(until: Date)
        /// Too many attempts for this account are being checked right now.
        case busy(retryAfter: TimeInterval)
    }

    /// Reserves an attempt: call inside `Persistence.write`, before checking the password.
    public static func reserve(
        _ keys: Keys, policy: LoginDelayPolicy = .standard, now: Date = Date(),
        on db: WriteTransaction
    ) async throws -> Reservation {
        let sql = db.sql
        try await sql.raw(
            """
            INSERT INTO login_throttles (id, failures, last_failure_at, in_flight) VALUES
            (\(bind: keys.account), 0, \(bind: now), 0), (\(bind: keys.pair), 0, \(bind: now), 0) ON CONFLICT (id) DO NOTHING
            """
        ).run()
        // The account's row first, then the pair's, in every transaction: no deadlock.
        guard
            try await sql.raw(
                """
                UPDATE login_throttles SET in_flight = CASE WHEN in_flight_until IS NULL OR in_flight_until <= \(bind: now)
                    THEN 1 ELSE in_flight + 1 END, in_flight_until = \(bind: now.addingTimeInterval(policy.inFlightExpiry))
                WHERE id = \(bind: keys.account)
                  AND (in_flight < \(bind: policy.maxInFlight) OR in_flight_until IS NULL OR in_flight_until <= \(bind: now))
                RETURNING in_flight
                """
            ).first() != nil
        else { return .busy(retryAfter: 2) }
        guard
            let counted = try await sql.raw(
                """
                UPDATE login_throttles SET failures = CASE WHEN last_failure_at <= \(bind: now.addingTimeInterval(-policy.forgetAfter))
                    THEN 1 ELSE failures + 1 END, last_failure_at = \(bind: now)
                WHERE id = \(bind: keys.pair) AND (locked_until IS NULL OR locked_until <= \(bind: now))
                RETURNING failures
                """
            ).first()
        else {
            try await releaseSlot(keys, on: sql)
            let row = try await sql.raw("SELECT locked_until FROM login_throttles WHERE id = \(bind: keys.pair)").first()
            return .delayed(until: try row?.decode(column: "locked_until", as: Date?.self) ?? now.addingTimeInterval(policy.firstDelay))
        }
        if let delay = policy.delay(afterFailures: try counted.decode(column: "failures", as: Int.self)) {
            try await sql.raw("UPDATE login_throttles SET locked_until = \(bind: now.addingTimeInterval(delay)) WHERE id = \(bind: keys.pair)").run()
        }
        return .granted
    }

    /// Ends a granted reservation; a successful sign-in refunds the pair's failures (and its delay).
    public static func release(_ keys: Keys, succeeded: Bool, on db: WriteTransaction) async throws {
        let sql = db.sql
        try await releaseSlot(keys, on: sql)
        if succeeded { try await sql.raw("DELETE FROM login_throttles WHERE id = \(bind: keys.pair)").run() }
    }

    private static func releaseSlot(_ keys: Keys, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE login_throttles SET in_flight = in_flight - 1 WHERE id = \(bind: keys.account) AND in_flight > 0").run()
    }

    /// Forgets rows with nothing left to remember: no recent failure, no delay, nothing in flight.
    public static func purgeStale(policy: LoginDelayPolicy = .standard, now: Date = Date(), on db: WriteTransaction) async throws {
        try await db.sql.raw(
            """
            DELETE FROM login_throttles WHERE last_failure_at < \(bind: now.addingTimeInterval(-policy.forgetAfter))
              AND (locked_until IS NULL OR locked_until < \(bind: now)) AND (in_flight_until IS NULL OR in_flight_until < \(bind: now))
            """
        ).run()
    }
}
