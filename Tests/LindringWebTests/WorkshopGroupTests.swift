import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// Issue 21's group mode: a facilitator runs a workshop with three participants. They join with
/// the code, work the same case, see each other's reflections (no one outside the group does),
/// and closing the group records all three as present, completing the workshop and issuing
/// certificates that anyone can check by their code.
@Suite struct WorkshopGroupTests {
    /// A workshop offer with a session that began an hour ago; answers the educator's token and
    /// the session's id.
    static func workshopToday(_ app: TestApp, validityMonths: Int? = nil) async throws -> (educator: String, session: String, offer: String) {
        let educator = try await app.apiToken(for: try await app.createUser("underviser", roles: [.educator], unit: nil))
        var offer: [String: Any] = [
            "title": "Workshop: tidlig palliation i praksis", "format": "workshop", "levels": ["basal"], "competencies": [1, 2],
        ]
        if let validityMonths { offer["validityMonths"] = validityMonths }
        let made = try await app.send(.post, "/api/v1/learning/offers", json: offer, token: educator)
        #expect(made.status == .created)
        let offerId = try #require(try made.json()["id"] as? String)
        let session = try await app.send(
            .post, "/api/v1/learning/offers/\(offerId)/sessions",
            json: [
                "startsAt": ISO8601Instant.format(Date().addingTimeInterval(-3600)), "endsAt": ISO8601Instant.format(Date().addingTimeInterval(7200)),
                "capacity": 20, "place": "Bispebjerg, lokale 4",
            ], token: educator)
        #expect(session.status == .created)
        return (educator, try #require(try session.json()["id"] as? String), offerId)
    }

    static func firstMatch(_ pattern: String, in text: String) throws -> String {
        let range = try #require(text.range(of: pattern, options: .regularExpression))
        return String(text[range])
    }

    @Test func aFacilitatorRunsAWorkshopWithThreeParticipants() async throws {
        try await TestApp.run { app in
            let (educatorToken, sessionId, _) = try await Self.workshopToday(app)
            let educator = try await app.login("underviser")
            var participants: [TestApp.Session] = []
            var users: [User] = []
            for name in ["anna", "bodil", "carl", "dorte"] {
                users.append(try await app.createUser(name, roles: [.clinician], unit: "HJ-101"))
                participants.append(try await app.login(name))
            }
            // anna registered beforehand; bodil and carl come without registering
            let anna = try await app.apiToken(for: users[0])
            #expect(try await app.send(.post, "/api/v1/learning/sessions/\(sessionId)/registrations", token: anna).status == .created)
            // the facilitator picks a case on the session's page and opens the group
            let sessionPage = try await app.get("/learning/sessions/\(sessionId)", educator).text
            #expect(sessionPage.contains("Gruppearbejde"))
            let caseId = try Self.firstMatch(#"[0-9A-F-]{36}:[0-9]+"#, in: sessionPage)
            let noCase = try await app.post("/learning/sessions/\(sessionId)/groups", educator, form: ["caseId": ""])
            #expect(noCase.status == .unprocessableContent && noCase.text.contains(#"id="caseId-error""#))
            let opened = try await app.post("/learning/sessions/\(sessionId)/groups", educator, form: ["caseId": caseId])
            #expect(opened.status == .seeOther)
            let groupPath = try #require(opened.headers[.location])
            let code = try Self.firstMatch(#"(?<=id="group-code">)[A-Z0-9]{6}"#, in: try await app.get(groupPath, educator).text)
            // a code typed wrong is named and kept
            let wrong = try await app.post("/learning/join", participants[0], form: ["code": "ZZZZZZ"])
            #expect(wrong.status == .unprocessableContent && wrong.text.contains(#"value="ZZZZZZ""#) && wrong.text.contains(#"id="code-error""#))
            // three join, one of them typing the code in lower case with a space
            for (index, typed) in [code, code.lowercased(), String(code.prefix(3)) + " " + String(code.suffix(3))].enumerated() {
                let joined = try await app.post("/learning/join", participants[index], form: ["code": typed])
                #expect(joined.status == .seeOther && joined.headers[.location] == groupPath)
            }
            // dorte is not in the group: she sees neither the case page nor its reflections
            #expect(try await app.get(groupPath, participants[3]).status == .forbidden)
            // anna shares a reflection; bodil sees it; an empty one is refused on the page
            let reflection = "Vi ville spørge, hvad der er vigtigst for hende nu"
            #expect(try await app.post("\(groupPath)/reflections", participants[0], form: ["question": "0", "text": reflection]).status == .seeOther)
            let empty = try await app.post("\(groupPath)/reflections", participants[1], form: ["question": "0", "text": " "])
            #expect(empty.status == .unprocessableContent && empty.text.contains(#"id="text-0-error""#))
            let bodilsView = try await app.get(groupPath, participants[1]).text
            #expect(bodilsView.contains(reflection) && bodilsView.contains("Test anna") && bodilsView.contains("I gruppen (4)"))
            // only the facilitator closes the group
            #expect(try await app.post("\(groupPath)/close", participants[2], form: [:]).status == .forbidden)
            let closed = try await app.post("\(groupPath)/close", educator, form: [:])
            #expect(closed.status == .seeOther)
            #expect(try await app.get(groupPath, educator).text.contains("Fremmøde er registreret for 3 deltagere"))
            // a closed group takes no more reflections
            #expect(try await app.post("\(groupPath)/reflections", participants[0], form: ["question": "0", "text": "sent"]).status == .conflict)
            // then: all three hold a place marked present, the facilitator none
            let session = try await app.send(.get, "/api/v1/learning/sessions/\(sessionId)", token: educatorToken).json()
            let registrations = try #require(session["registrations"] as? [[String: Any]])
            #expect(Set(registrations.compactMap { $0["userId"] as? String }) == Set(users.prefix(3).map(\.id.uuidString)))
            #expect(registrations.allSatisfy { $0["attendedAt"] is String && $0["status"] as? String == "registered" })
            // the workshop is completed, with a certificate anyone may check by its code
            let completions = try await app.send(.get, "/api/v1/learning/completions", token: try await app.apiToken(for: users[1])).json()
            let offers = try #require(completions["offers"] as? [[String: Any]])
            #expect(offers.count == 1 && offers.first?["source"] as? String == "attendance")
            let certificate = try #require(offers.first?["certificate"] as? [String: Any])
            let certificateCode = try #require(certificate["code"] as? String)
            let checked = try await app.get("/certificates/verify/\(certificateCode)")
            #expect(checked.status == .ok && checked.text.contains("Test bodil") && checked.text.contains("Beviset er gyldigt"))
            let checkedJSON = try await app.get("/certificates/verify/\(certificateCode.lowercased())", headers: [.accept: "application/json"])
                .json()
            #expect(checkedJSON["status"] as? String == "valid" && checkedJSON["holderName"] as? String == "Test bodil")
            #expect(try await app.get("/certificates/verify/AAAA-BBBB-CCCC").status == .notFound)
            // the printable certificate is the holder's (and educators'), not a colleague's
            let certificatePath = "/learning/certificates/\(try #require(certificate["id"] as? String))"
            #expect(try await app.get(certificatePath, participants[1]).text.contains(certificateCode))
            #expect(try await app.get(certificatePath, participants[3]).status == .forbidden)
            // each step is in the audit log, without the reflection's text
            let actions = try await app.persistence.read { tx in
                try await tx.sql.raw("SELECT action, purpose FROM audit_entries WHERE action LIKE 'learning.group.%'").all()
                    .map { (try $0.decode(column: "action", as: String.self), try $0.decode(column: "purpose", as: String?.self)) }
            }
            #expect(actions.filter { $0.0 == "learning.group.join" }.count == 3 && actions.contains { $0.0 == "learning.group.close" })
            #expect(!actions.contains { $0.1?.contains("hende") == true })
        }
    }
}
