import FluentKit
import Foundation
import LindringCore
import SQLKit

public enum UnitRepository {
    /// All units sorted by name; `includeInactive` for the administrator's view.
    public static func list(includeInactive: Bool = true, on db: any DatabaseReading) async throws -> [OrgUnit] {
        var query = UnitModel.query(on: db.fluent)
        if !includeInactive { query = query.filter(\.$active == true) }
        let models = try await query.sort(\.$name).all()
        return map(models)
    }

    /// A page of units ordered by code, for the API; `after` is the last code of the previous page.
    public static func page(after: String?, limit: Int, on db: any DatabaseReading) async throws -> [OrgUnit] {
        var query = UnitModel.query(on: db.fluent)
        if let after { query = query.filter(\.$code > after) }
        let models = try await query.sort(\.$code).limit(limit).all()
        let parentIDs = Set(models.compactMap(\.parentID))
        let parents = parentIDs.isEmpty ? [] : try await UnitModel.query(on: db.fluent).filter(\.$id ~~ parentIDs).all()
        return map(models, parents: parents)
    }

    public static func find(id: UUID, on db: any DatabaseReading) async throws -> OrgUnit? {
        guard let model = try await UnitModel.find(id, on: db.fluent) else { return nil }
        let parent = try await model.parentID.asyncMap { try await UnitModel.find($0, on: db.fluent) } ?? nil
        return map([model], parents: parent.map { [$0] } ?? []).first
    }

    public static func find(code: String, on db: any DatabaseReading) async throws -> OrgUnit? {
        guard let id = try await UnitModel.query(on: db.fluent).filter(\.$code == code).first()?.id else { return nil }
        return try await find(id: id, on: db)
    }

    public static func count(on db: any DatabaseReading) async throws -> Int {
        try await UnitModel.query(on: db.fluent).count()
    }

    public static func create(_ valid: ValidUnit, on db: WriteTransaction) async throws -> OrgUnit {
        var v = Validator()
        if try await UnitModel.query(on: db.fluent).filter(\.$code == valid.code).first() != nil { v.add("code", .alreadyTaken) }
        let parentID = try await parentID(for: valid.parentCode, of: nil, &v, on: db)
        try v.check()
        let model = UnitModel()
        model.id = UUID()
        model.createdAt = Date()
        model.active = true
        apply(valid, parentID: parentID, to: model)
        try await model.create(on: db.fluent)
        try await RevisionCounter.units.bump(on: db)
        return try await find(id: model.id!, on: db)!
    }

    public static func update(id: UUID, _ valid: ValidUnit, on db: WriteTransaction) async throws -> OrgUnit? {
        guard let model = try await UnitModel.find(id, on: db.fluent) else { return nil }
        var v = Validator()
        if valid.code != model.code, try await UnitModel.query(on: db.fluent).filter(\.$code == valid.code).first() != nil {
            v.add("code", .alreadyTaken)
        }
        let parentID = try await parentID(for: valid.parentCode, of: id, &v, on: db)
        try v.check()
        apply(valid, parentID: parentID, to: model)
        try await model.save(on: db.fluent)
        try await RevisionCounter.units.bump(on: db)
        return try await find(id: id, on: db)
    }

    public static func setActive(id: UUID, _ active: Bool, on db: WriteTransaction) async throws -> OrgUnit? {
        guard let model = try await UnitModel.find(id, on: db.fluent) else { return nil }
        model.active = active
        model.updatedAt = Date()
        try await model.save(on: db.fluent)
        try await RevisionCounter.units.bump(on: db)
        return try await find(id: id, on: db)
    }

    static func apply(_ valid: ValidUnit, parentID: UUID?, to model: UnitModel) {
        model.code = valid.code
        model.name = valid.name
        model.kind = valid.kind.rawValue
        model.sector = valid.sector.rawValue
        model.parentID = parentID
        model.dayPhone = valid.dayPhone
        model.outOfHoursPhone = valid.outOfHoursPhone
        model.sorCode = valid.sorCode
        model.updatedAt = Date()
    }

    /// Resolves the parent's code; a unit may not become its own ancestor.
    static func parentID(for code: String?, of unitID: UUID?, _ v: inout Validator, on db: any DatabaseReading) async throws -> UUID? {
        guard let code else { return nil }
        guard let parent = try await UnitModel.query(on: db.fluent).filter(\.$code == code).first() else {
            v.add("parentCode", .notFound)
            return nil
        }
        var ancestor: UnitModel? = parent
        var seen = Set<UUID>()
        while let current = ancestor, let currentID = current.id, seen.insert(currentID).inserted {
            if currentID == unitID {
                v.add("parentCode", .cycle)
                return nil
            }
            ancestor = try await current.parentID.asyncMap { try await UnitModel.find($0, on: db.fluent) } ?? nil
        }
        return parent.id
    }

    static func map(_ models: [UnitModel], parents: [UnitModel]? = nil) -> [OrgUnit] {
        let lookup = Dictionary((parents ?? models).compactMap { m in m.id.map { ($0, m.code) } }, uniquingKeysWith: { a, _ in a })
        return models.map { model in
            OrgUnit(id: model.id!, code: model.code, name: model.name,
                 kind: UnitKind(rawValue: model.kind) ?? .administration,
                 sector: Sector(rawValue: model.sector) ?? .region,
                 parentId: model.parentID, parentCode: model.parentID.flatMap { lookup[$0] },
                 dayPhone: model.dayPhone, outOfHoursPhone: model.outOfHoursPhone, sorCode: model.sorCode,
                 active: model.active)
        }
    }
}
