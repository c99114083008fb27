import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import NIOCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// Two patients of one name are told apart by age, birth date, address and municipality, and a
/// birth date with the name finds the right one (issue 18, item 7).
@Suite struct PatientIdentificationTests {
    @Test func searchResultsShowAgeBirthDateAndAddressAndABirthDateNarrowsTheSearch() async throws {
        try await TestApp.run { app in
            // given: two Inger Jensens of one unit
            try await app.createUser("pal", roles: [.clinician], unit: "RH-PAL")
            let session = try await app.login("pal")
            for (cpr, address) in [("1203401234", "Lindevej 4"), ("0507452345", "Birkealle 12")] {
                let saved = try await app.post(
                    "/patients/new", session,
                    form: [
                        "cpr": cpr, "name": "Inger Jensen", "address": address, "municipalityCode": "101", "diagnosisGroup": "cancer",
                        "sharingConsent": "given",
                    ])
                #expect(saved.status == .seeOther)
            }
            // when
            let both = try await app.post("/patients", session, form: ["q": "inger jensen"])
            let one = try await app.post("/patients", session, form: ["q": "Jensen 12.03.1940"])
            let token = try await app.apiToken(for: try #require(try await UserRepository.find(username: "pal", on: app.persistence.snapshot)))
            let api = try await app.client.execute(
                uri: "/api/v1/patients/search", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"q":"12031940 inger"}"#))
            // then
            #expect(both.text.contains("Lindevej 4") && both.text.contains("Birkealle 12"))
            #expect(both.text.contains("12.03.1940") && both.text.contains("05.07.1945"))
            #expect(both.text.contains("København"), "the municipality by name")
            #expect(one.text.contains("Lindevej 4") && !one.text.contains("Birkealle 12"))
            let items = try #require(try api.json()["items"] as? [[String: Any]])
            #expect(items.count == 1)
            #expect(items.first?["birthDate"] as? String == "1940-03-12" && items.first?["address"] as? String == "Lindevej 4")
        }
    }

    @Test func theAddressIsKeptAndShownAndItsLengthChecked() async throws {
        try await TestApp.run { app in
            // given
            try await app.createUser("pal", roles: [.clinician], unit: "RH-PAL")
            let session = try await app.login("pal")
            // when
            let tooLong = try await app.post(
                "/patients/new", session,
                form: [
                    "cpr": "1203401234", "name": "Inger Jensen", "address": String(repeating: "x", count: 201), "diagnosisGroup": "cancer",
                ])
            let saved = try await app.post(
                "/patients/new", session,
                form: [
                    "cpr": "1203401234", "name": "Inger Jensen", "address": "Lindevej 4, 2100 København Ø", "diagnosisGroup": "cancer",
                ])
            // then
            #expect(tooLong.status == .unprocessableContent && tooLong.text.contains("Inger Jensen"))
            let location = try #require(saved.headers[.location]).split(separator: "?").first.map(String.init) ?? ""
            #expect(try await app.get(location, session).text.contains("Lindevej 4, 2100 København Ø"))
        }
    }
}
