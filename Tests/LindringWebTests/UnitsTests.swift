import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Testing

@testable import LindringStore
@testable import LindringWeb

@Suite struct UnitsTests {
    @Test func administratorAddsEditsAndDeactivatesAUnit() async throws {
        try await TestApp.run { app in
            // given
            try await app.createUser("anne", roles: [.administrator])
            let session = try await app.login("anne")
            // when
            let created = try await app.post(
                "/units/new", session,
                form: [
                    "code": "GP-TEST", "name": "Lægerne i Testby", "kind": "generalPractice", "sector": "generalPractice",
                    "parentCode": "", "dayPhone": "+45 44 44 44 44", "outOfHoursPhone": "1813 1813", "sorCode": "123456789012",
                ])
            // then
            #expect(created.status == .seeOther)
            let unit = try #require(try await UnitRepository.find(code: "GP-TEST", on: app.persistence.snapshot))
            #expect(unit.outOfHoursPhone == "1813 1813")
            // when
            let edited = try await app.post(
                "/units/\(unit.id)/edit", session,
                form: [
                    "code": "GP-TEST", "name": "Lægerne i Testby I/S", "kind": "generalPractice", "sector": "generalPractice",
                ])
            let deactivated = try await app.post("/units/\(unit.id)/deactivate", session, form: [:])
            // then
            #expect(edited.status == .seeOther)
            #expect(deactivated.status == .seeOther)
            let after = try #require(try await UnitRepository.find(id: unit.id, on: app.persistence.snapshot))
            #expect(after.name == "Lægerne i Testby I/S")
            #expect(after.active == false)
            let actions = try await AuditLog.search(AuditFilter(username: "anne"), limit: 20, on: app.persistence.snapshot).map(\.record.action)
            #expect(actions.filter { $0.hasPrefix("unit.") } == ["unit.deactivate", "unit.update", "unit.create"])
        }
    }

    @Test func aUnitCarriesASuccessorFromADayAfterAMerger() async throws {
        try await TestApp.run { app in
            // given the region's successor in the register
            try await app.createUser("anne", roles: [.administrator])
            let session = try await app.login("anne")
            let region = ["name": "Region Østdanmark", "kind": "administration", "sector": "region"]
            #expect(try await app.post("/units/new", session, form: region.merging(["code": "REGION-OST"]) { a, _ in a }).status == .seeOther)
            let capital = try #require(try await UnitRepository.find(code: "REGION-H", on: app.persistence.snapshot))
            var form = ["code": "REGION-H", "name": capital.name, "kind": "administration", "sector": "region", "successorCode": "REGION-OST"]
            // a successor without its day, or the unit itself, is refused
            let undated = try await app.post("/units/\(capital.id)/edit", session, form: form)
            #expect(undated.status == .unprocessableContent && undated.text.contains(#"id="successorFrom""#))
            form["successorFrom"] = "2027-01-01"
            form["successorCode"] = "REGION-H"
            #expect(try await app.post("/units/\(capital.id)/edit", session, form: form).status == .unprocessableContent)
            // when the Capital Region is carried on by Region Østdanmark from 1 January 2027
            form["successorCode"] = "REGION-OST"
            #expect(try await app.post("/units/\(capital.id)/edit", session, form: form).status == .seeOther)
            // then the unit keeps its name and says who carries it on, on its page and in the API
            let after = try #require(try await UnitRepository.find(id: capital.id, on: app.persistence.snapshot))
            #expect(after.name == capital.name && after.successorCode == "REGION-OST" && after.successorFrom == LocalDate("2027-01-01"))
            #expect(try await app.get("/units/\(capital.id)", session).text.contains("fra 01.01.2027"))
            let token = try await app.apiToken(for: try await app.createUser("api", roles: [.administrator]))
            let unit = try await app.send(.get, "/api/v1/units/\(capital.id)", token: token).json()
            #expect(unit["successorCode"] as? String == "REGION-OST" && unit["successorFrom"] as? String == "2027-01-01")
        }
    }

    @Test func invalidUnitFormIsShownAgainWithErrorsAndWhatWasTyped() async throws {
        try await TestApp.run { app in
            // given
            try await app.createUser("anne", roles: [.administrator])
            let session = try await app.login("anne")
            let hostile = "\"><script>alert(1)</script>"
            // when
            let response = try await app.post(
                "/units/new", session,
                form: [
                    "code": "RH-PAL", "name": hostile, "kind": "castle", "sector": "region", "dayPhone": "call me",
                ])
            // then
            #expect(response.status == .unprocessableContent)
            let html = response.text
            #expect(html.contains("class=\"form-error\""))
            #expect(html.contains("aria-invalid=\"true\""))
            #expect(!html.contains("<script>alert(1)"))
            #expect(html.contains("&quot;&gt;&lt;script&gt;"), "the typed name is kept, escaped")
            #expect(html.contains("value=\"call me\""))
            #expect(try await UnitRepository.count(on: app.persistence.snapshot) == 52)
        }
    }

    @Test func everyoneSignedInReadsTheRegisterButOnlyAdministratorsChangeIt() async throws {
        try await TestApp.run { app in
            // given
            try await app.createUser("karen", roles: [.clinician])
            let session = try await app.login("karen")
            let unit = try #require(try await UnitRepository.find(code: "RH-PAL", on: app.persistence.snapshot))
            // when
            let list = try await app.get("/units?q=rigshospitalet", session)
            let edit = try await app.get("/units/\(unit.id)/edit", session)
            let post = try await app.post("/units/\(unit.id)/deactivate", session, form: [:])
            // then
            #expect(list.status == .ok)
            #expect(list.text.contains("Palliativt Team, Rigshospitalet"))
            #expect(!list.text.contains("Hjemmeplejen, København"), "the search filters")
            #expect(edit.status == .forbidden)
            #expect(post.status == .forbidden)
            #expect(try await UnitRepository.find(id: unit.id, on: app.persistence.snapshot)?.active == true)
        }
    }

    @Test func aUnitCannotBecomeItsOwnAncestor() async throws {
        try await TestApp.run { app in
            try await app.createUser("anne", roles: [.administrator])
            let session = try await app.login("anne")
            let hospital = try #require(try await UnitRepository.find(code: "RH", on: app.persistence.snapshot))
            let response = try await app.post(
                "/units/\(hospital.id)/edit", session,
                form: [
                    "code": "RH", "name": "Rigshospitalet", "kind": "administration", "sector": "region", "parentCode": "RH-PAL",
                ])
            #expect(response.status == .unprocessableContent)
            #expect(try await UnitRepository.find(id: hospital.id, on: app.persistence.snapshot)?.parentId == nil)
        }
    }
}

@Suite struct HostileInputTests {
    static let hostile = ["'; DROP TABLE units; --", "\"><img src=x onerror=alert(1)>", "</textarea><script>alert(1)</script>", "a\u{0}b"]
    static let unitFields = ["code", "name", "parentCode", "dayPhone", "outOfHoursPhone", "sorCode"]
    static let userFields = ["username", "name", "unitCode", "password"]

    @Test(arguments: unitFields, hostile)
    func unitFormFieldsRefuseInjectionWithoutStoringOrReflectingIt(field: String, value: String) async throws {
        try await TestApp.run { app in
            try await app.createUser("anne", roles: [.administrator])
            let session = try await app.login("anne")
            var form = ["code": "SAFE-1", "name": "Sikker enhed", "kind": "hospice", "sector": "hospice"]
            form[field] = value
            let response = try await app.post("/units/new", session, form: form)
            #expect(response.status == .unprocessableContent || response.status == .seeOther, "\(field)")
            #expect(!response.text.contains("<script>alert") && !response.text.contains("<img src=x"))
            if response.status == .seeOther {
                // accepted as plain text (a name may contain any printable characters): shown escaped
                let unit = try #require(try await UnitRepository.find(code: form["code"]!, on: app.persistence.snapshot))
                let page = try await app.get("/units/\(unit.id)", session)
                #expect(!page.text.contains("<img src=x") && !page.text.contains("<script>alert"))
            } else {
                #expect(try await UnitRepository.count(on: app.persistence.snapshot) == 52)
            }
        }
    }

    @Test(arguments: userFields, hostile)
    func userFormFieldsRefuseInjectionWithoutStoringOrReflectingIt(field: String, value: String) async throws {
        try await TestApp.run { app in
            try await app.createUser("anne", roles: [.administrator])
            let session = try await app.login("anne")
            var form = ["username": "bo", "name": "Bo Berg", "profession": "nurse", "roles[]": "clinician", "password": TestApp.password]
            form[field] = value
            let response = try await app.post("/users/new", session, form: form)
            #expect(response.status == .unprocessableContent || response.status == .seeOther, "\(field)")
            #expect(!response.text.contains("<script>alert") && !response.text.contains("<img src=x"))
            let users = try await app.get("/users", session)
            #expect(!users.text.contains("<img src=x") && !users.text.contains("<script>alert"))
        }
    }
}
