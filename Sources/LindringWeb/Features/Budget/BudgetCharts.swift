import Foundation
import LindringCore

/// The follow-up's charts: drawn from exact amounts (converted to screen coordinates only),
/// with the numbers in the tables beside them.
enum BudgetCharts {
    static func double(_ value: Decimal) -> Double { NSDecimalNumber(decimal: value).doubleValue }

    /// Twelve bars of actual spending, with the monthly budget as a line across them.
    static func spending(_ months: [AllocationFollowUp.Month], label: String, monthName: (BudgetMonth) -> String) -> String {
        let width = 480.0, height = 240.0, bottom = 22.0
        let top = max(months.map { max(double($0.budget), double($0.actual ?? 0)) }.max() ?? 0, 1)
        let slot = width / 12
        func y(_ value: Double) -> Double { height - height * max(value, 0) / top }
        var chart = SVGChart(kind: "budget-spending", label: label, width: width, height: height + bottom)
        for (index, month) in months.enumerated() {
            if let actual = month.actual {
                let barTop = y(double(actual))
                chart.rect(
                    x: Double(index) * slot + slot * 0.15, y: barTop, width: slot * 0.7, height: height - barTop,
                    class: actual > month.budget ? "bar over" : "bar", title: "\(monthName(month.month)): \(DanishNumber.kroner(actual))")
            }
        }
        chart.polyline(months.enumerated().map { (x: Double($0.offset) * slot + slot / 2, y: y(double($0.element.budget))) }, class: "reference")
        chart.text(monthName(months[0].month), x: 0, y: height + 15, class: "axis")
        chart.text("max " + DanishNumber.kroner(Decimal(top).rounded(scale: 0)), x: width, y: height + 15, anchor: .end, class: "axis")
        return chart.rendered
    }

    /// A part's activity (bars) over the year, with its spending (a line) on its own scale.
    static func activity(_ counts: [Decimal?], spending: [Decimal?], label: String, year: Int) -> String {
        let width = 480.0, height = 200.0, bottom = 22.0
        let topCount = max(counts.compactMap { $0.map(double) }.max() ?? 0, 1)
        let topSpend = max(spending.compactMap { $0.map(double) }.max() ?? 0, 1)
        let slot = width / 12
        var chart = SVGChart(kind: "budget-activity", label: label, width: width, height: height + bottom)
        for (index, count) in counts.enumerated() {
            guard let count else { continue }
            let barHeight = height * max(double(count), 0) / topCount
            chart.rect(
                x: Double(index) * slot + slot * 0.15, y: height - barHeight, width: slot * 0.7, height: barHeight, class: "bar",
                title: "\(index + 1)/\(year): \(DanishNumber.decimal(count, decimals: count.shownDecimals(fewest: 0, most: 1)))")
        }
        let points = spending.enumerated().compactMap { index, value in
            value.map { (x: Double(index) * slot + slot / 2, y: height - height * max(double($0), 0) / topSpend) }
        }
        if points.count > 1 { chart.polyline(points, class: "reference") }
        for point in points { chart.circle(x: point.x, y: point.y, radius: 3, class: "reference-point") }
        chart.text("1/\(year)", x: 0, y: height + 15, class: "axis")
        chart.text("max \(SVGChart.number(topCount))", x: width, y: height + 15, anchor: .end, class: "axis")
        return chart.rendered
    }
}
