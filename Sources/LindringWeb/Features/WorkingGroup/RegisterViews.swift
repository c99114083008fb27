import Foundation
import LindringCore
import LindringStore
import Plot

/// The working group's register: the overview (upcoming meetings, open recommendations with the
/// overdue ones marked, recent decisions, analyses; or the register filtered by kind and status)
/// and an item's page with everything it holds, a meeting's decisions and every version.
enum RegisterViews {
    static func kindText(_ t: Localizer, _ kind: RegisterItemKind) -> String { t.label("registerKind", kind) }
    static func statusText(_ t: Localizer, _ status: RecommendationStatus) -> String { t.label("recommendationStatus", status) }
    static func indicatorName(_ t: Localizer, _ indicator: IndicatorID) -> String { t("indicator.\(indicator.rawValue).name") }
    static func indicatorLink(_ indicator: IndicatorID) -> String { Routes.indicators() + "?indicator=" + indicator.rawValue }

    static func notice(_ t: Localizer, _ notice: String?) -> Node<HTML.BodyContext> {
        let known = ["created", "saved", "unchanged", "pathwayCreated", "pathwaySaved", "pathwayDeleted"]
        guard let notice, known.contains(notice) else { return .empty }
        return .div(.class("notice"), .attribute(named: "role", value: "status"), .p(.plainText(t("workingGroup.notice.\(notice)"))))
    }

    static func th(_ text: String) -> Node<HTML.TableRowContext> { .th(.attribute(named: "scope", value: "col"), .plainText(text)) }

    static func statusTag(_ t: Localizer, _ item: ValidRegisterItem, today: LocalDate) -> Node<HTML.BodyContext> {
        .group(
            .unwrap(item.status) { .span(.class("status-tag status-\($0.rawValue)"), .plainText(statusText(t, $0))) },
            .if(item.isOverdue(today: today), .span(.class("critical-tag"), .plainText(t("workingGroup.overdue")))))
    }

    // MARK: The overview

    static func overview(
        _ page: PageContext, _ overview: RegisterService.Overview, kind: String?, status: String?, today: LocalDate, notice: String?
    ) -> HTML {
        let t = page.t
        return Layout.page(
            page, title: t("workingGroup.title"),
            self.notice(t, notice),
            .h1(.plainText(t("workingGroup.title"))),
            .p(.class("lead"), .plainText(t("workingGroup.lead"))),
            .nav(
                .class("row-actions register-actions"), .attribute(named: "aria-label", value: t("workingGroup.newItems")),
                .forEach(RegisterItemKind.allCases) { kind in
                    .a(
                        .class("button primary"), .href(Routes.newWorkingGroupItem() + "?kind=" + kind.rawValue),
                        .plainText(t("workingGroup.new.\(kind.rawValue)")))
                },
                .a(.class("button secondary"), .href(Routes.pathways()), .plainText(t("pathways.title")))),
            filterForm(t, kind: kind, status: status),
            .unwrap(overview.filtered) { items in
                .section(
                    .id("filtered"), .h2(.plainText(t("workingGroup.filtered", ["count": String(items.count)]))),
                    items.isEmpty ? .p(.plainText(t("workingGroup.none"))) : itemTable(t, items, today: today, id: "filtered-list"))
            },
            .if(
                overview.filtered == nil,
                .group(
                    .section(
                        .id("upcoming-meetings"), .h2(.plainText(t("workingGroup.upcoming"))),
                        overview.upcomingMeetings.isEmpty
                            ? .p(.plainText(t("workingGroup.upcoming.none")))
                            : itemTable(t, overview.upcomingMeetings, today: today, id: "meeting-list"),
                        .p(.a(.href(Routes.workingGroup() + "?kind=meeting"), .plainText(t("workingGroup.allMeetings"))))),
                    .section(
                        .id("open-recommendations"), .h2(.plainText(t("workingGroup.openRecommendations"))),
                        overview.openRecommendations.isEmpty
                            ? .p(.plainText(t("workingGroup.openRecommendations.none")))
                            : recommendationTable(t, overview.openRecommendations, today: today)),
                    .section(
                        .id("recent-decisions"), .h2(.plainText(t("workingGroup.recentDecisions"))),
                        overview.recentDecisions.isEmpty
                            ? .p(.plainText(t("workingGroup.none"))) : itemTable(t, overview.recentDecisions, today: today, id: "decision-list")),
                    .section(
                        .id("analyses"), .h2(.plainText(t("workingGroup.analyses"))),
                        overview.analyses.isEmpty
                            ? .p(.plainText(t("workingGroup.none"))) : itemTable(t, overview.analyses, today: today, id: "analysis-list")))))
    }

    static func filterForm(_ t: Localizer, kind: String?, status: String?) -> Node<HTML.BodyContext> {
        .form(
            .method(.get), .action(Routes.workingGroup()), .class("filter-form"), .id("register-filter"),
            .div(
                .class("grid"),
                FormFields.select(
                    t, name: "kind", label: t("workingGroup.field.kind"), options: t.options("registerKind", RegisterItemKind.self), selected: kind,
                    errors: [], includeEmpty: t("workingGroup.filter.all")),
                FormFields.select(
                    t, name: "status", label: t("workingGroup.field.status"), options: t.options("recommendationStatus", RecommendationStatus.self),
                    selected: status, errors: [], includeEmpty: t("workingGroup.filter.all"))),
            .div(.class("actions"), .button(.type(.submit), .class("button secondary"), .plainText(t("workingGroup.filter.show")))))
    }

    /// Items by day and title; the kind where the list mixes kinds, the status where it has recommendations.
    static func itemTable(_ t: Localizer, _ items: [StoredRegisterItem], today: LocalDate, id: String) -> Node<HTML.BodyContext> {
        let showKind = Set(items.map(\.item.kind)).count > 1
        let showStatus = items.contains { $0.item.status != nil }
        return .div(
            .class("table-wrap"),
            .table(
                .class("data"), .id(id),
                .thead(
                    .tr(
                        th(t("workingGroup.field.date")), th(t("workingGroup.field.title")), .if(showKind, th(t("workingGroup.field.kind"))),
                        .if(showStatus, th(t("workingGroup.field.status"))))),
                .tbody(
                    .forEach(items) { stored in
                        let item = stored.item
                        return .tr(
                            .class(item.isOverdue(today: today) ? "overdue" : ""),
                            .td(.plainText((item.date ?? item.dueDate)?.danish ?? "–")),
                            .th(.attribute(named: "scope", value: "row"), .a(.href(Routes.workingGroupItem(stored.id)), .plainText(item.title))),
                            .if(showKind, .td(.plainText(kindText(t, item.kind)))),
                            .if(showStatus, .td(statusTag(t, item, today: today))))
                    })))
    }

    static func recommendationTable(_ t: Localizer, _ items: [StoredRegisterItem], today: LocalDate) -> Node<HTML.BodyContext> {
        .div(
            .class("table-wrap"),
            .table(
                .class("data"), .id("recommendation-list"),
                .thead(
                    .tr(
                        th(t("workingGroup.field.dueDate")), th(t("workingGroup.field.title")), th(t("workingGroup.field.owner")),
                        th(t("workingGroup.field.status")), th(t("workingGroup.field.indicator")))),
                .tbody(
                    .forEach(items) { stored in
                        let item = stored.item
                        return .tr(
                            .class(item.isOverdue(today: today) ? "overdue" : ""),
                            .td(.plainText(item.dueDate?.danish ?? "–")),
                            .th(.attribute(named: "scope", value: "row"), .a(.href(Routes.workingGroupItem(stored.id)), .plainText(item.title))),
                            .td(.plainText(item.owner ?? "–")),
                            .td(statusTag(t, item, today: today)),
                            .td(.unwrap(item.indicator, { .a(.href(indicatorLink($0)), .plainText(indicatorName(t, $0))) }, else: .plainText("–"))))
                    })))
    }

    // MARK: An item

    static func itemPage(_ page: PageContext, _ content: RegisterService.ItemPage, today: LocalDate, notice: String?) -> HTML {
        let t = page.t
        let stored = content.stored
        let item = stored.item
        return Layout.page(
            page, title: item.title,
            .p(.a(.href(Routes.workingGroup()), .plainText("← " + t("workingGroup.title")))),
            self.notice(t, notice),
            .div(
                .class("page-heading"),
                .h1(.plainText(item.title)),
                .div(
                    .class("heading-actions"),
                    .a(.class("button primary"), .href(Routes.editWorkingGroupItem(stored.id)), .plainText(t("workingGroup.edit"))))),
            .p(
                .class("hint"),
                .span(.class("status-tag"), .plainText(kindText(t, item.kind))), .plainText(" "), statusTag(t, item, today: today),
                .plainText(
                    " "
                        + t(
                            "workingGroup.versionLine",
                            ["version": String(stored.version), "time": Timestamps.displayMinutes(stored.updatedAt), "name": stored.updatedBy]))),
            facts(t, item, meeting: content.meeting, today: today),
            .unwrap(item.text) { text in
                .group(.h2(.plainText(t("workingGroup.text.\(item.kind.rawValue)"))), .p(.class("prewrap"), .id("item-text"), .plainText(text)))
            },
            .unwrap(item.minutes) {
                .group(.h2(.plainText(t("workingGroup.field.minutes"))), .p(.class("prewrap"), .id("item-minutes"), .plainText($0)))
            },
            .if(item.kind == .meeting, attendees(t, item)),
            .if(item.kind == .meeting, decisions(t, stored.id, content.decisions)),
            versions(t, content.versions))
    }

    static func facts(_ t: Localizer, _ item: ValidRegisterItem, meeting: StoredRegisterItem?, today: LocalDate) -> Node<HTML.BodyContext> {
        .dl(
            .class("facts"), .id("item-facts"),
            .unwrap(item.date) { .group(.dt(.plainText(t("workingGroup.field.date"))), .dd(.plainText($0.danish))) },
            .unwrap(item.owner) { .group(.dt(.plainText(t("workingGroup.field.owner"))), .dd(.plainText($0))) },
            .unwrap(item.dueDate) { due in
                .group(
                    .dt(.plainText(t("workingGroup.field.dueDate"))),
                    .dd(
                        .plainText(due.danish),
                        .if(item.isOverdue(today: today), .span(.class("critical-tag"), .plainText(" " + t("workingGroup.overdue"))))))
            },
            .unwrap(item.indicator) { indicator in
                .group(
                    .dt(.plainText(t("workingGroup.field.indicator"))),
                    .dd(.a(.href(indicatorLink(indicator)), .id("item-indicator"), .plainText(indicatorName(t, indicator)))))
            },
            .unwrap(meeting) { meeting in
                .group(
                    .dt(.plainText(t("workingGroup.field.meetingId"))),
                    .dd(
                        .a(
                            .href(Routes.workingGroupItem(meeting.id)),
                            .plainText(meeting.item.title + (meeting.item.date.map { " (\($0.danish))" } ?? "")))))
            })
    }

    static func attendees(_ t: Localizer, _ item: ValidRegisterItem) -> Node<HTML.BodyContext> {
        .section(
            .id("attendees"),
            .h2(.plainText(t("workingGroup.field.attendees"))),
            item.attendees.isEmpty
                ? .p(.plainText(t("workingGroup.attendees.none")))
                : .group(
                    .p(
                        .class("hint"),
                        .plainText(
                            t(
                                "workingGroup.attendees.sectors",
                                ["sectors": item.sectorsPresent.map { t.label("sector", $0) }.joined(separator: ", ")])
                        )),
                    .table(
                        .class("data"), .id("attendee-list"),
                        .thead(.tr(th(t("workingGroup.field.attendee")), th(t("workingGroup.field.sector")))),
                        .tbody(
                            // By sector, in the register's order, each sector's attendees as typed.
                            .forEach(Sector.allCases.flatMap { sector in item.attendees.filter { $0.sector == sector } }) { attendee in
                                .tr(.td(.plainText(attendee.name)), .td(.plainText(t.label("sector", attendee.sector))))
                            }))))
    }

    static func decisions(_ t: Localizer, _ meetingId: UUID, _ decisions: [StoredRegisterItem]) -> Node<HTML.BodyContext> {
        .section(
            .id("decisions"),
            .div(
                .class("title-row"),
                .h2(.plainText(t("workingGroup.meetingDecisions"))),
                .a(
                    .class("button secondary"), .href(Routes.newWorkingGroupItem() + "?kind=decision&meeting=" + meetingId.uuidString),
                    .plainText(t("workingGroup.new.decisionAtMeeting")))),
            decisions.isEmpty
                ? .p(.plainText(t("workingGroup.meetingDecisions.none")))
                : .ul(
                    .forEach(decisions) { decision in
                        .li(.a(.href(Routes.workingGroupItem(decision.id)), .plainText(decision.item.title)))
                    }))
    }

    static func versions(_ t: Localizer, _ versions: [RegisterItemVersion]) -> Node<HTML.BodyContext> {
        .section(
            .id("versions"),
            .h2(.plainText(t("workingGroup.versions"))),
            .ol(
                .class("versions"),
                .forEach(versions) { version in
                    let changed =
                        version.changed.isEmpty
                        ? t("workingGroup.versions.first")
                        : t(
                            "workingGroup.versions.changed",
                            ["fields": version.changed.map { t("workingGroup.field.\($0)").lowercased() }.joined(separator: ", ")]
                        )
                    return .li(
                        .strong(.plainText(t("workingGroup.versions.version", ["version": String(version.version)]))),
                        .plainText(" · " + Timestamps.displayMinutes(version.savedAt) + " · " + version.savedBy + " · " + changed))
                }))
    }
}
