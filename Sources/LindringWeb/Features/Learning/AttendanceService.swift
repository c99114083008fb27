import Foundation
import LindringCore
import LindringStore

/// Attendance taken on the day and the participants' evaluations afterwards. Educators take
/// attendance and read the evaluations (which name no one); a participant who held a place
/// evaluates once. Marking someone present completes the offer for them and issues its
/// certificate, in the same transaction.
struct AttendanceService {
    let services: AppServices

    /// The educator's list: everyone holding a place (and those waiting, who may come anyway).
    func list(_ sessionId: UUID, _ context: AppContext) async throws -> (session: LearningSession, registrations: [Registration]) {
        _ = try context.require(.manageTraining)
        return try await services.persistence.read { tx in
            guard let session = try await LearningSessionRepository.find(id: sessionId, on: tx) else { throw AppError.notFound }
            return (session, try await LearningSessionRepository.registrations(sessionId: sessionId, on: tx))
        }
    }

    /// Records who is present among the registered (`present` holds user ids); everyone else
    /// registered is marked absent. Before the session's day: 409.
    func take(_ sessionId: UUID, present: [String], _ context: AppContext, now: Date = Date()) async throws -> Int {
        let user = try context.require(.manageTraining)
        var ids: Set<UUID> = []
        for text in present {
            guard let id = UUID(uuidString: text.trimmingCharacters(in: .whitespaces)) else {
                throw AppError.validation([FieldError("present", .invalidFormat)])
            }
            ids.insert(id)
        }
        let chosen = ids
        return try await services.persistence.write { tx in
            guard let session = try await LearningSessionRepository.find(id: sessionId, on: tx) else { throw AppError.notFound }
            guard SessionTiming.mayTakeAttendance(startsAt: session.session.startsAt, now: now) else {
                throw AppError.conflict("Attendance is taken from the day of the session.")
            }
            let registered = Set(try await LearningSessionRepository.registrations(sessionId: sessionId, on: tx).map(\.userId))
            guard chosen.isSubset(of: registered) else { throw AppError.validation([FieldError("present", .notFound)]) }
            let marked = try await AttendanceRepository.record(
                sessionId: sessionId, present: chosen, replacing: true, author: RecordAuthor(user), now: now, on: tx)
            try await AuditLog.append(
                context.auditRecord(
                    "learning.attendance", as: .manageTraining, entityType: "learningSession", entityId: sessionId.uuidString,
                    purpose: "\(chosen.count) present"), on: tx)
            return marked?.count ?? 0
        }
    }

    /// The participant's evaluation: once, from the session's start, by someone who held a place.
    func evaluate(_ sessionId: UUID, _ draft: EvaluationDraft, _ context: AppContext, now: Date = Date()) async throws {
        let user = try context.requireUser()
        let evaluation = try draft.validated()
        try await services.persistence.write { tx in
            guard let session = try await LearningSessionRepository.find(id: sessionId, on: tx) else { throw AppError.notFound }
            let mine = try await LearningSessionRepository.registrations(sessionId: sessionId, on: tx).first { $0.userId == user.id }
            guard mine?.status == .registered else { throw AppError.forbidden }
            guard SessionTiming.mayEvaluate(startsAt: session.session.startsAt, now: now) else {
                throw AppError.conflict("A session is evaluated once it has begun.")
            }
            do {
                try await AttendanceRepository.evaluate(sessionId: sessionId, userId: user.id, evaluation, now: now, on: tx)
            } catch AttendanceRepository.EvaluationRefusal.alreadyEvaluated {
                throw AppError.conflict("You have evaluated this session already.")
            }
            try await AuditLog.append(
                context.auditRecord("learning.evaluate", entityType: "learningSession", entityId: sessionId.uuidString), on: tx)
        }
    }
}
