import Foundation

/// An answer as submitted: only whole numbers are scored; anything else is named back as an error.
public enum AnswerValue: Equatable, Sendable {
    case integer(Int)
    case text(String)
    /// A fraction, a boolean, an object: never a valid score.
    case other
}

public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case none, mild, moderate, severe

    public static func < (a: Severity, b: Severity) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

public enum TrafficLight: String, Codable, Sendable {
    case red, amber, green

    /// Red if any item is severe, amber if any is moderate, otherwise green.
    public init(_ severities: some Sequence<Severity>) {
        let worst = severities.max() ?? .none
        self = worst == .severe ? .red : worst == .moderate ? .amber : .green
    }
}

/// A scored result: every scale (nil when it cannot be scored), each answered item's severity,
/// and the colour the clinician sees.
public struct InstrumentScore: Equatable, Sendable {
    public var scores: [String: Double?]
    public var severity: [String: Severity]
    public var trafficLight: TrafficLight

    public init(scores: [String: Double?], severity: [String: Severity], trafficLight: TrafficLight) {
        self.scores = scores
        self.severity = severity
        self.trafficLight = trafficLight
    }
}

/// The screening instruments. Each is a pure function from answers to scores, checked against
/// its manual's published examples in the tests.
public enum Instrument: String, CaseIterable, Codable, Sendable {
    case esasR = "esas-r"
    case ipos
    case eortcQLQC15PAL = "eortc-qlq-c15-pal"

    /// The scored items, in order, with their allowed range.
    public var items: [(id: String, range: ClosedRange<Int>)] {
        switch self {
        case .esasR: ESASR.items.map { ($0, 0...10) } + [("other", 0...10)]
        case .ipos: IPOS.items.map { ($0, 0...4) }
        case .eortcQLQC15PAL: (1...14).map { ("q\($0)", 1...4) } + [("q15", 1...7)]
        }
    }

    /// Free-text answers the instrument accepts besides its scored items.
    public var textItems: [String] {
        switch self {
        case .esasR: ["otherName"]
        case .ipos: ["mainConcerns"]
        case .eortcQLQC15PAL: []
        }
    }

    /// Checks every answer (unknown item, not a whole number, out of range: all reported at
    /// once, field by field) and scores the answers; item severity follows the region's bands.
    public func score(
        _ answers: [String: AnswerValue], thresholds: InstrumentThresholds = InstrumentThresholds()
    ) throws(ValidationFailure) -> InstrumentScore {
        var v = Validator()
        var values: [String: Int] = [:]
        let ranges = Dictionary(uniqueKeysWithValues: items.map { ($0.id, $0.range) })
        for (key, answer) in answers.sorted(by: { $0.key < $1.key }) {
            let field = "answers.\(key)"
            if textItems.contains(key) {
                if case .text(let text) = answer {
                    if text.count > 2000 || TextInput.hasControlCharacters(text) { v.add(field, .invalidFormat) }
                } else {
                    v.add(field, .invalidFormat)
                }
                continue
            }
            guard let range = ranges[key] else {
                v.add(field, .unknownItem)
                continue
            }
            guard case .integer(let value) = answer else {
                v.add(field, .notAnInteger)
                continue
            }
            guard range.contains(value) else {
                v.add(field, .outOfRange)
                continue
            }
            values[key] = value
        }
        try v.check()
        let scores =
            switch self {
            case .esasR: ESASR.scores(values)
            case .ipos: IPOS.scores(values)
            case .eortcQLQC15PAL: EORTCQLQC15PAL.scores(values)
            }
        let severity = severities(values, thresholds)
        return InstrumentScore(scores: scores, severity: severity, trafficLight: TrafficLight(severity.values))
    }

    /// The scales in the order they are shown, each with its highest possible score.
    public var scales: [(name: String, maximum: Double)] {
        switch self {
        case .esasR: [("total", 90), ("physical", 60), ("emotional", 20)]
        case .ipos: [("total", 68), ("physical", 40), ("emotional", 16), ("communication", 12)]
        case .eortcQLQC15PAL: ["QL", "PF2", "EF", "FA", "NV", "PA", "DY", "SL", "AP", "CO"].map { ($0, 100) }
        }
    }

    /// Two decimals, as scores are reported.
    static func rounded(_ value: Double) -> Double {
        (value * 100).rounded() / 100
    }

    /// A scale's sum, or nil when any of its items is missing.
    static func sum(_ items: [String], _ values: [String: Int]) -> Double? {
        let answered = items.compactMap { values[$0] }
        return answered.count == items.count ? Double(answered.reduce(0, +)) : nil
    }
}
