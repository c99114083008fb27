import Testing

@testable import LindringCore

@Suite struct InstrumentScoringTests {
    static func answers(_ values: [Int]) -> [String: AnswerValue] {
        Dictionary(uniqueKeysWithValues: values.enumerated().map { ("q\($0.offset + 1)", AnswerValue.integer($0.element)) })
    }

    @Test(
        arguments: [
            // q1…q15, expected scales
            (
                [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 7],
                ["PF2": 93.33, "EF": 100, "QL": 100, "FA": 0, "NV": 0, "PA": 0, "DY": 0, "SL": 0, "AP": 0, "CO": 0]
            ),
            (
                [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 1],
                ["PF2": 0, "EF": 0, "QL": 0, "FA": 100, "NV": 100, "PA": 100, "DY": 100, "SL": 100, "AP": 100, "CO": 100]
            ),
            (
                [2, 3, 2, 2, 3, 1, 3, 2, 2, 4, 2, 2, 2, 3, 4],
                ["PF2": 33.33, "EF": 50, "QL": 50, "FA": 44.44, "NV": 16.67, "PA": 50, "DY": 33.33, "SL": 0, "AP": 33.33, "CO": 100]
            ),
        ] as [([Int], [String: Double])])
    func eortcQLQC15PALMatchesTheManualsVectors(values: [Int], expected: [String: Double]) throws {
        let result = try Instrument.eortcQLQC15PAL.score(Self.answers(values))
        for (scale, value) in expected { #expect(result.scores[scale] == value, "\(scale)") }
    }

    @Test(
        arguments: [
            // s = 12 − q1 − q2 − q3 → PF2
            ([4, 4, 4], 0.0), ([4, 4, 3], 6.67), ([3, 3, 3], 20), ([3, 3, 2], 26.67), ([2, 3, 2], 33.33),
            ([2, 2, 2], 46.67), ([2, 2, 1], 60), ([2, 1, 1], 73.33), ([1, 1, 1], 93.33),
        ] as [([Int], Double)])
    func physicalFunctioningUsesTheShortenedTable(q: [Int], expected: Double) throws {
        let result = try Instrument.eortcQLQC15PAL.score(["q1": .integer(q[0]), "q2": .integer(q[1]), "q3": .integer(q[2])])
        #expect(result.scores["PF2"] == expected)
    }

    @Test(
        arguments: [
            // q7, q11 → FA; s = 3 depends on which item is higher
            (1, 1, 0.0), (2, 1, 22.22), (2, 2, 33.33), (3, 2, 44.44), (2, 3, 55.56), (4, 1, 44.44), (1, 4, 55.56), (3, 3, 66.67), (4, 3, 88.89),
            (4, 4, 100),
        ] as [(Int, Int, Double)])
    func fatigueUsesTheShortenedTable(q7: Int, q11: Int, expected: Double) throws {
        #expect(try Instrument.eortcQLQC15PAL.score(["q7": .integer(q7), "q11": .integer(q11)]).scores["FA"] == expected)
    }

    @Test(arguments: [(4, 4, 0.0), (4, 3, 16.67), (3, 3, 41.67), (3, 2, 50), (2, 2, 66.67), (2, 1, 83.33), (1, 1, 100)] as [(Int, Int, Double)])
    func emotionalFunctioningUsesTheShortenedTable(q13: Int, q14: Int, expected: Double) throws {
        #expect(try Instrument.eortcQLQC15PAL.score(["q13": .integer(q13), "q14": .integer(q14)]).scores["EF"] == expected)
    }

    @Test func missingItems() throws {
        // PA is scored from one of its two items (at least half answered); the shortened scales are missing if any item is
        let result = try Instrument.eortcQLQC15PAL.score(["q5": .integer(3), "q1": .integer(1), "q2": .integer(1)])
        #expect(result.scores["PA"] == 66.67)
        #expect(result.scores["PF2"] == .some(nil))
        #expect(result.scores["QL"] == .some(nil))
        #expect(result.scores["DY"] == .some(nil))
    }

    @Test func esasRScoresAndSeverity() throws {
        let values = [
            "pain": 7, "tiredness": 5, "drowsiness": 2, "nausea": 0, "appetite": 3, "shortnessOfBreath": 4, "depression": 1,
            "anxiety": 6, "wellbeing": 5, "other": 9,
        ]
        let result = try Instrument.esasR.score(values.mapValues { .integer($0) }.merging(["otherName": .text("Kløe")]) { a, _ in a })
        #expect(result.scores["total"] == 33)
        #expect(result.scores["physical"] == 21)
        #expect(result.scores["emotional"] == 7)
        #expect(result.severity["pain"] == .severe && result.severity["appetite"] == .mild && result.severity["nausea"] == Severity.none)
        #expect(result.severity["shortnessOfBreath"] == .moderate)
        #expect(result.trafficLight == .red)
    }

    @Test(arguments: [(2, TrafficLight.amber), (3, .red), (4, .red), (1, .green), (0, .green)] as [(Int, TrafficLight)])
    func iposTrafficLight(worst: Int, light: TrafficLight) throws {
        var values = Dictionary(uniqueKeysWithValues: IPOS.items.map { ($0, AnswerValue.integer(0)) })
        values["weakness"] = .integer(worst)
        let result = try Instrument.ipos.score(values)
        #expect(result.trafficLight == light)
        #expect(result.scores["total"] == Double(worst) && result.scores["physical"] == Double(worst))
        #expect(result.scores["emotional"] == 0 && result.scores["communication"] == 0)
    }

    @Test func iposScalesAreMissingWhenAnItemIs() throws {
        let result = try Instrument.ipos.score(["pain": .integer(4), "mainConcerns": .text("Smerter om natten")])
        #expect(result.scores["total"] == .some(nil) && result.scores["physical"] == .some(nil))
        #expect(result.trafficLight == .red)
    }

    @Test func badAnswersAreNamedOneByOne() {
        let failure = #expect(throws: ValidationFailure.self) {
            try Instrument.esasR.score([
                "pain": .integer(11), "nausea": .other, "hiccups": .integer(2), "anxiety": .text("3"), "depression": .integer(-1),
            ])
        }
        #expect(
            failure?.errors.sorted { $0.field < $1.field } == [
                FieldError("answers.anxiety", .notAnInteger), FieldError("answers.depression", .outOfRange),
                FieldError("answers.hiccups", .unknownItem),
                FieldError("answers.nausea", .notAnInteger), FieldError("answers.pain", .outOfRange),
            ])
        #expect(throws: ValidationFailure.self) { try Instrument.eortcQLQC15PAL.score(["q15": .integer(8)]) }
        #expect(throws: ValidationFailure.self) { try Instrument.eortcQLQC15PAL.score(["q1": .integer(0)]) }
    }
}
