import Foundation

/// What the patient access policy needs to know about a patient.
public struct PatientAccessFacts: Equatable, Sendable {
    public var registeringUnitId: UUID?
    public var careTeamUnitIds: Set<UUID>
    public var consent: SharingConsent

    public init(registeringUnitId: UUID?, careTeamUnitIds: Set<UUID>, consent: SharingConsent) {
        self.registeringUnitId = registeringUnitId
        self.careTeamUnitIds = careTeamUnitIds
        self.consent = consent
    }
}

/// Who is asking, for the patient access policy.
public struct PatientRequester: Equatable, Sendable {
    public var roles: [Role]
    public var unitId: UUID?
    /// The user broke the glass for this patient in this session.
    public var brokeTheGlass: Bool

    public init(roles: [Role], unitId: UUID?, brokeTheGlass: Bool = false) {
        self.roles = roles
        self.unitId = unitId
        self.brokeTheGlass = brokeTheGlass
    }
}

/// Why access was granted; recorded as the purpose in the audit log.
public enum PatientAccessGround: String, Codable, Sendable {
    case registeringUnit, careTeam, advisoryLine, breakTheGlass
}

public enum PatientAccessDecision: Equatable, Sendable {
    case allowed(PatientAccessGround)
    /// Refused; `canBreakTheGlass` says whether the user may still gain access with a written reason.
    case denied(canBreakTheGlass: Bool)

    public var isAllowed: Bool {
        if case .allowed = self { return true }
        return false
    }
}

/// Who may see and change a patient's data (Sundhedsloven § 42 a: look-ups only in
/// current treatment, exceptions only for weighty reasons):
/// - the unit that registered the patient, always;
/// - units on the care team, unless the patient declined cross-sector sharing;
/// - advisory-line staff, read-only, when the patient consented to sharing;
/// - anyone else with clinical access only by breaking the glass (read-only, audited, reviewed).
public enum PatientAccessPolicy {
    public static func read(_ requester: PatientRequester, _ patient: PatientAccessFacts) -> PatientAccessDecision {
        guard PermissionPolicy.allows(requester.roles, .readPatientData) else { return .denied(canBreakTheGlass: false) }
        if let ground = treatingGround(requester, patient) { return .allowed(ground) }
        if patient.consent == .given, requester.roles.contains(.advisor) { return .allowed(.advisoryLine) }
        if requester.brokeTheGlass { return .allowed(.breakTheGlass) }
        return .denied(canBreakTheGlass: true)
    }

    public static func write(_ requester: PatientRequester, _ patient: PatientAccessFacts) -> PatientAccessDecision {
        guard PermissionPolicy.allows(requester.roles, .writePatientData) else { return .denied(canBreakTheGlass: false) }
        if let ground = treatingGround(requester, patient) { return .allowed(ground) }
        return .denied(canBreakTheGlass: false)
    }

    /// A change to the plan proposed from an advisory contact (say, a resuscitation decision the
    /// GP reported on the phone): the treating units may, and advisory staff may when the
    /// patient consented to sharing. It becomes a normal plan version, linked to the contact.
    public static func proposeFromContact(_ requester: PatientRequester, _ patient: PatientAccessFacts) -> PatientAccessDecision {
        let write = write(requester, patient)
        if write.isAllowed { return write }
        guard PermissionPolicy.allows(requester.roles, .documentAdvisoryContacts), PermissionPolicy.allows(requester.roles, .writePatientData),
            patient.consent == .given
        else { return .denied(canBreakTheGlass: false) }
        return .allowed(.advisoryLine)
    }

    static func treatingGround(_ requester: PatientRequester, _ patient: PatientAccessFacts) -> PatientAccessGround? {
        guard let unit = requester.unitId else { return nil }
        if unit == patient.registeringUnitId { return .registeringUnit }
        if patient.consent != .declined, patient.careTeamUnitIds.contains(unit) { return .careTeam }
        return nil
    }
}
