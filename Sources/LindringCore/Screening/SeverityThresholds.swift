/// Where an item's answers turn mild, moderate and severe: the first answer, counting from the
/// best one, that falls in each band. Regions tune these per instrument (an administrator's
/// setting), so the traffic light matches how their clinicians triage.
public struct SeverityBands: Codable, Equatable, Sendable {
    public var mild: Int
    public var moderate: Int
    public var severe: Int

    public init(mild: Int, moderate: Int, severe: Int) {
        self.mild = mild
        self.moderate = moderate
        self.severe = severe
    }
}

/// Items of one instrument that share a scale and direction, and so share their bands.
public struct ThresholdGroup: Sendable {
    public var id: String
    public var items: [String]
    public var range: ClosedRange<Int>
    /// False for items where a low answer is the bad one (EORTC's overall quality of life).
    public var higherIsWorse: Bool
    public var defaults: SeverityBands

    /// The answer that is best: bands are counted from it.
    public var best: Int { higherIsWorse ? range.lowerBound : range.upperBound }

    public func severity(_ value: Int, _ bands: SeverityBands) -> Severity {
        func reached(_ threshold: Int) -> Bool { higherIsWorse ? value >= threshold : value <= threshold }
        if reached(bands.severe) { return .severe }
        if reached(bands.moderate) { return .moderate }
        if reached(bands.mild) { return .mild }
        return .none
    }

    /// Each threshold within the item's range, past the best answer (which is always "none"),
    /// and in order: mild, then moderate, then severe, equal ones allowed (a band left out).
    public func check(_ bands: SeverityBands, field: String, into v: inout Validator) {
        let ordered = [("mild", bands.mild), ("moderate", bands.moderate), ("severe", bands.severe)]
        var previous: Int?
        for (name, value) in ordered {
            if !range.contains(value) || value == best {
                v.add("\(field).\(name)", .outOfRange)
            } else if let previous, higherIsWorse ? value < previous : value > previous {
                v.add("\(field).\(name)", .outOfOrder)
            }
            previous = value
        }
    }
}

/// An instrument's bands, group by group; a group left out uses its defaults.
public struct InstrumentThresholds: Codable, Equatable, Sendable {
    public var bands: [String: SeverityBands]

    public init(bands: [String: SeverityBands] = [:]) {
        self.bands = bands
    }

    public func bands(for group: ThresholdGroup) -> SeverityBands {
        bands[group.id] ?? group.defaults
    }
}

extension Instrument {
    /// The groups whose bands an administrator may set, with the defaults: ESAS-r
    /// 1–3 mild, 4–6 moderate, 7–10 severe; IPOS 1 mild, 2 moderate, 3–4 severe; EORTC items
    /// 2 mild, 3 moderate, 4 severe, and overall quality of life 4 mild, 3 moderate, 1–2 severe.
    public var thresholdGroups: [ThresholdGroup] {
        switch self {
        case .esasR:
            [
                ThresholdGroup(
                    id: "items", items: ESASR.items + ["other"], range: 0...10, higherIsWorse: true,
                    defaults: SeverityBands(mild: 1, moderate: 4, severe: 7))
            ]
        case .ipos:
            [
                ThresholdGroup(
                    id: "items", items: IPOS.items, range: 0...4, higherIsWorse: true, defaults: SeverityBands(mild: 1, moderate: 2, severe: 3))
            ]
        case .eortcQLQC15PAL:
            [
                ThresholdGroup(
                    id: "items", items: (1...14).map { "q\($0)" }, range: 1...4, higherIsWorse: true,
                    defaults: SeverityBands(mild: 2, moderate: 3, severe: 4)),
                ThresholdGroup(
                    id: "qualityOfLife", items: ["q15"], range: 1...7, higherIsWorse: false,
                    defaults: SeverityBands(mild: 4, moderate: 3, severe: 2)),
            ]
        }
    }

    /// Every answered item's severity under the given bands.
    func severities(_ values: [String: Int], _ thresholds: InstrumentThresholds) -> [String: Severity] {
        var result: [String: Severity] = [:]
        for group in thresholdGroups {
            let bands = thresholds.bands(for: group)
            for item in group.items {
                if let value = values[item] { result[item] = group.severity(value, bands) }
            }
        }
        return result
    }

    /// Checks bands an administrator proposes: known groups only, each band in range and order.
    public func validate(_ thresholds: InstrumentThresholds) throws(ValidationFailure) {
        var v = Validator()
        let groups = Dictionary(uniqueKeysWithValues: thresholdGroups.map { ($0.id, $0) })
        for (id, bands) in thresholds.bands.sorted(by: { $0.key < $1.key }) {
            guard let group = groups[id] else {
                v.add("bands.\(id)", .unknownItem)
                continue
            }
            group.check(bands, field: "bands.\(id)", into: &v)
        }
        try v.check()
    }
}
