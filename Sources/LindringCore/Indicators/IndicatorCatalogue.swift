import Foundation

/// What the working group's indicators are grouped by (`by=` in the API).
public enum IndicatorGrouping: String, CaseIterable, Codable, Sendable {
    case hospital, municipality, diagnosisGroup
}

/// The periods an indicator's chart is drawn in.
public enum IndicatorInterval: String, CaseIterable, Codable, Sendable {
    case month, quarter

    /// The first day of the period `day` falls in.
    public func start(of day: LocalDate) -> LocalDate {
        switch self {
        case .month: LocalDate(year: day.year, month: day.month, day: 1)
        case .quarter: LocalDate(year: day.year, month: (day.month - 1) / 3 * 3 + 1, day: 1)
        }
    }

    public func next(after start: LocalDate) -> LocalDate {
        start.adding(months: self == .month ? 1 : 3)
    }
}

/// One indicator: its family and, where there is one, the standard it is measured against (per
/// cent). The definitions in words (numerator, denominator, exclusions) are the web layer's.
public struct IndicatorDefinition: Equatable, Sendable {
    public let id: IndicatorID
    public let family: IndicatorFamily
    public let standard: Decimal?
    /// Whether the patients behind the figure can be listed (aggregated counts cannot).
    public let listsPatients: Bool
}

extension IndicatorID {
    /// The DPD's standards for its first two indicators are the (80 % and 90 %); for the
    /// EORTC and the conference the DPD's indicator specification; for place-of-death
    /// concordance the figure England's Coordinate My Care reached (77.8 %), as the working
    /// group's reference. The rest are followed without a standard.
    public var definition: IndicatorDefinition {
        switch self {
        case .referralsReached: IndicatorDefinition(id: self, family: .dpd, standard: 80, listsPatients: true)
        case .firstContactWithin10Days: IndicatorDefinition(id: self, family: .dpd, standard: 90, listsPatients: true)
        case .deathsWithSpecialisedContact: IndicatorDefinition(id: self, family: .dpd, standard: nil, listsPatients: true)
        case .eortcAtStart: IndicatorDefinition(id: self, family: .dpd, standard: 50, listsPatients: true)
        case .discussedAtConference: IndicatorDefinition(id: self, family: .dpd, standard: 70, listsPatients: true)
        case .sharedPlan, .keyWorker, .preferredPlaceOfDeathDocumented, .resuscitationDecision:
            IndicatorDefinition(id: self, family: .plans, standard: nil, listsPatients: true)
        case .placeOfDeathConcordance: IndicatorDefinition(id: self, family: .plans, standard: Decimal(string: "77.8")!, listsPatients: true)
        case .crossSectorFollowUpsOnTime, .inboxAcknowledgedWithinWorkingDay:
            IndicatorDefinition(id: self, family: .collaboration, standard: nil, listsPatients: true)
        case .callsFromMunicipality, .callsFromGeneralPractice, .callsFromHospital, .callsFromPatientOrRelatives, .callsFromOthers,
            .planChangesByRegion, .planChangesByMunicipality, .planChangesByGeneralPractice, .planChangesByHospice:
            IndicatorDefinition(id: self, family: .collaboration, standard: nil, listsPatients: false)
        }
    }

    public var family: IndicatorFamily { definition.family }
}

/// Who rang the advisory line, by sector: the caller's role decides.
public enum CallerSector: String, CaseIterable, Codable, Sendable {
    case municipality, generalPractice, hospital, patientOrRelatives, others

    public init(_ role: CallerRole) {
        switch role {
        case .homeCareNurse, .nursingHomeStaff: self = .municipality
        case .gp: self = .generalPractice
        // The out-of-hours doctor (lægevagten, 1813) is run by the region, as the hospitals are.
        case .hospitalNurse, .palliativeNurse, .outOfHoursDoctor: self = .hospital
        case .patient, .relative: self = .patientOrRelatives
        case .otherProfessional, .anonymous: self = .others
        }
    }

    public var indicator: IndicatorID {
        switch self {
        case .municipality: .callsFromMunicipality
        case .generalPractice: .callsFromGeneralPractice
        case .hospital: .callsFromHospital
        case .patientOrRelatives: .callsFromPatientOrRelatives
        case .others: .callsFromOthers
        }
    }
}

extension Sector {
    /// The indicator that counts plan changes made by this sector's units.
    public var planChangesIndicator: IndicatorID {
        switch self {
        case .region: .planChangesByRegion
        case .municipality: .planChangesByMunicipality
        case .generalPractice: .planChangesByGeneralPractice
        case .hospice: .planChangesByHospice
        }
    }
}
