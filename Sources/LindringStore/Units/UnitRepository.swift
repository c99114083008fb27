import Foundation
import LindringCore
import SQLKit

public enum UnitRepository {
    /// A unit's columns with its parent's code, in one statement decoded by hand (`unit(_:)`).
    static let select = """
        SELECT u.id, u.code, u.name, u.kind, u.sector, u.parent_id, u.day_phone, u.out_of_hours_phone, u.sor_code, u.ean_code, u.active,
            p.code AS parent_code, u.successor_id, u.successor_from, s.code AS successor_code
        FROM units u LEFT JOIN units p ON p.id = u.parent_id LEFT JOIN units s ON s.id = u.successor_id
        """

    /// All units sorted by name; `includeInactive` for the administrator's view.
    public static func list(includeInactive: Bool = true, on db: any DatabaseReading) async throws -> [OrgUnit] {
        let query: SQLQueryString =
            includeInactive
            ? "\(unsafeRaw: select) ORDER BY u.name"
            : "\(unsafeRaw: select) WHERE u.active = \(bind: true) ORDER BY u.name"
        return try await db.sql.raw(query).all().map(unit)
    }

    /// A page of units ordered by code, for the API; `after` is the last code of the previous page.
    public static func page(after: String?, limit: Int, on db: any DatabaseReading) async throws -> [OrgUnit] {
        let query: SQLQueryString =
            after.map { "\(unsafeRaw: select) WHERE u.code > \(bind: $0) ORDER BY u.code LIMIT \(literal: limit)" }
            ?? "\(unsafeRaw: select) ORDER BY u.code LIMIT \(literal: limit)"
        return try await db.sql.raw(query).all().map(unit)
    }

    public static func find(id: UUID, on db: any DatabaseReading) async throws -> OrgUnit? {
        try await db.sql.raw("\(unsafeRaw: select) WHERE u.id = \(bind: id)").first().map(unit)
    }

    public static func find(code: String, on db: any DatabaseReading) async throws -> OrgUnit? {
        try await db.sql.raw("\(unsafeRaw: select) WHERE u.code = \(bind: code)").first().map(unit)
    }

    public static func count(on db: any DatabaseReading) async throws -> Int {
        try await db.sql.raw("SELECT COUNT(*) AS n FROM units").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    public static func create(_ valid: ValidUnit, on db: WriteTransaction) async throws -> OrgUnit {
        var v = Validator()
        if try await id(code: valid.code, on: db) != nil { v.add("code", .alreadyTaken) }
        let parentID = try await parentID(for: valid.parentCode, of: nil, &v, on: db)
        let successorID = try await successorID(for: valid.successorCode, of: nil, &v, on: db)
        try v.check()
        let id = UUID(), now = Date()
        try await db.sql.insert(into: "units")
            .columns(
                "id", "code", "name", "kind", "sector", "parent_id", "day_phone", "out_of_hours_phone", "sor_code", "ean_code", "active",
                "created_at", "updated_at", "successor_id", "successor_from"
            )
            .values(
                SQLBind(id), SQLBind(valid.code), SQLBind(valid.name), SQLBind(valid.kind.rawValue), SQLBind(valid.sector.rawValue),
                SQLBind(parentID), SQLBind(valid.dayPhone), SQLBind(valid.outOfHoursPhone), SQLBind(valid.sorCode), SQLBind(valid.eanCode),
                SQLBind(true),
                SQLBind(now), SQLBind(now), SQLBind(successorID), SQLBind(valid.successorFrom?.description)
            )
            .run()
        try await RevisionCounter.units.bump(on: db)
        return try await find(id: id, on: db)!
    }

    public static func update(id: UUID, _ valid: ValidUnit, on db: WriteTransaction) async throws -> OrgUnit? {
        guard
            let code = try await db.sql.select().column("code").from("units").where("id", .equal, SQLBind(id)).first()?
                .decode(column: "code", as: String.self)
        else { return nil }
        var v = Validator()
        if valid.code != code, try await self.id(code: valid.code, on: db) != nil {
            v.add("code", .alreadyTaken)
        }
        let parentID = try await parentID(for: valid.parentCode, of: id, &v, on: db)
        let successorID = try await successorID(for: valid.successorCode, of: id, &v, on: db)
        try v.check()
        try await db.sql.update("units").set("code", to: SQLBind(valid.code)).set("name", to: SQLBind(valid.name))
            .set("kind", to: SQLBind(valid.kind.rawValue)).set("sector", to: SQLBind(valid.sector.rawValue))
            .set("parent_id", to: SQLBind(parentID)).set("day_phone", to: SQLBind(valid.dayPhone))
            .set("out_of_hours_phone", to: SQLBind(valid.outOfHoursPhone)).set("sor_code", to: SQLBind(valid.sorCode)).set(
                "ean_code", to: SQLBind(valid.eanCode)
            )
            .set("successor_id", to: SQLBind(successorID)).set("successor_from", to: SQLBind(valid.successorFrom?.description))
            .set("updated_at", to: SQLBind(Date()))
            .where("id", .equal, SQLBind(id)).run()
        try await RevisionCounter.units.bump(on: db)
        return try await find(id: id, on: db)
    }

    public static func setActive(id: UUID, _ active: Bool, on db: WriteTransaction) async throws -> OrgUnit? {
        guard try await db.sql.select().column("id").from("units").where("id", .equal, SQLBind(id)).first() != nil else { return nil }
        try await db.sql.update("units").set("active", to: SQLBind(active)).set("updated_at", to: SQLBind(Date()))
            .where("id", .equal, SQLBind(id)).run()
        try await RevisionCounter.units.bump(on: db)
        return try await find(id: id, on: db)
    }

    static func id(code: String, on db: any DatabaseReading) async throws -> UUID? {
        try await db.sql.select().column("id").from("units").where("code", .equal, SQLBind(code)).first()?.decode(column: "id", as: UUID.self)
    }

    /// Resolves the parent's code; a unit may not become its own ancestor.
    static func parentID(for code: String?, of unitID: UUID?, _ v: inout Validator, on db: any DatabaseReading) async throws -> UUID? {
        guard let code else { return nil }
        guard let parentID = try await id(code: code, on: db) else {
            v.add("parentCode", .notFound)
            return nil
        }
        var ancestor: UUID? = parentID
        var seen = Set<UUID>()
        while let current = ancestor, seen.insert(current).inserted {
            if current == unitID {
                v.add("parentCode", .cycle)
                return nil
            }
            ancestor = try await db.sql.select().column("parent_id").from("units").where("id", .equal, SQLBind(current)).first()?
                .decode(column: "parent_id", as: UUID?.self)
        }
        return parentID
    }

    /// Resolves the successor's code (`notFound` when no unit has it); a unit may not succeed
    /// itself through others (A → B → A).
    static func successorID(for code: String?, of unitID: UUID?, _ v: inout Validator, on db: any DatabaseReading) async throws -> UUID? {
        guard let code else { return nil }
        guard let successorID = try await id(code: code, on: db) else {
            v.add("successorCode", .notFound)
            return nil
        }
        var next: UUID? = successorID
        var seen = Set<UUID>()
        while let current = next, seen.insert(current).inserted {
            if current == unitID {
                v.add("successorCode", .cycle)
                return nil
            }
            next = try await db.sql.select().column("successor_id").from("units").where("id", .equal, SQLBind(current)).first()?
                .decode(column: "successor_id", as: UUID?.self)
        }
        return successorID
    }

    /// A row of `select`.
    static func unit(_ row: any SQLRow) throws -> OrgUnit {
        OrgUnit(
            id: try row.decode(column: "id", as: UUID.self), code: try row.decode(column: "code", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            kind: UnitKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .administration,
            sector: Sector(rawValue: try row.decode(column: "sector", as: String.self)) ?? .region,
            parentId: try row.decode(column: "parent_id", as: UUID?.self), parentCode: try row.decode(column: "parent_code", as: String?.self),
            dayPhone: try row.decode(column: "day_phone", as: String?.self),
            outOfHoursPhone: try row.decode(column: "out_of_hours_phone", as: String?.self),
            sorCode: try row.decode(column: "sor_code", as: String?.self), eanCode: try row.decode(column: "ean_code", as: String?.self),
            active: try row.decode(column: "active", as: Bool.self),
            successorId: try row.decode(column: "successor_id", as: UUID?.self),
            successorCode: try row.decode(column: "successor_code", as: String?.self), successorFrom: try row.decodeDate(column: "successor_from"))
    }
}
