import Foundation
import LindringCore
import LindringTestSupport
import Logging
import Testing

@testable import LindringStore

@Suite struct SessionTests {
    let timeouts = SessionTimeouts(idle: 30 * 60, absolute: 12 * 3600)

    @Test func sessionExpiresWhenIdleAndAfterItsAbsoluteLifetime() async throws {
        try await TestDatabase.withPersistence { persistence in
            let db = persistence.outsideWriter
            let start = Date()
            // given
            let idle = try await SessionRepository.create(userId: nil, timeouts: timeouts, now: start, on: db)
            let busy = try await SessionRepository.create(userId: nil, timeouts: timeouts, now: start, on: db)
            // then
            #expect(
                try await SessionRepository.findWithUser(token: idle.token, timeouts: timeouts, now: start.addingTimeInterval(29 * 60), on: db)?
                    .session != nil)
            #expect(
                try await SessionRepository.findWithUser(token: idle.token, timeouts: timeouts, now: start.addingTimeInterval(61 * 60), on: db)?
                    .session == nil)
            // when a session is used every 20 minutes it still ends after 12 hours
            for step in 1...35 {
                let now = start.addingTimeInterval(Double(step) * 20 * 60)
                let found = try #require(try await SessionRepository.findWithUser(token: busy.token, timeouts: timeouts, now: now, on: db)?.session)
                try await SessionRepository.touch(found, now: now, on: db)
            }
            #expect(
                try await SessionRepository.findWithUser(token: busy.token, timeouts: timeouts, now: start.addingTimeInterval(12 * 3600 + 1), on: db)?
                    .session == nil)
        }
    }

    @Test func purgeRemovesIdleAndExpiredSessionsOnly() async throws {
        try await TestDatabase.withPersistence { persistence in
            let db = persistence.outsideWriter
            let start = Date()
            // given
            let old = try await SessionRepository.create(userId: nil, timeouts: timeouts, now: start.addingTimeInterval(-3600), on: db)
            let fresh = try await SessionRepository.create(userId: nil, timeouts: timeouts, now: start, on: db)
            // when
            try await SessionRepository.purgeExpired(timeouts: timeouts, now: start, on: db)
            // then
            let remaining = try await persistence.sql.select().column("id").from("sessions").all().map {
                try $0.decode(column: "id", as: String.self)
            }
            #expect(remaining == [SecureToken.hash(fresh.token)])
            #expect(!remaining.contains(SecureToken.hash(old.token)))
        }
    }

    @Test func aSessionOrAnAPITokenLeadsToItsUserWithTheUnit() async throws {
        try await TestDatabase.withPersistence { persistence in
            let db = persistence.outsideWriter
            // given
            let nurse = try await UserRepository.create(
                try UserDraft(
                    username: "sygeplejerske", name: "Sara Syg", profession: "nurse", unitCode: "HJ-101",
                    roles: ["clinician", "advisor"]
                ).validated(), passwordHash: "x", on: db)
            let admin = try await UserRepository.create(
                try UserDraft(
                    username: "admin", name: "Ada Admin", profession: "other", unitCode: nil,
                    roles: ["administrator"]
                ).validated(), passwordHash: "x", on: db)
            let start = Date()
            let session = try await SessionRepository.create(userId: nurse.id, timeouts: timeouts, now: start, on: db)
            // when
            let found = try #require(try await SessionRepository.findWithUser(token: session.token, timeouts: timeouts, now: start, on: db)?.session)
            // then: the session as it was made, and the user as the list shows them
            #expect(found.token == session.token && found.userId == nurse.id && found.csrfToken == session.csrfToken)
            // stored as seconds in a floating-point column: equal to well under a millisecond
            for (stored, made) in [
                (found.createdAt, session.createdAt), (found.lastSeenAt, session.lastSeenAt), (found.expiresAt, session.expiresAt),
            ] {
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
            #expect(
                try await SessionRepository.findWithUser(token: session.token, timeouts: timeouts, now: start.addingTimeInterval(13 * 3600), on: db)
                    == nil)
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
            let session = try await SessionRepository.create(userId: nil, timeouts: timeouts, on: persistence.outsideWriter)
            #expect(session.token.count >= 43)  // 256 bits in base64url
            #expect(session.token != session.csrfToken)
            let stored = try await persistence.sql.select().column("id").from("sessions").all().map { try $0.decode(column: "id", as: String.self) }
            #expect(stored == [SecureToken.hash(session.token)])
        }
    }
}

@Suite struct LoginThrottleTests {
    /// One attempt: reserved, then released as a failure (the password was wrong).
    static func fail(
        _ keys: LoginThrottle.Keys, policy: LoginDelayPolicy = .standard, at now: Date,
        in persistence: Persistence
    ) async throws -> LoginThrottle.Reservation {
        try await persistence.write { tx in
            let reservation = try await LoginThrottle.reserve(keys, policy: policy, now: now, on: tx)
            if reservation == .granted { try await LoginThrottle.release(keys, succeeded: false, on: tx) }
            return reservation
        }
    }

    @Test func failuresForAnAccountFromOneAddressBringAGrowingDelayNotALockout() async throws {
        try await TestDatabase.withPersistence { persistence in
            let keys = LoginThrottle.keys(username: "anne", ip: "10.1.1.1")
            let now = Date()
            // given five failures, the fifth of which starts the delay
            for _ in 1...5 { #expect(try await Self.fail(keys, at: now, in: persistence) == .granted) }
            // when
            let during = try await Self.fail(keys, at: now.addingTimeInterval(30), in: persistence)
            let after = try await Self.fail(keys, at: now.addingTimeInterval(61), in: persistence)
            let doubled = try await Self.fail(keys, at: now.addingTimeInterval(62), in: persistence)
            // then
            guard case .delayed(let first) = during else {
                Issue.record("expected a delay, got \(during)")
                return
            }
            #expect(abs(first.timeIntervalSince(now) - LoginDelayPolicy.standard.firstDelay) < 0.01)
            #expect(after == .granted)
            guard case .delayed(let until) = doubled else {
                Issue.record("expected a delay, got \(doubled)")
                return
            }
            #expect(abs(until.timeIntervalSince(now.addingTimeInterval(61)) - 120) < 0.01, "the sixth failure doubles the delay")
            // and the same account from another address, or another account from this one, may try at once
            #expect(
                try await Self.fail(LoginThrottle.keys(username: "anne", ip: "10.2.2.2"), at: now.addingTimeInterval(62), in: persistence) == .granted
            )
            #expect(
                try await Self.fail(LoginThrottle.keys(username: "bo", ip: "10.1.1.1"), at: now.addingTimeInterval(62), in: persistence) == .granted)
        }
    }

    @Test func aSuccessfulSignInRefundsTheAddressFailures() async throws {
        try await TestDatabase.withPersistence { persistence in
            let keys = LoginThrottle.keys(username: "anne", ip: "10.1.1.1")
            let now = Date()
            // given four failures
            for _ in 1...4 { _ = try await Self.fail(keys, at: now, in: persistence) }
            // when the fifth attempt succeeds
            try await persistence.write { tx in
                #expect(try await LoginThrottle.reserve(keys, now: now, on: tx) == .granted)
                try await LoginThrottle.release(keys, succeeded: true, on: tx)
            }
            // then five more attempts are free
            for _ in 1...5 { #expect(try await Self.fail(keys, at: now, in: persistence) == .granted) }
        }
    }

    @Test func concurrentAttemptsFromTwoProcessesAreCountedBeforeAnyIsChecked() async throws {
        try await TestDatabase.withPersistence { persistence in
            // given a second process on the same database
            let other = try await Persistence.open(
                location: persistence.location, auditKey: TestDatabase.auditKey, logger: Logger(label: "test"), connectionsPerEventLoop: 1)
            let policy = {
                var policy = LoginDelayPolicy.standard
                policy.maxInFlight = 1000
                return policy
            }()
            let keys = LoginThrottle.keys(username: "anne", ip: "10.1.1.1")
            let now = Date()
            // when 60 attempts arrive at once, none released yet (their passwords are still being checked)
            let granted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<60 {
                    let writer = index.isMultiple(of: 2) ? persistence : other
                    group.addTask { try await writer.write { try await LoginThrottle.reserve(keys, policy: policy, now: now, on: $0) } == .granted }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            await other.shutdown()
            // then only the free attempts may be checked
            #expect(granted == policy.freeAttempts)
        }
    }

    @Test func attemptsInFlightPerAccountAreCappedAndLapseIfNeverReleased() async throws {
        try await TestDatabase.withPersistence { persistence in
            let policy = {
                var policy = LoginDelayPolicy.standard
                policy.freeAttempts = 100
                return policy
            }()
            let now = Date()
            let addresses = (1...10).map { "10.0.0.\($0)" }
            // when ten attempts from ten addresses arrive at once and none is released (a process died)
            var results: [LoginThrottle.Reservation] = []
            for address in addresses {
                let keys = LoginThrottle.keys(username: "anne", ip: address)
                results.append(try await persistence.write { try await LoginThrottle.reserve(keys, policy: policy, now: now, on: $0) })
            }
            // then only `maxInFlight` are checked at once, the rest are told to retry in a moment
            #expect(results.filter { $0 == .granted }.count == policy.maxInFlight)
            #expect(results.dropFirst(policy.maxInFlight).allSatisfy { if case .busy = $0 { true } else { false } })
            // and once the reservations lapse the account is not wedged
            let later = now.addingTimeInterval(policy.inFlightExpiry + 1)
            #expect(
                try await persistence.write {
                    try await LoginThrottle.reserve(
                        LoginThrottle.keys(username: "anne", ip: "10.0.0.1"),
                        policy: policy, now: later, on: $0)
                } == .granted)
        }
    }
}
