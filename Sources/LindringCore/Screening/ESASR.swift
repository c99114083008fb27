/// The revised Edmonton Symptom Assessment System: nine symptoms rated 0–10 by the patient,
/// and an optional tenth the patient names, which is never summed.
enum ESASR {
    static let items = ["pain", "tiredness", "drowsiness", "nausea", "appetite", "shortnessOfBreath", "depression", "anxiety", "wellbeing"]

    static func scores(_ values: [String: Int]) -> [String: Double?] {
        [
            "total": Instrument.sum(items, values), "physical": Instrument.sum(Array(items.prefix(6)), values),
            "emotional": Instrument.sum(["depression", "anxiety"], values),
        ]
    }
}

/// The Integrated Palliative care Outcome Scale: 17 items 0–4, 0 the best.
enum IPOS {
    static let physical = [
        "pain", "shortnessOfBreath", "weakness", "nausea", "vomiting", "poorAppetite", "constipation", "mouth", "drowsiness", "poorMobility",
    ]
    static let emotional = ["patientAnxiety", "familyAnxiety", "depression", "atPeace"]
    static let communication = ["sharedFeelings", "information", "practicalProblems"]
    static var items: [String] { physical + emotional + communication }

    static func scores(_ values: [String: Int]) -> [String: Double?] {
        [
            "total": Instrument.sum(items, values), "physical": Instrument.sum(physical, values),
            "emotional": Instrument.sum(emotional, values), "communication": Instrument.sum(communication, values),
        ]
    }
}
