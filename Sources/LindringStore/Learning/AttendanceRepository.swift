import Foundation
import LindringCore
import SQLKit

/// Who came to a session, and what they thought of it. Attending a session completes its offer
/// (`ProgressRepository.completeOffer`, which issues the certificate).
public enum AttendanceRepository {
    /// Marks `present` as present. With `replacing`, everyone else holding a place is marked
    /// absent (the educator's list, corrected on the day); without it, those present who had no
    /// place are given one (a workshop group's members who came without registering). Answers
    /// who was newly marked present; nil when there is no such session.
    public static func record(
        sessionId: UUID, present: Set<UUID>, replacing: Bool, author: RecordAuthor, now: Date = Date(), on tx: WriteTransaction
    ) async throws -> [UUID]? {
        guard let lock = try await LearningSessionRepository.lock(sessionId, on: tx),
            let session = try await LearningSessionRepository.find(id: sessionId, on: tx)
        else { return nil }
        let current = try await LearningSessionRepository.registrations(sessionId: sessionId, on: tx)
        var marked: [UUID] = []
        for registration in current {
            let isPresent = present.contains(registration.userId)
            if isPresent, registration.attendedAt == nil || registration.status != .registered {
                try await tx.sql.update("learning_registrations")
                    .set("status", to: SQLBind(RegistrationStatus.registered.rawValue)).set("attended_at", to: SQLBind(now))
                    .set("attendance_by_name", to: SQLBind(author.name)).set("changed_at", to: SQLBind(now))
                    .set("changed_by_name", to: SQLBind(author.name)).where("id", .equal, SQLBind(registration.id)).run()
                marked.append(registration.userId)
            } else if !isPresent, replacing, registration.attendedAt != nil {
                try await tx.sql.update("learning_registrations").set("attended_at", to: SQLBind(nil as Date?))
                    .set("attendance_by_name", to: SQLBind(nil as String?)).set("changed_at", to: SQLBind(now))
                    .set("changed_by_name", to: SQLBind(author.name)).where("id", .equal, SQLBind(registration.id)).run()
                try await ProgressRepository.withdrawAttendanceCompletion(userId: registration.userId, offerId: session.offerId, on: tx)
            }
        }
        if !replacing {
            let registered = Set(current.map(\.userId))
            for userId in present.subtracting(registered).sorted(by: { $0.uuidString < $1.uuidString }) {
                try await tx.sql.insert(into: "learning_registrations")
                    .columns(
                        "id", "session_id", "user_id", "status", "arrival", "registered_at", "registered_by_name", "changed_at", "changed_by_name",
                        "attended_at", "attendance_by_name"
                    )
                    .values(
                        SQLBind(UUID()), SQLBind(sessionId), SQLBind(userId), SQLBind(RegistrationStatus.registered.rawValue), SQLBind(lock.revision),
                        SQLBind(now), SQLBind(author.name), SQLBind(now), SQLBind(author.name), SQLBind(now), SQLBind(author.name)
                    ).run()
                marked.append(userId)
            }
        }
        for userId in marked {
            try await ProgressRepository.completeOffer(userId: userId, offerId: session.offerId, at: now, source: "attendance", on: tx)
        }
        return marked
    }

    // MARK: Evaluations

    public enum EvaluationRefusal: Error, Equatable {
        case alreadyEvaluated
    }

    public static func evaluate(
        sessionId: UUID, userId: UUID, _ evaluation: ValidEvaluation, now: Date = Date(), on tx: WriteTransaction
    ) async throws {
        let stored = try await tx.sql.raw(
            """
            INSERT INTO learning_evaluations (id, session_id, user_id, rating, relevance, comment, created_at)
            VALUES (\(bind: UUID()), \(bind: sessionId), \(bind: userId), \(bind: evaluation.rating), \(bind: evaluation.relevance),
            \(bind: evaluation.comment), \(bind: now)) ON CONFLICT (session_id, user_id) DO NOTHING RETURNING id
            """
        ).first()
        if stored == nil { throw EvaluationRefusal.alreadyEvaluated }
    }

    /// A session's evaluations, oldest first; they name no one.
    public static func evaluations(sessionId: UUID, on db: any DatabaseReading) async throws -> [ValidEvaluation] {
        try await db.sql.raw(
            "SELECT rating, relevance, comment FROM learning_evaluations WHERE session_id = \(bind: sessionId) ORDER BY created_at"
        ).all().map { row in
            ValidEvaluation(
                rating: try row.decode(column: "rating", as: Int.self), relevance: try row.decode(column: "relevance", as: Int.self),
                comment: try row.decode(column: "comment", as: String?.self))
        }
    }

    public static func hasEvaluated(sessionId: UUID, userId: UUID, on db: any DatabaseReading) async throws -> Bool {
        try await db.sql.raw(
            "SELECT 1 AS found FROM learning_evaluations WHERE session_id = \(bind: sessionId) AND user_id = \(bind: userId)"
        ).first() != nil
    }
}
