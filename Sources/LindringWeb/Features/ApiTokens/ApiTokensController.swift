import Foundation
import Hummingbird
import LindringStore
import Plot

/// API tokens are issued with `lindring api-token`; administrators see and revoke them here.
struct ApiTokensController {
    let services: AppServices

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.apiTokens.routerPath, use: list)
        router.post(Routes.revokeApiToken.routerPath, use: revoke)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageApiTokens)
        let tokens = try await services.persistence.readEach { try await ApiTokenRepository.list(on: $0) }
        let page = PageContext(context, path: Routes.apiTokens())
        let t = page.t
        return .html(
            Layout.page(
                page, title: t("apiTokens.title"),
                .h1(.plainText(t("apiTokens.title"))),
                Notices.banner(t, request.query["notice"]),
                .p(.plainText(t("apiTokens.howToIssue"))), .pre(.code(.plainText("lindring api-token --username USERNAME"))),
                .div(
                    .class("table-wrap"),
                    .table(
                        .caption(.plainText(t("apiTokens.title"))),
                        .thead(
                            .tr(
                                .th(.plainText(t("users.username"))), .th(.plainText(t("apiTokens.label"))), .th(.plainText(t("apiTokens.created"))),
                                .th(.plainText(t("apiTokens.lastUsed"))), .th(.plainText(t("units.status"))), .th(.plainText(t("apiTokens.action"))))),
                        .tbody(
                            .forEach(tokens) { token in
                                .tr(
                                    .td(.plainText(token.username)), .td(.plainText(token.label)),
                                    .td(.plainText(Timestamps.display(token.createdAt))),
                                    .td(.plainText(token.lastUsedAt.map(Timestamps.display) ?? "–")),
                                    .td(.plainText(token.revokedAt == nil ? t("status.active") : t("apiTokens.revoked"))),
                                    .td(
                                        token.revokedAt == nil
                                            ? FormFields.actionButton(
                                                page, action: Routes.revokeApiToken(token.id), label: t("apiTokens.revoke"), style: "danger")
                                            : .plainText("–")))
                            })))))
    }

    @Sendable func revoke(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageApiTokens)
        let id = try context.requiredIdParameter()
        let revoked = try await services.persistence.write { tx in
            let revoked = try await ApiTokenRepository.revoke(id: id, on: tx)
            if revoked {
                try await AuditLog.append(
                    context.auditRecord(
                        "apiToken.revoke", as: .manageApiTokens, entityType: "apiToken",
                        entityId: id.uuidString), on: tx)
            }
            return revoked
        }
        guard revoked else { throw AppError.notFound }
        return .redirect(to: Routes.apiTokens() + "?notice=revoked")
    }
}
