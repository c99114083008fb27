import FluentKit
import SQLKit

/// A counter every change to the units bumps in its own transaction, so that each process can
/// keep the unit list in memory (`UnitCatalog`) and know with one small read when it is stale.
struct M0019_CreateUnitRevision: AsyncMigration {
    var name: String { "M0019_CreateUnitRevision" }

    func prepare(on database: any Database) async throws {
        try await database.schema("unit_revision")
            .field("id", .int, .identifier(auto: false))
            .field("revision", .int64, .required)
            .create()
        try await (database as! any SQLDatabase).insert(into: "unit_revision").columns("id", "revision").values(SQLBind(1), SQLBind(Int64(1))).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("unit_revision").delete()
    }
}
