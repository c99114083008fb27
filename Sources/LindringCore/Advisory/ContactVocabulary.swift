/// The advisory line's vocabularies. The raw values are the API's contract.

public enum ContactChannel: String, CaseIterable, Codable, Sendable {
    case phone, video, secureMessage
}

public enum ContactDirection: String, CaseIterable, Codable, Sendable {
    case incoming, callback
}

public enum CallerRole: String, CaseIterable, Codable, Sendable {
    case patient, relative, homeCareNurse, nursingHomeStaff, hospitalNurse, palliativeNurse, gp, outOfHoursDoctor, otherProfessional, anonymous
}

public enum ContactReason: String, CaseIterable, Codable, Sendable {
    case pain, dyspnoea, nausea, constipation, delirium, anxiety, fatigue, bleeding, dying, deathOccurred, medication, equipment,
        existential, relativeStrain, practical, bereavement, other
}

/// How soon something must happen after the call.
public enum Triage: String, CaseIterable, Codable, Sendable {
    /// Action now.
    case acute
    /// Within this shift.
    case urgent
    /// Next working day.
    case routine
    /// Nothing to act on.
    case information

    /// Acute and urgent first, for handover and follow-up lists.
    public var priority: Int { Triage.allCases.firstIndex(of: self)! }
}

public enum ContactAction: String, CaseIterable, Codable, Sendable {
    case adviceOnly, anticipatoryMedication, contactedGP, contactedOutOfHoursDoctor, contactedHomeCare, referredPalliativeTeam,
        hospiceSuggested, admissionAdvised, emergency112, callbackScheduled
}

public enum ContactOutcome: String, CaseIterable, Codable, Sendable {
    case resolved, needsFollowUp, escalated
}

public enum FollowUpStatus: String, CaseIterable, Codable, Sendable {
    case open, done, cancelled
}
