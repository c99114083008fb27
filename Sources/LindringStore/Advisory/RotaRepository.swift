import FluentKit
import Foundation
import LindringCore
import SQLKit

public struct RotaAssignment: Equatable, Sendable {
    public var id: UUID
    public var date: LocalDate
    public var shiftCode: String
    public var userId: UUID
    public var name: String
    public var profession: Profession?
}

/// Who works which shift on the advisory line.
public enum RotaRepository {
    public static func assignments(from: LocalDate, to: LocalDate, on db: any DatabaseReading) async throws -> [RotaAssignment] {
        let sql = db.sql
        return try await sql.select()
            .columns(
                SQLColumn("id", table: "r"), SQLColumn("shift_date", table: "r"), SQLColumn("shift_code", table: "r"),
                SQLColumn("user_id", table: "r"), SQLColumn("name", table: "u"), SQLColumn("profession", table: "u")
            )
            .from(SQLAlias(SQLIdentifier("rota_assignments"), as: SQLIdentifier("r")))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), on: SQLColumn("id", table: "u"), .equal, SQLColumn("user_id", table: "r"))
            .where(SQLColumn("shift_date", table: "r"), .greaterThanOrEqual, SQLBind(from.description))
            .where(SQLColumn("shift_date", table: "r"), .lessThanOrEqual, SQLBind(to.description))
            .orderBy(SQLColumn("shift_date", table: "r")).orderBy(SQLColumn("name", table: "u")).all().map { row in
                let date = try row.decode(column: "shift_date", as: String.self)
                guard let day = LocalDate(date) else { throw UnknownStoredValue(column: "shift_date", value: date) }
                return RotaAssignment(
                    id: try row.decode(column: "id", as: UUID.self), date: day,
                    shiftCode: try row.decode(column: "shift_code", as: String.self),
                    userId: try row.decode(column: "user_id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                    profession: try row.decode(column: "profession", as: String?.self).flatMap(Profession.init(rawValue:)))
            }
    }

    /// Adds the user to the shift; false when they are already on it.
    public static func assign(userId: UUID, shiftCode: String, on date: LocalDate, now: Date = Date(), on db: WriteTransaction) async throws -> Bool {
        let sql = db.sql
        if try await sql.select().column("id").from("rota_assignments").where("shift_date", .equal, SQLBind(date.description))
            .where("shift_code", .equal, SQLBind(shiftCode)).where("user_id", .equal, SQLBind(userId)).first() != nil
        {
            return false
        }
        try await sql.insert(into: "rota_assignments").columns("id", "shift_date", "shift_code", "user_id", "created_at")
            .values(SQLBind(UUID()), SQLBind(date.description), SQLBind(shiftCode), SQLBind(userId), SQLBind(now)).run()
        return true
    }

    public static func remove(id: UUID, on db: WriteTransaction) async throws -> Bool {
        let sql = db.sql
        guard try await sql.select().column("id").from("rota_assignments").where("id", .equal, SQLBind(id)).first() != nil else { return false }
        try await sql.delete(from: "rota_assignments").where("id", .equal, SQLBind(id)).run()
        return true
    }
}
