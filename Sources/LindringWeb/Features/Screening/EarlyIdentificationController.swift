import Foundation
import Hummingbird
import LindringCore
import LindringStore
import Plot

/// `/screening`: early identification across the region. Per department, hospital or
/// municipality: patients screened with SPICT-DK, the share found to have palliative needs
/// and the share of those who have a shared plan, cancer and non-cancer side by side.
struct EarlyIdentificationController {
    let services: AppServices

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.screening.routerPath, use: show)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.require(.viewScreeningOverview)
        let page = PageContext(context, path: Routes.screening())
        do {
            let query = try EarlyIdentificationQuery.parse(request.query)
            return .html(
                EarlyIdentificationViews.page(
                    page, query: query, report: try await query.run(services), canConfigure: user.can(.configureScreening),
                    errors: [], typed: request.query))
        } catch let failure as ValidationFailure {
            return .html(
                EarlyIdentificationViews.page(
                    page, query: nil, report: nil, canConfigure: user.can(.configureScreening), errors: failure.errors,
                    typed: request.query), status: .unprocessableContent)
        }
    }
}

enum EarlyIdentificationViews {
    static func page(
        _ page: PageContext, query: EarlyIdentificationQuery?, report: EarlyIdentificationQuery.Report?, canConfigure: Bool,
        errors: [FieldError], typed: FormData
    ) -> HTML {
        let t = page.t
        let today = LocalDate(Date(), in: DanishCalendar.timeZone)
        let range = query?.range ?? DateRange(from: today.adding(days: -364), to: today)
        return Layout.page(
            page, title: t("screening.overview.title"),
            .div(
                .class("page-heading"), .h1(.plainText(t("screening.overview.title"))),
                .if(
                    canConfigure,
                    .div(
                        .class("heading-actions"),
                        .a(
                            .class("button secondary"), .href(Routes.screeningThresholds()),
                            .plainText(t("thresholds.title")))))),
            .p(.class("lead"), .plainText(t("screening.overview.intro"))),
            .form(
                .method(.get), .action(Routes.screening()), .class("filter-form"), .id("overview-form"),
                FormFields.errorSummary(t, errors, labels: ["from": t("range.from"), "to": t("range.to"), "by": t("screening.overview.by")]),
                .div(
                    .class("grid"),
                    FormFields.text(
                        t, name: "from", label: t("range.from"), value: typed["from"] ?? range.from.description, errors: errors, type: .date),
                    FormFields.text(t, name: "to", label: t("range.to"), value: typed["to"] ?? range.to.description, errors: errors, type: .date),
                    FormFields.select(
                        t, name: "by", label: t("screening.overview.by"),
                        options: EarlyIdentificationQuery.groupings.map { ($0.rawValue, t("screening.overview.by.\($0.rawValue)")) },
                        selected: typed["by"] ?? query?.grouping.rawValue, errors: errors)),
                FormFields.submit(t("range.show"))),
            .unwrap(report) { report in table(t, report, grouping: query?.grouping ?? .department) })
    }

    static func table(
        _ t: Localizer, _ report: EarlyIdentificationQuery.Report, grouping: EarlyIdentificationOverview.Grouping
    ) -> Node<HTML.BodyContext> {
        func cells(_ c: EarlyIdentificationOverview.Counts) -> Node<HTML.TableRowContext> {
            .group(
                .td(.class("num"), .plainText(String(c.screened))),
                .td(.class("num"), .plainText(share(c.positive, of: c.screened))),
                .td(.class("num"), .plainText(share(c.withPlan, of: c.positive))))
        }
        let sub = ["screening.overview.screened", "screening.overview.positive", "screening.overview.withPlan"]
        return .div(
            .class("table-wrap"),
            .table(
                .id("early-identification"),
                .caption(.plainText(t("screening.overview.caption"))),
                .thead(
                    .tr(
                        .th(
                            .attribute(named: "rowspan", value: "2"), .attribute(named: "scope", value: "col"),
                            .plainText(t("screening.overview.by.\(grouping.rawValue)"))),
                        .th(
                            .attribute(named: "colspan", value: "3"), .attribute(named: "scope", value: "colgroup"),
                            .plainText(t("screening.overview.cancer"))),
                        .th(
                            .attribute(named: "colspan", value: "3"), .attribute(named: "scope", value: "colgroup"),
                            .plainText(t("screening.overview.nonCancer")))),
                    .tr(.forEach(sub + sub) { .th(.attribute(named: "scope", value: "col"), .class("num"), .plainText(t($0))) })),
                .tbody(
                    .if(report.groups.isEmpty, .tr(.td(.attribute(named: "colspan", value: "7"), .plainText(t("screening.overview.none"))))),
                    .forEach(report.groups) { group in
                        .tr(
                            .th(.attribute(named: "scope", value: "row"), .plainText(group.name)), cells(group.row.cancer), cells(group.row.nonCancer)
                        )
                    }),
                .tfoot(
                    .tr(
                        .th(.attribute(named: "scope", value: "row"), .plainText(t("screening.overview.total"))), cells(report.total.cancer),
                        cells(report.total.nonCancer)))))
    }

    /// "12 (40 %)": the count and its share of the whole; a dash when there is no whole.
    static func share(_ part: Int, of whole: Int) -> String {
        guard let percent = EarlyIdentificationDTO.share(part, of: whole) else { return "–" }
        return "\(part) (\(String(format: "%.0f", percent)) %)"
    }
}
