import Foundation
import LindringCore
import Testing

/// Who sees how much of a family case, cell by cell.
@Suite struct FamilyAccessPolicyTests {
    static let team = UUID()
    static let careTeamUnit = UUID()
    static let otherUnit = UUID()
    static let child = PatientAccessFacts(registeringUnitId: team, careTeamUnitIds: [team, careTeamUnit], consent: .given)

    @Test(arguments: [
        // roles, unit, broke the glass, level, ground
        ([Role.socialWorker], UUID?.some(team), false, FamilyAccessLevel.change, FamilyAccessGround?.some(.socialWorkTeam)),
        ([.clinician], team, false, .read, .paediatricTeam),
        ([.clinician, .socialWorker], team, false, .change, .socialWorkTeam),
        ([.clinician], careTeamUnit, false, .basicFacts, .childsCareTeam),
        ([.socialWorker], careTeamUnit, false, .none, nil),  // another unit's social worker
        ([.clinician], otherUnit, false, .none, nil),
        ([.clinician], otherUnit, true, .none, nil),  // breaking the glass opens the child, not the family
        ([.advisor], otherUnit, false, .none, nil),  // the advisory line reads the child, not the family
        ([.finance], team, false, .none, nil),  // capacity counts only
        ([.administrator], team, false, .none, nil),
        ([.auditor], team, false, .none, nil),
        ([.clinician], nil, false, .none, nil),
    ])
    func whoSeesHowMuch(roles: [Role], unit: UUID?, brokeTheGlass: Bool, level: FamilyAccessLevel, ground: FamilyAccessGround?) {
        let requester = PatientRequester(roles: roles, unitId: unit, brokeTheGlass: brokeTheGlass)
        let decision = FamilyAccessPolicy.decide(requester, teamUnitId: Self.team, child: Self.child)
        #expect(decision == FamilyAccessDecision(level: level, ground: ground))
    }

    @Test func aChildWhoDeclinedSharingKeepsTheCareTeamOutButNotTheTeam() {
        let declined = PatientAccessFacts(registeringUnitId: Self.team, careTeamUnitIds: [Self.team, Self.careTeamUnit], consent: .declined)
        let careTeam = PatientRequester(roles: [.clinician], unitId: Self.careTeamUnit)
        #expect(FamilyAccessPolicy.decide(careTeam, teamUnitId: Self.team, child: declined) == .refused)
        let socialWorker = PatientRequester(roles: [.socialWorker], unitId: Self.team)
        #expect(FamilyAccessPolicy.decide(socialWorker, teamUnitId: Self.team, child: declined).level == .change)
    }

    @Test(arguments: [
        ([Role.socialWorker], UUID?.some(team), true), ([.socialWorker], careTeamUnit, true), ([.socialWorker], otherUnit, false),
        ([.clinician], team, false), ([.socialWorker], nil, false),
    ])
    func aSocialWorkerOpensCasesForTheTeamsOwnPatients(roles: [Role], unit: UUID?, may: Bool) {
        let child = PatientAccessFacts(registeringUnitId: Self.careTeamUnit, careTeamUnitIds: [Self.team], consent: .notAsked)
        #expect(FamilyAccessPolicy.mayOpenCase(PatientRequester(roles: roles, unitId: unit), child: child) == may)
    }
}
