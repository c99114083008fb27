import Foundation
import Hummingbird
import LindringCore

/// `/indicators`: the working group's indicators, their CSV and the patients behind one.
struct IndicatorController {
    let services: AppServices
    var indicators: IndicatorService { IndicatorService(services: services) }

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.indicators.routerPath, use: page)
        router.get(Routes.indicatorsCSV.routerPath, use: csv)
        router.get(Routes.indicatorPatients.routerPath, use: patients)
    }

    @Sendable func page(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.viewIndicators)
        let query = try IndicatorQuery.parse(request.query)
        let results = try await indicators.results(query, context)
        return .html(IndicatorViews.page(PageContext(context, path: Routes.indicators()), results))
    }

    @Sendable func patients(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.viewIndicators)
        guard let raw = context.parameters.get("indicator"), let indicator = IndicatorID(rawValue: raw) else { throw AppError.notFound }
        let query = try IndicatorQuery.parse(request.query)
        let drill =
            indicator.definition.listsPatients
            ? try await indicators.drillDown(query, indicator: indicator, context) : IndicatorService.DrillDown(shown: [], hidden: 0, results: nil)
        let page = PageContext(context, path: Routes.indicators())
        return .html(
            IndicatorViews.drillDown(
                page, indicator: indicator, query: query,
                groupName: drill.results.map { IndicatorViews.groupName(page.t, $0, $0.query.group) } ?? page.t("indicators.filter.all"), drill))
    }

    /// Every indicator and group: for a Danish spreadsheet, or with `lang=en` for other systems.
    @Sendable func csv(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.viewIndicators)
        let query = try IndicatorQuery.parse(request.query)
        let results = try await indicators.results(query, context)
        let t = Localizer(context.language)
        let system = request.query["lang"] == "en"
        var csv = CSVWriter(system ? .system : .danishSpreadsheet)
        csv.row(system ? Self.systemHeader : Self.spreadsheetHeader(t))
        for row in results.rows where query.group == nil || row.group == query.group {
            let ci = row.all.confidenceInterval
            let names: [CSVValue] = [
                .text(system ? row.indicator.rawValue : IndicatorViews.name(t, row.indicator)),
                .text(system ? row.group : IndicatorViews.groupName(t, results, row.group)),
            ]
            let interval: [CSVValue] = [
                ci.map { .decimal($0.lowerBound) } ?? .empty, ci.map { .decimal($0.upperBound) } ?? .empty,
                row.standard.map(CSVValue.decimal) ?? .empty,
            ]
            csv.row(names + Self.count(row.all) + interval + Self.count(row.cancer) + Self.count(row.nonCancer))
        }
        return csv.response(filename: "indikatorer-\(query.period.lowerBound)-\(query.period.upperBound).csv")
    }

    static func count(_ c: IndicatorCount) -> [CSVValue] {
        [.integer(c.numerator), .integer(c.denominator), c.share.map(CSVValue.decimal) ?? .empty]
    }

    static let systemHeader: [CSVValue] = [
        "indicator", "group", "numerator", "denominator", "share", "confidenceLower", "confidenceUpper", "standard", "cancerNumerator",
        "cancerDenominator", "cancerShare", "nonCancerNumerator", "nonCancerDenominator", "nonCancerShare",
    ]

    static func spreadsheetHeader(_ t: Localizer) -> [CSVValue] {
        let n = t("indicators.numerator"), d = t("indicators.denominator")
        let cancer = t("indicators.column.cancer"), nonCancer = t("indicators.column.nonCancer")
        let texts: [String] = [
            t("indicators.column.indicator"), t("indicators.column.group"), n, d, t("indicators.column.all") + " %", t("indicators.ci.lower"),
            t("indicators.ci.upper"),
            t("indicators.column.standard") + " %", "\(cancer) \(n)", "\(cancer) \(d)", "\(cancer) %", "\(nonCancer) \(n)",
            "\(nonCancer) \(d)", "\(nonCancer) %",
        ]
        return texts.map(CSVValue.text)
    }
}
