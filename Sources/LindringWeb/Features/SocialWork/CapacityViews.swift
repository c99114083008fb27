import Foundation
import LindringCore
import LindringStore
import Plot

/// The team lead's capacity page: caseload per funded social-work FTE month by month, as a chart
/// with the table beside it, the applications by outcome, and the funding periods.
enum CapacityViews {
    /// The table's and the CSV's columns after the month, in order.
    static let columns: [(key: String, value: @Sendable (CapacityMonth) -> CSVValue)] = [
        ("openFamilies", { .integer($0.openFamilies) }), ("newReferrals", { .integer($0.newReferrals) }),
        ("fundedFTE", { $0.fundedFTE.map(CSVValue.decimal) ?? .empty }), ("caseloadPerFTE", { $0.caseloadPerFTE.map(CSVValue.decimal) ?? .empty }),
        ("networkMeetings", { .integer($0.networkMeetings) }), ("consultations", { .integer($0.consultations) }),
        ("consultationHours", { .decimal($0.consultationHours) }), ("teaching", { .integer($0.teaching) }),
        ("teachingHours", { .decimal($0.teachingHours) }), ("applicationsSubmitted", { .integer($0.applicationsSubmitted) }),
    ]

    static func page(
        _ page: PageContext, report: CapacityService.Report?, errors: [FieldError], typed: FormData, notice: String?, funding form: FundingForm? = nil
    ) -> HTML {
        let t = page.t
        let range =
            report.map { DateRange(from: $0.from, to: $0.to) }
            ?? DateRange(from: CapacityService.defaultRange().from, to: CapacityService.defaultRange().to)
        let query = "?from=\(range.from)&to=\(range.to)"
        return Layout.page(
            page, title: t("capacity.title"),
            .div(
                .class("page-heading"), .h1(.plainText(t("capacity.title"))),
                .unwrap(report) { _ in
                    .div(
                        .class("actions"),
                        .a(
                            .class("button secondary"), .id("capacity-csv"), .href(Routes.socialWorkCapacityCSV() + query),
                            .plainText(t("statistics.csv"))),
                        .a(
                            .class("button secondary"), .attribute(named: "hreflang", value: "en"),
                            .href(Routes.socialWorkCapacityCSV() + query + "&lang=en"), .plainText(t("statistics.csvSystem"))))
                }),
            Notices.banner(t, notice),
            .unwrap(report) { .p(.class("lead"), .plainText(t("capacity.lead", ["team": $0.team.name]))) },
            DateRangeForm.render(
                t, action: Routes.socialWorkCapacity(), range: range, typed: typed, errors: errors.filter { $0.field == "from" || $0.field == "to" }),
            .unwrap(report) { report in
                .group(
                    .section(
                        .id("caseload"),
                        .h2(.plainText(t("capacity.caseload"))),
                        .div(
                            .class("chart-with-table"),
                            .raw(chart(report.months, label: t("capacity.chartLabel"))),
                            .div(
                                .class("table-wrap"),
                                .table(
                                    .class("capacity"),
                                    .caption(.class("visually-hidden"), .plainText(t("capacity.caseload"))),
                                    .thead(
                                        .tr(
                                            .th(.plainText(t("capacity.column.month"))),
                                            .forEach(columns) { .th(.plainText(t("capacity.column.\($0.key)"))) })),
                                    .tbody(
                                        .forEach(report.months) { month in
                                            .tr(
                                                .th(.attribute(named: "scope", value: "row"), .plainText(monthName(t, month.month))),
                                                .forEach(columns) { column in .td(.class("number"), .plainText(text(t, column.value(month)))) })
                                        }))))),
                    .section(
                        .id("applications-by-outcome"),
                        .h2(.plainText(t("capacity.applications"))),
                        .p(.plainText(t("capacity.overdueNow", ["count": String(report.totals.overdueNow)]))),
                        .dl(
                            .class("facts"),
                            .forEach(["awaiting"] + DecisionOutcome.allCases.map(\.rawValue)) { key in
                                .group(
                                    .dt(.plainText(key == "awaiting" ? t("application.awaiting") : t("decisionOutcome.\(key)"))),
                                    .dd(.plainText(String(report.totals.byOutcome[key] ?? 0))))
                            })),
                    fundingSection(page, report.funding, errors: errors, form: form))
            })
    }

    static func fundingSection(_ page: PageContext, _ funding: [FundedFTE], errors: [FieldError], form: FundingForm?) -> Node<HTML.BodyContext> {
        let t = page.t
        return .section(
            .id("funding"),
            .h2(.plainText(t("capacity.funding"))),
            .ul(
                .forEach(funding) { period in
                    .li(
                        .plainText(
                            t(
                                period.to == nil ? "capacity.fundingFrom" : "capacity.fundingPeriod",
                                ["from": period.from.danish, "to": period.to?.danish ?? "", "fte": text(t, .decimal(period.fte))])))
                }),
            .if(
                page.user?.can(.manageSocialWorkCases) == true,
                .form(
                    .method(.post), .action(Routes.socialWorkFunding()), .class("filter-form"), .id("funding-form"),
                    Layout.csrfField(page),
                    FormFields.errorSummary(
                        t, errors.filter { $0.field.hasPrefix("funding") },
                        labels: ["fundingFrom": t("capacity.field.fundingFrom"), "fundingFte": t("capacity.field.fundingFte")]),
                    .div(
                        .class("grid"),
                        FormFields.text(
                            t, name: "fundingFrom", label: t("capacity.field.fundingFrom"), value: form?.fundingFrom, errors: errors, type: .date,
                            required: true),
                        FormFields.text(
                            t, name: "fundingFte", label: t("capacity.field.fundingFte"), value: form?.fundingFte, errors: errors, required: true)),
                    FormFields.submit(t("capacity.saveFunding")))))
    }

    static func monthName(_ t: Localizer, _ month: LocalDate) -> String { "\(t("month.short.\(month.month)")) \(month.year)" }

    /// A value as the page shows it: a decimal comma in Danish.
    static func text(_ t: Localizer, _ value: CSVValue) -> String {
        switch value {
        case .empty: "–"
        case .integer(let n): String(n)
        case .decimal(let d): t.language == .danish ? "\(d)".replacingOccurrences(of: ".", with: ",") : "\(d)"
        case .text(let s): s
        }
    }

    /// One bar a month of open cases per funded FTE; where no FTE is funded, no bar.
    static func chart(_ months: [CapacityMonth], label: String) -> String {
        let width = 480.0, height = 300.0, bottom = 22.0
        let values = months.map { $0.caseloadPerFTE.map { NSDecimalNumber(decimal: $0).doubleValue } }
        let top = max(values.compactMap { $0 }.max() ?? 0, 1)
        let bar = width / Double(max(months.count, 1))
        var chart = SVGChart(kind: "capacity", label: label, width: width, height: height + bottom)
        for (index, (month, value)) in zip(months, values).enumerated() {
            guard let value else { continue }
            let barHeight = height * value / top
            chart.rect(
                x: Double(index) * bar + bar * 0.15, y: height - barHeight, width: bar * 0.7, height: barHeight, class: "bar",
                title: "\(month.month.description.prefix(7)): \(month.caseloadPerFTE.map { "\($0)" } ?? "–")")
        }
        if let first = months.first, let last = months.last {
            chart.text(String(first.month.description.prefix(7)), x: 0, y: height + 15, class: "axis")
            chart.text("\(last.month.description.prefix(7)) · max \(SVGChart.number(top))", x: width, y: height + 15, anchor: .end, class: "axis")
        }
        return chart.rendered
    }
}
