import Foundation
import Testing

@testable import LindringCore

/// Issue 18, item 12: after a severe answer the patient is told whom to call now.
@Suite struct WhoToCallNowTests {
    let keyWorkerUnit = UUID(), homeCareUnit = UUID(), gpUnit = UUID()

    func units(_ id: UUID) -> WhoToCallNow.UnitNumbers? {
        switch id {
        case keyWorkerUnit: WhoToCallNow.UnitNumbers(name: "Palliativt Team", dayPhone: "35 45 00 01", outOfHoursPhone: "35 45 00 02")
        case homeCareUnit: WhoToCallNow.UnitNumbers(name: "Hjemmeplejen", dayPhone: "33 66 00 01", outOfHoursPhone: "33 66 00 02")
        case gpUnit: WhoToCallNow.UnitNumbers(name: "Lægerne i Valby", dayPhone: "36 30 00 00", outOfHoursPhone: nil)
        default: nil
        }
    }

    var team: [CareTeamMember] {
        [
            CareTeamMember(unitId: gpUnit, role: .gp), CareTeamMember(unitId: homeCareUnit, role: .homeCare),
            CareTeamMember(unitId: keyWorkerUnit, role: .keyWorker, outOfHoursPhone: "70 00 00 07"),
        ]
    }

    let line = [
        WhoToCallNow.UnitNumbers(name: "Palliativ rådgivning", dayPhone: nil, outOfHoursPhone: " "),
        WhoToCallNow.UnitNumbers(name: "Palliativ rådgivning 24/7", dayPhone: "38 64 00 00", outOfHoursPhone: nil),
    ]

    @Test func inWorkingHoursTheKeyWorkerComesFirstWithTheDayNumber() {
        // when
        let calls = WhoToCallNow(careTeam: team, units: units, advisoryLines: line, outsideWorkingHours: false)
        // then: the key worker first, then the team in the plan's order; the other number for the evening
        #expect(calls.careTeam.map(\.unitName) == ["Palliativt Team", "Lægerne i Valby", "Hjemmeplejen"])
        #expect(calls.careTeam[0].number == "35 45 00 01" && !calls.careTeam[0].numberIsOutOfHours)
        #expect(calls.careTeam[0].otherNumber == "70 00 00 07", "the key worker's own night number before the unit's")
        #expect(calls.careTeam[1].number == "36 30 00 00" && calls.careTeam[1].otherNumber == nil)
        #expect(calls.advisoryLine == "38 64 00 00", "the first advisory-line unit with a number")
    }

    @Test func outsideWorkingHoursOnlyNumbersThatAnswerAreOffered() {
        // when
        let calls = WhoToCallNow(careTeam: team, units: units, advisoryLines: line, outsideWorkingHours: true)
        // then: the GP, with a day number only, is left out; the day numbers are given as such
        #expect(calls.careTeam.map(\.unitName) == ["Palliativt Team", "Hjemmeplejen"])
        #expect(calls.careTeam[0].number == "70 00 00 07" && calls.careTeam[0].numberIsOutOfHours && calls.careTeam[0].otherNumber == "35 45 00 01")
        #expect(calls.careTeam[1].number == "33 66 00 02")
    }

    @Test func aUnitOrANumberIsOfferedOnceAndAUnitWithOnlyANightNumberIsOfferedByDay() {
        // given: the key worker's unit twice, home care with the same number, a hospice with only a night line
        let hospice = UUID()
        let members = [
            CareTeamMember(unitId: keyWorkerUnit, role: .keyWorker), CareTeamMember(unitId: keyWorkerUnit, role: .palliativeTeam),
            CareTeamMember(unitId: homeCareUnit, role: .homeCare, dayPhone: "35 45 00 01"), CareTeamMember(unitId: hospice, role: .hospice),
            CareTeamMember(unitId: UUID(), role: .other),
        ]
        let lookup: (UUID) -> WhoToCallNow.UnitNumbers? = { id in
            id == hospice ? WhoToCallNow.UnitNumbers(name: "Hospice", dayPhone: nil, outOfHoursPhone: "48 00 00 00") : units(id)
        }
        // when
        let calls = WhoToCallNow(
            careTeam: members, units: lookup,
            advisoryLines: [
                WhoToCallNow.UnitNumbers(
                    name: "Linjen", dayPhone: "48000000",
                    outOfHoursPhone: nil)
            ],
            outsideWorkingHours: false)
        // then
        #expect(calls.careTeam.map(\.unitName) == ["Palliativt Team", "Hospice"])
        #expect(calls.careTeam[1].number == "48 00 00 00" && calls.careTeam[1].numberIsOutOfHours && calls.careTeam[1].otherNumber == nil)
        #expect(calls.advisoryLine == nil, "the line's number is already offered")
        #expect(WhoToCallNow.dialable("+45 35 45-00 01") == "+4535450001")
    }

    @Test func withoutAPlanOnlyTheLineRemains() {
        let calls = WhoToCallNow(careTeam: [], units: units, advisoryLines: [], outsideWorkingHours: true)
        #expect(calls.careTeam.isEmpty && calls.advisoryLine == nil)
    }
}
