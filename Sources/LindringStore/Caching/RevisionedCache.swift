import Foundation

/// Values computed from data whose `RevisionCounter` says when it changed: each is kept until
/// the revision moves on, then all are dropped at once. Bounded, since the keys (date ranges,
/// say) come from requests.
final class RevisionedCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private let capacity: Int
    private var revision: Int64 = .min
    private var values: [Key: Value] = [:]

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The value for `key` at `revision`, computed by `compute` unless it is already here.
    /// `compute` must read the data as of `revision` (or later: a later read is dropped at the
    /// next lookup, since the revision it is filed under is then behind).
    func value(for key: Key, at revision: Int64, compute: () async throws -> Value) async throws -> Value {
        if let hit = lock.withLock({ self.revision == revision ? values[key] : nil }) { return hit }
        let value = try await compute()
        lock.withLock {
            if revision > self.revision {
                self.revision = revision
                values = [:]
            }
            guard revision == self.revision else { return }
            if values.count >= capacity { values = [:] }
            values[key] = value
        }
        return value
    }
}
