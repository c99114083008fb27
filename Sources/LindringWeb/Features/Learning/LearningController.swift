import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// The learners' and educators' pages: the catalogue (`/learning`) with one's own registrations,
/// an offer with its sessions, a session with its registrations, and the educator's forms.
struct LearningController {
    let services: AppServices
    var learning: LearningService { LearningService(services: services) }

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.learning.routerPath, use: catalogue)
        router.get(Routes.newLearningOffer.routerPath, use: newOffer)
        router.post(Routes.newLearningOffer.routerPath, use: createOffer)
        router.get(Routes.learningOffer.routerPath, use: offer)
        router.post(Routes.learningOfferSessions.routerPath, use: createSession)
        router.post(Routes.learningSeries.routerPath, use: createSeries)
        router.get(Routes.learningSession.routerPath, use: session)
        router.post(Routes.learningSessionRegister.routerPath, use: register)
        router.post(Routes.learningRegistrationCancel.routerPath, use: cancel)
        router.post(Routes.messageRead.routerPath, use: markMessageRead)
    }

    @Sendable func catalogue(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        let page = PageContext(context, path: Routes.learning())
        let (mine, certificates) = try await services.persistence.read { tx in
            (try await LearningSessionRepository.upcoming(userId: user.id, on: tx), try await CertificateRepository.list(userId: user.id, on: tx))
        }
        do {
            let filter = try LearningAPI.filter(request.query)
            return .html(
                LearningViews.catalogue(
                    page, offers: try await learning.offers(context, filter: filter), typed: request.query, errors: [], mine: mine,
                    certificates: certificates, notice: request.query["notice"]))
        } catch AppError.validation(let errors) {
            return .html(
                LearningViews.catalogue(page, offers: [], typed: request.query, errors: errors, mine: mine, certificates: certificates, notice: nil),
                status: .unprocessableContent)
        } catch let failure as ValidationFailure {
            return .html(
                LearningViews.catalogue(
                    page, offers: [], typed: request.query, errors: failure.errors, mine: mine, certificates: certificates, notice: nil),
                status: .unprocessableContent)
        }
    }

    // MARK: Offers

    @Sendable func newOffer(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageTraining)
        return .html(OfferFormView.page(PageContext(context, path: Routes.newLearningOffer()), draft: OfferDraft(), errors: []))
    }

    @Sendable func createOffer(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageTraining)
        let draft = try await request.decode(as: OfferDraft.self, context: context)
        do {
            let offer = try await learning.createOffer(draft, context)
            return .redirect(to: Routes.learningOffer(offer.id) + "?notice=created")
        } catch let failure as ValidationFailure {
            return .html(
                OfferFormView.page(PageContext(context, path: Routes.newLearningOffer()), draft: draft, errors: failure.errors),
                status: .unprocessableContent)
        }
    }

    @Sendable func offer(_ request: Request, context: AppContext) async throws -> Response {
        try await offerPage(
            try context.requiredIdParameter(), context, sessionForm: LearningSessionDraft(), errors: [], notice: request.query["notice"])
    }

    func offerPage(
        _ id: UUID, _ context: AppContext, sessionForm: LearningSessionDraft, errors: [FieldError], notice: String?,
        seriesForm: ThemeAfternoonSeriesDraft? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let user = try context.requireUser()
        let (offer, sessions) = try await learning.offer(id, context)
        let (mine, modules, completed) = try await services.persistence.read { tx in
            (
                try await LearningSessionRepository.upcoming(userId: user.id, on: tx), try await ModuleRepository.list(offerId: id, on: tx),
                try await ProgressRepository.completedModules(userId: user.id, offerId: id, on: tx)
            )
        }
        var series: ThemeSeriesViews.Model?
        if offer.offer.format == .themeAfternoon, user.can(.manageTraining) {
            let bySector = try await services.persistence.read { try await LearningSessionRepository.placesBySector(offerId: id, on: $0) }
            series = ThemeSeriesViews.Model(
                placesBySector: bySector, draft: seriesForm ?? ThemeAfternoonSeriesDraft(), errors: seriesForm == nil ? [] : errors)
        }
        return .html(
            LearningViews.offer(
                PageContext(context, path: Routes.learningOffer(id)), offer, sessions: sessions, modules: modules, completed: completed,
                mine: Dictionary(mine.map { ($0.1.id, $0.0) }) { first, _ in first }, sessionForm: sessionForm,
                errors: seriesForm == nil ? errors : [], notice: notice, series: series),
            status: status)
    }

    @Sendable func createSession(_ request: Request, context: AppContext) async throws -> Response {
        let offerId = try context.requiredIdParameter()
        _ = try context.require(.manageTraining)
        let draft = try await request.decode(as: LearningSessionDraft.self, context: context)
        do {
            let id = try await learning.createSession(offerId: offerId, draft, context)
            return .redirect(to: Routes.learningSession(id) + "?notice=created")
        } catch let failure as ValidationFailure {
            return try await offerPage(offerId, context, sessionForm: draft, errors: failure.errors, notice: nil, status: .unprocessableContent)
        }
    }

    @Sendable func createSeries(_ request: Request, context: AppContext) async throws -> Response {
        let offerId = try context.requiredIdParameter()
        _ = try context.require(.manageTraining)
        let draft = try await request.decode(as: ThemeAfternoonSeriesDraft.self, context: context)
        do {
            _ = try await learning.createSeries(offerId: offerId, draft, context)
            return .redirect(to: Routes.learningOffer(offerId) + "?notice=seriesCreated#series")
        } catch let failure as ValidationFailure {
            return try await offerPage(
                offerId, context, sessionForm: LearningSessionDraft(), errors: failure.errors, notice: nil, seriesForm: draft,
                status: .unprocessableContent)
        }
    }

    // MARK: Sessions and registrations

    @Sendable func session(_ request: Request, context: AppContext) async throws -> Response {
        try await sessionPage(try context.requiredIdParameter(), context, typed: RegistrationInput(), errors: [], notice: request.query["notice"])
    }

    func sessionPage(
        _ id: UUID, _ context: AppContext, typed: RegistrationInput, errors: [FieldError], notice: String?, evaluation: EvaluationDraft? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let model = try await learning.sessionPage(id, context)
        return .html(
            LearningViews.session(
                PageContext(context, path: Routes.learningSession(id)), model, typed: typed, evaluation: evaluation, errors: errors, notice: notice),
            status: status)
    }

    @Sendable func register(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let form = try await request.decode(as: RegistrationInput.self, context: context)
        let registration: Registration
        do {
            registration = try await learning.register(sessionId: id, userId: form.userId, username: form.username, context)
        } catch AppError.validation(let errors) {
            return try await sessionPage(id, context, typed: form, errors: errors, notice: nil, status: .unprocessableContent)
        } catch AppError.conflict {
            return try await sessionPage(
                id, context, typed: form, errors: [FieldError(form.username == nil ? "session" : "username", .alreadyTaken)], notice: nil,
                status: .conflict)
        }
        let own = registration.userId == context.user?.id
        return .redirect(to: Routes.learningSession(id) + "?notice=" + (own ? registration.status.rawValue : "saved"))
    }

    @Sendable func cancel(_ request: Request, context: AppContext) async throws -> Response {
        let result = try await learning.cancel(registrationId: try context.requiredIdParameter(), context)
        return .redirect(to: Routes.learningSession(result.cancelled.sessionId) + "?notice=cancelled")
    }

    @Sendable func markMessageRead(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        let id = try context.requiredIdParameter()
        let found = try await services.persistence.write { try await UserMessageRepository.markRead(id, userId: user.id, on: $0) }
        guard found else { throw AppError.notFound }
        return .redirect(to: Routes.home())
    }
}
