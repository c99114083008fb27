import Foundation
import Hummingbird
import LindringCore
import LindringStore
import Plot

/// The signed-in user's own account: password and language.
struct AccountController {
    let services: AppServices

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.account.routerPath, use: show)
        router.post(Routes.accountPassword.routerPath, use: changePassword)
        router.post(Routes.accountLanguage.routerPath, use: changeLanguage)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageOwnAccount)
        return .html(view(context, errors: [], notice: request.query["notice"]))
    }

    @Sendable func changePassword(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.require(.manageOwnAccount)
        let form = try await request.decode(as: PasswordChange.self, context: context)
        let current = form.currentPassword ?? ""
        let new = form.newPassword ?? ""
        let repeated = form.repeatPassword ?? ""
        var v = Validator()
        let hash = try await services.persistence.readEach { try await UserRepository.passwordHash(userId: user.id, on: $0) } ?? services.decoyHash
        if try await !services.hasher.verify(current, against: hash) { v.add("currentPassword", .wrongPassword) }
        do { try PasswordPolicy.standard.check(new, username: user.username, field: "newPassword") } catch {
            error.errors.forEach { v.add($0.field, $0.code) }
        }
        if new != repeated { v.add("repeatPassword", .mismatch) }
        guard v.errors.isEmpty else {
            return .html(view(context, errors: v.errors, notice: nil), status: .unprocessableContent)
        }
        let newHash = try await services.hasher.hash(new)
        let session = context.session
        try await services.persistence.write { tx in
            try await UserRepository.setPassword(userId: user.id, hash: newHash, on: tx)
            // Whoever else is signed in as this user (a stolen session, another device) is signed out.
            try await SessionRepository.deleteAll(userId: user.id, except: session?.token, on: tx)
            try await AuditLog.append(
                context.auditRecord(
                    "user.changeOwnPassword", as: .manageOwnAccount, entityType: "user",
                    entityId: user.id.uuidString), on: tx)
        }
        return .redirect(to: Routes.account() + "?notice=passwordChanged")
    }

    @Sendable func changeLanguage(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.require(.manageOwnAccount)
        guard let language = try await request.decode(as: LanguageChoice.self, context: context).language.flatMap(Language.init(rawValue:)) else {
            return .html(view(context, errors: [FieldError("language", .invalidChoice)], notice: nil), status: .unprocessableContent)
        }
        try await services.persistence.write { try await UserRepository.setLanguage(userId: user.id, language.rawValue, on: $0) }
        return .redirect(to: Routes.account() + "?notice=languageChanged")
    }

    func view(_ context: AppContext, errors: [FieldError], notice: String?) -> HTML {
        let page = PageContext(context, path: Routes.account())
        let t = page.t
        let user = page.user!
        let labels = [
            "currentPassword": t("account.currentPassword"), "newPassword": t("account.newPassword"),
            "repeatPassword": t("account.repeatPassword"), "language": t("account.language"),
        ]
        return Layout.page(
            page, title: t("account.title"),
            .h1(.plainText(t("account.title"))),
            Notices.banner(t, notice),
            .dl(
                .class("facts"),
                .dt(.plainText(t("users.name"))), .dd(.plainText(user.name)),
                .dt(.plainText(t("users.username"))), .dd(.plainText(user.username)),
                .dt(.plainText(t("users.profession"))), .dd(.plainText(t.label("profession", user.profession))),
                .dt(.plainText(t("users.unit"))), .dd(.plainText(user.unitName ?? "–")),
                .dt(.plainText(t("users.roles"))), .dd(.plainText(user.roles.map { t.label("role", $0) }.joined(separator: ", ")))),
            .section(
                .class("panel"),
                .h2(.plainText(t("account.language"))),
                .form(
                    .method(.post), .action(Routes.accountLanguage()), .class("stacked"),
                    Layout.csrfField(page),
                    FormFields.select(
                        t, name: "language", label: labels["language"]!,
                        options: [("da", "Dansk"), ("en", "English")], selected: user.language, errors: errors),
                    FormFields.submit(t("action.save")))),
            .section(
                .class("panel"),
                .h2(.plainText(t("account.changePassword"))),
                .form(
                    .method(.post), .action(Routes.accountPassword()), .class("stacked"),
                    .attribute(named: "novalidate", value: "novalidate"),
                    Layout.csrfField(page),
                    FormFields.errorSummary(t, errors.filter { $0.field != "language" }, labels: labels),
                    FormFields.text(
                        t, name: "currentPassword", label: labels["currentPassword"]!, value: nil, errors: errors,
                        type: .password, required: true, autocomplete: "current-password", maxLength: 200),
                    FormFields.text(
                        t, name: "newPassword", label: labels["newPassword"]!, value: nil, errors: errors,
                        type: .password, required: true, autocomplete: "new-password", hint: t("password.rules"), maxLength: 200),
                    FormFields.text(
                        t, name: "repeatPassword", label: labels["repeatPassword"]!, value: nil, errors: errors,
                        type: .password, required: true, autocomplete: "new-password", maxLength: 200),
                    FormFields.submit(t("account.changePassword")))))
    }
}

/// The change-password form as sent.
struct PasswordChange: Decodable {
    var currentPassword: String?
    var newPassword: String?
    var repeatPassword: String?
}
