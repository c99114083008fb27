import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import LindringWeb

/// A session in use stays alive, however short the idle timeout (issue 17, item 11).
@Suite struct SessionActivityTests {
    @Test func aUserActiveThroughoutAShortIdleTimeoutStaysSignedIn() async throws {
        try await TestApp.run({ $0.sessionTimeouts.idle = 2 }) { app in
            // given
            try await app.createUser("anne", roles: [.clinician])
            let session = try await app.login("anne")
            // when: a page every half second, for twice the idle timeout
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<8 {
                try await Task.sleep(for: .milliseconds(500))
                statuses.append(try await app.get("/account", session).status)
            }
            // then
            #expect(statuses.allSatisfy { $0 == .ok }, "\(statuses)")
        }
    }
}
