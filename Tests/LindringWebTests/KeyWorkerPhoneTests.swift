import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Testing

@testable import LindringDemoData
@testable import LindringStore
@testable import LindringWeb

/// A key worker nobody can call out of hours is said plainly, and the unit register's numbers
/// stand in where the plan names none (issue 18, item 8).
@Suite struct KeyWorkerPhoneTests {
    func setNumbers(_ app: TestApp, unit code: String, day: String?, night: String?) async throws {
        let db = app.persistence.outsideWriter
        let unit = try #require(try await UnitRepository.find(code: code, on: db))
        var draft = UnitDraft(unit)
        (draft.dayPhone, draft.outOfHoursPhone) = (day, night)
        let valid = try draft.validated()
        try await app.persistence.write { _ = try await UnitRepository.update(id: unit.id, valid, on: $0) }
    }

    @Test func aKeyWorkerWithoutAnOutOfHoursNumberIsWarnedAboutAndTheRegistersNumberStandsIn() async throws {
        try await TestApp.run { app in
            // given: the key worker's unit has no numbers at all, home care has its own in the register
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", careTeam: ["HJ-101"])
            try await setNumbers(app, unit: "RH-PAL", day: nil, night: nil)
            try await setNumbers(app, unit: "HJ-101", day: "70 20 01 00", night: "70 21 01 00")
            let session = try await app.login(try await app.createUser("pal", roles: [.clinician], unit: "RH-PAL").username)
            // when
            let page = try await app.get("/patients/\(patient)", session)
            // then
            #expect(page.text.contains("no-night-phone"))
            #expect(page.text.contains("Intet nummer uden for dagtid"))
            #expect(page.text.contains("tel:70210100") && page.text.contains("(enhedens nummer)"))
            // when the key worker's unit gets an on-call number in the register
            try await setNumbers(app, unit: "RH-PAL", day: "35 45 00 00", night: "35 45 99 99")
            let after = try await app.get("/patients/\(patient)", session)
            // then
            #expect(!after.text.contains("no-night-phone"))
            #expect(after.text.contains("tel:35459999"))
        }
    }

    @Test func theDemoGivesTheClinicalUnitsNumbers() async throws {
        try await TestApp.run { app in
            // when
            try await DemoPatients.demoUnitPhones(app.persistence)
            // then
            let units = try await UnitRepository.list(includeInactive: false, on: app.persistence.snapshot)
            let palliative = units.filter { $0.kind == .palliativeTeam || $0.kind == .homeCare }
            #expect(!palliative.isEmpty && palliative.allSatisfy { $0.dayPhone != nil && $0.outOfHoursPhone != nil })
        }
    }
}
