import Foundation
import Testing

@testable import LindringCore

@Suite struct PatientAccessPolicyTests {
    static let registering = UUID()
    static let homeCare = UUID()
    static let elsewhere = UUID()

    func facts(_ consent: SharingConsent) -> PatientAccessFacts {
        PatientAccessFacts(registeringUnitId: Self.registering, careTeamUnitIds: [Self.registering, Self.homeCare], consent: consent)
    }

    @Test(
        arguments: [
            // roles, unit, consent, broke the glass, expected read
            ([Role.clinician], registering, SharingConsent.declined, false, PatientAccessDecision.allowed(.registeringUnit)),
            ([.clinician], homeCare, .given, false, .allowed(.careTeam)),
            ([.clinician], homeCare, .notAsked, false, .allowed(.careTeam)),
            ([.clinician], homeCare, .declined, false, .denied(canBreakTheGlass: true)),
            ([.clinician], elsewhere, .given, false, .denied(canBreakTheGlass: true)),
            ([.clinician], elsewhere, .given, true, .allowed(.breakTheGlass)),
            ([.advisor], elsewhere, .given, false, .allowed(.advisoryLine)),
            ([.advisor], elsewhere, .notAsked, false, .denied(canBreakTheGlass: true)),
            ([.advisor], elsewhere, .declined, false, .denied(canBreakTheGlass: true)),
            ([.finance], registering, .given, false, .denied(canBreakTheGlass: false)),
            ([.auditor], homeCare, .given, true, .denied(canBreakTheGlass: false)),
            ([.administrator], registering, .given, false, .denied(canBreakTheGlass: false)),
        ] as [([Role], UUID, SharingConsent, Bool, PatientAccessDecision)])
    func readAccess(roles: [Role], unit: UUID, consent: SharingConsent, brokeTheGlass: Bool, expected: PatientAccessDecision) {
        let requester = PatientRequester(roles: roles, unitId: unit, brokeTheGlass: brokeTheGlass)
        #expect(PatientAccessPolicy.read(requester, facts(consent)) == expected)
    }

    @Test func onlyTheTreatingUnitsChangeThePlan() {
        #expect(PatientAccessPolicy.write(PatientRequester(roles: [.clinician], unitId: Self.homeCare), facts(.given)) == .allowed(.careTeam))
        #expect(!PatientAccessPolicy.write(PatientRequester(roles: [.advisor], unitId: Self.elsewhere), facts(.given)).isAllowed)
        #expect(
            !PatientAccessPolicy.write(PatientRequester(roles: [.clinician], unitId: Self.elsewhere, brokeTheGlass: true), facts(.given)).isAllowed)
        #expect(!PatientAccessPolicy.write(PatientRequester(roles: [.clinician], unitId: Self.homeCare), facts(.declined)).isAllowed)
        #expect(!PatientAccessPolicy.write(PatientRequester(roles: [.clinician], unitId: nil), facts(.given)).isAllowed)
    }

    @Test(
        arguments: [
            // roles, unit, consent, expected
            ([Role.advisor], elsewhere, SharingConsent.given, PatientAccessDecision.allowed(.advisoryLine)),
            ([.advisor], elsewhere, .notAsked, .denied(canBreakTheGlass: false)),
            ([.advisor], elsewhere, .declined, .denied(canBreakTheGlass: false)),
            ([.advisor], homeCare, .notAsked, .allowed(.careTeam)),
            ([.clinician], elsewhere, .given, .denied(canBreakTheGlass: false)),
            ([.clinician], registering, .declined, .allowed(.registeringUnit)),
            ([.finance], elsewhere, .given, .denied(canBreakTheGlass: false)),
        ] as [([Role], UUID, SharingConsent, PatientAccessDecision)])
    func proposingAPlanChangeFromAnAdvisoryContact(roles: [Role], unit: UUID, consent: SharingConsent, expected: PatientAccessDecision) {
        #expect(PatientAccessPolicy.proposeFromContact(PatientRequester(roles: roles, unitId: unit), facts(consent)) == expected)
    }
}
