import Foundation

/// How an offer is delivered.
public enum OfferFormat: String, CaseIterable, Codable, Sendable {
    case eLearning
    case workshop
    case supervision
    case themeAfternoon
    case specialistEducation
    case course

    /// Formats held as sessions on a date, with places and a waiting list. E-learning is taken
    /// at one's own pace and a specialist education runs as a cohort.
    public var hasSessions: Bool { self == .workshop || self == .supervision || self == .themeAfternoon || self == .course }
}

/// The level an offer is pitched at: DMCG-PAL's A, B and C for nurses, and Sundhedsstyrelsen's
/// basal and specialised palliation.
public enum CompetenceLevel: String, CaseIterable, Codable, Sendable {
    case a = "A"
    case b = "B"
    case c = "C"
    case basal
    case specialised
}

/// The EAPC's ten core competencies in palliative care (Gamondi, Larkin and Payne, 2013),
/// by their number.
public enum CoreCompetence {
    public static let numbers = 1...10
}

/// Where a registration for a session stands.
public enum RegistrationStatus: String, CaseIterable, Codable, Sendable {
    /// Holds a place.
    case registered
    /// On the waiting list, first come first served.
    case waitlisted
    /// Cancelled by the participant or an educator; keeps its history.
    case cancelled
}
