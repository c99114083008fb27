import FluentKit
import Foundation
import SQLKit

/// Every unit, held in memory between changes. Pages name units all the time, and the list
/// changes a few times a year; decoding it through Fluent's reflection on every request took
/// 1.7 ms and a quarter of the CPU time of saving a contact (issue 6's profile). Every change,
/// from any process, bumps `RevisionCounter.units` in its own transaction, so one small read
/// tells whether the copy here is current.
public final class UnitCatalog: Sendable {
    private let cache = RevisionedCache<Bool, [OrgUnit]>(capacity: 1)

    public init() {}

    public func all(includeInactive: Bool = true, on db: any Database) async throws -> [OrgUnit] {
        let revision = try await RevisionCounter.units.current(on: db)
        // Read after the revision: if a change lands in between, the next call sees a newer
        // revision and reads again, so a stale list is never kept.
        let units = try await cache.value(for: true, at: revision) { try await UnitRepository.list(includeInactive: true, on: db) }
        return includeInactive ? units : units.filter(\.active)
    }
}
