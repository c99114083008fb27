import Foundation
import LindringCore
import SQLKit

/// A dated session of an offer, with how many hold a place and how many wait.
public struct LearningSession: Equatable, Sendable {
    public var id: UUID
    public var offerId: UUID
    public var offerTitle: String
    public var session: ValidLearningSession
    public var cancelledAt: Date?
    public var registered: Int
    public var waitlisted: Int
}

/// One person's registration for a session.
public struct Registration: Equatable, Sendable {
    public var id: UUID
    public var sessionId: UUID
    public var userId: UUID
    public var userName: String
    public var status: RegistrationStatus
    /// The place on the waiting list (1 is next); nil unless waitlisted.
    public var position: Int?
    public var registeredAt: Date
    /// When the educator marked the person present; nil until then.
    public var attendedAt: Date? = nil
}

/// Sessions and their registrations, with the waiting list's rules (Core's `WaitingList`)
/// applied inside the write transaction that changes them.
public enum LearningSessionRepository {
    /// Why a registration was not made.
    public enum Refusal: Error, Equatable {
        case sessionNotFound
        case sessionCancelled
        /// The session is over: there is nothing left to register for.
        case sessionEnded
        /// The person already holds a place or waits for one.
        case alreadyRegistered(UUID)
    }

    public static func create(
        offerId: UUID, _ session: ValidLearningSession, author: RecordAuthor, now: Date = Date(), on tx: WriteTransaction
    ) async throws -> UUID {
        let id = UUID()
        try await tx.sql.insert(into: "learning_sessions")
            .columns("id", "offer_id", "starts_at", "ends_at", "capacity", "place", "revision", "created_at", "created_by_name")
            .values(
                SQLBind(id), SQLBind(offerId), SQLBind(session.startsAt), SQLBind(session.endsAt), SQLBind(session.capacity),
                SQLBind(session.place), SQLBind(0), SQLBind(now), SQLBind(author.name)
            ).run()
        return id
    }

    static let sessionColumns = """
        SELECT s.*, o.title AS offer_title,
        (SELECT COUNT(*) FROM learning_registrations r WHERE r.session_id = s.id AND r.status = 'registered') AS registered_count,
        (SELECT COUNT(*) FROM learning_registrations r WHERE r.session_id = s.id AND r.status = 'waitlisted') AS waitlisted_count
        FROM learning_sessions s JOIN learning_offers o ON o.id = s.offer_id
        """

    public static func find(id: UUID, on db: any DatabaseReading) async throws -> LearningSession? {
        try await db.sql.raw("\(unsafeRaw: sessionColumns) WHERE s.id = \(bind: id)").first().map(session)
    }

    /// An offer's sessions in date order.
    public static func list(offerId: UUID, on db: any DatabaseReading) async throws -> [LearningSession] {
        try await db.sql.raw("\(unsafeRaw: sessionColumns) WHERE s.offer_id = \(bind: offerId) ORDER BY s.starts_at").all().map(session)
    }

    static func session(_ row: any SQLRow) throws -> LearningSession {
        LearningSession(
            id: try row.decode(column: "id", as: UUID.self), offerId: try row.decode(column: "offer_id", as: UUID.self),
            offerTitle: try row.decode(column: "offer_title", as: String.self),
            session: ValidLearningSession(
                startsAt: try row.decode(column: "starts_at", as: Date.self), endsAt: try row.decode(column: "ends_at", as: Date.self),
                capacity: try row.decode(column: "capacity", as: Int.self), place: try row.decode(column: "place", as: String.self)),
            cancelledAt: try row.decode(column: "cancelled_at", as: Date?.self), registered: try row.decode(column: "registered_count", as: Int.self),
            waitlisted: try row.decode(column: "waitlisted_count", as: Int.self))
    }

    // MARK: Registrations

    /// Everyone who holds a place (in the order they came), then everyone waiting, numbered.
    public static func registrations(sessionId: UUID, on db: any DatabaseReading) async throws -> [Registration] {
        let rows = try await db.sql.raw(
            """
            SELECT r.*, u.name AS user_name FROM learning_registrations r JOIN users u ON u.id = r.user_id
            WHERE r.session_id = \(bind: sessionId) AND r.status <> 'cancelled' ORDER BY r.arrival
            """
        ).all()
        let all = try rows.map { try registration($0, position: nil) }
        let positions = WaitingList.positions(waitingInOrder: all.filter { $0.status == .waitlisted }.map(\.id))
        return all.filter { $0.status == .registered }
            + all.filter { $0.status == .waitlisted }.map { waiting in
                var numbered = waiting
                numbered.position = positions[waiting.id]
                return numbered
            }
    }

    /// A person's registrations for sessions that have not ended, soonest first, each with its
    /// session and, if it waits, its place in the queue.
    public static func upcoming(userId: UUID, now: Date = Date(), on db: any DatabaseReading) async throws -> [(Registration, LearningSession)] {
        let sessions = try await db.sql.raw(
            """
            \(unsafeRaw: sessionColumns) WHERE s.ends_at > \(bind: now) AND s.id IN
            (SELECT session_id FROM learning_registrations WHERE user_id = \(bind: userId) AND status <> 'cancelled') ORDER BY s.starts_at
            """
        ).all().map(session)
        var result: [(Registration, LearningSession)] = []
        for session in sessions {
            if let mine = try await registrations(sessionId: session.id, on: db).first(where: { $0.userId == userId }) {
                result.append((mine, session))
            }
        }
        return result
    }

    /// One registration, numbered if it waits.
    public static func registration(id: UUID, on db: any DatabaseReading) async throws -> Registration? {
        guard
            let row = try await db.sql.raw(
                "SELECT r.*, u.name AS user_name FROM learning_registrations r JOIN users u ON u.id = r.user_id WHERE r.id = \(bind: id)"
            ).first()
        else { return nil }
        var found = try registration(row, position: nil)
        if found.status == .waitlisted {
            found.position = try await registrations(sessionId: found.sessionId, on: db).first { $0.id == id }?.position
        }
        return found
    }

    static func registration(_ row: any SQLRow, position: Int?) throws -> Registration {
        Registration(
            id: try row.decode(column: "id", as: UUID.self), sessionId: try row.decode(column: "session_id", as: UUID.self),
            userId: try row.decode(column: "user_id", as: UUID.self), userName: try row.decode(column: "user_name", as: String.self),
            status: try row.decodeEnum(column: "status"), position: position, registeredAt: try row.decode(column: "registered_at", as: Date.self),
            attendedAt: try row.decode(column: "attended_at", as: Date?.self))
    }

    /// Raises the session's revision, which holds its row until the transaction ends, and
    /// answers the new revision and the capacity; nil when there is no such session.
    static func lock(
        _ sessionId: UUID, on tx: WriteTransaction
    ) async throws -> (revision: Int, capacity: Int, cancelled: Bool, endsAt: Date)? {
        guard
            let row = try await tx.sql.raw(
                """
                UPDATE learning_sessions SET revision = revision + 1 WHERE id = \(bind: sessionId)
                RETURNING revision, capacity, cancelled_at, ends_at
                """
            ).first()
        else { return nil }
        return (
            try row.decode(column: "revision", as: Int.self), try row.decode(column: "capacity", as: Int.self),
            try row.decode(column: "cancelled_at", as: Date?.self) != nil, try row.decode(column: "ends_at", as: Date.self)
        )
    }

    static func count(_ sessionId: UUID, _ status: RegistrationStatus, on tx: WriteTransaction) async throws -> Int {
        try await tx.sql.raw(
            "SELECT COUNT(*) AS n FROM learning_registrations WHERE session_id = \(bind: sessionId) AND status = \(bind: status.rawValue)"
        ).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Registers `userId`: a place while there is one, else the end of the waiting list.
    public static func register(
        sessionId: UUID, userId: UUID, author: RecordAuthor, now: Date = Date(), on tx: WriteTransaction
    ) async throws -> Registration {
        guard let session = try await lock(sessionId, on: tx) else { throw Refusal.sessionNotFound }
        if session.cancelled { throw Refusal.sessionCancelled }
        if session.endsAt <= now { throw Refusal.sessionEnded }
        if let existing = try await tx.sql.raw(
            """
            SELECT id FROM learning_registrations WHERE session_id = \(bind: sessionId) AND user_id = \(bind: userId) AND status <> 'cancelled'
            """
        ).first() {
            throw Refusal.alreadyRegistered(try existing.decode(column: "id", as: UUID.self))
        }
        let status = WaitingList.status(forNewcomerWithCapacity: session.capacity, registered: try await count(sessionId, .registered, on: tx))
        let id = UUID()
        try await tx.sql.insert(into: "learning_registrations")
            .columns(
                "id", "session_id", "user_id", "status", "arrival", "registered_at", "registered_by_name", "changed_at", "changed_by_name"
            )
            .values(
                SQLBind(id), SQLBind(sessionId), SQLBind(userId), SQLBind(status.rawValue), SQLBind(session.revision), SQLBind(now),
                SQLBind(author.name), SQLBind(now), SQLBind(author.name)
            ).run()
        guard let made = try await registration(id: id, on: tx) else { throw Refusal.sessionNotFound }
        return made
    }

    /// Cancels a registration and, in the same transaction, gives the places that opened to the
    /// first who wait. Answers the cancelled registration and those promoted; nil when there is
    /// no such registration. Cancelling one already cancelled changes nothing; one for a session
    /// that has ended is refused (`sessionEnded`): it is part of the attendance record.
    public static func cancel(
        registrationId: UUID, author: RecordAuthor, now: Date = Date(), on tx: WriteTransaction
    ) async throws -> (cancelled: Registration, promoted: [Registration])? {
        guard let found = try await registration(id: registrationId, on: tx) else { return nil }
        guard found.status != .cancelled else { return (found, []) }
        guard let session = try await lock(found.sessionId, on: tx) else { return nil }
        if session.endsAt <= now { throw Refusal.sessionEnded }
        try await setStatus(.cancelled, of: [registrationId], author: author, now: now, on: tx)
        let promoted = try await fillPlaces(found.sessionId, capacity: session.capacity, author: author, now: now, on: tx)
        var cancelled = found
        cancelled.status = .cancelled
        cancelled.position = nil
        return (cancelled, promoted)
    }

    /// Gives free places to the first who wait (`WaitingList.promotions`) and answers them.
    static func fillPlaces(
        _ sessionId: UUID, capacity: Int, author: RecordAuthor, now: Date, on tx: WriteTransaction
    ) async throws -> [Registration] {
        let current = try await registrations(sessionId: sessionId, on: tx)
        let promoted = WaitingList.promotions(
            capacity: capacity, registered: current.filter { $0.status == .registered }.count, waiting: current.filter { $0.status == .waitlisted })
        try await setStatus(.registered, of: promoted.map(\.id), author: author, now: now, on: tx)
        return promoted.map { registration in
            var moved = registration
            moved.status = .registered
            moved.position = nil
            return moved
        }
    }

    static func setStatus(_ status: RegistrationStatus, of ids: [UUID], author: RecordAuthor, now: Date, on tx: WriteTransaction) async throws {
        guard !ids.isEmpty else { return }
        try await tx.sql.update("learning_registrations")
            .set("status", to: SQLBind(status.rawValue)).set("changed_at", to: SQLBind(now)).set("changed_by_name", to: SQLBind(author.name))
            .where("id", .in, SQLBind.group(ids)).run()
    }

    /// For each of an offer's sessions, how many hold a place from each sector (by the unit of
    /// the person registered; nil for those without a unit).
    public static func placesBySector(offerId: UUID, on db: any DatabaseReading) async throws -> [UUID: [Sector?: Int]] {
        let rows = try await db.sql.raw(
            """
            SELECT r.session_id, un.sector, COUNT(*) AS n FROM learning_registrations r
            JOIN learning_sessions s ON s.id = r.session_id JOIN users u ON u.id = r.user_id LEFT JOIN units un ON un.id = u.unit_id
            WHERE s.offer_id = \(bind: offerId) AND r.status = 'registered' GROUP BY r.session_id, un.sector
            """
        ).all()
        var counts: [UUID: [Sector?: Int]] = [:]
        for row in rows {
            let sector = try row.decode(column: "sector", as: String?.self).flatMap(Sector.init(rawValue:))
            counts[try row.decode(column: "session_id", as: UUID.self), default: [:]][sector] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }
}
