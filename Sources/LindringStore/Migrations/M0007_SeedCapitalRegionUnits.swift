import FluentKit
import Foundation

/// Loads the Capital Region's organisation once, when the database is created. Later edits
/// by administrators are kept: the migration never runs again.
struct M0007_SeedCapitalRegionUnits: AsyncMigration {
    var name: String { "M0007_SeedCapitalRegionUnits" }

    func prepare(on database: any Database) async throws {
        var idsByCode: [String: UUID] = [:]
        let now = Date()
        for unit in try SeedData.capitalRegionUnits() {
            let model = UnitModel()
            model.id = UUID()
            model.code = unit.code
            model.name = unit.name
            model.kind = unit.kind.rawValue
            model.sector = unit.sector.rawValue
            model.parentID = unit.parentCode.flatMap { idsByCode[$0] }
            model.sorCode = unit.sorCode
            model.active = true
            model.createdAt = now
            model.updatedAt = now
            try await model.create(on: database)
            idsByCode[unit.code] = model.id
        }
    }

    func revert(on database: any Database) async throws {
        try await UnitModel.query(on: database).delete()
    }
}
