import Foundation
import LindringCore
import SQLKit

/// A planned bereavement follow-up conversation (with a parent, a sibling, the family).
public struct BereavementConversation: Equatable, Sendable {
    public var id: UUID
    public var withWhom: String
    public var plannedOn: LocalDate
    public var doneOn: LocalDate?
}

/// After a child's death: the date (the case's own, or the child's plan's), and the follow-up
/// conversations the team plans with the parents and each sibling.
public enum BereavementRepository {
    /// Records the date of death; an open case moves to bereavement follow-up.
    public static func setDeath(familyId: UUID, on day: LocalDate, author: RecordAuthor, now: Date = Date(), on tx: WriteTransaction) async throws {
        try await tx.sql.raw(
            """
            UPDATE families SET death_on = \(bind: day.description),
            status = CASE WHEN status = 'open' THEN 'bereavement' ELSE status END, version = version + 1,
            updated_at = \(bind: AuditRecord.truncatedToMilliseconds(now)), updated_by_name = \(bind: author.name) WHERE id = \(bind: familyId)
            """
        ).run()
    }

    /// The child's date of death as the plan records it, for a case that has none of its own.
    public static func planDeath(childPatientId: UUID, on db: any DatabaseReading) async throws -> LocalDate? {
        try await PlanRepository.find(patientId: childPatientId, on: db)?.content.dateOfDeath
    }

    public static func plan(familyId: UUID, withWhom: String, on day: LocalDate, on tx: WriteTransaction) async throws {
        try await tx.sql.insert(into: "bereavement_conversations").columns("id", "family_id", "with_whom", "planned_on")
            .values(SQLBind(UUID()), SQLBind(familyId), SQLBind(withWhom), SQLBind(day.description)).run()
    }

    /// Marks a conversation held (or not); false when it is not this family's.
    public static func setDone(_ id: UUID, familyId: UUID, on day: LocalDate?, on tx: WriteTransaction) async throws -> Bool {
        try await tx.sql.raw(
            """
            UPDATE bereavement_conversations SET done_on = \(bind: day?.description) WHERE id = \(bind: id) AND family_id = \(bind: familyId)
            RETURNING id
            """
        ).first() != nil
    }

    public static func conversations(familyId: UUID, on db: any DatabaseReading) async throws -> [BereavementConversation] {
        try await db.sql.raw("SELECT * FROM bereavement_conversations WHERE family_id = \(bind: familyId) ORDER BY planned_on").all().map { row in
            BereavementConversation(
                id: try row.decode(column: "id", as: UUID.self), withWhom: try row.decode(column: "with_whom", as: String.self),
                plannedOn: try row.decodeDate(column: "planned_on"), doneOn: try row.decodeDate(column: "done_on"))
        }
    }
}
