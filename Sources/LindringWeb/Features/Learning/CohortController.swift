import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// The cohorts' pages: an offer's cohorts with the educator's form for a new one, and a cohort's
/// grid, where the educator adds nurses and saves a nurse's row (statuses and supervisor).
struct CohortController {
    let services: AppServices
    var cohorts: CohortService { CohortService(services: services) }

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.learningOfferCohorts.routerPath, use: list)
        router.post(Routes.learningOfferCohorts.routerPath, use: create)
        router.get(Routes.learningCohort.routerPath, use: cohort)
        router.post(Routes.learningCohortMembers.routerPath, use: addMember)
        router.post(Routes.learningCohortMemberProgress.routerPath, use: saveRow)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        try await listPage(try context.requiredIdParameter(), context, draft: CohortDraft(), errors: [])
    }

    func listPage(
        _ offerId: UUID, _ context: AppContext, draft: CohortDraft, errors: [FieldError], status: HTTPResponse.Status = .ok
    )
        async throws -> Response
    {
        let (offer, list) = try await cohorts.cohorts(offerId: offerId, context)
        return .html(
            CohortViews.list(PageContext(context, path: Routes.learningOfferCohorts(offerId)), offer, cohorts: list, draft: draft, errors: errors),
            status: status)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let offerId = try context.requiredIdParameter()
        _ = try context.require(.manageTraining)
        var draft = try await request.decode(as: CohortDraft.self, context: context)
        draft.offerId = offerId.uuidString
        do {
            let id = try await cohorts.create(draft, context)
            return .redirect(to: Routes.learningCohort(id) + "?notice=created")
        } catch let failure as ValidationFailure {
            return try await listPage(offerId, context, draft: draft, errors: failure.errors, status: .unprocessableContent)
        } catch AppError.validation(let errors) {
            return try await listPage(offerId, context, draft: draft, errors: errors, status: .unprocessableContent)
        }
    }

    @Sendable func cohort(_ request: Request, context: AppContext) async throws -> Response {
        try await cohortPage(try context.requiredIdParameter(), context, notice: request.query["notice"])
    }

    func cohortPage(
        _ id: UUID, _ context: AppContext, newMember: CohortMemberDraft = CohortMemberDraft(), typedRow: CohortViews.TypedRow? = nil,
        errors: [FieldError] = [], notice: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let cohort = try await cohorts.cohort(id, context)
        return .html(
            CohortViews.cohort(
                PageContext(context, path: Routes.learningCohort(id)), cohort, newMember: newMember, typedRow: typedRow, errors: errors,
                notice: notice),
            status: status)
    }

    @Sendable func addMember(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        _ = try context.require(.manageTraining)
        let draft = try await request.decode(as: CohortMemberDraft.self, context: context)
        do {
            _ = try await cohorts.addMember(cohortId: id, draft, context)
            return .redirect(to: Routes.learningCohort(id) + "?notice=added")
        } catch let failure as ValidationFailure {
            return try await cohortPage(id, context, newMember: draft, errors: failure.errors, status: .unprocessableContent)
        }
    }

    /// A nurse's row: her supervisor and her status in each stage, saved together; only what
    /// differs from what is stored is changed.
    @Sendable func saveRow(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let memberId = try context.requiredUUIDParameter("memberId")
        _ = try context.require(.manageTraining)
        var request = request
        let form = FormData(urlEncoded: String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        let cohort = try await cohorts.cohort(id, context)
        guard let member = cohort.members.first(where: { $0.id == memberId }) else { throw AppError.notFound }
        let progress = cohort.stages.compactMap { stage -> (stageId: UUID, status: String?)? in
            guard let typed = form[CohortViews.stageField(stage.id)], typed != member.status(in: stage.id).rawValue else { return nil }
            return (stage.id, typed)
        }
        let supervisor = SupervisorDraft(supervisorName: form["supervisorName"], supervisorPlace: form["supervisorPlace"])
        let changedSupervisor = (try? supervisor.validated()) != member.supervisor
        do {
            let completed = try await cohorts.updateMember(
                cohortId: id, memberId: memberId, supervisor: changedSupervisor ? supervisor : nil, progress: progress, context)
            return .redirect(to: Routes.learningCohort(id) + "?notice=" + (completed && !progress.isEmpty ? "completed" : "saved"))
        } catch let failure as ValidationFailure {
            return try await cohortPage(
                id, context, typedRow: CohortViews.TypedRow(memberId: memberId, form: form), errors: failure.errors, status: .unprocessableContent)
        }
    }
}

extension AppContext {
    /// A UUID path parameter other than `{id}`, or 404.
    func requiredUUIDParameter(_ name: String) throws -> UUID {
        guard let id = parameters.get(name).flatMap(UUID.init(uuidString:)) else { throw AppError.notFound }
        return id
    }
}
