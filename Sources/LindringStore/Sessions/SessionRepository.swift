import Crypto
import Foundation
import LindringCore
import SQLKit

/// A server-side session. Anonymous sessions (no user) exist only to carry the CSRF token
/// of the login form.
public struct Session: Equatable, Sendable {
    /// The cookie value; only its hash is stored.
    public var token: String
    public var userId: UUID?
    public var csrfToken: String
    public var createdAt: Date
    public var lastSeenAt: Date
    public var expiresAt: Date
}

public struct SessionTimeouts: Equatable, Sendable {
    public var idle: TimeInterval
    public var absolute: TimeInterval

    public init(idle: TimeInterval = 30 * 60, absolute: TimeInterval = 12 * 3600) {
        self.idle = idle
        self.absolute = absolute
    }

    /// How often a session in use records its activity: once a minute, or a quarter of the idle
    /// timeout when that is shorter (with a 1-minute timeout a once-a-minute touch came too late).
    public var touchInterval: TimeInterval { min(60, idle / 4) }
}

public enum SessionRepository {
    /// Starts a session with fresh random identifiers (256 bits each).
    public static func create(userId: UUID?, timeouts: SessionTimeouts, now: Date = Date(), on db: WriteTransaction) async throws -> Session {
        let session = Session(
            token: SecureToken.make(), userId: userId, csrfToken: SecureToken.make(),
            createdAt: now, lastSeenAt: now, expiresAt: now.addingTimeInterval(timeouts.absolute))
        try await db.sql.insert(into: "sessions").columns("id", "user_id", "csrf_token", "created_at", "last_seen_at", "expires_at")
            .values(
                SQLBind(SecureToken.hash(session.token)), SQLBind(userId), SQLBind(session.csrfToken), SQLBind(now), SQLBind(now),
                SQLBind(session.expiresAt)
            )
            .run()
        return session
    }

    /// The live session for a cookie value, or nil when unknown, idle too long or past its
    /// absolute lifetime, with its user (nil for a session before sign-in, or whose user is gone)
    /// and the inbox badge of the user's unit (0 without a unit; counted for any user with a unit,
    /// shown only to those who may read patient data), in one statement: what every signed-in
    /// request asks first. Only reads: a write here would wait for the writer's lock on
    /// a reader's connection; expired rows go in the periodic `purgeExpired`.
    public static func findWithUser(
        token: String, timeouts: SessionTimeouts, now: Date = Date(),
        on db: any DatabaseReading
    ) async throws -> (session: Session, user: User?, unreadInbox: Int)? {
        let badge = InboxRepository.badge(unit: SQLColumn("unit_id", table: "u"), user: SQLColumn("id", table: "u"))
        guard token.count <= 128,
            let row = try await db.sql.raw(
                """
                SELECT \(unsafeRaw: columns), \(unsafeRaw: UserRepository.columns),
                    CASE WHEN u.unit_id IS NULL THEN 0 ELSE \(badge) END AS unread_inbox
                FROM sessions s LEFT JOIN users u ON u.id = s.user_id \(unsafeRaw: UserRepository.unitJoin) WHERE s.id = \(bind: SecureToken.hash(token))
                """
            ).first(), let session = try live(row, token: token, timeouts: timeouts, now: now)
        else { return nil }
        return (session, try row.decodeNil(column: "id") ? nil : try UserRepository.user(row), try row.decode(column: "unread_inbox", as: Int.self))
    }

    /// Decoded by hand rather than through Fluent's reflection: every request asks.
    private static let columns = "s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at"

    private static func live(_ row: any SQLRow, token: String, timeouts: SessionTimeouts, now: Date) throws -> Session? {
        let session = Session(
            token: token, userId: try row.decodeNil(column: "user_id") ? nil : try row.decode(column: "user_id", as: UUID.self),
            csrfToken: try row.decode(column: "csrf_token", as: String.self),
            createdAt: try row.decode(column: "created_at", as: Date.self),
            lastSeenAt: try row.decode(column: "last_seen_at", as: Date.self),
            expiresAt: try row.decode(column: "expires_at", as: Date.self))
        if now >= session.expiresAt || now.timeIntervalSince(session.lastSeenAt) > timeouts.idle {
            return nil
        }
        return session
    }

    /// Whether activity should be recorded (`touch`): at most once per `touchInterval`, to
    /// spare the database, and often enough that a session in use never reaches its idle timeout.
    public static func touchDue(_ session: Session, timeouts: SessionTimeouts, now: Date = Date()) -> Bool {
        now.timeIntervalSince(session.lastSeenAt) >= timeouts.touchInterval
    }

    /// Records activity now; callers ask `touchDue` first.
    public static func touch(_ session: Session, now: Date = Date(), on db: WriteTransaction) async throws {
        try await db.sql.update("sessions").set("last_seen_at", to: SQLBind(now)).where("id", .equal, SQLBind(SecureToken.hash(session.token))).run()
    }

    public static func delete(token: String, on db: WriteTransaction) async throws {
        try await db.sql.delete(from: "sessions").where("id", .equal, SQLBind(SecureToken.hash(token))).run()
    }

    /// Ends every session of a user: on deactivation and password reset; when the user changes
    /// their own password, every one but the session they changed it in (`except`).
    public static func deleteAll(userId: UUID, except token: String? = nil, on db: WriteTransaction) async throws {
        let query = db.sql.delete(from: "sessions").where("user_id", .equal, SQLBind(userId))
        if let token { query.where("id", .notEqual, SQLBind(SecureToken.hash(token))) }
        try await query.run()
    }

    /// Removes sessions past their absolute lifetime or idle for longer than allowed (among
    /// them the anonymous ones that every visit to the login page starts).
    public static func purgeExpired(timeouts: SessionTimeouts, now: Date = Date(), on db: WriteTransaction) async throws {
        try await db.sql.delete(from: "sessions").where("expires_at", .lessThan, SQLBind(now))
            .orWhere("last_seen_at", .lessThan, SQLBind(now.addingTimeInterval(-timeouts.idle))).run()
    }
}

/// Random tokens for sessions, CSRF and the API.
public enum SecureToken {
    /// 32 random bytes from the system's CSPRNG, base64url without padding.
    public static func make() -> String {
        RandomToken.make()
    }

    public static func hash(_ token: String) -> String {
        Hex.encode(SHA256.hash(data: Data(token.utf8)))
    }

    /// Compares without leaking, through timing, how many leading characters matched.
    public static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        RandomToken.constantTimeEquals(a, b)
    }
}
