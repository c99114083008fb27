import Foundation
import LindringCore
import LindringStore
import Plot

enum InboxViews {
    static func page(
        _ page: PageContext, entries: [InboxEntry], followUps: [FollowUp], units: UnitDirectory, pathways: [CommunicationPathway] = []
    ) -> HTML {
        let t = page.t
        let (groups, withheld) = InboxPatientGroup.grouping(entries)
        return Layout.page(
            page, title: t("inbox.title"),
            .div(
                .class("page-heading"),
                .h1(.plainText(t("inbox.title"))),
                .if(entries.contains { !$0.read }, FormFields.actionButton(page, action: Routes.markAllInboxRead(), label: t("inbox.markAllRead")))),
            .p(.a(.href(Routes.myPatients()), .plainText(t("inbox.toMyPatients")))),
            PathwayPanel.render(t, pathways),
            .if(
                !followUps.isEmpty,
                .section(
                    .class("inbox-follow-ups"), .id("inbox-follow-ups"),
                    .h2(.plainText(t("inbox.followUps", ["count": String(followUps.count)]))),
                    AdvisoryViews.followUpTable(page, followUps, returnTo: Routes.inbox()))),
            .h2(.plainText(t("inbox.byPatient"))),
            .if(entries.isEmpty, .p(.plainText(t("inbox.empty")))),
            .ul(.class("inbox"), .forEach(groups) { group(page, $0, units: units) }),
            .if(
                !withheld.isEmpty,
                .section(
                    .class("inbox-withheld"),
                    .h2(.plainText(t("inbox.withheld.title"))),
                    .ul(
                        .class("inbox"),
                        .forEach(withheld) { notice in
                            .li(
                                .class(notice.read ? "read" : "unread"),
                                self.notice(t, notice, units: units),
                                .if(!notice.read, FormFields.actionButton(page, action: Routes.markInboxRead(notice.id), label: t("inbox.markRead"))))
                        }))))
    }

    /// One patient: name, what is unread and critical at a glance, then each item newest first.
    static func group(_ page: PageContext, _ group: InboxPatientGroup, units: UnitDirectory) -> Node<HTML.ListContext> {
        let t = page.t
        let critical = group.unreadCriticalTopics
        return .li(
            .class("inbox-patient " + (group.unread > 0 ? "unread" : "read") + (critical.isEmpty ? "" : " has-critical")),
            .div(
                .class("inbox-patient-heading"),
                .h3(.a(.href(Routes.patient(group.patientId)), .plainText(group.patientName))),
                .if(group.unread > 0, .span(.class("tag"), .plainText(t("inbox.unread", ["count": String(group.unread)])))),
                .if(
                    !critical.isEmpty,
                    .span(
                        .class("critical-tag"),
                        .plainText(t("inbox.critical", ["topics": critical.map { t.label("criticalTopic", $0) }.joined(separator: ", ")])))),
                .if(group.hasUnreadRedScreening, .span(.class("critical-tag red"), .plainText(t("inbox.redScreeningTag")))),
                .if(group.unread > 0, FormFields.actionButton(page, action: Routes.markInboxPatientRead(group.patientId), label: t("inbox.markRead")))
            ),
            .ul(
                .class("inbox-items"),
                .forEach(group.items) { item in
                    .li(.class(item.read ? "read" : "unread"), self.item(t, item, units: units))
                }))
    }

    static func item(_ t: Localizer, _ item: InboxItem, units: UnitDirectory) -> Node<HTML.BodyContext> {
        let values = ["version": String(item.planVersion), "author": item.authorName, "time": Timestamps.display(item.createdAt)]
        if let assessment = item.assessment {
            return .p(
                .a(
                    .href(Routes.patientScreening(item.patientId)),
                    .plainText(t("inbox.redScreening", values.merging(["instrument": t.label("instrument", assessment.instrument)]) { a, _ in a }))))
        }
        if item.removedFromTeam {
            return .p(.plainText(t("inbox.removedFromTeam", values)))
        }
        guard item.planVersion == 1 else {
            return .group(.p(.plainText(t("inbox.version", values))), PlanViews.changeList(t, item.changes, units: units))
        }
        // A new plan lists every field it was made with: its essentials first, the rest folded away.
        let essentials = item.changes.filter { $0.criticalTopic != nil }
        return .group(
            .p(.plainText(t("inbox.firstVersion", values))),
            .if(!essentials.isEmpty, PlanViews.changeList(t, essentials, units: units, markCritical: false)),
            .details(
                .summary(.plainText(t("inbox.firstVersion.rest", ["count": String(item.changes.count - essentials.count)]))),
                PlanViews.changeList(t, item.changes.filter { $0.criticalTopic == nil }, units: units)))
    }

    static func notice(_ t: Localizer, _ notice: InboxNotice, units: UnitDirectory) -> Node<HTML.BodyContext> {
        let values = ["unit": units.name(notice.registeringUnitId), "time": Timestamps.display(notice.createdAt)]
        return .p(.class("withheld"), .plainText(t(notice.removedFromTeam ? "inbox.withheld.removed" : "inbox.withheld.changed", values)))
    }
}
