import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// The register's pages and the pathways catalogue. Forms that fail are shown again with what was
/// typed and each field's error (422); a save on top of a version saved since is shown again with
/// what was typed (409).
struct RegisterController {
    let services: AppServices
    var register: RegisterService { RegisterService(services: services) }

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.workingGroup.routerPath, use: overview)
        router.get(Routes.newWorkingGroupItem.routerPath, use: newItem)
        router.post(Routes.newWorkingGroupItem.routerPath, use: createItem)
        router.get(Routes.workingGroupItem.routerPath, use: item)
        router.get(Routes.editWorkingGroupItem.routerPath, use: editItem)
        router.post(Routes.editWorkingGroupItem.routerPath, use: updateItem)
        router.get(Routes.pathways.routerPath, use: pathways)
        router.post(Routes.pathways.routerPath, use: createPathway)
        router.get(Routes.newPathway.routerPath, use: newPathway)
        router.get(Routes.editPathway.routerPath, use: editPathway)
        router.post(Routes.editPathway.routerPath, use: updatePathway)
    }

    // MARK: Items

    @Sendable func overview(_ request: Request, context: AppContext) async throws -> Response {
        // An unknown filter value (an edited address) filters nothing.
        let kind = request.query["kind"].flatMap(RegisterItemKind.init(rawValue:))
        let status = request.query["status"].flatMap(RecommendationStatus.init(rawValue:))
        let today = DanishCalendar.today()
        let overview = try await register.overview(kind: kind, status: status, today: today, context)
        return .html(
            RegisterViews.overview(
                PageContext(context, path: Routes.workingGroup()), overview, kind: kind?.rawValue, status: status?.rawValue, today: today,
                notice: request.query["notice"]))
    }

    @Sendable func newItem(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageWorkingGroupRegister)
        let kind = request.query["kind"].flatMap(RegisterItemKind.init(rawValue:)) ?? .meeting
        var draft = RegisterItemDraft(kind: kind.rawValue)
        // A decision added from a meeting's page names the meeting and takes its day.
        if kind == .decision, let meetingId = request.query["meeting"].flatMap(UUID.init(uuidString:)) {
            let meeting = try? await register.item(meetingId, context)
            draft.meetingId = meeting?.id.uuidString
            draft.date = meeting?.item.date?.description
        }
        if kind == .recommendation { draft.status = RecommendationStatus.proposed.rawValue }
        return try await form(context, draft: draft, errors: [], id: nil, baseVersion: nil)
    }

    func form(
        _ context: AppContext, draft: RegisterItemDraft, errors: [FieldError], id: UUID?, baseVersion: Int?, stale: Bool = false,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let meetings = draft.kind == RegisterItemKind.decision.rawValue ? try await register.meetings(context) : []
        let page = PageContext(context, path: id.map { Routes.editWorkingGroupItem($0) } ?? Routes.newWorkingGroupItem())
        return .html(
            RegisterFormView.form(page, draft: draft, errors: errors, id: id, baseVersion: baseVersion, meetings: meetings, stale: stale),
            status: status)
    }

    @Sendable func createItem(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageWorkingGroupRegister)
        let draft = try await request.decode(as: RegisterItemForm.self, context: context).draft
        do {
            let id = try await register.create(draft, context)
            return .redirect(to: Routes.workingGroupItem(id) + "?notice=created")
        } catch let failure as ValidationFailure {
            return try await form(context, draft: draft, errors: failure.errors, id: nil, baseVersion: nil, status: .unprocessableContent)
        }
    }

    @Sendable func item(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let content = try await register.itemPage(id, context)
        return .html(
            RegisterViews.itemPage(
                PageContext(context, path: Routes.workingGroupItem(id)), content, today: DanishCalendar.today(), notice: request.query["notice"]))
    }

    @Sendable func editItem(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let stored = try await register.item(id, context)
        return try await form(context, draft: RegisterItemDraft(stored.item), errors: [], id: id, baseVersion: stored.version)
    }

    @Sendable func updateItem(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        _ = try context.require(.manageWorkingGroupRegister)
        let form = try await request.decode(as: RegisterItemForm.self, context: context)
        let base = form.baseVersion.flatMap { Int($0) }
        do {
            let before = try await register.item(id, context).version
            let version = try await register.update(id, form.draft, baseVersion: base, context)
            return .redirect(to: Routes.workingGroupItem(id) + "?notice=" + (version == before ? "unchanged" : "saved"))
        } catch let failure as ValidationFailure {
            return try await self.form(context, draft: form.draft, errors: failure.errors, id: id, baseVersion: base, status: .unprocessableContent)
        } catch AppError.preconditionFailed {
            // Saved by someone else meanwhile: what was typed stays, with the newer version to save on top of.
            let current = try await register.item(id, context).version
            return try await self.form(context, draft: form.draft, errors: [], id: id, baseVersion: current, stale: true, status: .conflict)
        }
    }

    // MARK: Pathways

    @Sendable func pathways(_ request: Request, context: AppContext) async throws -> Response {
        let pathways = try await register.pathways(context)
        return .html(PathwayViews.list(PageContext(context, path: Routes.pathways()), pathways, notice: request.query["notice"]))
    }

    @Sendable func newPathway(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageWorkingGroupRegister)
        return .html(PathwayViews.form(PageContext(context, path: Routes.newPathway()), draft: PathwayDraft(), errors: [], id: nil))
    }

    @Sendable func createPathway(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageWorkingGroupRegister)
        let draft = try await request.decode(as: PathwayForm.self, context: context).draft
        do {
            _ = try await register.createPathway(draft, context)
            return .redirect(to: Routes.pathways() + "?notice=pathwayCreated")
        } catch let failure as ValidationFailure {
            return .html(
                PathwayViews.form(PageContext(context, path: Routes.newPathway()), draft: draft, errors: failure.errors, id: nil),
                status: .unprocessableContent)
        }
    }

    @Sendable func editPathway(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let stored = try await register.pathway(id, context)
        return .html(
            PathwayViews.form(
                PageContext(context, path: Routes.editPathway(id)), draft: PathwayDraft(stored.pathway), errors: [], id: id,
                baseVersion: stored.version))
    }

    @Sendable func updatePathway(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        _ = try context.require(.manageWorkingGroupRegister)
        let form = try await request.decode(as: PathwayForm.self, context: context)
        if form.intent == "delete" {
            try await register.deletePathway(id, context)
            return .redirect(to: Routes.pathways() + "?notice=pathwayDeleted")
        }
        let base = form.baseVersion.flatMap { Int($0) }
        let page = PageContext(context, path: Routes.editPathway(id))
        do {
            try await register.updatePathway(id, form.draft, baseVersion: base, context)
            return .redirect(to: Routes.pathways() + "?notice=pathwaySaved")
        } catch let failure as ValidationFailure {
            return .html(
                PathwayViews.form(page, draft: form.draft, errors: failure.errors, id: id, baseVersion: base), status: .unprocessableContent)
        } catch AppError.preconditionFailed {
            // Saved by someone else meanwhile: what was typed stays, with the newer version to save on top of.
            let current = try await register.pathway(id, context).version
            return .html(PathwayViews.form(page, draft: form.draft, errors: [], id: id, baseVersion: current, stale: true), status: .conflict)
        }
    }
}
