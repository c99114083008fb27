import LindringCore
import Testing

@testable import LindringWeb

/// Issue 19, item 4: one SVG builder draws the statistics and the screening trends.
@Suite struct SVGChartTests {
    @Test(arguments: [(12.0, "12"), (3.5, "3.5"), (171.0, "171"), (0.126, "0.13"), (-4.0, "-4"), (2.10, "2.1"), (171.0005, "171"), (-0.001, "0")])
    func coordinatesAreShortAndUseAPoint(value: Double, written: String) {
        #expect(SVGChart.number(value) == written)
    }

    @Test func labelsAndTitlesAreEscapedAndTheChartIsAnImage() {
        // given: a label and a title with markup in them (a unit's or a patient's name could hold any)
        var chart = SVGChart(kind: "trend", label: "Smerte <b>&</b>", width: 320, height: 150)
        chart.rect(x: 1, y: 2, width: 3, height: 4, class: "bar", title: "\"Ærø\" <script>")
        chart.text("<i>", x: 5, y: 6, anchor: .end, class: "axis")
        // when
        let svg = chart.rendered
        // then
        #expect(svg.hasPrefix("<svg class=\"chart trend\" role=\"img\" aria-label=\"Smerte &lt;b&gt;&amp;&lt;/b&gt;\" viewBox=\"0 0 320 150\""))
        #expect(svg.contains("<rect x=\"1\" y=\"2\" width=\"3\" height=\"4\" class=\"bar\"><title>&quot;Ærø&quot; &lt;script&gt;</title></rect>"))
        #expect(svg.contains("<text x=\"5\" y=\"6\" text-anchor=\"end\" class=\"axis\">&lt;i&gt;</text>"))
        #expect(!svg.contains("<script") && !svg.contains("<b>") && svg.hasSuffix("</svg>"))
    }

    @Test func theHeatmapHasACellForEveryHourOfTheWeekAndTheBusiestIsDeepest() {
        // given: one busy hour on Friday evening
        var grid = Array(repeating: Array(repeating: 0, count: 24), count: 7)
        grid[4][19] = 9
        // when
        let svg = StatisticsCharts.heatmap(grid, label: "Kontakter", weekdays: ["man", "tir", "ons", "tor", "fre", "lør", "søn"])
        // then
        #expect(svg.components(separatedBy: "<rect").count - 1 == 7 * 24)
        #expect(svg.contains("fill=\"hsl(200 60% 34%)\"><title>fre 19:00 – 9</title>"))
        #expect(svg.components(separatedBy: "fill=\"hsl(200 60% 96%)\"").count - 1 == 7 * 24 - 1)
    }

    @Test func thePerDayChartHasABarForEveryDayIncludingTheQuietOnes() throws {
        // given: a week with contacts on two days
        let from = try #require(LocalDate("2026-03-02")), to = try #require(LocalDate("2026-03-08"))
        let days = [StatisticsDTO.Day(date: "2026-03-03", count: 4), StatisticsDTO.Day(date: "2026-03-06", count: 2)]
        // when
        let svg = StatisticsCharts.perDay(days, from: from, to: to, label: "Kontakter pr. dag")
        // then
        #expect(svg.components(separatedBy: "class=\"bar\"").count - 1 == 7)
        #expect(svg.contains("<title>2026-03-05: 0</title>") && svg.contains("<title>2026-03-03: 4</title>"))
        #expect(svg.contains("preserveAspectRatio=\"none\"") && svg.contains("· max 4</text>"))
    }
}
