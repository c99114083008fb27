import Foundation
import LindringCore

/// A screening trend as server-rendered SVG (issue 18, item 12): a y axis with labelled ticks,
/// the dates on the x axis ("3. dec."), points placed by time (oldest left) and joined by a line,
/// and for an item the instrument's severity bands shaded behind them, so that a nurse sees when
/// a symptom entered the severe band. Drawn with `SVGChart`; numbers are Danish
/// (`DanishNumber`). The chart is an image with a summary for screen readers; the page's tables
/// carry every number.
struct TrendChart {
    struct Point {
        var at: Date
        var value: Double
        /// The item's severity as scored then (a dot's colour); nil for a scale.
        var severity: Severity?
    }

    /// A shaded band: the values from `from` to `to` (in either order) are `severity`.
    struct Band: Equatable {
        var severity: Severity
        var from: Double
        var to: Double
    }

    var label: String
    /// Oldest first.
    var points: [Point]
    /// The values the y axis spans.
    var domain: ClosedRange<Double>
    var ticks: [Double]
    var bands: [Band] = []

    static let width = 320.0, height = 150.0
    static let left = 30.0, right = 8.0, top = 8.0, bottom = 26.0
    static var plotWidth: Double { width - left - right }
    static var plotHeight: Double { height - top - bottom }
    /// Points keep this far from the y axis and the right edge.
    static let inset = 10.0

    /// A scale (a sum or a 0–100 score): its whole range, no bands.
    static func scale(label: String, points: [Point], maximum: Double) -> TrendChart {
        TrendChart(label: label, points: points, domain: 0...maximum, ticks: ticks(0, maximum))
    }

    /// An item: whole answers, half a step of room at each end, and the bands as the region sets them now.
    static func item(label: String, points: [Point], range: ClosedRange<Int>, group: ThresholdGroup?, bands: SeverityBands?) -> TrendChart {
        let low = Double(range.lowerBound), high = Double(range.upperBound)
        return TrendChart(
            label: label, points: points, domain: (low - 0.5)...(high + 0.5), ticks: ticks(low, high),
            bands: group.flatMap { group in bands.map { Self.bands(group, $0) } } ?? [])
    }

    /// Evenly spaced whole ticks from `minimum` to `maximum`: every value of a short scale, else
    /// a round step (2, 3, 5, 10, 20, 25, 30, 50…) that divides the range in at most five (or
    /// six), else the smallest step that divides it in at most six (68 → 17), so the top of the
    /// scale is always labelled.
    static func ticks(_ minimum: Double, _ maximum: Double) -> [Double] {
        let span = Int((maximum - minimum).rounded())
        guard span > 0 else { return [minimum] }
        let divisors = (1...span).filter { span % $0 == 0 && span / $0 <= 6 }
        func isRound(_ step: Int) -> Bool {
            var n = step
            while n % 10 == 0 { n /= 10 }
            return [1, 2, 3, 5].contains(n) || step == 25
        }
        // A short scale (an item's 0–4, 1–7) gets every value; a longer one at most five round steps.
        let step = divisors.first { span <= 6 || (isRound($0) && span / $0 <= 5) } ?? divisors.first(where: isRound) ?? divisors.first ?? span
        return stride(from: 0, through: span, by: step).map { minimum + Double($0) }
    }

    /// Where each severity lies on the item's scale: from the band's threshold half a step
    /// towards the better answers to the next band's (answers are whole numbers). A band left out
    /// (equal thresholds) has no height and is not drawn.
    static func bands(_ group: ThresholdGroup, _ bands: SeverityBands) -> [Band] {
        let worst = Double(group.higherIsWorse ? group.range.upperBound : group.range.lowerBound)
        let half = group.higherIsWorse ? -0.5 : 0.5
        let edges = [Double(bands.mild) + half, Double(bands.moderate) + half, Double(bands.severe) + half, worst - half]
        return zip([Severity.mild, .moderate, .severe], zip(edges, edges.dropFirst())).compactMap { severity, edge in
            edge.0 == edge.1 ? nil : Band(severity: severity, from: edge.0, to: edge.1)
        }
    }

    func y(_ value: Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        let clamped = min(max(value, domain.lowerBound), domain.upperBound)
        return Self.top + (1 - (clamped - domain.lowerBound) / span) * Self.plotHeight
    }

    /// Placed by time; one point, or several at one instant, in the middle.
    func x(_ at: Date) -> Double {
        guard let first = points.first?.at, let last = points.last?.at, last > first else { return Self.left + Self.plotWidth / 2 }
        let share = at.timeIntervalSince(first) / last.timeIntervalSince(first)
        return Self.left + Self.inset + share * (Self.plotWidth - 2 * Self.inset)
    }

    /// "3. dec." (with the year where the chart's dates span more than one), from the catalog.
    static func date(_ t: Localizer, _ at: Date, withYear: Bool = false) -> String {
        let c = DanishCalendar.components(of: at)
        return t(
            withYear ? "chart.dayMonthYear" : "chart.dayMonth", ["day": String(c.day), "month": t("month.short.\(c.month)"), "year": String(c.year)])
    }

    /// The dates under the x axis: the first and the last day, and each day between them whose
    /// label has room beside its neighbours (widths estimated from the text), left to right.
    func dateLabels(_ t: Localizer) -> [(x: Double, text: String)] {
        let years = Set(points.map { DanishCalendar.components(of: $0.at).year })
        var days: [(x: Double, day: LocalDate, at: Date)] = []
        for point in points {
            let day = LocalDate(point.at, in: DanishCalendar.timeZone)
            if days.last?.day != day { days.append((x(point.at), day, point.at)) }
        }
        guard !days.isEmpty else { return [] }
        // The year where the dates span more than one: on the first label and where it changes.
        func text(_ index: Int, after previous: Int?) -> String {
            Self.date(t, days[index].at, withYear: years.count > 1 && previous.map { days[$0].day.year != days[index].day.year } ?? (years.count > 1))
        }
        func width(_ text: String) -> Double { Double(text.count) * 6.2 }
        func room(_ a: Int, _ textA: String, _ b: Int, _ textB: String) -> Bool {
            days[b].x - days[a].x >= (width(textA) + width(textB)) / 2 + 8
        }
        let last = days.count - 1
        var chosen: [(index: Int, text: String)] = [(0, text(0, after: nil))]
        for index in 1..<days.count where index < last {
            let previous = chosen[chosen.count - 1], label = text(index, after: previous.index)
            if room(previous.index, previous.text, index, label), room(index, label, last, text(last, after: index)) { chosen.append((index, label)) }
        }
        if last > 0 { chosen.append((last, text(last, after: chosen[chosen.count - 1].index))) }
        return chosen.map { index, label in
            let half = width(label) / 2 + 1
            return (min(max(days[index].x, half), Self.width - half), label)
        }
    }

    /// What a screen reader hears: the count, the first and last date, the newest value.
    func summary(_ t: Localizer) -> String {
        guard let first = points.first, let last = points.last else { return label }
        var value = DanishNumber.score(last.value)
        if let severity = last.severity, severity != .none { value += " (" + t.label("severity", severity).lowercased() + ")" }
        let key = points.count == 1 ? "chart.summaryOne" : "chart.summary"
        return t(
            key,
            [
                "label": label, "count": String(points.count), "first": Self.date(t, first.at, withYear: true),
                "last": Self.date(t, last.at, withYear: true), "value": value,
            ])
    }

    func svg(_ t: Localizer) -> String {
        let left = Self.left, top = Self.top, plotWidth = Self.plotWidth, base = Self.top + Self.plotHeight
        var chart = SVGChart(kind: "trend", label: summary(t), width: Self.width, height: Self.height)
        chart.rect(x: left, y: top, width: plotWidth, height: Self.plotHeight, class: "frame")
        for band in bands {
            let y1 = y(max(band.from, band.to)), y2 = y(min(band.from, band.to))
            chart.rect(x: left, y: y1, width: plotWidth, height: y2 - y1, class: "band band-\(band.severity.rawValue)")
        }
        for tick in ticks {
            chart.line(x1: left, y1: y(tick), x2: left + plotWidth, y2: y(tick), class: "grid")
            chart.text(DanishNumber.score(tick), x: left - 5, y: y(tick) + 4, anchor: .end, class: "axis y-tick")
        }
        chart.line(x1: left, y1: top, x2: left, y2: base, class: "axis-line")
        chart.line(x1: left, y1: base, x2: left + plotWidth, y2: base, class: "axis-line")
        for label in dateLabels(t) {
            chart.text(label.text, x: label.x, y: Self.height - 8, anchor: .middle, class: "axis x-tick")
        }
        for point in points {
            chart.line(x1: x(point.at), y1: base, x2: x(point.at), y2: base + 4, class: "axis-line")
        }
        let coordinates = points.map { (x: x($0.at), y: y($0.value)) }
        if coordinates.count > 1 { chart.polyline(coordinates, class: "line") }
        let radius = points.count > 40 ? 2.5 : 3.5
        for (point, position) in zip(points, coordinates) {
            let c = DanishCalendar.components(of: point.at)
            let title = t(
                "chart.point",
                [
                    "date": Self.date(t, point.at, withYear: true), "time": "\(c.hour.zeroPadded(2)):\(c.minute.zeroPadded(2))",
                    "value": DanishNumber.score(point.value),
                ])
            chart.circle(x: position.x, y: position.y, radius: radius, class: "dot severity-\(point.severity?.rawValue ?? "none")", title: title)
        }
        return chart.rendered
    }
}
