/// EORTC QLQ-C15-PAL, scored by the EORTC scoring manual and the C15-PAL addendum: the
/// shortened physical-functioning, emotional-functioning, fatigue and nausea scales use the
/// addendum's tables, which make them comparable with QLQ-C30 scores.
enum EORTCQLQC15PAL {
    /// Multi-item and single-item symptom scales scored the standard way.
    static let symptomScales: [(String, [String])] = [("PA", ["q5", "q12"]), ("DY", ["q4"]), ("SL", ["q6"]), ("AP", ["q8"]), ("CO", ["q10"])]

    static func scores(_ values: [String: Int]) -> [String: Double?] {
        var scores: [String: Double?] = [
            "QL": standard(["q15"], values, range: 6),
            "PF2": pf2(values), "EF": ef(values), "FA": fa(values), "NV": nv(values),
        ]
        for (name, items) in symptomScales { scores[name] = standard(items, values, range: 3) }
        return scores.mapValues { $0.map(Instrument.rounded) }
    }

    /// RS = mean of the answered items, scored when at least half are answered; S = (RS − 1) / range × 100.
    static func standard(_ items: [String], _ values: [String: Int], range: Double) -> Double? {
        let answered = items.compactMap { values[$0] }
        guard !answered.isEmpty, Double(answered.count) * 2 >= Double(items.count) else { return nil }
        let raw = Double(answered.reduce(0, +)) / Double(answered.count)
        return (raw - 1) / range * 100
    }

    /// The shortened scales are missing if any of their items is.
    static func all(_ items: [String], _ values: [String: Int]) -> [Int]? {
        let answered = items.compactMap { values[$0] }
        return answered.count == items.count ? answered : nil
    }

    static func pf2(_ values: [String: Int]) -> Double? {
        guard let q = all(["q1", "q2", "q3"], values) else { return nil }
        let s = 12 - q[0] - q[1] - q[2]
        let table = [6: 46.67, 7: 60.00, 8: 73.33, 9: 93.33]
        return table[s] ?? Double(s) * 100 / 15
    }

    static func ef(_ values: [String: Int]) -> Double? {
        guard let q = all(["q13", "q14"], values) else { return nil }
        return [0, 16.67, 41.67, 50, 66.67, 83.33, 100][8 - q[0] - q[1]]
    }

    static func fa(_ values: [String: Int]) -> Double? {
        guard let q = all(["q7", "q11"], values) else { return nil }
        let s = q[0] + q[1] - 2
        if s == 3 { return q[0] > q[1] ? 44.44 : 55.56 }
        return [0, 22.22, 33.33, 0, 66.67, 88.89, 100][s]
    }

    static func nv(_ values: [String: Int]) -> Double? {
        guard let q = all(["q9"], values) else { return nil }
        return [0, 16.67, 50, 100][q[0] - 1]
    }
}
