import Foundation
import Hummingbird
import LindringCore
import LindringStore
import Plot

/// Educators edit a module's text in the browser. The text is read by `ModuleText` before it is
/// stored, so a mistake is named with its line and nothing is stored; every version is kept,
/// and a save against a version someone else has replaced is refused with the text kept.
struct ModuleEditController {
    let services: AppServices

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.learningModuleEdit.routerPath, use: edit)
        router.post(Routes.learningModuleEdit.routerPath, use: save)
        router.get(Routes.learningModuleVersion.routerPath, use: version)
    }

    struct EditInput: Decodable {
        var source: String?
        var version: String?
    }

    struct Model {
        var module: LearningModule
        var versions: [ModuleVersion]
    }

    func model(_ id: UUID, _ context: AppContext) async throws -> Model {
        _ = try context.require(.manageTraining)
        return try await services.persistence.read { tx in
            guard let module = try await ModuleRepository.find(id: id, on: tx) else { throw AppError.notFound }
            return Model(module: module, versions: try await ModuleRepository.versions(moduleId: id, on: tx))
        }
    }

    @Sendable func edit(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let model = try await model(id, context)
        return .html(
            ModuleEditView.page(
                PageContext(context, path: Routes.learningModuleEdit(id)), model, source: model.module.source, baseVersion: model.module.version,
                problem: nil, stale: false, notice: request.query["notice"]))
    }

    @Sendable func save(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let user = try context.require(.manageTraining)
        let input = try await request.decode(as: EditInput.self, context: context)
        let source = (input.source ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        let base = Int(input.version ?? "") ?? 0
        func again(problem: ModuleText.Problem?, stale: Bool) async throws -> Response {
            let model = try await model(id, context)
            return .html(
                ModuleEditView.page(
                    PageContext(context, path: Routes.learningModuleEdit(id)), model, source: source,
                    baseVersion: stale ? model.module.version : base,
                    problem: problem, stale: stale, notice: nil),
                status: stale ? .conflict : .unprocessableContent)
        }
        do {
            _ = try ModuleText.parse(source)
        } catch {
            return try await again(problem: error, stale: false)
        }
        let saved = try await services.persistence.write { tx in
            guard try await ModuleRepository.find(id: id, on: tx) != nil else { throw AppError.notFound }
            guard try await ModuleRepository.saveVersion(moduleId: id, source: source, expectedVersion: base, author: RecordAuthor(user), on: tx)
            else {
                return false
            }
            try await AuditLog.append(
                context.auditRecord("learning.module.edit", as: .manageTraining, entityType: "learningModule", entityId: id.uuidString), on: tx)
            return true
        }
        guard saved else { return try await again(problem: nil, stale: true) }
        return .redirect(to: Routes.learningModuleEdit(id) + "?notice=versionSaved")
    }

    @Sendable func version(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        guard let number = context.parameters.get("version").flatMap(Int.init) else { throw AppError.notFound }
        let model = try await model(id, context)
        guard let source = try await services.persistence.read({ try await ModuleRepository.source(moduleId: id, version: number, on: $0) }) else {
            throw AppError.notFound
        }
        return .html(
            ModuleEditView.version(PageContext(context, path: Routes.learningModuleVersion(id, number)), model, number: number, source: source))
    }
}

enum ModuleEditView {
    static func page(
        _ page: PageContext, _ model: ModuleEditController.Model, source: String, baseVersion: Int, problem: ModuleText.Problem?, stale: Bool,
        notice: String?
    ) -> HTML {
        let t = page.t
        let module = model.module
        return Layout.page(
            page, title: t("moduleEdit.title", ["title": module.content.title]),
            .p(.a(.href(Routes.learningModule(module.id)), .plainText("← " + module.content.title))),
            .h1(.plainText(t("moduleEdit.title", ["title": module.content.title]))),
            Notices.banner(t, notice),
            .if(stale, .div(.class("form-error"), .attribute(named: "role", value: "alert"), .p(.plainText(t("moduleEdit.stale"))))),
            .unwrap(problem) { problem in
                .div(
                    .class("form-error"), .attribute(named: "role", value: "alert"),
                    .p(
                        .id("source-error"),
                        .plainText(t("moduleEdit.problem", ["line": String(problem.line), "what": t("moduleEdit.problem.\(problem.code.rawValue)")])))
                )
            },
            .details(.summary(.plainText(t("moduleEdit.help.title"))), .pre(.class("format-help"), .plainText(t("moduleEdit.help")))),
            .form(
                .method(.post), .action(Routes.learningModuleEdit(module.id)), .class("plan-form module-editor"),
                Layout.csrfField(page),
                .input(.type(.hidden), .name("version"), .value(String(baseVersion))),
                .div(
                    .class(problem == nil ? "field" : "field has-error"),
                    .label(.for("source"), .plainText(t("moduleEdit.source"))),
                    .textarea(
                        .id("source"), .name("source"), .attribute(named: "rows", value: "30"), .attribute(named: "spellcheck", value: "true"),
                        .if(problem != nil, .attribute(named: "aria-describedby", value: "source-error")), .plainText(source))),
                FormFields.submit(t("moduleEdit.save"))),
            .section(
                .id("versions"),
                .h2(.plainText(t("moduleEdit.versions"))),
                .ol(
                    .class("inbox versions"), .attribute(named: "reversed", value: "reversed"),
                    .forEach(model.versions) { version in
                        .li(
                            .a(
                                .href(Routes.learningModuleVersion(module.id, version.version)),
                                .plainText(t("moduleEdit.version", ["number": String(version.version)]))),
                            .plainText(" · " + version.createdByName + " · " + Timestamps.displayMinutes(version.createdAt)),
                            .if(version.version == module.version, .span(.class("hint"), .plainText(" · " + t("moduleEdit.current")))))
                    })))
    }

    static func version(_ page: PageContext, _ model: ModuleEditController.Model, number: Int, source: String) -> HTML {
        let t = page.t
        return Layout.page(
            page, title: t("moduleEdit.version", ["number": String(number)]),
            .p(
                .a(.href(Routes.learningModuleEdit(model.module.id)), .plainText("← " + t("moduleEdit.title", ["title": model.module.content.title])))
            ),
            .h1(.plainText(t("moduleEdit.version", ["number": String(number)]))),
            .pre(.class("format-help"), .plainText(source)))
    }
}
