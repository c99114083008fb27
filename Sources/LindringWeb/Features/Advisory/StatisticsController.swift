import Foundation
import Hummingbird
import LindringCore
import LindringStore
import Plot

/// What the advisory line achieves, for the programme and the region: figures, a weekday ×
/// hour heat map and the counts behind them, on screen and as CSV.
struct StatisticsController {
    let services: AppServices
    var advisory: AdvisoryService { AdvisoryService(services: services) }

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.statistics.routerPath, use: show)
        router.get(Routes.statisticsCSV.routerPath, use: csv)
    }

    func range(_ request: Request) throws -> DateRange {
        let today = advisory.today
        return try DateRange.parse(request.query, defaultFrom: today.adding(days: -29), defaultTo: today)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.viewAdvisoryStatistics)
        let page = PageContext(context, path: Routes.statistics())
        do {
            let range = try range(request)
            let stats = try await advisory.statistics(from: range.from, to: range.to, context)
            return .html(StatisticsViews.render(page, range: range, stats: stats, errors: [], typed: request.query))
        } catch let failure as ValidationFailure {
            let today = advisory.today
            return .html(
                StatisticsViews.render(page, range: DateRange(from: today, to: today), stats: nil, errors: failure.errors, typed: request.query),
                status: .unprocessableContent)
        }
    }

    /// The figures as CSV: for a Danish spreadsheet, with the page's words for sections and keys
    /// (the default); with `lang=en`, for other systems, in the format it has always had
    /// (`section,key,value`, codes and decimal points).
    @Sendable func csv(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.viewAdvisoryStatistics)
        let range = try range(request)
        let stats = StatisticsDTO(try await advisory.statistics(from: range.from, to: range.to, context))
        let forSystems = request.query["lang"] == "en"
        let csv = forSystems ? Self.systemCSV(stats) : Self.spreadsheetCSV(stats, PageContext(context, path: Routes.statistics()).t)
        return csv.response(filename: "advisory-statistics-\(range.from)-\(range.to)\(forSystems ? "-en" : "").csv")
    }

    static func share(_ value: Double) -> CSVValue { .decimal(Decimal(string: String(value)) ?? 0) }

    static func counts(_ stats: StatisticsDTO) -> [(section: String, counts: [String: Int])] {
        [
            ("callerRole", stats.byCallerRole), ("reason", stats.byReason), ("triage", stats.byTriage), ("action", stats.byAction),
            ("outcome", stats.byOutcome), ("channel", stats.byChannel),
        ]
    }

    static func systemCSV(_ stats: StatisticsDTO) -> CSVWriter {
        var csv = CSVWriter(.system)
        csv.row(["section", "key", "value"])
        csv.row(["range", "from", .text(stats.from)])
        csv.row(["range", "to", .text(stats.to)])
        csv.row(["summary", "total", .integer(stats.total)])
        csv.row(["summary", "outsideWorkingHoursShare", share(stats.outsideWorkingHoursShare)])
        csv.row(["summary", "stayedAtHomeShare", share(stats.stayedAtHomeShare)])
        csv.row(["summary", "followUpsOnTimeShare", share(stats.followUpsOnTimeShare)])
        csv.row(["summary", "medianDurationMinutes", stats.medianDurationMinutes.map(share) ?? .empty])
        for (section, counts) in counts(stats) {
            for (key, value) in counts.sorted(by: { $0.key < $1.key }) { csv.row([.text(section), .text(key), .integer(value)]) }
        }
        for day in stats.perDay { csv.row(["day", .text(day.date), .integer(day.count)]) }
        for (weekday, hours) in stats.byWeekdayHour.enumerated() {
            for (hour, count) in hours.enumerated() {
                csv.row(["weekdayHour", .text(String(format: "%d-%02d", weekday + 1, hour)), .integer(count)])
            }
        }
        return csv
    }

    /// The same figures in words, for a person opening the file in a (Danish) spreadsheet.
    static func spreadsheetCSV(_ stats: StatisticsDTO, _ t: Localizer) -> CSVWriter {
        var csv = CSVWriter(.danishSpreadsheet)
        func add(_ section: String, _ key: String, _ value: CSVValue) { csv.row([.text(t("statistics.csv.\(section)")), .text(key), value]) }
        csv.row([.text(t("statistics.csv.section")), .text(t("statistics.csv.key")), .text(t("statistics.csv.value"))])
        add("range", t("statistics.csv.from"), .text(stats.from))
        add("range", t("statistics.csv.to"), .text(stats.to))
        add("summary", t("statistics.csv.total"), .integer(stats.total))
        add("summary", t("statistics.csv.outsideWorkingHoursShare"), share(stats.outsideWorkingHoursShare))
        add("summary", t("statistics.csv.stayedAtHomeShare"), share(stats.stayedAtHomeShare))
        add("summary", t("statistics.csv.followUpsOnTimeShare"), share(stats.followUpsOnTimeShare))
        add("summary", t("statistics.csv.medianDurationMinutes"), stats.medianDurationMinutes.map(share) ?? .empty)
        let prefixes = [
            "callerRole": "callerRole", "reason": "reason", "triage": "triage", "action": "contactAction", "outcome": "outcome", "channel": "channel",
        ]
        for (section, counts) in counts(stats) {
            for (key, value) in counts.sorted(by: { $0.key < $1.key }) { add(section, t("\(prefixes[section]!).\(key)"), .integer(value)) }
        }
        for day in stats.perDay { add("day", day.date, .integer(day.count)) }
        for (weekday, hours) in stats.byWeekdayHour.enumerated() {
            for (hour, count) in hours.enumerated() { add("weekdayHour", "\(t("weekday.\(weekday + 1)")) \(hour.zeroPadded(2))", .integer(count)) }
        }
        return csv
    }
}

enum StatisticsViews {
    static func render(_ page: PageContext, range: DateRange, stats: AdvisoryStatistics?, errors: [FieldError], typed: FormData) -> HTML {
        let t = page.t
        return Layout.page(
            page, title: t("statistics.title"),
            .div(
                .class("page-heading"), .h1(.plainText(t("statistics.title"))),
                .unwrap(stats) { _ in
                    .div(
                        .class("actions"),
                        .a(
                            .class("button secondary"), .id("statistics-csv"),
                            .href(Routes.statisticsCSV() + "?from=\(range.from)&to=\(range.to)"), .plainText(t("statistics.csv"))),
                        .a(
                            .class("button secondary"), .id("statistics-csv-system"), .attribute(named: "hreflang", value: "en"),
                            .href(Routes.statisticsCSV() + "?from=\(range.from)&to=\(range.to)&lang=en"), .plainText(t("statistics.csvSystem"))))
                }),
            DateRangeForm.render(t, action: Routes.statistics(), range: range, typed: typed, errors: errors),
            .unwrap(stats) { stats in body(t, StatisticsDTO(stats), raw: stats) })
    }

    static func percent(_ share: Double) -> String { String(format: "%.0f %%", share * 100) }

    /// One decimal, with a decimal comma in Danish.
    static func decimal(_ t: Localizer, _ value: Double) -> String {
        let text = String(format: "%.1f", value)
        return t.language == .danish ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    static func body(_ t: Localizer, _ s: StatisticsDTO, raw: AdvisoryStatistics) -> Node<HTML.BodyContext> {
        .group(
            .ul(
                .class("figures"),
                .li(.strong(.plainText(String(s.total))), .span(.plainText(t("statistics.total")))),
                .li(.strong(.plainText(percent(s.outsideWorkingHoursShare))), .span(.plainText(t("statistics.outsideWorkingHours")))),
                .li(
                    .strong(.plainText(percent(s.stayedAtHomeShare))),
                    .span(.plainText(t("statistics.stayedAtHome", ["n": String(raw.stayedAtHomeKnown)])))),
                .li(
                    .strong(.plainText(percent(s.followUpsOnTimeShare))),
                    .span(.plainText(t("statistics.followUpsOnTime", ["n": String(raw.followUps)])))),
                .li(.strong(.plainText(s.medianDurationMinutes.map { decimal(t, $0) } ?? "–")), .span(.plainText(t("statistics.medianMinutes"))))),
            .h2(.plainText(t("statistics.perDay"))),
            .raw(StatisticsCharts.perDay(s.perDay, from: raw.from, to: raw.to, label: t("statistics.perDay"))),
            .h2(.plainText(t("statistics.heatmap"))),
            .raw(StatisticsCharts.heatmap(s.byWeekdayHour, label: t("statistics.heatmap"), weekdays: (1...7).map { t("weekday.\($0)") })),
            heatmapTable(t, s.byWeekdayHour),
            .div(
                .class("count-tables"),
                counts(t, t("contact.field.callerRole"), "callerRole", s.byCallerRole, order: AdvisoryOpenAPI.values(CallerRole.self)),
                counts(t, t("contact.field.reasons"), "reason", s.byReason, order: AdvisoryOpenAPI.values(ContactReason.self)),
                counts(t, t("contact.field.triage"), "triage", s.byTriage, order: AdvisoryOpenAPI.values(Triage.self)),
                counts(t, t("contact.field.actions"), "contactAction", s.byAction, order: AdvisoryOpenAPI.values(ContactAction.self)),
                counts(t, t("contact.field.outcome"), "outcome", s.byOutcome, order: AdvisoryOpenAPI.values(ContactOutcome.self)),
                counts(t, t("contact.field.channel"), "channel", s.byChannel, order: AdvisoryOpenAPI.values(ContactChannel.self))))
    }

    static func counts(_ t: Localizer, _ title: String, _ prefix: String, _ counts: [String: Int], order: [String]) -> Node<HTML.BodyContext> {
        let total = max(counts.values.reduce(0, +), 1)
        return .table(
            .class("counts"), .caption(.plainText(title)),
            .tbody(
                .forEach(order.sorted { (counts[$0] ?? 0) > (counts[$1] ?? 0) }) { key in
                    .tr(
                        .th(.attribute(named: "scope", value: "row"), .plainText(t("\(prefix).\(key)"))),
                        .td(.class("num"), .plainText(String(counts[key] ?? 0))),
                        .td(.class("num hint"), .plainText(percent(Double(counts[key] ?? 0) / Double(total)))))
                }))
    }

    /// The heat map's numbers for screen readers (and anyone who prefers a table).
    static func heatmapTable(_ t: Localizer, _ grid: [[Int]]) -> Node<HTML.BodyContext> {
        .details(
            .summary(.plainText(t("statistics.heatmapTable"))),
            .div(
                .class("table-wrap"),
                .table(
                    .class("heatmap-table"),
                    .thead(.tr(.th(.plainText("")), .forEach(0..<24) { .th(.plainText($0.zeroPadded(2))) })),
                    .tbody(
                        .forEach(Array(grid.enumerated())) { index, hours in
                            .tr(
                                .th(.attribute(named: "scope", value: "row"), .plainText(t("weekday.\(index + 1)"))),
                                .forEach(hours) { .td(.class("num"), .plainText(String($0))) })
                        }))))
    }
}
