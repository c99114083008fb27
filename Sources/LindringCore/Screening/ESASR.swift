/// The revised Edmonton Symptom Assessment System: nine symptoms rated 0–10 by the patient,
/// and an optional tenth the patient names, which is never summed.
enum ESASR {
    static let items = ["pain", "tiredness", "drowsiness", "nausea", "appetite", "shortnessOfBreath", "depression", "anxiety", "wellbeing"]

    /// 0 none, 1–3 mild, 4–6 moderate, 7–10 severe.
    static func severity(_ value: Int) -> Severity {
        switch value {
        case 0: .none
        case 1...3: .mild
        case 4...6: .moderate
        default: .severe
        }
    }

    static func score(_ values: [String: Int]) -> InstrumentScore {
        let severity = values.mapValues(severity)
        return InstrumentScore(
            scores: ["total": Instrument.sum(items, values), "physical": Instrument.sum(Array(items.prefix(6)), values),
                     "emotional": Instrument.sum(["depression", "anxiety"], values)],
            severity: severity, trafficLight: TrafficLight(severity.values))
    }
}

/// The Integrated Palliative care Outcome Scale: 17 items 0–4, 0 the best.
enum IPOS {
    static let physical = ["pain", "shortnessOfBreath", "weakness", "nausea", "vomiting", "poorAppetite", "constipation", "mouth", "drowsiness", "poorMobility"]
    static let emotional = ["patientAnxiety", "familyAnxiety", "depression", "atPeace"]
    static let communication = ["sharedFeelings", "information", "practicalProblems"]
    static var items: [String] { physical + emotional + communication }

    /// 3 or 4 severe, 2 moderate, 1 mild, 0 none.
    static func severity(_ value: Int) -> Severity {
        switch value {
        case 0: .none
        case 1: .mild
        case 2: .moderate
        default: .severe
        }
    }

    static func score(_ values: [String: Int]) -> InstrumentScore {
        let severity = values.mapValues(severity)
        return InstrumentScore(
            scores: ["total": Instrument.sum(items, values), "physical": Instrument.sum(physical, values),
                     "emotional": Instrument.sum(emotional, values), "communication": Instrument.sum(communication, values)],
            severity: severity, trafficLight: TrafficLight(severity.values))
    }
}
