import LindringCore

/// The advisory statistics' two charts, drawn with `SVGChart`; the page's tables carry the numbers.
enum StatisticsCharts {
    /// Contacts by weekday (rows) and hour (columns), from pale (few) to deep (many), so the
    /// evening and weekend peaks stand out in print too.
    static func heatmap(_ grid: [[Int]], label: String, weekdays: [String]) -> String {
        let cell = 28.0, left = 90.0, top = 22.0
        let maxCount = max(grid.flatMap { $0 }.max() ?? 0, 1)
        var chart = SVGChart(kind: "heatmap", label: label, width: left + 24 * cell + 4, height: top + 7 * cell + 4)
        for hour in stride(from: 0, to: 24, by: 2) {
            chart.text(hour.zeroPadded(2), x: left + Double(hour) * cell + cell / 2, y: 14, anchor: .middle, class: "axis")
        }
        for (row, hours) in grid.enumerated() {
            let y = top + Double(row) * cell
            chart.text(weekdays[row], x: left - 8, y: y + cell / 2 + 4, anchor: .end, class: "axis")
            for (hour, count) in hours.enumerated() {
                let lightness = Int((96 - Double(count) / Double(maxCount) * 62).rounded())
                chart.rect(
                    x: left + Double(hour) * cell, y: y, width: cell - 2, height: cell - 2, fill: "hsl(200 60% \(lightness)%)",
                    cornerRadius: 3, title: "\(weekdays[row]) \(hour.zeroPadded(2)):00 – \(count)")
            }
        }
        return chart.rendered
    }

    /// One bar a day from `from` to `to` (at most ten years), days without contacts included.
    static func perDay(_ days: [StatisticsDTO.Day], from: LocalDate, to: LocalDate, label: String) -> String {
        let counts = Dictionary(uniqueKeysWithValues: days.map { ($0.date, $0.count) })
        var all: [(date: String, count: Int)] = []
        var day = from
        while day <= to, all.count < 3660 {
            all.append((day.description, counts[day.description] ?? 0))
            day = day.adding(days: 1)
        }
        let width = 720.0, height = 160.0, bottom = 20.0
        let maxCount = max(all.map(\.count).max() ?? 0, 1)
        let bar = width / Double(max(all.count, 1))
        var chart = SVGChart(kind: "per-day", label: label, width: width, height: height + bottom, stretches: true)
        for (index, (date, count)) in all.enumerated() {
            let barHeight = height * Double(count) / Double(maxCount)
            chart.rect(
                x: Double(index) * bar + bar * 0.1, y: height - barHeight, width: max(bar * 0.8, 0.5), height: barHeight, class: "bar",
                title: "\(date): \(count)")
        }
        chart.text(from.danish, x: 0, y: height + 15, class: "axis")
        chart.text("\(to.danish) · max \(maxCount)", x: width, y: height + 15, anchor: .end, class: "axis")
        return chart.rendered
    }
}
