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
        return .html(
            Layout.page(
                page, title: t("followUps.title"),
                .div(.class("page-heading"), .h1(.plainText(t("followUps.title")))),
                .p(.class("hint"), .plainText(allUnits ? t("followUps.allUnitsHint") : t("followUps.unitHint", ["unit": user.unitName ?? "–"]))),
                Notices.banner(t, request.query["notice"]),
                .nav(
                    .class("tabs"), .attribute(named: "aria-label", value: t("followUp.status")),
                    .ul(
                        .forEach(FollowUpStatus.allCases) { s in
                            .li(
                                .a(
                                    .href(Routes.followUps() + "?status=\(s.rawValue)"),
                                    .if(s == status, .attribute(named: "aria-current", value: "page")),
                                    .plainText(t.label("followUpStatus", s))))
                        })),
                AdvisoryViews.followUpTable(page, items, returnTo: Routes.followUps(), showStatus: status != .open),
                .if(items.count == limit, .p(.class("hint"), .plainText(t("followUps.truncated", ["count": String(limit)]))))))
    }

    /// Done or cancelled, with the note typed beside the buttons. A refused note (a cancellation
    /// without one, when the browser ran no script) brings a small page with the form again, the
    /// note as typed and the error (422), which returns to the same list once it is right.
    func close(_ request: Request, _ context: AppContext, as status: FollowUpStatus) async throws -> Response {
        let id = try context.requiredIdParameter()
        let form = try await request.decode(as: FollowUpCloseForm.self, context: context)
        let note = form.note
        // Only a path on this site: never an open redirect.
        let back = form.returnTo.flatMap { $0.hasPrefix("/") && !$0.hasPrefix("//") && !$0.contains("\\") ? $0 : nil } ?? Routes.followUps()
        do {
            _ = try await advisory.closeFollowUp(id, as: status, note: note, context)
        } catch let failure as ValidationFailure {
            return .html(
                refused(
                    PageContext(context, path: Routes.followUps()), id: id, status: status, note: note ?? "", errors: failure.errors,
                    back: back), status: .unprocessableContent)
        }
        return .redirect(to: back + (back.contains("?") ? "&" : "?") + "notice=saved")
    }

    /// The refused close: only the form (no patient data is read again for it).
    func refused(_ page: PageContext, id: UUID, status: FollowUpStatus, note: String, errors: [FieldError], back: String) -> HTML {
        let t = page.t
        let failed = AdvisoryViews.FailedClose(note: note, errors: errors)
        return Layout.page(
            page, title: t("followUp.notClosed"),
            .div(.class("page-heading"), .h1(.plainText(t("followUp.notClosed")))),
            .div(
                .class("form-error"), .attribute(named: "role", value: "alert"),
                .p(.strong(.plainText(t("form.fixErrors")))),
                .ul(
                    .forEach(errors) { error in
                        .li(
                            .a(
                                .href("#note-\(id.uuidString.lowercased())"),
                                .plainText((error.field == "note" ? t("followUp.note") : error.field) + ": " + FormFields.message(t, error.code))))
                    })),
            .p(.plainText(status == .cancelled ? t("followUp.cancelNeedsNote") : t("followUp.noteHint"))),
            AdvisoryViews.closeForm(page, id: id, returnTo: back, failed: failed),
            .p(.a(.href(back), .plainText("← " + t("followUp.back")))))
    }
}

/// "Done" or "cancel" beside a follow-up: the note, and the list to return to.
struct FollowUpCloseForm: Decodable {
    var note: String?
    var returnTo: String?
}
