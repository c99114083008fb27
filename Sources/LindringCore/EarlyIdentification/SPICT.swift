/// SPICT-DK, the Supportive and Palliative Care Indicators Tool the Danish Health Authority
/// recommends for finding patients who could benefit from palliative care. It is a checklist
/// that supports the clinician's judgement: it has no score, and the conclusion is the
/// clinician's own.
public enum SPICT {
    public enum GeneralIndicator: String, CaseIterable, Codable, Sendable {
        case unplannedAdmissions
        case decliningPerformance
        case dependentOnOthers
        case weightLoss
        case persistentSymptoms
        case asksForPalliativeCare
    }

    public enum ConditionGroup: String, CaseIterable, Codable, Sendable {
        case cancer, dementiaFrailty, neurological, heartVascular, respiratory, kidney, liver, other

        /// The clinical indicators the checklist lists under the condition group.
        public var indicators: [String] {
            switch self {
            case .cancer: ["cancerDecliningFunction", "cancerTooFrailForTreatment"]
            case .dementiaFrailty:
                ["dementiaNeedsHelp", "dementiaEatingLess", "dementiaIncontinence", "dementiaCommunication", "dementiaFalls", "dementiaInfections"]
            case .neurological: ["neuroDeterioration", "neuroSpeechSwallowing", "neuroAspiration", "neuroStrokeParalysis"]
            case .heartVascular: ["heartFailureSymptoms", "heartVascularDisease"]
            case .respiratory: ["lungBreathless", "lungOxygen", "lungVentilation"]
            case .kidney: ["kidneyStage45", "kidneyComplicating", "kidneyDialysisStop"]
            case .liver: ["liverCirrhosisComplications", "liverNoTransplant"]
            case .other: ["otherIrreversible"]
            }
        }

        public static func group(of indicator: String) -> ConditionGroup? {
            allCases.first { $0.indicators.contains(indicator) }
        }
    }

    /// The clinician's conclusion: does the patient have palliative needs that should be met?
    public enum Conclusion: String, CaseIterable, Codable, Sendable {
        case palliativeNeeds, noPalliativeNeeds
    }

    public enum FollowUpAction: String, CaseIterable, Codable, Sendable {
        case talkWithPatientAndRelatives, referToSpecialisedPalliativeCare, startSharedPlan, none
    }
}

/// A checklist as filled in, before it is checked.
public struct SPICTDraft: Sendable {
    public var generalIndicators: [String]
    public var clinicalIndicators: [String]
    /// "Would you be surprised if this patient died within the next 12 months?"
    public var wouldBeSurprised: Bool?
    public var conclusion: String?
    public var actions: [String]

    public init(
        generalIndicators: [String] = [], clinicalIndicators: [String] = [], wouldBeSurprised: Bool? = nil, conclusion: String? = nil,
        actions: [String] = []
    ) {
        self.generalIndicators = generalIndicators
        self.clinicalIndicators = clinicalIndicators
        self.wouldBeSurprised = wouldBeSurprised
        self.conclusion = conclusion
        self.actions = actions
    }
}

/// A checked checklist: every indicator known, the surprise question answered, a conclusion
/// and at least one action, where "none" stands alone.
public struct SPICTChecklist: Equatable, Codable, Sendable {
    public var generalIndicators: [SPICT.GeneralIndicator]
    public var clinicalIndicators: [String]
    public var wouldBeSurprised: Bool
    public var conclusion: SPICT.Conclusion
    public var actions: [SPICT.FollowUpAction]

    public var conditionGroups: [SPICT.ConditionGroup] {
        SPICT.ConditionGroup.allCases.filter { group in clinicalIndicators.contains { group.indicators.contains($0) } }
    }

    public var positive: Bool { conclusion == .palliativeNeeds }

    /// A checklist as stored, checked when it was made.
    public init(
        generalIndicators: [SPICT.GeneralIndicator], clinicalIndicators: [String], wouldBeSurprised: Bool, conclusion: SPICT.Conclusion,
        actions: [SPICT.FollowUpAction]
    ) {
        self.generalIndicators = generalIndicators
        self.clinicalIndicators = clinicalIndicators
        self.wouldBeSurprised = wouldBeSurprised
        self.conclusion = conclusion
        self.actions = actions
    }

    public init(_ draft: SPICTDraft) throws(ValidationFailure) {
        var v = Validator()
        let general = v.choices("generalIndicators", draft.generalIndicators, as: SPICT.GeneralIndicator.self)
        if draft.clinicalIndicators.contains(where: { SPICT.ConditionGroup.group(of: $0) == nil }) { v.add("clinicalIndicators", .invalidChoice) }
        if draft.wouldBeSurprised == nil { v.add("wouldBeSurprised", .required) }
        let conclusion = v.choice("conclusion", draft.conclusion, as: SPICT.Conclusion.self)
        let actions = v.choices("actions", draft.actions, as: SPICT.FollowUpAction.self)
        if draft.actions.isEmpty {
            v.add("actions", .required)
        } else if actions.contains(.none) && actions.count > 1 {
            v.add("actions", .noneWithOthers)
        }
        try v.check()
        generalIndicators = SPICT.GeneralIndicator.allCases.filter(general.contains)
        clinicalIndicators = SPICT.ConditionGroup.allCases.flatMap(\.indicators).filter(draft.clinicalIndicators.contains)
        wouldBeSurprised = draft.wouldBeSurprised!
        self.conclusion = conclusion!
        self.actions = SPICT.FollowUpAction.allCases.filter(actions.contains)
    }
}
