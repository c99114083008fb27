import Foundation
import LindringCore
import SQLKit

/// The staff register: employees per unit and profession, as the HR system last exported them.
public enum StaffRegisterRepository {
    public struct ImportResult: Equatable, Sendable {
        public var created: Int
        public var updated: Int
        /// Employees the export no longer lists (they left): removed from the register.
        public var removed: Int
    }

    /// Makes the register the export: every member stored, those already registered under their
    /// employee number updated, and those the export no longer lists removed.
    /// `unitIds` maps each unit code the members name to its id (the parser checked the codes).
    public static func importMembers(
        _ members: [StaffMember], unitIds: [String: UUID], now: Date = Date(), on tx: WriteTransaction
    ) async throws -> ImportResult {
        let known = Set(
            try await tx.sql.raw("SELECT employee_number FROM staff_register").all().map { try $0.decode(column: "employee_number", as: String.self) }
        )
        // 500 rows of 6 values stay under SQLite's and PostgreSQL's limits on bound parameters.
        for chunk in stride(from: 0, to: members.count, by: 500).map({ members[$0..<min($0 + 500, members.count)] }) {
            var insert = tx.sql.insert(into: "staff_register").columns(
                "employee_number", "name", "unit_id", "profession", "start_date", "imported_at")
            for member in chunk {
                guard let unitId = unitIds[member.unitCode] else { throw UnknownStoredValue(column: "unit_code", value: member.unitCode) }
                insert = insert.values(
                    SQLBind(member.employeeNumber), SQLBind(member.name), SQLBind(unitId), SQLBind(member.profession.rawValue),
                    SQLBind(member.startDate.description), SQLBind(now))
            }
            try await insert.onConflict(with: ["employee_number"]) { conflict in
                conflict.set(excludedValueOf: "name").set(excludedValueOf: "unit_id").set(excludedValueOf: "profession")
                    .set(excludedValueOf: "start_date").set(excludedValueOf: "imported_at")
            }.run()
        }
        // Every row the export lists was stamped `now` just above; an older stamp is a leaver.
        let removed =
            try await tx.sql.raw("SELECT COUNT(*) AS n FROM staff_register WHERE imported_at < \(bind: now)").first()?.decode(
                column: "n", as: Int.self)
            ?? 0
        try await tx.sql.raw("DELETE FROM staff_register WHERE imported_at < \(bind: now)").run()
        let updated = members.filter { known.contains($0.employeeNumber) }.count
        return ImportResult(created: members.count - updated, updated: updated, removed: removed)
    }

    public static func count(on db: any DatabaseReading) async throws -> Int {
        try await db.sql.raw("SELECT COUNT(*) AS n FROM staff_register").first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
