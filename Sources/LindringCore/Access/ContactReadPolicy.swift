import Foundation

/// Why a user may read an advisory contact; recorded as the purpose of the `contact.read` entry.
public enum ContactReadGround: Equatable, Sendable {
    /// The advisory line's own record: the line documents, hands over and answers for it.
    case advisoryLine
    /// A follow-up of the contact is sent to the reader's unit: the day team must read the call it follows up.
    case followUpUnit
    /// The patient access policy lets the reader read the patient (a treating unit, broken glass).
    case patientAccess(PatientAccessGround)

    public var purpose: String {
        switch self {
        case .advisoryLine: "advisoryLine"
        case .followUpUnit: "followUpUnit"
        case .patientAccess(let ground): ground.rawValue
        }
    }
}

/// Who may read an advisory contact (issue 18, item 2): advisory-line staff; the unit a follow-up
/// of the contact is sent to; and whoever may read the patient the contact concerns (the
/// registering unit, the care-team units unless the patient declined sharing, broken glass).
/// What the contact then shows of the patient is `LineRecordPolicy`'s decision.
public enum ContactReadPolicy {
    public static func read(_ requester: PatientRequester, patient: PatientAccessFacts?, followUpUnitIds: Set<UUID>) -> ContactReadGround? {
        if PermissionPolicy.allows(requester.roles, .documentAdvisoryContacts) { return .advisoryLine }
        guard PermissionPolicy.allows(requester.roles, .readPatientData) else { return nil }
        if let unit = requester.unitId, followUpUnitIds.contains(unit) { return .followUpUnit }
        if let patient, case .allowed(let ground) = PatientAccessPolicy.read(requester, patient) { return .patientAccess(ground) }
        return nil
    }
}
