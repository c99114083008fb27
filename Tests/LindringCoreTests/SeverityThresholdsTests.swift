import Testing

@testable import LindringCore

@Suite struct SeverityThresholdsTests {
    @Test func theDefaultsAreTheIssuesBands() throws {
        let esas = try Instrument.esasR.score(["pain": .integer(3), "nausea": .integer(4), "anxiety": .integer(7)])
        #expect(esas.severity == ["pain": .mild, "nausea": .moderate, "anxiety": .severe])
        let eortc = try Instrument.eortcQLQC15PAL.score(["q15": .integer(2), "q1": .integer(3)])
        #expect(eortc.severity == ["q15": .severe, "q1": .moderate])
        #expect(try Instrument.eortcQLQC15PAL.score(["q15": .integer(5)]).trafficLight == .green)
    }

    @Test func aRegionsBandsChangeTheColourButNotTheScores() throws {
        // given: ESAS-r with red only from 9 and amber from 6
        let bands = InstrumentThresholds(bands: ["items": SeverityBands(mild: 2, moderate: 6, severe: 9)])
        let answers: [String: AnswerValue] = ["pain": .integer(8), "nausea": .integer(1)]
        // when
        let standard = try Instrument.esasR.score(answers)
        let tuned = try Instrument.esasR.score(answers, thresholds: bands)
        // then
        #expect(standard.trafficLight == .red && tuned.trafficLight == .amber)
        #expect(tuned.severity == ["pain": .moderate, "nausea": Severity.none])
        #expect(tuned.scores == standard.scores)
    }

    @Test func qualityOfLifeCountsDownwards() throws {
        let bands = InstrumentThresholds(bands: ["qualityOfLife": SeverityBands(mild: 5, moderate: 4, severe: 1)])
        let result = try Instrument.eortcQLQC15PAL.score(["q15": .integer(2)], thresholds: bands)
        #expect(result.severity["q15"] == .moderate && result.trafficLight == .amber)
    }

    @Test(
        "bands out of range, out of order, at the best answer or for an unknown group are refused, each named",
        arguments: [
            (Instrument.esasR, ["items": SeverityBands(mild: 4, moderate: 3, severe: 7)], ["bands.items.moderate"]),
            (Instrument.esasR, ["items": SeverityBands(mild: 0, moderate: 4, severe: 11)], ["bands.items.mild", "bands.items.severe"]),
            (Instrument.ipos, ["items": SeverityBands(mild: 1, moderate: 3, severe: 2)], ["bands.items.severe"]),
            (Instrument.eortcQLQC15PAL, ["qualityOfLife": SeverityBands(mild: 3, moderate: 4, severe: 2)], ["bands.qualityOfLife.moderate"]),
            (Instrument.eortcQLQC15PAL, ["qualityOfLife": SeverityBands(mild: 7, moderate: 3, severe: 2)], ["bands.qualityOfLife.mild"]),
            (Instrument.ipos, ["symptoms": SeverityBands(mild: 1, moderate: 2, severe: 3)], ["bands.symptoms"]),
        ])
    func invalidBands(instrument: Instrument, bands: [String: SeverityBands], fields: [String]) {
        #expect(throws: ValidationFailure.self) { try instrument.validate(InstrumentThresholds(bands: bands)) }
        do {
            try instrument.validate(InstrumentThresholds(bands: bands))
        } catch {
            #expect(error.errors.map(\.field) == fields)
        }
    }

    @Test func equalBandsLeaveOneOut() throws {
        // mild and moderate from the same answer: there is no mild band
        let bands = InstrumentThresholds(bands: ["items": SeverityBands(mild: 2, moderate: 2, severe: 3)])
        try Instrument.ipos.validate(bands)
        #expect(
            try Instrument.ipos.score(["pain": .integer(2), "mouth": .integer(1)], thresholds: bands).severity == [
                "pain": .moderate, "mouth": Severity.none,
            ])
    }
}
