import Foundation
import LindringCore
import LindringStore
import LindringTestSupport
import Testing

@Suite struct SessionTests {
    let timeouts = SessionTimeouts(idle: 30 * 60, absolute: 12 * 3600)

    @Test func sessionExpiresWhenIdleAndAfterItsAbsoluteLifetime() async throws {
        try await TestDatabase.withPersistence { persistence in
            let db = persistence.database
            let start = Date()
            // given
            let idle = try await SessionRepository.create(userId: nil, timeouts: timeouts, now: start, on: db)
            let busy = try await SessionRepository.create(userId: nil, timeouts: timeouts, now: start, on: db)
            // then
            #expect(try await SessionRepository.findWithUser(token: idle.token, timeouts: timeouts, now: start.addingTimeInterval(29 * 60), on: db)?.session != nil)
            #expect(try await SessionRepository.findWithUser(token: idle.token, timeouts: timeouts, now: start.addingTimeInterval(61 * 60), on: db)?.session == nil)
            // when a session is used every 20 minutes it still ends after 12 hours
            for step in 1...35 {
                let now = start.addingTimeInterval(Double(step) * 20 * 60)
                let found = try #require(try await SessionRepository.findWithUser(token: busy.token, timeouts: timeouts, now: now, on: db)?.session)
                try await SessionRepository.touch(found, now: now, on: db)
            }
            #expect(try await SessionRepository.findWithUser(token: busy.token, timeouts: timeouts, now: start.addingTimeInterval(12 * 3600 + 1), on: db)?.session == nil)
        }
    }

    @Test func purgeRemovesIdleAndExpiredSessionsOnly() async throws {
        try await TestDatabase.withPersistence { persistence in
            let db = persistence.database
            let start = Date()
            // given
            let old = try await SessionRepository.create(userId: nil, timeouts: timeouts, now: start.addingTimeInterval(-3600), on: db)
            let fresh = try await SessionRepository.create(userId: nil, timeouts: timeouts, now: start, on: db)
            // when
            try await SessionRepository.purgeExpired(timeouts: timeouts, now: start, on: db)
            // then
            let remaining = try await persistence.sql.select().column("id").from("sessions").all().map { try $0.decode(column: "id", as: String.self) }
            #expect(remaining == [SecureToken.hash(fresh.token)])
            #expect(!remaining.contains(SecureToken.hash(old.token)))
        }
    }

    @Test func aSessionOrAnAPITokenLeadsToItsUserWithTheUnit() async throws {
        try await TestDatabase.withPersistence { persistence in
            let db = persistence.database
            // given
            let nurse = try await UserRepository.create(try UserDraft(username: "sygeplejerske", name: "Sara Syg", profession: "nurse", unitCode: "HJ-101",
                                                                      roles: ["clinician", "advisor"]).validated(), passwordHash: "x", on: db)
            let admin = try await UserRepository.create(try UserDraft(username: "admin", name: "Ada Admin", profession: "other", unitCode: nil,
                                                                      roles: ["administrator"]).validated(), passwordHash: "x", on: db)
            let start = Date()
            let session = try await SessionRepository.create(userId: nurse.id, timeouts: timeouts, now: start, on: db)
            // when
            let found = try #require(try await SessionRepository.findWithUser(token: session.token, timeouts: timeouts, now: start, on: db)?.session)
            // then: the session as it was made, and the user as the list shows them
            #expect(found.token == session.token && found.userId == nurse.id && found.csrfToken == session.csrfToken)
            // stored as seconds in a floating-point column: equal to well under a millisecond
            for (stored, made) in [(found.createdAt, session.createdAt), (found.lastSeenAt, session.lastSeenAt), (found.expiresAt, session.expiresAt)] {
                #expect(abs(stored.timeIntervalSince(made)) < 0.001)
            }
            #expect(try await UserRepository.find(id: nurse.id, on: db) == nurse)
            #expect(nurse.unitCode == "HJ-101" && nurse.unitName == "Hjemmeplejen, København Kommune" && Set(nurse.roles) == [.advisor, .clinician])
            #expect(try await UserRepository.find(id: admin.id, on: db) == admin)
            #expect(admin.unitId == nil && admin.unitCode == nil)
            #expect(try await UserRepository.find(id: UUID(), on: db) == nil)
            // and the session with its user in one look-up, as each request makes it
            let withUser = try #require(try await SessionRepository.findWithUser(token: session.token, timeouts: timeouts, now: start, on: db))
            #expect(withUser.session == found && withUser.user == nurse)
            let beforeSignIn = try await SessionRepository.create(userId: nil, timeouts: timeouts, now: start, on: db)
            let anonymous = try #require(try await SessionRepository.findWithUser(token: beforeSignIn.token, timeouts: timeouts, now: start, on: db))
            #expect(anonymous.session.userId == nil && anonymous.user == nil)
            #expect(try await SessionRepository.findWithUser(token: session.token, timeouts: timeouts, now: start.addingTimeInterval(13 * 3600), on: db) == nil)
            #expect(try await SessionRepository.findWithUser(token: "unknown", timeouts: timeouts, now: start, on: db) == nil)
            try await UserRepository.setActive(userId: nurse.id, false, on: db)
            #expect(try await SessionRepository.findWithUser(token: session.token, timeouts: timeouts, now: start, on: db)?.user?.active == false)
            // an API token: its use is recorded at most once a minute, and a revoked one leads nowhere
            let issued = try await ApiTokenRepository.issue(userId: nurse.id, label: "EPJ", on: db)
            let first = try #require(try await ApiTokenRepository.findWithUser(token: issued.token, now: start, on: db))
            #expect(first.tokenId == issued.id && first.useDue)
            // with the user as it is now (deactivated above: the middleware refuses it)
            #expect(first.user == (try await UserRepository.find(id: nurse.id, on: db)) && first.user.active == false)
            try await ApiTokenRepository.recordUse(tokenId: issued.id, now: start, on: db)
            #expect(try await ApiTokenRepository.findWithUser(token: issued.token, now: start.addingTimeInterval(59), on: db)?.useDue == false)
            #expect(try await ApiTokenRepository.findWithUser(token: issued.token, now: start.addingTimeInterval(61), on: db)?.useDue == true)
            #expect(try await ApiTokenRepository.findWithUser(token: "unknown", on: db) == nil)
            #expect(try await ApiTokenRepository.revoke(id: issued.id, on: db))
            #expect(try await ApiTokenRepository.findWithUser(token: issued.token, on: db) == nil)
        }
    }

    @Test func tokensAreLongRandomAndStoredOnlyAsHashes() async throws {
        try await TestDatabase.withPersistence { persistence in
            let session = try await SessionRepository.create(userId: nil, timeouts: timeouts, on: persistence.database)
            #expect(session.token.count >= 43) // 256 bits in base64url
            #expect(session.token != session.csrfToken)
            let stored = try await persistence.sql.select().column("id").from("sessions").all().map { try $0.decode(column: "id", as: String.self) }
            #expect(stored == [SecureToken.hash(session.token)])
        }
    }
}

@Suite struct LoginThrottleTests {
    @Test func fiveFailuresLockTheAccountForAGrowingPeriod() async throws {
        try await TestDatabase.withPersistence { persistence in
            let db = persistence.database
            let keys = LoginThrottle.keys(username: "anne", ip: "10.1.1.1")
            let now = Date()
            // given
            for _ in 1...4 { try await LoginThrottle.recordFailure(keys: keys, now: now, on: db) }
            #expect(try await LoginThrottle.lockedUntil(keys: keys, now: now, on: db) == nil)
            // when
            try await LoginThrottle.recordFailure(keys: keys, now: now, on: db)
            let first = try #require(try await LoginThrottle.lockedUntil(keys: keys, now: now, on: db))
            try await LoginThrottle.recordFailure(keys: keys, now: now, on: db)
            let second = try #require(try await LoginThrottle.lockedUntil(keys: keys, now: now, on: db))
            // then
            #expect(abs(first.timeIntervalSince(now) - LoginThrottle.firstLock) < 0.01)
            #expect(abs(second.timeIntervalSince(now) - 2 * LoginThrottle.firstLock) < 0.01)
            // and another account from another address is not affected
            #expect(try await LoginThrottle.lockedUntil(keys: LoginThrottle.keys(username: "bo", ip: "10.2.2.2"), now: now, on: db) == nil)
        }
    }
}
