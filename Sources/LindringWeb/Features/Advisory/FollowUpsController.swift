import Foundation
import Hummingbird
import LindringCore
import LindringStore
import Plot

/// A unit's follow-up list: the tasks the advisory line left for it, open ones by due time.
struct FollowUpsController {
    let services: AppServices
    var advisory: AdvisoryService { AdvisoryService(services: services) }

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.followUps.routerPath, use: list)
        router.post(Routes.followUpDone.routerPath) { try await close($0, $1, as: .done) }
        router.post(Routes.followUpCancel.routerPath) { try await close($0, $1, as: .cancelled) }
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.require(.readPatientData)
        let status = request.query["status"].flatMap(FollowUpStatus.init(rawValue:)) ?? .open
        let allUnits = user.can(.documentAdvisoryContacts)
        let limit = 500
        let items = try await advisory.followUps(unitId: allUnits ? nil : user.unitId, status: status, limit: limit, context)
        let page = PageContext(context, path: Routes.followUps())
        let t = page.t
        return .html(Layout.page(page, title: t("followUps.title"),
            .div(.class("page-heading"), .h1(.plainText(t("followUps.title")))),
            .p(.class("hint"), .plainText(allUnits ? t("followUps.allUnitsHint") : t("followUps.unitHint", ["unit": user.unitName ?? "–"]))),
            Notices.banner(t, request.query["notice"]),
            .nav(.class("tabs"), .attribute(named: "aria-label", value: t("followUp.status")),
                 .ul(.forEach(FollowUpStatus.allCases) { s in
                     .li(.a(.href(Routes.followUps() + "?status=\(s.rawValue)"), .if(s == status, .attribute(named: "aria-current", value: "page")),
                            .plainText(t.label("followUpStatus", s))))
                 })),
            AdvisoryViews.followUpTable(page, items, returnTo: Routes.followUps(), showStatus: status != .open),
            .if(items.count == limit, .p(.class("hint"), .plainText(t("followUps.truncated", ["count": String(limit)]))))))
    }

    func close(_ request: Request, _ context: AppContext, as status: FollowUpStatus) async throws -> Response {
        guard let id = context.idParameter else { throw AppError.notFound }
        _ = try await advisory.closeFollowUp(id, as: status, context)
        // Only a path on this site: never an open redirect.
        let back = context.form["returnTo"].flatMap { $0.hasPrefix("/") && !$0.hasPrefix("//") && !$0.contains("\\") ? $0 : nil } ?? Routes.followUps()
        return .redirect(to: back + (back.contains("?") ? "&" : "?") + "notice=saved")
    }
}
