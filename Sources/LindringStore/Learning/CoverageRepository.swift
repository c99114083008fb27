import Foundation
import LindringCore
import SQLKit

/// The staff register against completions: per group, how many employees there are and how many
/// completed one of `offerIds` (in Lindring, as the user with their employee number, or recorded
/// against the employee number).
public enum CoverageRepository {
    public struct Count: Equatable, Sendable {
        /// A unit id (department, hospital), a municipality code, or a profession's code.
        public var key: String
        public var staff: Int
        public var completed: Int
    }

    public static func counts(by grouping: CoverageGrouping, offerIds: [UUID], on db: any DatabaseReading) async throws -> [Count] {
        let key: SQLQueryString =
            switch grouping {
            case .department: "s.unit_id"
            case .hospital: "COALESCE(u.parent_id, u.id)"
            case .municipality: "SUBSTR(u.code, 4)"
            case .profession: "s.profession"
            }
        let onlyMunicipal: SQLQueryString = grouping == .municipality ? "WHERE u.sector = 'municipality' AND u.code LIKE 'HJ-%'" : ""
        // No offer at the level: nobody can have completed one (and SQL has no empty IN list).
        let ids = offerIds.isEmpty ? [UUID()] : offerIds
        let query: SQLQueryString = """
            SELECT \(key) AS group_key, COUNT(*) AS staff,
            SUM(CASE WHEN EXISTS (SELECT 1 FROM staff_completions c WHERE c.employee_number = s.employee_number AND c.offer_id IN \(SQLBind.group(ids)))
                  OR EXISTS (SELECT 1 FROM users us JOIN learning_offer_completions c ON c.user_id = us.id
                             WHERE us.employee_number = s.employee_number AND c.offer_id IN \(SQLBind.group(ids)))
                THEN 1 ELSE 0 END) AS completed
            FROM staff_register s JOIN units u ON u.id = s.unit_id \(onlyMunicipal)
            GROUP BY \(key)
            """
        return try await db.sql.raw(query).all().map { row in
            let key: String =
                switch grouping {
                case .department, .hospital: try row.decode(column: "group_key", as: UUID.self).uuidString
                case .municipality, .profession: try row.decode(column: "group_key", as: String.self)
                }
            return Count(key: key, staff: try row.decode(column: "staff", as: Int.self), completed: try row.decode(column: "completed", as: Int.self))
        }
    }

    /// Records that the employee completed the offer outside Lindring; the first record stands.
    public static func recordStaffCompletion(
        employeeNumber: String, offerId: UUID, at: Date, source: String, on tx: WriteTransaction
    ) async throws {
        try await tx.sql.raw(
            """
            INSERT INTO staff_completions (employee_number, offer_id, completed_at, source)
            VALUES (\(bind: employeeNumber), \(bind: offerId), \(bind: at), \(bind: source)) ON CONFLICT (employee_number, offer_id) DO NOTHING
            """
        ).run()
    }

    /// Many completions recorded outside Lindring at once (an earlier system's records), in
    /// 500-row statements; those already recorded stand.
    public static func recordStaffCompletions(
        _ completions: [(employeeNumber: String, offerId: UUID)], at: Date, source: String, on tx: WriteTransaction
    )
        async throws
    {
        for start in stride(from: 0, to: completions.count, by: 500) {
            var insert = tx.sql.insert(into: "staff_completions").columns("employee_number", "offer_id", "completed_at", "source")
            for completion in completions[start..<min(start + 500, completions.count)] {
                insert = insert.values(SQLBind(completion.employeeNumber), SQLBind(completion.offerId), SQLBind(at), SQLBind(source))
            }
            try await insert.ignoringConflicts(with: ["employee_number", "offer_id"]).run()
        }
    }

    /// Gives a user the employee number the staff register knows them by.
    public static func setEmployeeNumber(_ number: String?, userId: UUID, on tx: WriteTransaction) async throws {
        try await tx.sql.update("users").set("employee_number", to: SQLBind(number)).where("id", .equal, SQLBind(userId)).run()
    }
}
