import Foundation
import LindringCore
import Testing

@testable import LindringWeb

/// Issue 18, item 12: trend charts with axes, dates and the severity bands, in Danish numbers.
@Suite struct TrendChartTests {
    let da = Localizer(.danish), en = Localizer(.english)

    func at(_ date: String, hour: Int = 12) -> Date {
        DanishCalendar.instant(LocalDate(date)!, hour: hour)!
    }

    /// The texts of the elements of one class, in order.
    func texts(_ svg: String, _ cls: String) -> [String] {
        svg.components(separatedBy: "class=\"\(cls)\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    @Test(arguments: [
        (0.0, 90.0, [0.0, 30, 60, 90]), (0, 68, [0, 17, 34, 51, 68]), (0, 10, [0, 2, 4, 6, 8, 10]), (1, 7, [1, 2, 3, 4, 5, 6, 7]),
        (0, 4, [0, 1, 2, 3, 4]), (0, 100, [0, 20, 40, 60, 80, 100]), (0, 20, [0, 5, 10, 15, 20]), (0, 16, [0, 4, 8, 12, 16]),
        (0, 60, [0, 20, 40, 60]), (0, 12, [0, 3, 6, 9, 12]),
    ])
    func theYAxisHasRoundTicksUpToTheTopOfTheScale(minimum: Double, maximum: Double, ticks: [Double]) {
        #expect(TrendChart.ticks(minimum, maximum) == ticks)
    }

    @Test func anItemChartShadesItsBandsAndLabelsItsAxesInDanish() throws {
        // given: ESAS-r pain over three weeks, severe at the end, under the default bands (1 mild, 4 moderate, 7 severe)
        let group = try #require(Instrument.esasR.thresholdGroups.first)
        let points = [
            TrendChart.Point(at: at("2025-11-20"), value: 2, severity: .mild), TrendChart.Point(at: at("2025-11-27"), value: 5, severity: .moderate),
            TrendChart.Point(at: at("2025-12-03", hour: 14), value: 9, severity: .severe),
        ]
        // when
        let chart = TrendChart.item(label: "ESAS-r Smerte", points: points, range: 0...10, group: group, bands: group.defaults)
        let svg = chart.svg(da)
        // then: the y axis 0–10, the dates as "3. dec.", and the three bands from half a step below each threshold
        #expect(texts(svg, "axis y-tick") == ["0", "2", "4", "6", "8", "10"])
        #expect(texts(svg, "axis x-tick") == ["20. nov.", "27. nov.", "3. dec."])
        #expect(
            chart.bands == [
                TrendChart.Band(severity: .mild, from: 0.5, to: 3.5), TrendChart.Band(severity: .moderate, from: 3.5, to: 6.5),
                TrendChart.Band(severity: .severe, from: 6.5, to: 10.5),
            ])
        for severity in ["mild", "moderate", "severe"] { #expect(svg.contains("class=\"band band-\(severity)\"")) }
        // the severe answer lies in the severe band, drawn as severe, and says when it was given
        let severeBand = chart.y(6.5)
        #expect(chart.y(9) < severeBand && chart.y(5) > severeBand)
        #expect(svg.contains("class=\"dot severity-severe\"><title>3. dec. 2025 kl. 14:00: 9</title>"))
        #expect(svg.contains("aria-label=\"ESAS-r Smerte: 3 målinger fra 20. nov. 2025 til 3. dec. 2025. Seneste: 9 (svær)."))
        #expect(svg.contains("<polyline"))
        // in English
        #expect(texts(chart.svg(en), "axis x-tick") == ["20 Nov", "27 Nov", "3 Dec"])
    }

    @Test func whereLowIsBadTheSevereBandIsAtTheBottom() throws {
        // given: EORTC's quality of life, 1–7, severe at 2 or less
        let group = try #require(Instrument.eortcQLQC15PAL.thresholdGroups.first { $0.id == "qualityOfLife" })
        // when
        let bands = TrendChart.bands(group, group.defaults)
        // then
        #expect(
            bands == [
                TrendChart.Band(severity: .mild, from: 4.5, to: 3.5), TrendChart.Band(severity: .moderate, from: 3.5, to: 2.5),
                TrendChart.Band(severity: .severe, from: 2.5, to: 0.5),
            ])
        // and a band left out (moderate equal to severe: no answer is moderate) is not drawn
        #expect(TrendChart.bands(group, SeverityBands(mild: 4, moderate: 2, severe: 2)).map(\.severity) == [.mild, .severe])
    }

    @Test func aScaleWithOnePointIsCentredAndItsScoreIsWrittenTheDanishWay() {
        // when
        let chart = TrendChart.scale(label: "EORTC Træthed", points: [TrendChart.Point(at: at("2026-01-05"), value: 13.64)], maximum: 100)
        let svg = chart.svg(da)
        // then: one dot in the middle, no line, no bands, one date
        #expect(svg.components(separatedBy: "<circle").count == 2 && !svg.contains("<polyline") && !svg.contains("band-"))
        #expect(svg.contains("cx=\"\(SVGChart.number(TrendChart.left + TrendChart.plotWidth / 2))\""))
        #expect(svg.contains("<title>5. jan. 2026 kl. 12:00: 13,6</title>") && !svg.contains("13.6"))
        #expect(texts(svg, "axis x-tick") == ["5. jan."])
        #expect(texts(svg, "axis y-tick") == ["0", "20", "40", "60", "80", "100"])
        #expect(svg.contains("aria-label=\"EORTC Træthed: én måling, 5. jan. 2026: 13,6."))
    }

    @Test func manyPointsGetDatesThatDoNotOverlapAndTheYearWhereItChanges() {
        // given: a screening every third day for half a year, over the new year
        let start = at("2025-10-01")
        let points = (0..<60).map { TrendChart.Point(at: start.addingTimeInterval(Double($0) * 3 * 86_400), value: Double($0 % 11)) }
        // when
        let chart = TrendChart.scale(label: "ESAS-r Samlet", points: points, maximum: 90)
        let labels = chart.dateLabels(da)
        // then: the first and the newest day, a few between, none overlapping, each within the chart
        #expect(labels.first?.text == "1. okt. 2025" && labels.last?.text.hasPrefix("27. mar.") == true)
        #expect((3...6).contains(labels.count), "\(labels.map(\.text))")
        for (a, b) in zip(labels, labels.dropFirst()) {
            #expect(b.x - a.x >= Double(a.text.count + b.text.count) * 3.1, "\(a.text) and \(b.text) overlap")
        }
        #expect(labels.allSatisfy { $0.x - Double($0.text.count) * 3.1 >= 0 && $0.x + Double($0.text.count) * 3.1 <= TrendChart.width })
        #expect(labels.filter { $0.text.contains("202") }.count == 2, "the year on the first label and where it changes: \(labels.map(\.text))")
        #expect(chart.svg(da).contains("r=\"2.5\""), "smaller dots when there are many")
    }
}
