import Foundation
import LindringCore

/// An indicator period by period: a bar per period (its share in per cent), the standard as a
/// dashed line across, on a fixed 0–100 scale so that two charts compare at a glance.
enum IndicatorCharts {
    static func series(_ points: [IndicatorPoint], standard: Decimal?, label: String, periodName: (LocalDate) -> String) -> String {
        let width = 520.0, height = 200.0, left = 44.0, top = 10.0, bottom = 22.0
        let slot = (width - left) / Double(max(points.count, 1))
        func y(_ percent: Double) -> Double { top + height - height * percent / 100 }
        var chart = SVGChart(kind: "indicator", label: label, width: width, height: top + height + bottom)
        for tick in [0.0, 50, 100] {
            chart.line(x1: left, y1: y(tick), x2: width, y2: y(tick), class: "grid")
            chart.text("\(Int(tick)) %", x: left - 4, y: y(tick) + 4, anchor: .end, class: "axis")
        }
        for (index, point) in points.enumerated() {
            guard let share = point.count.share else { continue }
            // A share of 0 % is drawn as a sliver, so that it differs from a period without cases.
            let barTop = min(y(double(share)), y(0) - 2)
            chart.rect(
                x: left + Double(index) * slot + slot * 0.15, y: barTop, width: slot * 0.7, height: y(0) - barTop,
                class: standard.map { share >= $0 ? "bar met" : "bar unmet" } ?? "bar",
                title:
                    "\(periodName(point.start)): \(DanishNumber.decimal(share, decimals: 1)) % (\(point.count.numerator)/\(point.count.denominator))")
        }
        if let standard {
            chart.line(x1: left, y1: y(double(standard)), x2: width, y2: y(double(standard)), class: "standard")
        }
        if let first = points.first { chart.text(periodName(first.start), x: left, y: top + height + 15, class: "axis") }
        if points.count > 1, let last = points.last {
            chart.text(periodName(last.start), x: width, y: top + height + 15, anchor: .end, class: "axis")
        }
        return chart.rendered
    }

    static func double(_ value: Decimal) -> Double { NSDecimalNumber(decimal: value).doubleValue }
}
