import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// Issue 21: the year's four theme afternoons planned together, and their places by sector.
@Suite struct ThemeSeriesTests {
    @Test func anEducatorPlansTheYearsFourAfternoonsAndSeesPlacesBySector() async throws {
        try await TestApp.run { app in
            let educatorUser = try await app.createUser("underviser", roles: [.educator], unit: nil)
            let token = try await app.apiToken(for: educatorUser)
            let offer = try await app.send(.post, "/api/v1/learning/offers", json: LearningAPITests.offer, token: token)
            let offerId = try #require(try offer.json()["id"] as? String)
            let educator = try await app.login("underviser")
            let path = "/learning/offers/\(offerId)/series"
            // the second date before the first: named, everything typed kept, nothing planned
            let form: [(String, String)] = [
                ("year", "2027"), ("dates[]", "2027-03-04"), ("dates[]", "2027-02-03"), ("dates[]", "2027-09-02"), ("dates[]", "2027-11-25"),
                ("startTime", "13:00"), ("endTime", "16:00"), ("capacity", "60"), ("place", "Hillerød Hospital, auditoriet"),
            ]
            let refused = try await app.post(path, educator, pairs: form)
            #expect(refused.status == .unprocessableContent && refused.text.contains(#"id="dates.2-error""#))
            #expect(refused.text.contains(#"value="2027-02-03""#) && refused.text.contains(#"value="Hillerød Hospital, auditoriet""#))
            var sessions = try await app.send(.get, "/api/v1/learning/offers/\(offerId)", token: token).json()["sessions"] as? [[String: Any]]
            #expect(sessions?.isEmpty == true)
            var fixed = form
            fixed[2] = ("dates[]", "2027-06-03")
            #expect(try await app.post(path, educator, pairs: fixed).status == .seeOther)
            sessions = try await app.send(.get, "/api/v1/learning/offers/\(offerId)", token: token).json()["sessions"] as? [[String: Any]]
            #expect(sessions?.count == 4 && sessions?.first?["startsAt"] as? String == "2027-03-04T12:00:00.000Z")
            // a home-care nurse and a hospital nurse register for the first afternoon
            let first = try #require(sessions?.first?["id"] as? String)
            for (name, unit) in [("anna", "HJ-101"), ("bodil", "RH-PAL")] {
                let user = try await app.apiToken(for: try await app.createUser(name, roles: [.clinician], unit: unit))
                #expect(try await app.send(.post, "/api/v1/learning/sessions/\(first)/registrations", token: user).status == .created)
            }
            let page = try await app.get("/learning/offers/\(offerId)", educator).text
            #expect(page.contains("Tilmeldte efter sektor"))
            let row = try #require(page.range(of: #"<tr><td><a href="/learning/sessions/\#(first)">.*?</tr>"#, options: .regularExpression))
            let cells = page[row].matches(of: /<td class="number">([^<]*)<\/td>/).map { String($0.1) }
            #expect(cells == ["1", "1", "0", "0", "0", "2 / 60", "0"])
            // a nurse sees no sector table and no planning form
            #expect(!(try await app.get("/learning/offers/\(offerId)", try await app.login("anna")).text.contains("Tilmeldte efter sektor")))
        }
    }
}
