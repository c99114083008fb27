import FluentKit

/// A counter every change to the units bumps in its own transaction, so that each process can
/// keep the unit list in memory (`UnitCatalog`) and know with one small read when it is stale.
struct M0019_CreateUnitRevision: AsyncMigration {
    var name: String { "M0019_CreateUnitRevision" }

    func prepare(on database: any Database) async throws {
        try await RevisionCounter.units.create(on: database)
    }

    func revert(on database: any Database) async throws {
        try await RevisionCounter.units.drop(on: database)
    }
}
