import FluentKit
import Foundation
import SQLKit

/// Every unit, held in memory between changes. Pages name units all the time, and the list
/// changes a few times a year; decoding it through Fluent's reflection on every request took
/// 1.7 ms and a quarter of the CPU time of saving a contact (issue 6's profile). Every change,
/// from any process, bumps `RevisionCounter.units` in its own transaction, so one small read
/// tells whether the copy here is current.
public final class UnitCatalog: Sendable {
    private let cache = RevisionedCache<Bool, UnitList>(capacity: 1)

    public init() {}

    /// The revision is read on one of `persistence`'s readers: on SQLite that runs on the calling
    /// thread, where SQLiteNIO's pool would hand the read to a thread of its own and back on every
    /// page that names a unit. The rare reload goes through Fluent's model query.
    public func units(in persistence: Persistence) async throws -> UnitList {
        let revision = try await persistence.readEach { try await RevisionCounter.units.current(on: $0) }
        // Read after the revision: if a change lands in between, the next call sees a newer
        // revision and reads again, so a stale list is never kept.
        return try await cache.value(for: true, at: revision) {
            UnitList(try await persistence.readEach { try await UnitRepository.list(includeInactive: true, on: $0) })
        }
    }
}

/// The units as pages use them, worked out once per revision rather than once per page.
public struct UnitList: Sendable {
    /// Every unit, sorted by name.
    public let all: [OrgUnit]
    /// The active units, sorted by name.
    public let active: [OrgUnit]
    /// Every unit by its id, for naming the units a record refers to (inactive ones included).
    public let byId: [UUID: OrgUnit]

    init(_ units: [OrgUnit]) {
        all = units
        active = units.filter(\.active)
        byId = units.byId()
    }
}
