/// The coded values of the shared palliative plan (after ISB 1580 and the Danish
/// Palliative Database's codes for place of death).
public enum PlanStatus: String, CaseIterable, Codable, Sendable {
    case active, paused, ended
}

public enum EndReason: String, CaseIterable, Codable, Sendable {
    case died, noLongerNeedsPalliativeCare, movedOutOfRegion
}

public enum PlaceOfDeath: String, CaseIterable, Codable, Sendable {
    case home, palliativeUnit, hospitalDepartment, hospice, nursingHome, otherOrUnknown
}

public enum CareTeamRole: String, CaseIterable, Codable, Sendable {
    case keyWorker, gp, homeCare, palliativeTeam, hospitalDepartment, hospice, paediatricTeam, other
}

/// Preferred place of care and of death.
public enum PreferredPlace: String, CaseIterable, Codable, Sendable {
    case home, hospice, hospital, nursingHome, other, notDiscussed
}

public enum Resuscitation: String, CaseIterable, Codable, Sendable {
    case attempt, doNotAttempt
}

public enum TreatmentLevel: String, CaseIterable, Codable, Sendable {
    case full, noIntensiveCare, noHospitalAdmission, comfortOnly
}

public enum Prognosis: String, CaseIterable, Codable, Sendable {
    case days, weeks, months, longer, unknown
}

public enum MedicationRoute: String, CaseIterable, Codable, Sendable {
    case sc, po, iv, buccal, rectal, transdermal
}

public enum MedicationIndication: String, CaseIterable, Codable, Sendable {
    case pain, dyspnoea, nausea, anxietyRestlessness, deathRattle, other
}

public enum HomeEquipment: String, CaseIterable, Codable, Sendable {
    case subcutaneousPump, hospitalBed, oxygen, other
}
