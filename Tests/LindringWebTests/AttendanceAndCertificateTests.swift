import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// Issue 21: attendance taken on the day completes the offer and issues its certificate (taken
/// back when the tick was a mistake); participants evaluate once; holders are reminded 30 days
/// before a certificate expires, once.
@Suite struct AttendanceAndCertificateTests {
    @Test func attendanceCompletesTheOfferAndAMistakenTickIsTakenBack() async throws {
        try await TestApp.run { app in
            let (educator, sessionId, offerId) = try await WorkshopGroupTests.workshopToday(app, validityMonths: 12)
            let anna = try await app.createUser("anna", roles: [.clinician], unit: "HJ-101")
            let bodil = try await app.createUser("bodil", roles: [.clinician], unit: "HJ-101")
            let annaToken = try await app.apiToken(for: anna)
            for user in [anna, bodil] {
                let token = try await app.apiToken(for: user)
                #expect(try await app.send(.post, "/api/v1/learning/sessions/\(sessionId)/registrations", token: token).status == .created)
            }
            // a session next year: attendance is not taken yet
            let later = try await app.send(
                .post, "/api/v1/learning/offers/\(offerId)/sessions",
                json: ["startsAt": "2030-03-04T13:00:00+01:00", "endsAt": "2030-03-04T16:00:00+01:00", "capacity": 5, "place": "Hillerød"],
                token: educator)
            let laterId = try #require(try later.json()["id"] as? String)
            // a session already held takes no registrations
            let held = try await app.send(
                .post, "/api/v1/learning/offers/\(offerId)/sessions",
                json: ["startsAt": "2025-03-04T13:00:00+01:00", "endsAt": "2025-03-04T16:00:00+01:00", "capacity": 5, "place": "Hillerød"],
                token: educator)
            let heldId = try #require(try held.json()["id"] as? String)
            #expect(try await app.send(.post, "/api/v1/learning/sessions/\(heldId)/registrations", token: annaToken).status == .conflict)
            #expect(
                try await app.send(.put, "/api/v1/learning/sessions/\(laterId)/attendance", json: ["present": []], token: educator).status
                    == .conflict)
            // only educators take attendance; someone not registered is named
            #expect(
                try await app.send(.put, "/api/v1/learning/sessions/\(sessionId)/attendance", json: ["present": []], token: annaToken).status
                    == .forbidden)
            let stranger = try await app.send(
                .put, "/api/v1/learning/sessions/\(sessionId)/attendance", json: ["present": [UUID().uuidString]], token: educator)
            #expect(stranger.status == .unprocessableContent && stranger.text.contains("present"))
            // anna came, bodil did not
            let taken = try await app.send(
                .put, "/api/v1/learning/sessions/\(sessionId)/attendance", json: ["present": [anna.id.uuidString]], token: educator)
            #expect(taken.status == .ok)
            let registrations = try #require(try taken.json()["registrations"] as? [[String: Any]])
            #expect(registrations.filter { $0["attendedAt"] is String }.map { $0["userId"] as? String } == [anna.id.uuidString])
            var completions = try await app.send(.get, "/api/v1/learning/completions", token: annaToken).json()
            let certificate = try #require((completions["offers"] as? [[String: Any]])?.first?["certificate"] as? [String: Any])
            let lastValidDay = try #require(certificate["lastValidDay"] as? String)
            let today = LocalDate(Date(), in: DanishCalendar.timeZone)
            #expect(lastValidDay == today.adding(months: 12).adding(days: -1).description)
            // a colleague may not read anna's completions; an educator may
            let bodilsToken = try await app.apiToken(for: bodil)
            #expect(try await app.send(.get, "/api/v1/learning/completions?userId=\(anna.id)", token: bodilsToken).status == .forbidden)
            #expect(try await app.send(.get, "/api/v1/learning/completions?userId=\(anna.id)", token: educator).status == .ok)
            // the tick was a mistake: taken back, and with it the completion and the certificate
            #expect(
                try await app.send(.put, "/api/v1/learning/sessions/\(sessionId)/attendance", json: ["present": []], token: educator).status == .ok)
            completions = try await app.send(.get, "/api/v1/learning/completions", token: annaToken).json()
            #expect((completions["offers"] as? [[String: Any]])?.isEmpty == true)
            // the educator's phone list on the day
            let educatorSession = try await app.login("underviser")
            let list = try await app.get("/learning/sessions/\(sessionId)/attendance", educatorSession)
            #expect(list.status == .ok && list.text.contains("0 af 2 til stede") && list.text.contains(#"value="\#(anna.id.uuidString)""#))
            let saved = try await app.post(
                "/learning/sessions/\(sessionId)/attendance", educatorSession, pairs: [("present[]", ""), ("present[]", anna.id.uuidString)])
            #expect(saved.status == .seeOther)
            #expect(try await app.get("/learning/sessions/\(sessionId)/attendance", educatorSession).text.contains("1 af 2 til stede"))
        }
    }

    @Test func aParticipantEvaluatesOnceAndTheEducatorSeesTheMeans() async throws {
        try await TestApp.run { app in
            let (educator, sessionId, _) = try await WorkshopGroupTests.workshopToday(app)
            var tokens: [String] = []
            for name in ["anna", "bodil"] {
                let token = try await app.apiToken(for: try await app.createUser(name, roles: [.clinician], unit: "HJ-101"))
                #expect(try await app.send(.post, "/api/v1/learning/sessions/\(sessionId)/registrations", token: token).status == .created)
                tokens.append(token)
            }
            let path = "/api/v1/learning/sessions/\(sessionId)/evaluations"
            let bad = try await app.send(.post, path, json: ["rating": 6, "relevance": 4], token: tokens[0])
            #expect(bad.status == .unprocessableContent && bad.text.contains("rating"))
            #expect(
                try await app.send(.post, path, json: ["rating": 5, "relevance": 4, "comment": "Gode cases"], token: tokens[0]).status == .created)
            #expect(try await app.send(.post, path, json: ["rating": 5, "relevance": 4], token: tokens[0]).status == .conflict)
            // someone without a place may not evaluate
            let dorte = try await app.apiToken(for: try await app.createUser("dorte", roles: [.clinician], unit: "HJ-101"))
            #expect(try await app.send(.post, path, json: ["rating": 3, "relevance": 3], token: dorte).status == .forbidden)
            // bodil evaluates on the page; a missing rating re-renders what she wrote
            let bodil = try await app.login("bodil")
            let missing = try await app.post(
                "/learning/sessions/\(sessionId)/evaluation", bodil, form: ["relevance": "3", "comment": "For kort tid"])
            #expect(missing.status == .unprocessableContent && missing.text.contains("For kort tid") && missing.text.contains(#"id="rating-error""#))
            let sent = try await app.post("/learning/sessions/\(sessionId)/evaluation", bodil, form: ["rating": "4", "relevance": "3"])
            #expect(sent.status == .seeOther)
            #expect(try await app.get("/learning/sessions/\(sessionId)", bodil).text.contains("du har evalueret undervisningen"))
            // the educator sees the means and the comments, no names
            let page = try await app.get("/learning/sessions/\(sessionId)", try await app.login("underviser")).text
            #expect(page.contains("2 svar · undervisningen i gennemsnit 4,5 af 5 · brugbarhed 3,5 af 5") && page.contains("Gode cases"))
            _ = educator
        }
    }

    @Test func aHolderIsRemindedOnceThirtyDaysBeforeTheCertificateExpires() async throws {
        try await TestApp.run { app in
            let (educator, sessionId, _) = try await WorkshopGroupTests.workshopToday(app, validityMonths: 2)
            let anna = try await app.createUser("anna", roles: [.clinician], unit: "HJ-101")
            #expect(
                try await app.send(.post, "/api/v1/learning/sessions/\(sessionId)/registrations", token: try await app.apiToken(for: anna)).status
                    == .created)
            #expect(
                try await app.send(
                    .put, "/api/v1/learning/sessions/\(sessionId)/attendance", json: ["present": [anna.id.uuidString]], token: educator
                )
                .status == .ok)
            let certificate = try #require(try await app.persistence.read { try await CertificateRepository.list(userId: anna.id, on: $0) }.first)
            let lastValidDay = try #require(certificate.lastValidDay)
            let service = CertificateService(services: try app.services())
            // 31 days before: not yet; 30 days before: once
            #expect(try await service.sendReminders(today: lastValidDay.adding(days: -30)) == 0)
            #expect(try await service.sendReminders(today: lastValidDay.adding(days: -29)) == 1)
            #expect(try await service.sendReminders(today: lastValidDay.adding(days: -20)) == 0)
            let messages = try await app.persistence.read { try await UserMessageRepository.latest(userId: anna.id, on: $0) }
            #expect(messages.map(\.kind) == ["learning.certificateExpiring"])
            #expect(messages.first?.link == "/learning/certificates/\(certificate.id.uuidString)")
            let home = try await app.get("/", try await app.login("anna")).text
            #expect(
                home.contains("Dit bevis for Workshop: tidlig palliation i praksis udløber \(lastValidDay.danish)") && home.contains("Se beviset"))
        }
    }
}
