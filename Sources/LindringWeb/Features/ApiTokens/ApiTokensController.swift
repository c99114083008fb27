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
        let tokens = try await ApiTokenRepository.list(on: services.database)
        let page = PageContext(context, path: Routes.apiTokens())
        let t = page.t
        return .html(Layout.page(page, title: t("apiTokens.title"),
            .h1(.text(t("apiTokens.title"))),
            Notices.banner(t, request.query["notice"]),
            .p(.text(t("apiTokens.howToIssue"))), .pre(.code(.text("lindring api-token --username USERNAME"))),
            .div(.class("table-wrap"),
                 .table(.caption(.text(t("apiTokens.title"))),
                        .thead(.tr(.th(.text(t("users.username"))), .th(.text(t("apiTokens.label"))), .th(.text(t("apiTokens.created"))),
                                   .th(.text(t("apiTokens.lastUsed"))), .th(.text(t("units.status"))), .th(.text(t("apiTokens.action"))))),
                        .tbody(.forEach(tokens) { token in
                            .tr(.td(.text(token.username)), .td(.text(token.label)), .td(.text(Timestamps.display(token.createdAt))),
                                .td(.text(token.lastUsedAt.map(Timestamps.display) ?? "–")),
                                .td(.text(token.revokedAt == nil ? t("status.active") : t("apiTokens.revoked"))),
                                .td(token.revokedAt == nil
                                    ? FormFields.actionButton(page, action: Routes.revokeApiToken(token.id), label: t("apiTokens.revoke"), style: "danger")
                                    : .text("–")))
                        })))))
    }

    @Sendable func revoke(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageApiTokens)
        guard let id = context.idParameter else { throw AppError.notFound }
        let revoked = try await services.persistence.write { tx in
            let revoked = try await ApiTokenRepository.revoke(id: id, on: tx)
            if revoked {
                try await AuditLog.append(context.auditRecord("apiToken.revoke", as: .manageApiTokens, entityType: "apiToken",
                                                              entityId: id.uuidString), on: tx)
            }
            return revoked
        }
        guard revoked else { throw AppError.notFound }
        return .redirect(to: Routes.apiTokens() + "?notice=revoked")
    }
}
