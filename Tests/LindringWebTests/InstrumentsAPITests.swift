import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import NIOCore
import Testing
@testable import LindringWeb

@Suite struct InstrumentsAPITests {
    @Test func theScoreEndpointScoresAndNamesEveryBadAnswer() async throws {
        try await TestApp.run { app in
            let user = try await app.createUser("karen", roles: [.clinician])
            let token = try await app.apiToken(for: user)
            func score(_ id: String, _ body: String) async throws -> TestResponse {
                try await app.client.execute(uri: "/api/v1/instruments/\(id)/score", method: .post,
                                             headers: [.authorization: "Bearer \(token)", .contentType: "application/json"], body: ByteBuffer(string: body))
            }
            let scored = try await score("eortc-qlq-c15-pal", #"{"answers":{"q1":2,"q2":3,"q3":2,"q4":2,"q5":3,"q6":1,"q7":3,"q8":2,"q9":2,"q10":4,"q11":2,"q12":2,"q13":2,"q14":3,"q15":4}}"#)
            #expect(scored.status == .ok)
            let result = try scored.json()
            let scores = try #require(result["scores"] as? [String: Any])
            #expect(scores["FA"] as? Double == 44.44 && scores["PF2"] as? Double == 33.33 && scores["QL"] as? Double == 50)
            #expect(result["trafficLight"] as? String == "red")
            let missing = try await score("ipos", #"{"answers":{"pain":1}}"#).json()
            #expect((missing["scores"] as? [String: Any])?["total"] is NSNull)
            let refused = try await score("esas-r", #"{"answers":{"pain":2.5,"nausea":"3","hiccups":1,"anxiety":11}}"#)
            #expect(refused.status == .unprocessableContent)
            let fields = Set((try refused.json()["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
            #expect(fields == ["answers.pain", "answers.nausea", "answers.hiccups", "answers.anxiety"])
            #expect(try await score("phq-9", #"{"answers":{}}"#).status == .notFound)
        }
    }
}
