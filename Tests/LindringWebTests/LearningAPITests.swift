import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// Issue 21 through the API: the catalogue, a session's places and waiting list, cancellation
/// that promotes the first who waits and tells them.
@Suite struct LearningAPITests {
    static let offerTitle = "Temaeftermiddag: den svære samtale"
    static var offer: [String: Any] {
        [
            "title": offerTitle, "format": "themeAfternoon", "levels": ["basal"], "competencies": [5, 8],
            "professions": ["nurse", "doctor"], "sectors": ["region", "municipality", "generalPractice"], "duration": "3 timer",
        ]
    }

    static func session(_ app: TestApp, capacity: Int) async throws -> (educator: String, session: String, offer: String) {
        let educator = try await app.apiToken(for: try await app.createUser("underviser", roles: [.educator], unit: nil))
        let made = try await app.send(.post, "/api/v1/learning/offers", json: Self.offer, token: educator)
        #expect(made.status == .created)
        let offerId = try #require(try made.json()["id"] as? String)
        let session = try await app.send(
            .post, "/api/v1/learning/offers/\(offerId)/sessions",
            json: ["startsAt": "2027-03-04T13:00:00+01:00", "endsAt": "2027-03-04T16:00:00+01:00", "capacity": capacity, "place": "Hillerød"],
            token: educator)
        #expect(session.status == .created)
        return (educator, try #require(try session.json()["id"] as? String), offerId)
    }

    @Test func theLastPlaceGoesToOneTheNextWaitsAndACancellationPromotesAndTellsThem() async throws {
        try await TestApp.run { app in
            let (educator, sessionId, _) = try await Self.session(app, capacity: 2)
            var tokens: [String] = []
            var users: [User] = []
            for name in ["anna", "bodil", "carl"] {
                let user = try await app.createUser(name, roles: [.clinician], unit: "HJ-101")
                users.append(user)
                tokens.append(try await app.apiToken(for: user))
            }
            var answers: [[String: Any]] = []
            for token in tokens {
                let answer = try await app.send(.post, "/api/v1/learning/sessions/\(sessionId)/registrations", token: token)
                #expect(answer.status == .created)
                answers.append(try answer.json())
            }
            #expect(answers.map { $0["status"] as? String } == ["registered", "registered", "waitlisted"])
            #expect(answers.map { $0["position"] as? Int } == [nil, nil, 1])
            #expect(answers.allSatisfy { $0["id"] is String && $0.keys.contains("position") })
            // registering twice is refused
            let twice = try await app.send(.post, "/api/v1/learning/sessions/\(sessionId)/registrations", token: tokens[0])
            #expect(twice.status == .conflict)
            // a participant sees only their own registration; the educator everyone's
            let own = try await app.send(.get, "/api/v1/learning/sessions/\(sessionId)", token: tokens[2]).json()
            #expect((own["registrations"] as? [[String: Any]])?.count == 1 && own["waitlisted"] as? Int == 1)
            // someone else may not cancel anna's place
            let annasId = try #require(answers[0]["id"] as? String)
            #expect(try await app.send(.delete, "/api/v1/learning/registrations/\(annasId)", token: tokens[1]).status == .forbidden)
            // when: anna cancels
            let cancelled = try await app.send(.delete, "/api/v1/learning/registrations/\(annasId)", token: tokens[0])
            #expect(cancelled.status == .ok)
            // who got the place is not the cancelling colleague's business
            #expect((try cancelled.json()["promoted"] as? [[String: Any]])?.isEmpty == true)
            // then: carl holds a place, and is told
            let all = try await app.send(.get, "/api/v1/learning/sessions/\(sessionId)", token: educator).json()
            let registrations = try #require(all["registrations"] as? [[String: Any]])
            #expect(registrations.map { $0["userId"] as? String } == [users[1].id.uuidString, users[2].id.uuidString])
            #expect(registrations.allSatisfy { $0["status"] as? String == "registered" && $0["position"] is NSNull })
            let carl = users[2].id
            let messages = try await app.persistence.read { try await UserMessageRepository.latest(userId: carl, on: $0) }
            #expect(messages.map(\.kind) == ["learning.promoted"] && messages.first?.parameters["offer"] == Self.offerTitle)
        }
    }

    @Test func anEducatorRegistersSomeoneElseOthersMayNot() async throws {
        try await TestApp.run { app in
            let (educator, sessionId, _) = try await Self.session(app, capacity: 1)
            let nurse = try await app.createUser("sygeplejerske", roles: [.clinician], unit: "HJ-101")
            let doctor = try await app.createUser("laege", roles: [.clinician], unit: "RH-PAL")
            let path = "/api/v1/learning/sessions/\(sessionId)/registrations"
            let forNurse = try await app.send(.post, path, json: ["userId": nurse.id.uuidString], token: educator)
            #expect(forNurse.status == .created)
            #expect(try forNurse.json()["userId"] as? String == nurse.id.uuidString)
            let byDoctor = try await app.send(.post, path, json: ["userId": nurse.id.uuidString], token: try await app.apiToken(for: doctor))
            #expect(byDoctor.status == .forbidden)
            let unknown = try await app.send(.post, path, json: ["userId": UUID().uuidString], token: educator)
            #expect(unknown.status == .unprocessableContent)
            #expect(try await app.send(.post, "/api/v1/learning/sessions/\(UUID())/registrations", token: educator).status == .notFound)
        }
    }

    @Test func theCatalogueIsFilteredAndBadInputIsNamed() async throws {
        try await TestApp.run { app in
            let (educator, _, offerId) = try await Self.session(app, capacity: 5)
            let nurse = try await app.apiToken(for: try await app.createUser("sygeplejerske", roles: [.clinician], unit: "HJ-101"))
            // only educators add offers
            #expect(try await app.send(.post, "/api/v1/learning/offers", json: Self.offer, token: nurse).status == .forbidden)
            let bad = try await app.send(
                .post, "/api/v1/learning/offers", json: ["title": "", "format": "webinar", "competencies": [11]], token: educator)
            #expect(bad.status == .unprocessableContent)
            let fields = (try bad.json()["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(fields == ["title", "format", "competencies"])
            func titles(_ query: String) async throws -> [String] {
                let items = try await app.send(.get, "/api/v1/learning/offers\(query)", token: nurse).json()["items"] as? [[String: Any]]
                return items?.compactMap { $0["title"] as? String } ?? []
            }
            #expect(try await titles("?competence=5&sector=municipality") == [Self.offerTitle])
            #expect(try await titles("?format=eLearning") == ["Tidlig palliation – e-læring"])
            #expect(try await app.send(.get, "/api/v1/learning/offers?level=D", token: nurse).status == .unprocessableContent)
            // a session needs an end after its start
            let backwards = try await app.send(
                .post, "/api/v1/learning/offers/\(offerId)/sessions",
                json: ["startsAt": "2027-03-04T13:00:00+01:00", "endsAt": "2027-03-04T12:00:00+01:00", "capacity": 0, "place": "Online"],
                token: educator)
            #expect(backwards.status == .unprocessableContent)
        }
    }
}
