import Foundation
import LindringCore
import LindringStore

/// Competence development's rules of access and its writes: educators keep the catalogue and
/// its sessions; everyone signed in reads the catalogue and registers themselves; an educator
/// may register or cancel for someone else. No patient data: each change is audited against
/// the session or offer it changes.
struct LearningService {
    let services: AppServices

    func offers(_ context: AppContext, filter: OfferFilter = OfferFilter()) async throws -> [LearningOffer] {
        _ = try context.requireUser()
        let all = try await services.persistence.readEach { try await OfferRepository.list(on: $0) }
        return all.filter { filter.matches($0.offer) }
    }

    func offer(_ id: UUID, _ context: AppContext) async throws -> (offer: LearningOffer, sessions: [LearningSession]) {
        _ = try context.requireUser()
        return try await services.persistence.read { tx in
            guard let offer = try await OfferRepository.find(id: id, on: tx) else { throw AppError.notFound }
            return (offer, try await LearningSessionRepository.list(offerId: id, on: tx))
        }
    }

    func createOffer(_ draft: OfferDraft, _ context: AppContext) async throws -> LearningOffer {
        let user = try context.require(.manageTraining)
        let valid = try draft.validated()
        return try await services.persistence.write { tx in
            let offer = try await OfferRepository.create(valid, author: RecordAuthor(user), on: tx)
            try await AuditLog.append(
                context.auditRecord("learning.offer.create", as: .manageTraining, entityType: "learningOffer", entityId: offer.id.uuidString), on: tx)
            return offer
        }
    }

    func createSession(offerId: UUID, _ draft: LearningSessionDraft, _ context: AppContext) async throws -> UUID {
        let user = try context.require(.manageTraining)
        let valid = try draft.validated()
        return try await services.persistence.write { tx in
            guard let offer = try await OfferRepository.find(id: offerId, on: tx) else { throw AppError.notFound }
            guard offer.offer.format.hasSessions else { throw AppError.validation([FieldError("offerId", .invalidChoice)]) }
            let id = try await LearningSessionRepository.create(offerId: offerId, valid, author: RecordAuthor(user), on: tx)
            try await AuditLog.append(
                context.auditRecord("learning.session.create", as: .manageTraining, entityType: "learningSession", entityId: id.uuidString), on: tx)
            return id
        }
    }

    /// The session, with everyone's registrations for an educator and only one's own for others.
    func session(_ id: UUID, _ context: AppContext) async throws -> (session: LearningSession, registrations: [Registration]) {
        let user = try context.requireUser()
        return try await services.persistence.read { tx in
            guard let session = try await LearningSessionRepository.find(id: id, on: tx) else { throw AppError.notFound }
            let registrations = try await LearningSessionRepository.registrations(sessionId: id, on: tx)
            return (session, user.can(.manageTraining) ? registrations : registrations.filter { $0.userId == user.id })
        }
    }

    /// Plans the year's four theme afternoons of a theme-afternoon offer in one transaction.
    func createSeries(offerId: UUID, _ draft: ThemeAfternoonSeriesDraft, _ context: AppContext) async throws -> [UUID] {
        let user = try context.require(.manageTraining)
        let sessions = try draft.validated()
        return try await services.persistence.write { tx in
            guard let offer = try await OfferRepository.find(id: offerId, on: tx) else { throw AppError.notFound }
            guard offer.offer.format == .themeAfternoon else { throw AppError.validation([FieldError("offerId", .invalidChoice)]) }
            var ids: [UUID] = []
            for session in sessions {
                ids.append(try await LearningSessionRepository.create(offerId: offerId, session, author: RecordAuthor(user), on: tx))
            }
            try await AuditLog.append(
                context.auditRecord(
                    "learning.series.create", as: .manageTraining, entityType: "learningOffer", entityId: offerId.uuidString,
                    purpose: draft.year), on: tx)
            return ids
        }
    }

    /// What a session's page shows besides its registrations: for the educator the workshop
    /// groups, the cases a group may work on and the evaluations; for a participant whether
    /// they have evaluated it.
    struct SessionPage {
        var session: LearningSession
        var registrations: [Registration]
        var groups: [LearningGroup] = []
        var cases: [CaseChoice] = []
        var evaluations: [ValidEvaluation] = []
        var evaluated = false
    }

    /// A case in a module, as a workshop group may work on it.
    struct CaseChoice {
        var moduleId: UUID
        var section: Int
        var label: String
    }

    func sessionPage(_ id: UUID, _ context: AppContext) async throws -> SessionPage {
        let user = try context.requireUser()
        let (session, registrations) = try await self.session(id, context)
        return try await services.persistence.read { tx in
            var page = SessionPage(session: session, registrations: registrations)
            page.evaluated = try await AttendanceRepository.hasEvaluated(sessionId: id, userId: user.id, on: tx)
            guard user.can(.manageTraining) else { return page }
            page.groups = try await GroupRepository.list(sessionId: id, on: tx)
            page.evaluations = try await AttendanceRepository.evaluations(sessionId: id, on: tx)
            for offer in try await OfferRepository.list(on: tx) where offer.offer.format == .eLearning {
                for module in try await ModuleRepository.list(offerId: offer.id, on: tx) {
                    for (index, section) in module.content.sections.enumerated() where section.kind == .case {
                        page.cases.append(CaseChoice(moduleId: module.id, section: index, label: module.content.title + ": " + section.title))
                    }
                }
            }
            return page
        }
    }

    /// Registers the user, or for an educator the person `userId` names: a place or the end of
    /// the waiting list.
    func register(sessionId: UUID, userId: String?, username: String? = nil, _ context: AppContext) async throws -> Registration {
        let user = try context.requireUser()
        let userId = userId?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        let username = username?.trimmingCharacters(in: .whitespaces).lowercased().nilIfEmpty
        var participant: UUID?
        if let userId {
            guard let id = UUID(uuidString: userId) else { throw AppError.validation([FieldError("userId", .invalidFormat)]) }
            participant = id
        }
        if participant != user.id, userId != nil || username != nil, !user.can(.manageTraining) { throw AppError.forbidden }
        let named = participant
        return try await services.persistence.write { tx in
            let field = username == nil ? "userId" : "username"
            let found =
                if let username { try await UserRepository.find(username: username, on: tx) } else {
                    try await UserRepository.find(id: named ?? user.id, on: tx)
                }
            guard let person = found, person.active else { throw AppError.validation([FieldError(field, .notFound)]) }
            if person.id != user.id, !user.can(.manageTraining) { throw AppError.forbidden }
            let someone = person.id
            do {
                let registration = try await LearningSessionRepository.register(
                    sessionId: sessionId, userId: person.id, author: RecordAuthor(user), on: tx)
                try await AuditLog.append(
                    context.auditRecord(
                        "learning.register", as: someone == user.id ? nil : .manageTraining, entityType: "learningSession",
                        entityId: sessionId.uuidString, purpose: registration.status.rawValue), on: tx)
                return registration
            } catch LearningSessionRepository.Refusal.sessionNotFound {
                throw AppError.notFound
            } catch LearningSessionRepository.Refusal.sessionCancelled {
                throw AppError.conflict("The session is cancelled.")
            } catch LearningSessionRepository.Refusal.sessionEnded {
                throw AppError.conflict("The session has ended.")
            } catch LearningSessionRepository.Refusal.alreadyRegistered {
                throw AppError.conflict("Already registered for this session.")
            }
        }
    }

    /// Cancels a registration (the participant's own, or anyone's for an educator) and gives the
    /// place to the first who waits, who is told in their inbox, all in one transaction.
    func cancel(registrationId: UUID, _ context: AppContext) async throws -> (cancelled: Registration, promoted: [Registration]) {
        let user = try context.requireUser()
        return try await services.persistence.write { tx in
            guard let found = try await LearningSessionRepository.registration(id: registrationId, on: tx) else { throw AppError.notFound }
            if found.userId != user.id, !user.can(.manageTraining) { throw AppError.forbidden }
            let cancelled: (cancelled: Registration, promoted: [Registration])?
            do {
                cancelled = try await LearningSessionRepository.cancel(registrationId: registrationId, author: RecordAuthor(user), on: tx)
            } catch LearningSessionRepository.Refusal.sessionEnded {
                throw AppError.conflict("The session has ended.")
            }
            guard let result = cancelled, let session = try await LearningSessionRepository.find(id: found.sessionId, on: tx) else {
                throw AppError.notFound
            }
            for promoted in result.promoted {
                try await UserMessageRepository.add(
                    to: promoted.userId, kind: "learning.promoted",
                    parameters: [
                        "offer": session.offerTitle, "startsAt": ISO8601Instant.format(session.session.startsAt), "place": session.session.place,
                    ],
                    link: Routes.learningSession(session.id), on: tx)
            }
            try await AuditLog.append(
                context.auditRecord(
                    "learning.cancel", as: found.userId == user.id ? nil : .manageTraining, entityType: "learningSession",
                    entityId: found.sessionId.uuidString), on: tx)
            return result
        }
    }
}
