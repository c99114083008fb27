import Foundation
import LindringCore
import SQLKit

/// What the competence matrix is made of: a unit's staff from the register, and their
/// completions (in Lindring through the account's employee number, or recorded against it).
public enum CompetenceMatrixRepository {
    public static func people(unitId: UUID, on db: any DatabaseReading) async throws -> [CompetenceMatrix.Person] {
        try await db.sql.raw("SELECT employee_number, name, profession FROM staff_register WHERE unit_id = \(bind: unitId)").all().map { row in
            CompetenceMatrix.Person(
                employeeNumber: try row.decode(column: "employee_number", as: String.self), name: try row.decode(column: "name", as: String.self),
                profession: try row.decodeEnum(column: "profession"))
        }
    }

    public static func records(unitId: UUID, on db: any DatabaseReading) async throws -> [CompetenceRecord] {
        let rows = try await db.sql.raw(
            """
            SELECT c.employee_number, c.completed_at, o.levels, o.competencies FROM staff_completions c
            JOIN learning_offers o ON o.id = c.offer_id JOIN staff_register s ON s.employee_number = c.employee_number
            WHERE s.unit_id = \(bind: unitId)
            UNION ALL
            SELECT us.employee_number, c.completed_at, o.levels, o.competencies FROM learning_offer_completions c
            JOIN learning_offers o ON o.id = c.offer_id JOIN users us ON us.id = c.user_id
            JOIN staff_register s ON s.employee_number = us.employee_number
            WHERE s.unit_id = \(bind: unitId)
            """
        ).all()
        return try rows.map { row in
            let lists = try OfferRepository.lists(row)
            return CompetenceRecord(
                employeeNumber: try row.decode(column: "employee_number", as: String.self), levels: lists.levels, competencies: lists.competencies,
                completedOn: LocalDate(try row.decode(column: "completed_at", as: Date.self), in: DanishCalendar.timeZone))
        }
    }

    /// The units that have staff in the register, for choosing one.
    public static func unitsWithStaff(on db: any DatabaseReading) async throws -> Set<UUID> {
        Set(try await db.sql.raw("SELECT DISTINCT unit_id FROM staff_register").all().map { try $0.decode(column: "unit_id", as: UUID.self) })
    }
}
