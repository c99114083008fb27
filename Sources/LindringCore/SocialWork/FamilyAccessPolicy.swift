import Foundation

/// How much of a family case a user may see.
public enum FamilyAccessLevel: Int, Comparable, Sendable {
    /// Nothing: the attempt is refused and audited.
    case none
    /// The case's basic facts (status, key worker, municipality, interpreter): the child's own
    /// treating units. Never the parents', siblings' or network's details, the applications or
    /// the needs.
    case basicFacts
    /// Everything, read only: the paediatric team's doctors and nurses.
    case read
    /// Everything, and change it: the paediatric team's social workers.
    case change

    public static func < (a: FamilyAccessLevel, b: FamilyAccessLevel) -> Bool { a.rawValue < b.rawValue }
}

/// Why a family case was shown; the purpose of the audit entry.
public enum FamilyAccessGround: String, Codable, Sendable {
    /// A social worker of the team that holds the case.
    case socialWorkTeam
    /// A doctor or nurse of the team that holds the case.
    case paediatricTeam
    /// A unit that treats the child (registering unit or care team).
    case childsCareTeam
}

public struct FamilyAccessDecision: Equatable, Sendable {
    public var level: FamilyAccessLevel
    public var ground: FamilyAccessGround?

    public init(level: FamilyAccessLevel, ground: FamilyAccessGround?) {
        self.level = level
        self.ground = ground
    }

    public static let refused = FamilyAccessDecision(level: .none, ground: nil)
}

/// Who may see and change the paediatric team's family cases. The child and family are the unit
/// of care, and the family's details (separated parents, step-parents, siblings, finances) are
/// the team's: the child's other treating units see only that there is a case and whom to call.
/// Breaking the glass opens the child's record, not the family's.
public enum FamilyAccessPolicy {
    public static func decide(_ requester: PatientRequester, teamUnitId: UUID, child: PatientAccessFacts) -> FamilyAccessDecision {
        if requester.unitId == teamUnitId {
            if PermissionPolicy.allows(requester.roles, .manageSocialWorkCases) { return .init(level: .change, ground: .socialWorkTeam) }
            if PermissionPolicy.allows(requester.roles, .readPatientData) { return .init(level: .read, ground: .paediatricTeam) }
        }
        var treating = requester
        treating.brokeTheGlass = false
        if case .allowed(let ground) = PatientAccessPolicy.read(treating, child), ground != .advisoryLine {
            return .init(level: .basicFacts, ground: .childsCareTeam)
        }
        return .refused
    }

    /// Whether a social worker may open a case for a child: one of the team's own patients (the
    /// team registered the child or is on the care team).
    public static func mayOpenCase(_ requester: PatientRequester, child: PatientAccessFacts) -> Bool {
        guard PermissionPolicy.allows(requester.roles, .manageSocialWorkCases), let unit = requester.unitId else { return false }
        return unit == child.registeringUnitId || child.careTeamUnitIds.contains(unit)
    }
}
