import Foundation
import Testing

@testable import LindringCore

/// What the advisory line's records show of a patient, cell by cell (issue 17, item 6).
@Suite struct LineRecordPolicyTests {
    static let registering = UUID()
    static let homeCare = UUID()
    static let line = UUID()

    static func facts(_ consent: SharingConsent) -> PatientAccessFacts {
        PatientAccessFacts(registeringUnitId: registering, careTeamUnitIds: [registering, homeCare], consent: consent)
    }

    @Test(
        arguments: [
            // roles, unit, consent (nil: no patient), in progress, broke the glass, expected
            ([Role.advisor], line, nil, false, false, LineRecordDisclosure.patientShown(.noPatient)),
            ([.advisor], line, SharingConsent.given, false, false, .patientShown(.patientAccess(.advisoryLine))),
            ([.advisor], line, .given, true, false, .patientShown(.patientAccess(.advisoryLine))),
            ([.advisor], line, .declined, false, false, .patientWithheld),
            ([.advisor], line, .notAsked, false, false, .patientWithheld),
            ([.advisor], line, .declined, true, false, .patientShown(.inProgress)),
            ([.advisor], line, .declined, false, true, .patientShown(.patientAccess(.breakTheGlass))),
            ([.advisor, .clinician], registering, .declined, false, false, .patientShown(.patientAccess(.registeringUnit))),
            ([.advisor, .clinician], homeCare, .declined, false, false, .patientWithheld),
            ([.advisor, .clinician], homeCare, .given, false, false, .patientShown(.patientAccess(.careTeam))),
            ([.clinician], homeCare, .notAsked, false, false, .patientShown(.patientAccess(.careTeam))),
            ([.finance], line, .given, true, false, .patientWithheld),
            ([.finance], line, .given, false, false, .patientWithheld),
        ] as [([Role], UUID, SharingConsent?, Bool, Bool, LineRecordDisclosure)])
    func disclosure(roles: [Role], unit: UUID, consent: SharingConsent?, inProgress: Bool, brokeTheGlass: Bool, expected: LineRecordDisclosure) {
        let requester = PatientRequester(roles: roles, unitId: unit, brokeTheGlass: brokeTheGlass)
        #expect(LineRecordPolicy.disclosure(requester, patient: consent.map(Self.facts), inProgress: inProgress) == expected)
    }
}
