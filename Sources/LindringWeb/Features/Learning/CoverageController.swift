import Foundation
import Hummingbird
import LindringCore
import LindringStore
import Plot

/// `/learning/coverage`: where training and early identification lag, group by group, as a
/// chart with the table beside it, and as CSV.
struct CoverageController {
    let services: AppServices
    var coverage: CoverageService { CoverageService(services: services) }

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.learningCoverage.routerPath, use: show)
        router.get(Routes.learningCoverageCSV.routerPath, use: csv)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        guard CoverageService.mayRead(try context.requireUser()) else { throw AppError.forbidden }
        let page = PageContext(context, path: Routes.learningCoverage())
        do {
            let report = try await coverage.report(try CoverageService.Query.parse(request.query), context)
            return .html(CoverageViews.page(page, report: report, typed: request.query, errors: []))
        } catch let failure as ValidationFailure {
            return .html(CoverageViews.page(page, report: nil, typed: request.query, errors: failure.errors), status: .unprocessableContent)
        }
    }

    @Sendable func csv(_ request: Request, context: AppContext) async throws -> Response {
        let report = try await coverage.report(try CoverageService.Query.parse(request.query), context)
        let t = PageContext(context, path: Routes.learningCoverage()).t
        let forSystems = request.query["lang"] == "en"
        var csv = CSVWriter(forSystems ? .system : .danishSpreadsheet)
        csv.row(CoverageViews.columns.map { .text(forSystems ? $0 : t("coverage.column.\($0)")) })
        for (key, row) in report.rows + [("total", report.total)] {
            csv.row([
                .text(row.group), .text(key), .integer(row.staff), .integer(row.completed), row.share.map(CSVValue.decimal) ?? .empty,
                row.screenedPatients.map(CSVValue.integer) ?? .empty, row.planShare.map(CSVValue.decimal) ?? .empty,
            ])
        }
        return csv.response(filename: "coverage-\(report.query.by.rawValue)-\(report.query.level.rawValue)\(forSystems ? "-en" : "").csv")
    }
}

enum CoverageViews {
    static let columns = ["group", "key", "staff", "completed", "share", "screenedPatients", "planShare"]

    static func page(_ page: PageContext, report: CoverageService.Report?, typed: FormData, errors: [FieldError]) -> HTML {
        let t = page.t
        return Layout.page(
            page, title: t("coverage.title"),
            .p(.a(.href(Routes.learning()), .plainText("← " + t("learning.title")))),
            .h1(.plainText(t("coverage.title"))),
            .p(.class("lead"), .plainText(t("coverage.lead"))),
            .form(
                .method(.get), .action(Routes.learningCoverage()), .class("filters"),
                FormFields.select(
                    t, name: "by", label: t("coverage.by"), options: t.options("coverage.by", CoverageGrouping.self),
                    selected: typed["by"] ?? "department",
                    errors: errors),
                FormFields.select(
                    t, name: "level", label: t("learning.offer.level"), options: t.options("competenceLevel", CompetenceLevel.self),
                    selected: typed["level"] ?? "basal", errors: errors),
                .div(.class("field"), .button(.type(.submit), .class("button secondary"), .plainText(t("learning.filter.apply"))))),
            .unwrap(report) { report in
                let query = "?by=\(report.query.by.rawValue)&level=\(report.query.level.rawValue)"
                return .group(
                    .p(
                        .a(.class("button secondary"), .href(Routes.learningCoverageCSV() + query), .plainText(t("coverage.csv"))), .plainText(" "),
                        .a(.href(Routes.learningCoverageCSV() + query + "&lang=en"), .plainText(t("coverage.csvSystems")))),
                    report.rows.isEmpty
                        ? .p(.plainText(t("coverage.none")))
                        : .div(
                            .class("chart-and-table"),
                            .div(
                                .class("chart-box"), .p(.class("hint"), .plainText(t("coverage.legend"))),
                                .raw(chart(t, report))),
                            table(t, report)))
            })
    }

    static func percent(_ t: Localizer, _ share: Decimal?) -> String {
        guard let share else { return "–" }
        var value = share * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 1, .plain)
        return CapacityViews.text(t, .decimal(rounded)) + " %"
    }

    static func table(_ t: Localizer, _ report: CoverageService.Report) -> Node<HTML.BodyContext> {
        let screening = report.query.by != .profession
        return .div(
            .class("table-wrap"),
            .table(
                .class("coverage cards-on-phone"),
                .caption(.plainText(t("coverage.caption", ["level": t.label("competenceLevel", report.query.level)]))),
                .thead(
                    .tr(
                        .th(.plainText(t("coverage.column.group"))), .th(.class("number"), .plainText(t("coverage.column.staff"))),
                        .th(.class("number"), .plainText(t("coverage.column.completed"))),
                        .th(.class("number"), .plainText(t("coverage.column.share"))),
                        .if(
                            screening,
                            .group(
                                .th(.class("number"), .plainText(t("coverage.column.screenedPatients"))),
                                .th(.class("number"), .plainText(t("coverage.column.planShare"))))))),
                .tbody(
                    .forEach(report.rows + [("total", report.total)]) { key, row in
                        .tr(
                            .class(key == "total" ? "total" : ""),
                            .th(.attribute(named: "scope", value: "row"), .plainText(row.group)),
                            .td(.class("number"), .attribute(named: "data-label", value: t("coverage.column.staff")), .plainText(String(row.staff))),
                            .td(
                                .class("number"), .attribute(named: "data-label", value: t("coverage.column.completed")),
                                .plainText(String(row.completed))),
                            .td(
                                .class("number"), .attribute(named: "data-label", value: t("coverage.column.share")),
                                .plainText(percent(t, row.share))),
                            .if(
                                screening,
                                .group(
                                    .td(
                                        .class("number"), .attribute(named: "data-label", value: t("coverage.column.screenedPatients")),
                                        .plainText(row.screenedPatients.map(String.init) ?? "–")),
                                    .td(
                                        .class("number"), .attribute(named: "data-label", value: t("coverage.column.planShare")),
                                        .plainText(percent(t, row.planShare))))))
                    })))
    }

    /// One bar per group: the share trained, and beside it (a thinner bar) the share of identified
    /// patients with a plan, so a group where both lag stands out.
    static func chart(_ t: Localizer, _ report: CoverageService.Report) -> String {
        let rows = report.rows.map(\.row)
        let labelWidth = 300.0
        let barWidth = 380.0
        let rowHeight = 26.0
        var chart = SVGChart(
            kind: "coverage", label: t("coverage.chartLabel", ["level": t.label("competenceLevel", report.query.level)]),
            width: labelWidth + barWidth + 60,
            height: Double(rows.count) * rowHeight + 30)
        for tick in [0.0, 0.5, 1.0] {
            let x = labelWidth + tick * barWidth
            chart.line(x1: x, y1: 0, x2: x, y2: Double(rows.count) * rowHeight, class: "grid")
            chart.text("\(Int(tick * 100)) %", x: x, y: Double(rows.count) * rowHeight + 18, anchor: .middle, class: "axis")
        }
        for (index, row) in rows.enumerated() {
            let y = Double(index) * rowHeight
            let name = row.group.count > 40 ? String(row.group.prefix(39)) + "…" : row.group
            chart.text(name, x: labelWidth - 8, y: y + 17, anchor: .end, class: "label")
            let share = row.share.map { NSDecimalNumber(decimal: $0).doubleValue } ?? 0
            chart.rect(
                x: labelWidth, y: y + 4, width: max(1, share * barWidth), height: 12, class: "bar trained",
                title: "\(row.group): \(percent(t, row.share)) \(t("coverage.column.share").lowercased())")
            if let plan = row.planShare {
                chart.rect(
                    x: labelWidth, y: y + 17, width: max(1, NSDecimalNumber(decimal: plan).doubleValue * barWidth), height: 5, class: "bar plan",
                    title: "\(row.group): \(percent(t, plan)) \(t("coverage.column.planShare").lowercased())")
            }
            chart.text(percent(t, row.share), x: labelWidth + max(1, share * barWidth) + 6, y: y + 15, class: "value")
        }
        return chart.rendered
    }
}
