import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// `/learning/modules/{id}`: a module to read, and its forms when the page has no script.
struct ModuleController {
    let services: AppServices
    var modules: ModuleService { ModuleService(services: services) }

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.learningModule.routerPath, use: show)
        router.post(Routes.learningModuleProgress.routerPath, use: progress)
        router.get(Routes.serviceWorker.routerPath, use: asset("service-worker.js"))
        router.get(Routes.webManifest.routerPath, use: asset("manifest.webmanifest"))
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let page = try await modules.page(try context.requiredIdParameter(), context)
        return .html(
            ModuleViews.page(
                PageContext(context, path: Routes.learningModule(page.module.id)), page.module, offerTitle: page.offerTitle, standing: page.standing,
                notice: request.query["notice"].flatMap { ["saved", "passed", "failed"].contains($0) ? $0 : nil }))
    }

    @Sendable func progress(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        // Read as pairs: the check's answers are `answers[0]`, `answers[1]`, … with unanswered ones absent.
        var request = request
        let form = ProgressForm(FormData(urlEncoded: String(buffer: try await request.collectBody(upTo: context.maxUploadSize))))
        var page = try await modules.page(id, context)
        let result: ModuleService.Result?
        do {
            result = try await modules.apply([form.draft(moduleId: id, questions: page.module.content.check.count)], batch: false, context).first
        } catch AppError.validation(let errors) {
            // A reflection refused (too long, a control character): the page again, the text as typed.
            guard form.kind == ProgressChange.Kind.reflection.rawValue, let section = form.section.flatMap({ Int($0) }),
                let question = form.question.flatMap({ Int($0) }), let error = errors.first
            else { throw AppError.validation(errors) }
            page.standing.refused = (section, question, form.fields["text"] ?? "", error.code)
            return .html(
                ModuleViews.page(
                    PageContext(context, path: Routes.learningModule(id)), page.module, offerTitle: page.offerTitle, standing: page.standing,
                    notice: nil),
                status: .unprocessableContent)
        }
        let anchor =
            switch form.kind {
            case ProgressChange.Kind.checkAnswers.rawValue: "check"
            case ProgressChange.Kind.reflection.rawValue: "reflection-\(form.section ?? "0")-\(form.question ?? "0")"
            default: "section-\((Int(form.section ?? "") ?? 0) + 1)"
            }
        let notice = result?.passed.map { $0 ? "passed" : "failed" } ?? "saved"
        return .redirect(to: Routes.learningModule(id) + "?notice=\(notice)#\(anchor)")
    }

    /// The service worker and the manifest are served from the root, so the worker's scope is the whole site.
    func asset(_ name: String) -> @Sendable (Request, AppContext) async throws -> Response {
        let services = services
        return { _, _ in
            guard let asset = services.assets.byName[name] else { throw AppError.notFound }
            return Response(
                status: .ok, headers: [.contentType: asset.contentType, .eTag: asset.etag, .cacheControl: "no-cache"],
                body: .init(byteBuffer: asset.body))
        }
    }
}
