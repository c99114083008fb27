/// The Danish Palliative Database's places of death. "This" and "another" palliative unit are
/// relative to the unit that received the patient's referral.
public enum DPDPlaceOfDeath: String, CaseIterable, Codable, Sendable {
    case home, thisPalliativeUnit, anotherPalliativeUnit, nonPalliativeHospitalDepartment, respiteBed, otherOrUnknown

    /// The plan's place of death in the DPD's codes. `receivingUnitKind`: the kind of unit that
    /// received the patient's referral (a hospice, a palliative team), nil when there was none.
    public init(_ place: PlaceOfDeath, receivingUnitKind: UnitKind?) {
        switch place {
        case .home: self = .home
        case .hospice: self = receivingUnitKind == .hospice ? .thisPalliativeUnit : .anotherPalliativeUnit
        case .palliativeUnit: self = receivingUnitKind == .palliativeTeam ? .thisPalliativeUnit : .anotherPalliativeUnit
        case .hospitalDepartment: self = .nonPalliativeHospitalDepartment
        // A nursing home's place (plejebolig or aflastningsplads) is the DPD's respite bed.
        case .nursingHome: self = .respiteBed
        case .otherOrUnknown: self = .otherOrUnknown
        }
    }
}

/// Whether a patient died where they wished to, as EPaCCS reports it: counted only where a
/// preference was documented and the place of death recorded.
public enum PlaceOfDeathConcordance {
    /// nil: the death does not count (no preference documented, no place recorded, or either
    /// one that cannot be compared: "other", "other or unknown").
    public static func concordant(preferred: PreferredPlace, actual: PlaceOfDeath?) -> Bool? {
        guard let actual, actual != .otherOrUnknown else { return nil }
        switch preferred {
        case .notDiscussed, .other: return nil
        case .home: return actual == .home
        case .hospice: return actual == .hospice || actual == .palliativeUnit
        case .hospital: return actual == .hospitalDepartment || actual == .palliativeUnit
        case .nursingHome: return actual == .nursingHome
        }
    }
}
