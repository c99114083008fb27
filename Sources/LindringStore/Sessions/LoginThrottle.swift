import FluentKit
import Foundation

final class LoginThrottleModel: Model, @unchecked Sendable {
    static let schema = "login_throttles"

    /// `user:<username>` or `ip:<address>`.
    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "failures") var failures: Int
    @Field(key: "last_failure_at") var lastFailureAt: Date
    @OptionalField(key: "locked_until") var lockedUntil: Date?

    init() {}
}

/// Slows password guessing: after `freeAttempts` failures for an account or an address,
/// every further attempt is refused (even with the right password) until a lock expires;
/// each failure during or after a lock doubles it, up to a day. Counters are forgotten a
/// day after the last failure, and an account's counter is cleared by a successful login.
public enum LoginThrottle {
    public static let freeAttempts = 5
    public static let firstLock: TimeInterval = 60
    public static let longestLock: TimeInterval = 24 * 3600

    public static func keys(username: String, ip: String?) -> [String] {
        ["user:" + username.lowercased()] + (ip.map { ["ip:" + $0] } ?? [])
    }

    /// When attempts for these keys are allowed again, or nil if they are allowed now.
    public static func lockedUntil(keys: [String], now: Date = Date(), on db: any Database) async throws -> Date? {
        let models = try await LoginThrottleModel.query(on: db).filter(\.$id ~~ keys).all()
        return models.compactMap(\.lockedUntil).filter { $0 > now }.max()
    }

    /// Counts a failed (or refused) attempt.
    public static func recordFailure(keys: [String], now: Date = Date(), on db: any Database) async throws {
        for key in keys {
            let model = try await LoginThrottleModel.find(key, on: db) ?? {
                let m = LoginThrottleModel()
                m.id = key
                m.failures = 0
                m.lastFailureAt = now
                return m
            }()
            if now.timeIntervalSince(model.lastFailureAt) > 24 * 3600 { model.failures = 0; model.lockedUntil = nil }
            model.failures += 1
            model.lastFailureAt = now
            if model.failures >= freeAttempts {
                let doublings = Double(min(model.failures - freeAttempts, 20))
                model.lockedUntil = now.addingTimeInterval(min(firstLock * pow(2, doublings), longestLock))
            }
            try await model.save(on: db)
        }
    }

    public static func recordSuccess(username: String, on db: any Database) async throws {
        try await LoginThrottleModel.query(on: db).filter(\.$id == "user:" + username.lowercased()).delete()
    }
}
