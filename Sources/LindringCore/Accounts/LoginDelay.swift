import Foundation

/// How sign-in attempts are slowed, per account and client address (not per account alone:
/// anyone could then lock the night nurse out from anywhere, nor per address alone: a whole
/// hospital behind one NAT would share it). The first `freeAttempts` failures cost nothing;
/// from then on each attempt waits a delay that doubles, up to `longestDelay`. A pair's count
/// is forgotten `forgetAfter` after its last failure, and cleared by a successful sign-in.
/// `maxInFlight` caps the attempts being checked at once for one account (from any address),
/// so that a burst cannot have many passwords checked before the first failure is counted;
/// a reservation lapses after `inFlightExpiry`, so a process that dies mid-check frees its slot.
public struct LoginDelayPolicy: Sendable, Equatable {
    public var freeAttempts = 5
    public var firstDelay: TimeInterval = 60
    public var longestDelay: TimeInterval = 3600
    public var forgetAfter: TimeInterval = 24 * 3600
    public var maxInFlight = 4
    public var inFlightExpiry: TimeInterval = 60

    public init() {}

    public static let standard = LoginDelayPolicy()

    /// The wait before the next attempt once `failures` attempts have been counted, or nil
    /// while attempts are still free.
    public func delay(afterFailures failures: Int) -> TimeInterval? {
        guard failures >= freeAttempts else { return nil }
        let doublings = min(failures - freeAttempts, 30)
        return min(firstDelay * Double(1 << doublings), longestDelay)
    }
}
