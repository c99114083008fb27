import Foundation
import Hummingbird
import LindringCore
import LindringStore
import Plot

/// The handover for a shift: its contacts and every open follow-up, acute and urgent first,
/// on screen and as a printable report.
struct HandoverController {
    let services: AppServices
    var advisory: AdvisoryService { AdvisoryService(services: services) }

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.handover.routerPath, use: show)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.documentAdvisoryContacts)
        let pattern = services.config.advisoryShifts
        var shift = pattern.occurrence(at: Date())
        if let date = request.query["date"].flatMap(LocalDate.init), let code = request.query["shift"],
           let chosen = pattern.occurrence(code, on: date) {
            shift = chosen
        }
        let contacts = try await advisory.contacts(from: shift.date, to: shift.date.adding(days: 1), patientId: nil, limit: 2000, before: nil, context)
            .filter { $0.startedAt >= shift.start && $0.startedAt < shift.end }
            .sorted { ($0.triage.priority, $0.startedAt) < ($1.triage.priority, $1.startedAt) }
        let followUps = try await advisory.followUps(unitId: nil, status: .open, limit: 1000, context)
            .sorted { ($0.triage.priority, $0.dueAt) < ($1.triage.priority, $1.dueAt) }
        let printable = request.query["print"] == "1"
        let page = PageContext(context, path: Routes.handover())
        let t = page.t
        let previous = pattern.occurrence(at: shift.start.addingTimeInterval(-60)), next = pattern.occurrence(at: shift.end.addingTimeInterval(60))
        let link: (ShiftPattern.Occurrence) -> String = { Routes.handover() + "?date=\($0.date)&shift=\($0.code)" }
        return .html(Layout.page(page, title: t("handover.title"), bodyClass: printable ? "advisory printable" : "advisory",
            .if(!printable, AdvisoryViews.onDuty(t, try await advisory.onDuty())),
            .div(.class("page-heading"),
                 .h1(.plainText(t("handover.title") + ": " + RotaViews.label(t, shift))),
                 .if(!printable, .div(.class("heading-actions"),
                     .a(.class("button secondary"), .href(link(previous)), .plainText("← " + t("handover.previous"))),
                     .a(.class("button secondary"), .href(link(next)), .plainText(t("handover.next") + " →")),
                     .a(.class("button primary"), .href(link(shift) + "&print=1"), .plainText(t("handover.print")))))),
            .section(.h2(.plainText(t("handover.openFollowUps", ["count": String(followUps.count)]))),
                     AdvisoryViews.followUpTable(page, followUps, returnTo: link(shift), showStatus: printable)),
            .section(.h2(.plainText(t("handover.contacts", ["count": String(contacts.count)]))),
                     AdvisoryViews.contactTable(t, contacts, emptyText: t("handover.noContacts"), showDate: true))))
    }
}
