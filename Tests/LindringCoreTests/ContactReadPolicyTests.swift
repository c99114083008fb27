import Foundation
import Testing

@testable import LindringCore

/// Who may read an advisory contact, cell by cell (issue 18, item 2).
@Suite struct ContactReadPolicyTests {
    // The same patient and units as `LineRecordPolicyTests`: registered by one unit, home care on the team.
    static let registering = LineRecordPolicyTests.registering
    static let homeCare = LineRecordPolicyTests.homeCare
    static let line = LineRecordPolicyTests.line
    static let elsewhere = UUID()

    static func facts(_ consent: SharingConsent) -> PatientAccessFacts { LineRecordPolicyTests.facts(consent) }

    @Test(
        arguments: [
            // roles, unit, consent (nil: no patient), follow-up sent to the reader's unit, broke the glass, expected
            ([Role.advisor], line, SharingConsent.declined, false, false, ContactReadGround?.some(.advisoryLine)),
            ([.advisor], line, nil, false, false, .advisoryLine),
            ([.clinician], homeCare, .declined, true, false, .followUpUnit),
            ([.clinician], elsewhere, .given, true, false, .followUpUnit),
            ([.clinician], elsewhere, nil, true, false, .followUpUnit),
            ([.clinician], homeCare, .given, false, false, .patientAccess(.careTeam)),
            ([.clinician], homeCare, .notAsked, false, false, .patientAccess(.careTeam)),
            ([.clinician], homeCare, .declined, false, false, nil),
            ([.clinician], registering, .declined, false, false, .patientAccess(.registeringUnit)),
            ([.clinician], elsewhere, .given, false, false, nil),
            ([.clinician], elsewhere, .given, false, true, .patientAccess(.breakTheGlass)),
            ([.clinician], elsewhere, nil, false, false, nil),
            ([.finance], homeCare, .given, true, false, nil),
            ([.socialWorker], registering, .given, false, false, nil),
            ([.auditor], line, .given, false, false, nil),
        ] as [([Role], UUID, SharingConsent?, Bool, Bool, ContactReadGround?)])
    func whoMayReadAContact(
        roles: [Role], unit: UUID, consent: SharingConsent?, followUpToReader: Bool, brokeTheGlass: Bool,
        expected: ContactReadGround?
    ) {
        // given
        let requester = PatientRequester(roles: roles, unitId: unit, brokeTheGlass: brokeTheGlass)
        let followUpUnits: Set<UUID> = followUpToReader ? [unit] : [Self.line]
        // when
        let ground = ContactReadPolicy.read(requester, patient: consent.map(Self.facts), followUpUnitIds: followUpUnits)
        // then
        #expect(ground == expected)
    }

    @Test func aReaderWithoutAUnitIsNeverTheFollowUpsUnit() {
        // given
        let requester = PatientRequester(roles: [.clinician], unitId: nil)
        // when
        let ground = ContactReadPolicy.read(requester, patient: Self.facts(.given), followUpUnitIds: [Self.homeCare])
        // then
        #expect(ground == nil)
    }

    @Test func theGroundIsThePurposeInTheAuditLog() {
        #expect(ContactReadGround.followUpUnit.purpose == "followUpUnit")
        #expect(ContactReadGround.patientAccess(.careTeam).purpose == "careTeam")
        #expect(ContactReadGround.advisoryLine.purpose == "advisoryLine")
    }
}
