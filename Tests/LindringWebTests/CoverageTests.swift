import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// The coverage report's arithmetic through the API: the staff register as denominator,
/// completions in Lindring (linked by employee number) and recorded outside it as numerator,
/// per department and profession, beside the unit's early identification.
@Suite struct CoverageTests {
    @Test func aDepartmentsShareTrainedIsItsStaffWhoCompletedTheLevel() async throws {
        try await TestApp.run { app in
            let educator = try await app.apiToken(for: try await app.createUser("underviser", roles: [.educator], unit: nil))
            let csv = """
                employeeNumber,name,unitCode,profession,startDate
                1,Anna,HJ-101,nurse,2019-01-01
                2,Bent,HJ-101,socialAndHealthCareHelper,2019-01-01
                3,Cecilie,HJ-101,nurse,2019-01-01
                4,Dorte,RH-PAL,doctor,2019-01-01
                5,Erik,RH-PAL,nurse,2019-01-01
                6,Frida,RH-PAL,nurse,2019-01-01
                7,Gert,RH-PAL,nurse,2019-01-01
                """
            let imported = try await app.client.execute(
                uri: "/api/v1/learning/staff/import", method: .post, headers: [.authorization: "Bearer \(educator)", .contentType: "text/csv"],
                body: ByteBuffer(string: csv))
            #expect(imported.status == .ok)
            let offers = try await app.persistence.read { try await OfferRepository.list(on: $0) }
            let course = try #require(offers.first { $0.offer.format == .eLearning })  // levels basal and A
            let anna = try await app.createUser("anna", roles: [.clinician], unit: "HJ-101")
            // the administrator links Anna's account to her employee number; one number, one account
            _ = try await app.createUser("admin", roles: [.administrator], unit: nil)
            let admin = try await app.login("admin")
            let annasForm = [("name", "Test anna"), ("profession", "nurse"), ("unitCode", "HJ-101"), ("roles[]", "clinician")]
            #expect(try await app.post("/users/\(anna.id)/edit", admin, pairs: annasForm + [("employeeNumber", "1")]).status == .seeOther)
            let bent = try await app.createUser("bent", roles: [.clinician], unit: "HJ-101")
            let taken = try await app.post(
                "/users/\(bent.id)/edit", admin,
                pairs: [("name", "Test bent"), ("profession", "nurse"), ("unitCode", "HJ-101"), ("roles[]", "clinician"), ("employeeNumber", "1")])
            #expect(taken.status == .unprocessableContent && taken.text.contains(#"id="employeeNumber-error""#))
            #expect(try await app.persistence.read { try await UserRepository.find(id: anna.id, on: $0) }?.employeeNumber == "1")
            try await app.persistence.write { tx in
                // Anna completed the course in Lindring; Dorte's and Erik's were recorded elsewhere.
                try await ProgressRepository.completeOffer(userId: anna.id, offerId: course.id, at: Date(), source: "modules", on: tx)
                for number in ["4", "5"] {
                    try await CoverageRepository.recordStaffCompletion(
                        employeeNumber: number, offerId: course.id, at: Date(), source: "import", on: tx)
                }
            }
            let finance = try await app.apiToken(for: try await app.createUser("oekonomi", roles: [.finance], unit: nil))
            let answer = try await app.send(.get, "/api/v1/learning/coverage?by=department&level=basal", token: finance)
            // exact decimals in the JSON text, not binary fractions
            #expect(answer.text.contains(#""share":0.3333,"#) && answer.text.contains(#""share":0.5,"#))
            let byDepartment = try answer.json()
            let rows = try #require(byDepartment["rows"] as? [[String: Any]])
            // lowest share first: HJ-101 1 of 3 (0.3333), RH-PAL 2 of 4 (0.5)
            #expect(rows.compactMap { $0["key"] as? String } == ["HJ-101", "RH-PAL"])
            #expect(rows.compactMap { $0["staff"] as? Int } == [3, 4] && rows.compactMap { $0["completed"] as? Int } == [1, 2])
            #expect(rows.allSatisfy { $0["screenedPatients"] as? Int == 0 && $0["planShare"] is NSNull })
            let total = try #require(byDepartment["total"] as? [String: Any])
            #expect(total["staff"] as? Int == 7 && total["completed"] as? Int == 3)
            // by profession: nurses 2 of 5, no screening figures
            let byProfession = try await app.send(.get, "/api/v1/learning/coverage?by=profession&level=basal", token: finance).json()
            let nurses = try #require((byProfession["rows"] as? [[String: Any]])?.first { $0["key"] as? String == "nurse" })
            #expect(nurses["staff"] as? Int == 5 && nurses["completed"] as? Int == 2 && nurses["screenedPatients"] is NSNull)
            // a level no offer has: nobody has completed it
            let specialised = try await app.send(.get, "/api/v1/learning/coverage?level=specialised", token: finance).json()
            #expect((specialised["rows"] as? [[String: Any]])?.allSatisfy { $0["completed"] as? Int == 0 } == true)
            #expect(try await app.send(.get, "/api/v1/learning/coverage?by=team", token: finance).status == .unprocessableContent)
            let nurse = try await app.apiToken(for: anna)
            #expect(try await app.send(.get, "/api/v1/learning/coverage", token: nurse).status == .forbidden)
            // the page and its CSV
            let page = try await app.get("/learning/coverage?by=department&level=basal", try await app.login("oekonomi"))
            #expect(page.status == .ok && page.text.contains("<svg class=\"chart coverage\"") && page.text.contains("33,3 %"))
            let csvAnswer = try await app.get("/learning/coverage.csv?by=department&level=basal&lang=en", try await app.login("oekonomi"))
            #expect(csvAnswer.text.contains("group,key,staff,completed,share,screenedPatients,planShare"))
        }
    }

    @Test func aUnitsCompetenceMatrixShowsEachPersonAndProfession() async throws {
        try await TestApp.run { app in
            let educator = try await app.apiToken(for: try await app.createUser("underviser", roles: [.educator], unit: nil))
            let csv = """
                employeeNumber,name,unitCode,profession,startDate
                1,Anna Andersen,HJ-101,nurse,2019-01-01
                2,Bent Berg,HJ-101,socialAndHealthCareHelper,2019-01-01
                3,Cecilie Clausen,HJ-101,nurse,2019-01-01
                4,Dorte Dahl,RH-PAL,doctor,2019-01-01
                """
            #expect(
                try await app.client.execute(
                    uri: "/api/v1/learning/staff/import", method: .post, headers: [.authorization: "Bearer \(educator)", .contentType: "text/csv"],
                    body: ByteBuffer(string: csv)
                ).status == .ok)
            let course = try #require(
                try await app.persistence.read { try await OfferRepository.list(on: $0) }.first { $0.offer.format == .eLearning })
            try await app.persistence.write { tx in
                try await CoverageRepository.recordStaffCompletion(employeeNumber: "1", offerId: course.id, at: Date(), source: "import", on: tx)
            }
            let unit = try #require(try await app.persistence.read { try await UnitRepository.find(code: "HJ-101", on: $0) })
            let session = try await app.login("underviser")
            let page = try await app.get("/learning/matrix?unit=\(unit.id)", session)
            #expect(page.status == .ok && page.text.contains("Medarbejdere (3)") && !page.text.contains("Dorte Dahl"))
            // Anna holds basal and A; the nurses' row counts 1 of 2
            let anna = try #require(page.text.range(of: #"Anna Andersen.*?</tr>"#, options: .regularExpression))
            #expect(page.text[anna].matches(of: /class="held"/).count == 2)
            #expect(page.text.contains("<td class=\"number\">1 / 2</td>"))
            // by profession: only the nurses
            let nurses = try await app.get("/learning/matrix?unit=\(unit.id)&profession=nurse", session).text
            #expect(nurses.contains("Medarbejdere (2)") && !nurses.contains("Bent Berg"))
            // a unit that is not one is named; a clinician may not see the matrix
            #expect(try await app.get("/learning/matrix?unit=\(UUID())", session).status == .unprocessableContent)
            _ = try await app.createUser("anna", roles: [.clinician], unit: "HJ-101")
            #expect(try await app.get("/learning/matrix?unit=\(unit.id)", try await app.login("anna")).status == .forbidden)
        }
    }
}
