import FluentKit
import SQLKit

/// Issue 22: a unit of the organisation register can carry a successor from a day (Region
/// Hovedstaden and Region Sjælland become Region Østdanmark on 1 January 2027), so that records
/// made before keep the name they were made under and say who carries them on. No foreign key:
/// SQLite cannot add one to an existing table, and the repository checks the code.
struct M0041_AddUnitSuccessor: AsyncMigration {
    var name: String { "M0041_AddUnitSuccessor" }

    func prepare(on database: any Database) async throws {
        try await database.schema("units").field("successor_id", .uuid).update()
        try await database.schema("units").field("successor_from", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("units").deleteField("successor_from").update()
        try await database.schema("units").deleteField("successor_id").update()
    }
}
