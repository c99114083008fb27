import Foundation
import Testing

@testable import LindringCore

@Suite struct CareTeamNumbersTests {
    @Test(
        arguments: [
            // member's day, member's night, unit's day, unit's night → day, night, night from register, unreachable key worker
            ("11 11 11 11", "22 22 22 22", "33 33 33 33", "44 44 44 44", "11 11 11 11", "22 22 22 22", false, false),
            (nil, nil, "33 33 33 33", "44 44 44 44", "33 33 33 33", "44 44 44 44", true, false),
            ("11 11 11 11", " ", nil, "44 44 44 44", "11 11 11 11", "44 44 44 44", true, false),
            ("11 11 11 11", nil, "33 33 33 33", nil, "11 11 11 11", nil, false, true),
            (nil, nil, nil, "", nil, nil, false, true),
        ] as [(String?, String?, String?, String?, String?, String?, Bool, Bool)])
    func theMembersNumbersComeFirstThenTheUnits(
        memberDay: String?, memberNight: String?, unitDay: String?, unitNight: String?,
        day: String?, night: String?, fromRegister: Bool, unreachable: Bool
    ) {
        let member = CareTeamMember(unitId: UUID(), role: .keyWorker, dayPhone: memberDay, outOfHoursPhone: memberNight)
        let numbers = CareTeamNumbers(member: member, unitDay: unitDay, unitOutOfHours: unitNight)
        #expect(numbers.day == day)
        #expect(numbers.outOfHours == night)
        #expect(numbers.outOfHoursFromRegister == fromRegister)
        #expect(CareTeamNumbers.keyWorkerUnreachableOutOfHours(member, numbers) == unreachable)
        var homeCare = member
        homeCare.role = .homeCare
        #expect(!CareTeamNumbers.keyWorkerUnreachableOutOfHours(homeCare, numbers), "only the key worker must be reachable at night")
    }
}
