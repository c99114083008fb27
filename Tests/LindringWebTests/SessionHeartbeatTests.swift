import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import LindringStore
@testable import LindringWeb

/// The heartbeat of a long form keeps the session alive, within the absolute limit (issue 18, item 3).
@Suite struct SessionHeartbeatTests {
    static let heartbeat = Routes.sessionHeartbeat()

    static func seconds(_ response: TestResponse, _ name: HTTPField.Name) -> Int? {
        response.headers[name].flatMap(Int.init)
    }

    @Test func heartbeatAnswersNoContentWithTheSecondsLeftAndAuditsNothing() async throws {
        try await TestApp.run({ $0.sessionTimeouts = SessionTimeouts(idle: 30 * 60, absolute: 12 * 3600) }) { app in
            // given
            try await app.createUser("anne", roles: [.advisor])
            let session = try await app.login("anne")
            let auditBefore = try await AuditLog.search(AuditFilter(), limit: 1000, on: app.persistence.snapshot).count
            // when
            let response = try await app.get(Self.heartbeat, session)
            // then
            #expect(response.status == .noContent)
            #expect(response.body.readableBytes == 0)
            #expect(Self.seconds(response, .sessionSecondsLeft) == 30 * 60)
            let absolute = try #require(Self.seconds(response, .sessionAbsoluteSecondsLeft))
            #expect((12 * 3600 - 60)...(12 * 3600) ~= absolute)
            #expect(response.headers[.cacheControl] == "no-store")
            let auditAfter = try await AuditLog.search(AuditFilter(), limit: 1000, on: app.persistence.snapshot).count
            #expect(auditAfter == auditBefore)
        }
    }

    @Test func heartbeatsAloneKeepASessionAlivePastItsIdleTimeout() async throws {
        try await TestApp.run({ $0.sessionTimeouts = SessionTimeouts(idle: 2, absolute: 3600) }) { app in
            // given: a form open, nothing but heartbeats for twice the idle timeout
            try await app.createUser("anne", roles: [.advisor])
            let session = try await app.login("anne")
            var statuses: [HTTPResponse.Status] = []
            // when
            for _ in 0..<4 {
                try await Task.sleep(for: .milliseconds(1000))
                statuses.append(try await app.get(Self.heartbeat, session).status)
            }
            // then: still signed in, and a save goes through
            #expect(statuses.allSatisfy { $0 == .noContent }, "\(statuses)")
            #expect(try await app.get("/account", session).status == .ok)
        }
    }

    @Test func heartbeatNeverExtendsASessionPastItsAbsoluteLimit() async throws {
        try await TestApp.run({ $0.sessionTimeouts = SessionTimeouts(idle: 2, absolute: 3) }) { app in
            // given
            try await app.createUser("anne", roles: [.advisor])
            let session = try await app.login("anne")
            let signedIn = Date()
            var lefts: [Int] = []
            var statuses: [HTTPResponse.Status] = []
            // when: a heartbeat every half second, past the absolute limit
            for _ in 0..<8 {
                try await Task.sleep(for: .milliseconds(500))
                let response = try await app.get(Self.heartbeat, session)
                statuses.append(response.status)
                if response.status == .noContent {
                    let left = try #require(Self.seconds(response, .sessionSecondsLeft))
                    let absolute = try #require(Self.seconds(response, .sessionAbsoluteSecondsLeft))
                    // then: never more time than the absolute limit leaves
                    #expect(left <= absolute)
                    #expect(Double(absolute) <= 3 - Date().timeIntervalSince(signedIn) + 1)
                    lefts.append(left)
                }
            }
            // then: it ended at the absolute limit, heartbeats or not
            #expect(statuses.prefix(3).allSatisfy { $0 == .noContent }, "\(statuses)")
            #expect(statuses.suffix(2).allSatisfy { $0 == .unauthorized }, "\(statuses)")
            #expect(lefts.last.map { $0 < 2 } ?? false, "\(lefts)")
            #expect(try await app.get("/account", session).status == .seeOther)
        }
    }

    @Test func heartbeatNeedsASignedInSessionAndNeverRedirects() async throws {
        try await TestApp.run { app in
            // given
            try await app.createUser("anne", roles: [.advisor])
            let session = try await app.login("anne")
            let ended = try await app.login("anne")
            _ = try await app.post(Routes.logout(), ended, form: [:])
            let loginForm = try await app.loginPage()
            // when
            let responses = [
                try await app.get(Self.heartbeat),
                try await app.get(Self.heartbeat, headers: [.cookie: "lindring_session=not-a-session"]),
                try await app.get(Self.heartbeat, ended),
                try await app.get(Self.heartbeat, headers: [.cookie: loginForm.cookie]),
            ]
            // then
            for response in responses {
                #expect(response.status == .unauthorized)
                #expect(response.headers[.location] == nil)
                #expect(response.headers[.sessionSecondsLeft] == nil)
            }
            #expect(try await app.get(Self.heartbeat, session).status == .noContent)
        }
    }
}
