import Foundation
import LindringCore
import LindringStore
import Plot

enum InboxViews {
    static func page(_ page: PageContext, entries: [InboxEntry], followUps: [FollowUp], units: UnitDirectory) -> HTML {
        let t = page.t
        return Layout.page(page, title: t("inbox.title"),
            .div(.class("page-heading"),
                 .h1(.plainText(t("inbox.title"))),
                 .if(entries.contains { !$0.read }, FormFields.actionButton(page, action: Routes.markAllInboxRead(), label: t("inbox.markAllRead")))),
            .if(!followUps.isEmpty, .section(.class("inbox-follow-ups"), .id("inbox-follow-ups"),
                .h2(.plainText(t("inbox.followUps", ["count": String(followUps.count)]))),
                AdvisoryViews.followUpTable(page, followUps, returnTo: Routes.inbox()))),
            .if(!followUps.isEmpty, .h2(.plainText(t("inbox.planChanges")))),
            .if(entries.isEmpty, .p(.plainText(t("inbox.empty")))),
            .ul(.class("inbox"), .forEach(entries) { entry in
                .li(.class(entry.read ? "read" : "unread"),
                    content(t, entry, units: units),
                    .if(!entry.read, FormFields.actionButton(page, action: Routes.markInboxRead(entry.id), label: t("inbox.markRead"))))
            }))
    }

    static func content(_ t: Localizer, _ entry: InboxEntry, units: UnitDirectory) -> Node<HTML.BodyContext> {
        switch entry {
        case .shown(let item):
            let time = Timestamps.display(item.createdAt)
            let summary = if let assessment = item.assessment {
                t("inbox.redScreening", ["instrument": t.label("instrument", assessment.instrument), "author": item.authorName, "time": time])
            } else if item.removedFromTeam {
                t("inbox.removedFromTeam", ["version": String(item.planVersion), "author": item.authorName, "time": time])
            } else {
                t("inbox.version", ["version": String(item.planVersion), "author": item.authorName, "time": time])
            }
            return .group(
                .p(.strong(.a(.href(Routes.patient(item.patientId)), .plainText(item.patientName))), .plainText(" · " + summary)),
                .if(item.assessment == nil && !item.removedFromTeam, PlanViews.changeList(t, item.changes, units: units)))
        case .withheld(let notice):
            let values = ["unit": units.name(notice.registeringUnitId), "time": Timestamps.display(notice.createdAt)]
            return .p(.class("withheld"), .plainText(t(notice.removedFromTeam ? "inbox.withheld.removed" : "inbox.withheld.changed", values)))
        }
    }
}
