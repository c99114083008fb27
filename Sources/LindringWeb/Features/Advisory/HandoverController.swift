import Foundation
import Hummingbird
import LindringCore
import LindringStore
import Plot

/// The handover for a shift: its contacts, the follow-ups closed during it (with their notes) and
/// every open follow-up, acute and urgent first, on screen and as a printable report. Without a
/// chosen shift it opens on the one that just ended (`ShiftPattern.handoverDefault`): the team
/// that has just taken over reads what the last shift did and left.
struct HandoverController {
    let services: AppServices
    var advisory: AdvisoryService { AdvisoryService(services: services) }

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.handover.routerPath, use: show)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.documentAdvisoryContacts)
        let pattern = services.config.advisoryShifts
        let now = Date()
        var shift = pattern.handoverDefault(at: now)
        var chosen = false
        if let date = request.query["date"].flatMap(LocalDate.init), let code = request.query["shift"],
            let occurrence = pattern.occurrence(code, on: date)
        {
            shift = occurrence
            chosen = true
        }
        let contacts = try await advisory.contacts(
            from: shift.date, to: shift.date.adding(days: 1), patientId: nil, limit: 2000, before: nil, context
        )
        .filter { $0.startedAt >= shift.start && $0.startedAt < shift.end }
        .sorted { ($0.triage.priority, $0.startedAt) < ($1.triage.priority, $1.startedAt) }
        let closed = try await advisory.followUps(unitId: nil, status: nil, limit: 1000, closedIn: shift.start..<shift.end, context)
            .sorted { ($0.closedAt ?? $0.dueAt) < ($1.closedAt ?? $1.dueAt) }
        let followUps = try await advisory.followUps(unitId: nil, status: .open, limit: 1000, context)
            .sorted { ($0.triage.priority, $0.dueAt) < ($1.triage.priority, $1.dueAt) }
        let printable = request.query["print"] == "1"
        let page = PageContext(context, path: Routes.handover())
        let t = page.t
        let previous = pattern.previous(shift), next = pattern.next(shift)
        let running = pattern.occurrence(at: now)
        let link: (ShiftPattern.Occurrence) -> String = { Routes.handover() + "?date=\($0.date)&shift=\($0.code)" }
        return .html(
            Layout.page(
                page, title: t("handover.title"), bodyClass: printable ? "advisory printable" : "advisory",
                .if(!printable, AdvisoryViews.onDuty(t, try await advisory.onDuty())),
                .div(
                    .class("page-heading"),
                    .h1(.plainText(t("handover.title") + ": " + RotaViews.label(t, shift))),
                    .if(
                        !printable,
                        .div(
                            .class("heading-actions"),
                            .a(.class("button secondary"), .href(link(previous)), .plainText("← " + t("handover.previous"))),
                            .a(
                                .class("button secondary"), .href(link(next)),
                                .plainText((next == running ? t("handover.running") : t("handover.next")) + " →")),
                            .a(.class("button primary"), .href(link(shift) + "&print=1"), .plainText(t("handover.print")))))),
                .if(!printable && !chosen, .p(.class("hint"), .plainText(t("handover.defaultHint")))),
                .section(
                    .id("open-follow-ups"), .h2(.plainText(t("handover.openFollowUps", ["count": String(followUps.count)]))),
                    AdvisoryViews.followUpTable(page, followUps, returnTo: link(shift), showStatus: printable)),
                .section(
                    .id("closed-follow-ups"), .h2(.plainText(t("handover.closedFollowUps", ["count": String(closed.count)]))),
                    AdvisoryViews.followUpTable(page, closed, returnTo: link(shift), showStatus: true)),
                .section(
                    .h2(.plainText(t("handover.contacts", ["count": String(contacts.count)]))),
                    AdvisoryViews.contactTable(t, contacts, emptyText: t("handover.noContacts"), showDate: true))))
    }
}
