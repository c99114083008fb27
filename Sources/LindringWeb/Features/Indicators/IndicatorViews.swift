import Foundation
import LindringCore
import LindringStore
import Plot

/// The indicators page: a filter, the three families' tables (all, cancer, non-cancer, the
/// standard, the definition beside each), the chosen indicator's chart by period and by group,
/// and the places of death.
enum IndicatorViews {
    static func definitionKey(_ id: IndicatorID) -> String {
        switch id {
        case .callsFromMunicipality, .callsFromGeneralPractice, .callsFromHospital, .callsFromPatientOrRelatives, .callsFromOthers: "calls"
        case .planChangesByRegion, .planChangesByMunicipality, .planChangesByGeneralPractice, .planChangesByHospice: "planChanges"
        default: id.rawValue
        }
    }

    static func name(_ t: Localizer, _ id: IndicatorID) -> String { t("indicator.\(id.rawValue).name") }

    static func groupName(_ t: Localizer, _ results: IndicatorResults, _ code: String?) -> String {
        guard let code else { return t("indicators.filter.all") }
        if let name = results.groupNames[code] { return name }
        if code == IndicatorGroups.unknown { return t("indicators.group.unknown") }
        switch results.query.by {
        case .diagnosisGroup: return t("diagnosisGroup.\(code)")
        case .hospital: return Sector(rawValue: code).map { t("indicators.group.\($0.rawValue)") } ?? code
        case .municipality: return code
        }
    }

    static func percent(_ value: Decimal?) -> String {
        value.map { DanishNumber.decimal($0, decimals: 1) + " %" } ?? "–"
    }

    static func count(_ count: IndicatorCount) -> String {
        count.denominator == 0 ? "–" : "\(percent(count.share)) (\(count.numerator)/\(count.denominator))"
    }

    /// The query string of the page with some parameters changed.
    static func link(_ path: String, _ query: IndicatorQuery, indicator: IndicatorID? = nil, group: String?? = nil) -> String {
        var items = [
            "from=\(query.period.lowerBound)", "to=\(query.period.upperBound)", "by=\(query.by.rawValue)", "interval=\(query.interval.rawValue)",
        ]
        if let indicator = indicator ?? query.indicator { items.append("indicator=\(indicator.rawValue)") }
        if let group = group ?? query.group {
            items.append("group=\(group.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "")")
        }
        return path + "?" + items.joined(separator: "&")
    }

    static func page(_ page: PageContext, _ results: IndicatorResults) -> HTML {
        let t = page.t
        let query = results.query
        let chosen = query.indicator ?? .firstContactWithin10Days
        let shownRows: [IndicatorID: IndicatorRow] =
            query.group.map { group in Dictionary(uniqueKeysWithValues: results.rows.filter { $0.group == group }.map { ($0.indicator, $0) }) }
            ?? results.totals
        // By name, "unknown" last.
        let groups = Array(Set(results.rows.map(\.group))).sorted {
            ($0 == IndicatorGroups.unknown ? 1 : 0, groupName(t, results, $0)) < ($1 == IndicatorGroups.unknown ? 1 : 0, groupName(t, results, $1))
        }
        let points = IndicatorReport.series(results.cases, indicator: chosen, group: query.group, period: query.period, interval: query.interval)
        let periodName = { (start: LocalDate) -> String in
            query.interval == .month ? "\(start.month)/\(start.year)" : "K\((start.month - 1) / 3 + 1) \(start.year)"
        }
        return Layout.page(
            page, title: t("indicators.title"),
            .h1(.plainText(t("indicators.title"))),
            .p(.class("lead"), .plainText(t("indicators.lead"))),
            filter(t, results, groups: groups),
            .p(.a(.class("button secondary"), .href(link(Routes.indicatorsCSV(), query)), .plainText(t("indicators.csv")))),
            .forEach(IndicatorFamily.allCases) { family in
                familyTable(t, family, rows: shownRows, query: query)
            },
            .section(
                .id("chart"),
                .h2(.plainText(t("indicators.chart.title", ["indicator": name(t, chosen), "group": groupName(t, results, query.group)]))),
                .div(
                    .class("chart-with-table"),
                    .div(
                        .raw(
                            IndicatorCharts.series(
                                points, standard: chosen.definition.standard,
                                label: t("indicators.chart.label", ["indicator": name(t, chosen)]), periodName: periodName)),
                        .unwrap(chosen.definition.standard) {
                            .p(
                                .class("hint chart-legend"),
                                .plainText(t("indicators.chart.standard", ["value": DanishNumber.decimal($0, decimals: 1)])))
                        }),
                    .div(
                        .class("table-wrap"),
                        .table(
                            .caption(.plainText(name(t, chosen))),
                            .thead(.tr(.th(.plainText(t("indicators.column.period"))), .th(.plainText(t("indicators.column.all"))))),
                            .tbody(
                                .forEach(points) { point in
                                    .tr(.td(.plainText(periodName(point.start))), .td(.plainText(count(point.count))))
                                }))))),
            .if(query.group == nil, byGroup(t, results, indicator: chosen, groups: groups)),
            places(t, results))
    }

    static func filter(_ t: Localizer, _ results: IndicatorResults, groups: [String]) -> Node<HTML.BodyContext> {
        let query = results.query
        return .form(
            .method(.get), .action(Routes.indicators()), .class("filter-form"),
            .div(
                .class("form-grid"),
                FormFields.text(t, name: "from", label: t("range.from"), value: query.period.lowerBound.description, errors: [], type: .date),
                FormFields.text(t, name: "to", label: t("range.to"), value: query.period.upperBound.description, errors: [], type: .date),
                FormFields.select(
                    t, name: "by", label: t("indicators.filter.by"), options: t.options("indicators.by", IndicatorGrouping.self),
                    selected: query.by.rawValue, errors: []),
                FormFields.select(
                    t, name: "group", label: t("indicators.filter.group"), options: groups.map { ($0, groupName(t, results, $0)) },
                    selected: query.group, errors: [], includeEmpty: t("indicators.filter.all")),
                FormFields.select(
                    t, name: "interval", label: t("indicators.filter.interval"),
                    options: t.options("indicators.interval", IndicatorInterval.self), selected: query.interval.rawValue, errors: [])),
            .input(.type(.hidden), .name("indicator"), .value(query.indicator?.rawValue ?? "")),
            .button(.type(.submit), .class("button primary"), .plainText(t("indicators.filter.show"))))
    }

    static func familyTable(
        _ t: Localizer, _ family: IndicatorFamily, rows: [IndicatorID: IndicatorRow], query: IndicatorQuery
    )
        -> Node<HTML.BodyContext>
    {
        let ids = IndicatorID.allCases.filter { $0.family == family }
        return .section(
            .id("family-\(family.rawValue)"),
            .h2(.plainText(t("indicators.family.\(family.rawValue)"))),
            .div(
                .class("table-wrap"),
                .table(
                    .class("indicator-table"),
                    .caption(.plainText(t("indicators.family.\(family.rawValue)"))),
                    .thead(
                        .tr(
                            .th(.plainText(t("indicators.column.indicator"))), .th(.plainText(t("indicators.column.all"))),
                            .th(.plainText(t("indicators.column.cancer"))), .th(.plainText(t("indicators.column.nonCancer"))),
                            .th(.plainText(t("indicators.column.standard"))))),
                    .tbody(
                        .forEach(ids) { id in
                            let row = rows[id]
                            let all = row?.all ?? IndicatorCount()
                            let key = definitionKey(id)
                            return .tr(
                                .id("indicator-\(id.rawValue)"),
                                .th(
                                    .attribute(named: "scope", value: "row"),
                                    .a(.href(link(Routes.indicators(), query, indicator: id) + "#chart"), .plainText(name(t, id))),
                                    .element(
                                        named: "details",
                                        nodes: [
                                            .class("definition"),
                                            .element(named: "summary", nodes: [.plainText(t("indicators.definition"))]),
                                            .dl(
                                                .dt(.plainText(t("indicators.numerator"))), .dd(.plainText(t("indicator.\(key).numerator"))),
                                                .dt(.plainText(t("indicators.denominator"))), .dd(.plainText(t("indicator.\(key).denominator"))),
                                                .dt(.plainText(t("indicators.exclusions"))), .dd(.plainText(t("indicator.\(key).exclusions")))),
                                        ])),
                                .td(
                                    .class("share"),
                                    .strong(.plainText(count(all))),
                                    .unwrap(all.confidenceInterval) { ci in
                                        .span(
                                            .class("ci"),
                                            .plainText(
                                                t(
                                                    "indicators.ci",
                                                    [
                                                        "lower": DanishNumber.decimal(ci.lowerBound, decimals: 1),
                                                        "upper": DanishNumber.decimal(ci.upperBound, decimals: 1),
                                                    ])))
                                    },
                                    .if(
                                        id.definition.listsPatients && all.denominator > 0,
                                        .a(
                                            .class("drill"), .href(link(Routes.indicatorPatients(id.rawValue), query)),
                                            .plainText(t("indicators.patients"))))),
                                .td(.plainText(count(row?.cancer ?? .init()))), .td(.plainText(count(row?.nonCancer ?? .init()))),
                                .td(.plainText(id.definition.standard.map { percent($0) } ?? t("indicators.noStandard"))))
                        }))))
    }

    static func byGroup(_ t: Localizer, _ results: IndicatorResults, indicator: IndicatorID, groups: [String]) -> Node<HTML.BodyContext> {
        let rows = Dictionary(uniqueKeysWithValues: results.rows.filter { $0.indicator == indicator }.map { ($0.group, $0) })
        let by = t("indicators.by.\(results.query.by.rawValue)").lowercased()
        return .section(
            .h2(.plainText(t("indicators.byGroup", ["indicator": name(t, indicator), "by": by]))),
            .div(
                .class("table-wrap"),
                .table(
                    .caption(.plainText(t("indicators.byGroup", ["indicator": name(t, indicator), "by": by]))),
                    .thead(
                        .tr(
                            .th(.plainText(t("indicators.column.group"))), .th(.plainText(t("indicators.column.all"))),
                            .th(.plainText(t("indicators.column.cancer"))), .th(.plainText(t("indicators.column.nonCancer"))))),
                    .tbody(
                        .forEach(groups.filter { rows[$0] != nil }) { group in
                            let row = rows[group]!
                            return .tr(
                                .th(
                                    .attribute(named: "scope", value: "row"),
                                    .a(
                                        .href(link(Routes.indicators(), results.query, indicator: indicator, group: .some(group)) + "#chart"),
                                        .plainText(groupName(t, results, group)))),
                                .td(.plainText(count(row.all))), .td(.plainText(count(row.cancer))), .td(.plainText(count(row.nonCancer))))
                        }))))
    }

    static func places(_ t: Localizer, _ results: IndicatorResults) -> Node<HTML.BodyContext> {
        .section(
            .id("places-of-death"),
            .h2(.plainText(t("indicators.places.title"))),
            .div(
                .class("table-wrap"),
                .table(
                    .caption(.plainText(t("indicators.places.title"))),
                    .thead(.tr(.th(.plainText(t("indicators.places.title"))), .th(.plainText(t("indicators.places.count"))))),
                    .tbody(
                        .forEach(DPDPlaceOfDeath.allCases) { place in
                            .tr(.td(.plainText(t.label("dpdPlace", place))), .td(.plainText(String(results.placesOfDeath[place] ?? 0))))
                        }))))
    }

    /// What the drill-down's date is: the day a case counts on.
    static func dayLabel(_ t: Localizer, _ indicator: IndicatorID) -> String {
        switch indicator {
        case .deathsWithSpecialisedContact, .placeOfDeathConcordance: t("indicators.day.death")
        case .crossSectorFollowUpsOnTime: t("indicators.day.due")
        case .inboxAcknowledgedWithinWorkingDay: t("indicators.day.arrived")
        default: t("indicators.day.received")
        }
    }

    static func drillDown(
        _ page: PageContext, indicator: IndicatorID, query: IndicatorQuery, groupName: String, _ drill: IndicatorService.DrillDown
    )
        -> HTML
    {
        let t = page.t
        return Layout.page(
            page, title: t("indicators.drill.title", ["indicator": name(t, indicator)]),
            .h1(.plainText(t("indicators.drill.title", ["indicator": name(t, indicator)]))),
            .p(
                .class("lead"),
                .plainText(
                    t(
                        "indicators.drill.scope",
                        ["group": groupName, "from": query.period.lowerBound.danish, "to": query.period.upperBound.danish]))),
            .p(.a(.href(link(Routes.indicators(), query, indicator: indicator) + "#chart"), .plainText(t("indicators.drill.back")))),
            .if(!indicator.definition.listsPatients, .p(.plainText(t("indicators.drill.aggregated")))),
            .if(drill.shown.isEmpty && drill.hidden == 0 && indicator.definition.listsPatients, .p(.plainText(t("indicators.drill.none")))),
            .if(
                !drill.shown.isEmpty,
                .div(
                    .class("table-wrap"),
                    .table(
                        .caption(.plainText(name(t, indicator))),
                        .thead(
                            .tr(
                                .th(.plainText(t("indicators.column.patient"))), .th(.plainText(dayLabel(t, indicator))),
                                .th(.plainText(t("indicators.column.counted"))))),
                        .tbody(
                            .forEach(drill.shown.indices) { index in
                                let item = drill.shown[index]
                                return .tr(
                                    .td(.a(.href(Routes.patient(item.patient.id)), .plainText(item.patient.name))),
                                    .td(.plainText(item.day.danish)), .td(.plainText(item.counted ? t("yes") : t("no"))))
                            })))),
            .if(
                drill.hidden > 0,
                .p(
                    .class("notice"),
                    .plainText(
                        drill.hidden == 1
                            ? t(drill.shown.isEmpty ? "indicators.drill.hiddenOnlyOne" : "indicators.drill.hiddenOne")
                            : t(drill.shown.isEmpty ? "indicators.drill.hiddenOnly" : "indicators.drill.hidden", ["count": String(drill.hidden)])))))
    }
}
