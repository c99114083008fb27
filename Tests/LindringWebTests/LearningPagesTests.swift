import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// Issue 21 in the browser's pages: an educator adds an offer and plans a session; nurses
/// register, the session fills, a cancellation promotes the first who waits, who finds the
/// message on the home page.
@Suite struct LearningPagesTests {
    @Test func anEducatorPlansASessionNursesFillItAndThePromotedOneIsToldOnTheHomePage() async throws {
        try await TestApp.run { app in
            _ = try await app.createUser("underviser", roles: [.educator], unit: nil)
            let educator = try await app.login("underviser")
            // a refused offer keeps what was typed
            let refused = try await app.post(
                "/learning/offers/new", educator, pairs: [("title", "Basal palliation i hjemmeplejen"), ("format", ""), ("levels[]", "basal")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"value="Basal palliation i hjemmeplejen""#) && refused.text.contains(#"id="format-error""#))
            #expect(refused.text.contains(#"value="basal" checked"#))
            let created = try await app.post(
                "/learning/offers/new", educator,
                pairs: [("title", "Basal palliation i hjemmeplejen"), ("format", "workshop"), ("levels[]", "basal"), ("competencies[]", "2")])
            #expect(created.status == .seeOther)
            let offerPath = try #require(created.headers[.location]?.split(separator: "?").first.map(String.init))
            // a session ending before it starts is refused with the form as typed
            let backwards = try await app.post(
                "\(offerPath)/sessions", educator,
                form: ["startsAt": "2027-03-04T13:00", "endsAt": "2027-03-04T12:00", "capacity": "1", "place": "Hillerød"])
            #expect(backwards.status == .unprocessableContent && backwards.text.contains(#"value="2027-03-04T13:00""#))
            let planned = try await app.post(
                "\(offerPath)/sessions", educator,
                form: ["startsAt": "2027-03-04T13:00", "endsAt": "2027-03-04T16:00", "capacity": "1", "place": "Hillerød"])
            #expect(planned.status == .seeOther)
            let sessionPath = try #require(planned.headers[.location]?.split(separator: "?").first.map(String.init))
            // two nurses: the first gets the place, the second waits
            _ = try await app.createUser("anna", roles: [.clinician], unit: "HJ-101")
            _ = try await app.createUser("bodil", roles: [.clinician], unit: "HJ-101")
            let anna = try await app.login("anna")
            let bodil = try await app.login("bodil")
            #expect(try await app.get("/learning", anna).text.contains("Basal palliation i hjemmeplejen"))
            #expect(try await app.post("\(sessionPath)/register", anna, form: [:]).headers[.location]?.hasSuffix("notice=registered") == true)
            #expect(try await app.post("\(sessionPath)/register", bodil, form: [:]).headers[.location]?.hasSuffix("notice=waitlisted") == true)
            #expect(try await app.get("/learning", bodil).text.contains("Nr. 1 på ventelisten"))
            // the educator sees both lists and registers someone by username; an unknown one is named
            let full = try await app.get(sessionPath, educator)
            #expect(full.text.contains("Tilmeldte (1)") && full.text.contains("Venteliste (1)"))
            let unknown = try await app.post("\(sessionPath)/register", educator, form: ["username": "ingen"])
            #expect(unknown.status == .unprocessableContent && unknown.text.contains(#"value="ingen""#))
            // when: anna cancels from her registration
            let annas = try await app.get(sessionPath, anna).text
            let cancel = try #require(annas.range(of: #"/learning/registrations/[0-9A-Fa-f-]{36}/cancel"#, options: .regularExpression))
            #expect(try await app.post(String(annas[cancel]), anna, form: [:]).status == .seeOther)
            // then: bodil has the place and is told on her home page
            let home = try await app.get("/", bodil)
            #expect(home.text.contains("Du har fået plads på Basal palliation i hjemmeplejen"))
            #expect(try await app.get(sessionPath, bodil).text.contains("Du har en plads"))
        }
    }
}
