import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// Workshop groups: opening one on a session, joining with the code, the shared case and
/// reflections, and closing.
struct GroupController {
    let services: AppServices
    var groups: GroupService { GroupService(services: services) }

    func addRoutes(to router: Router<AppContext>) {
        router.post(Routes.learningSessionGroups.routerPath, use: open)
        router.get(Routes.learningJoin.routerPath, use: joinForm)
        router.post(Routes.learningJoin.routerPath, use: join)
        router.get(Routes.learningGroup.routerPath, use: group)
        router.post(Routes.learningGroupReflections.routerPath, use: reflect)
        router.post(Routes.learningGroupClose.routerPath, use: close)
    }

    struct JoinInput: Decodable {
        var code: String?
    }

    @Sendable func open(_ request: Request, context: AppContext) async throws -> Response {
        let sessionId = try context.requiredIdParameter()
        let input = try await request.decode(as: GroupService.OpenInput.self, context: context)
        do {
            return .redirect(to: Routes.learningGroup(try await groups.open(sessionId: sessionId, input, context)))
        } catch AppError.validation(let errors) {
            return try await LearningController(services: services).sessionPage(
                sessionId, context, typed: RegistrationInput(), errors: errors, notice: nil, status: .unprocessableContent)
        }
    }

    @Sendable func joinForm(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requireUser()
        return .html(GroupViews.join(PageContext(context, path: Routes.learningJoin()), typed: request.query["code"], errors: []))
    }

    @Sendable func join(_ request: Request, context: AppContext) async throws -> Response {
        let form = try await request.decode(as: JoinInput.self, context: context)
        do {
            return .redirect(to: Routes.learningGroup(try await groups.join(code: form.code, context)))
        } catch AppError.validation(let errors) {
            return .html(
                GroupViews.join(PageContext(context, path: Routes.learningJoin()), typed: form.code, errors: errors), status: .unprocessableContent)
        }
    }

    @Sendable func group(_ request: Request, context: AppContext) async throws -> Response {
        try await groupPage(try context.requiredIdParameter(), context, typed: nil, errors: [], notice: request.query["notice"])
    }

    func groupPage(
        _ id: UUID, _ context: AppContext, typed: GroupReflectionDraft?, errors: [FieldError], notice: String?, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let page = try await groups.page(id, context)
        return .html(GroupViews.page(PageContext(context, path: Routes.learningGroup(id)), page, typed: typed, errors: errors), status: status)
    }

    @Sendable func reflect(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let draft = try await request.decode(as: GroupReflectionDraft.self, context: context)
        do {
            try await groups.reflect(id, draft, context)
        } catch let failure as ValidationFailure {
            return try await groupPage(id, context, typed: draft, errors: failure.errors, notice: nil, status: .unprocessableContent)
        }
        return .redirect(to: Routes.learningGroup(id) + "#question-" + (draft.question ?? "0"))
    }

    @Sendable func close(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        _ = try await groups.close(id, context)
        return .redirect(to: Routes.learningGroup(id) + "?notice=groupClosed")
    }
}
