import Foundation
import LindringCore
import SQLKit

/// A network meeting as stored: its decisions and the parents who lost earnings that day, each
/// with the § 87 single-day application made for them, once made.
public struct NetworkMeeting: Equatable, Sendable {
    public struct Decision: Equatable, Sendable {
        public var id: UUID
        public var text: String
        public var owner: String
        public var dueOn: LocalDate?
        public var doneOn: LocalDate?
    }

    public struct LostEarnings: Equatable, Sendable {
        public var parentId: UUID
        public var parentName: String
        public var applicationId: UUID?
    }

    public var id: UUID
    public var familyId: UUID
    public var heldOn: LocalDate
    public var participants: [String]
    public var decisions: [Decision]
    public var lostEarnings: [LostEarnings]
    public var createdByName: String
}

public enum MeetingRepository {
    public static func create(
        familyId: UUID, _ meeting: ValidNetworkMeeting, author: RecordAuthor, now: Date = Date(), on tx: WriteTransaction
    )
        async throws -> UUID
    {
        let id = UUID()
        var batch = RowBatch()
        batch.add(
            "network_meetings", ["id", "family_id", "held_on", "participants", "created_at", "created_by_name"],
            [
                SQLBind(id), SQLBind(familyId), SQLBind(meeting.heldOn.description), SQLBind(meeting.participants.joined(separator: "\n")),
                SQLBind(AuditRecord.truncatedToMilliseconds(now)), SQLBind(author.name),
            ])
        for (position, decision) in meeting.decisions.enumerated() {
            batch.add(
                "meeting_decisions", ["id", "meeting_id", "position", "text", "owner", "due_on"],
                [
                    SQLBind(UUID()), SQLBind(id), SQLBind(position), SQLBind(decision.text), SQLBind(decision.owner),
                    SQLBind(decision.dueOn?.description),
                ])
        }
        for parent in meeting.lostEarningsParentIds {
            batch.add("meeting_lost_earnings", ["meeting_id", "parent_id"], [SQLBind(id), SQLBind(parent)])
        }
        try await batch.write(on: tx.sql)
        return id
    }

    /// A family's meetings, newest first.
    public static func list(familyId: UUID, on db: any DatabaseReading) async throws -> [NetworkMeeting] {
        let sql = db.sql
        let meetings = try await sql.raw(
            "SELECT * FROM network_meetings WHERE family_id = \(bind: familyId) ORDER BY held_on DESC, created_at DESC"
        ).all()
        guard !meetings.isEmpty else { return [] }
        let decisions = try await sql.raw(
            """
            SELECT d.* FROM meeting_decisions d JOIN network_meetings m ON m.id = d.meeting_id WHERE m.family_id = \(bind: familyId)
            ORDER BY d.position
            """
        ).all()
        let lost = try await sql.raw(
            """
            SELECT l.meeting_id, l.parent_id, l.application_id, p.name FROM meeting_lost_earnings l
            JOIN network_meetings m ON m.id = l.meeting_id JOIN family_parents p ON p.id = l.parent_id
            WHERE m.family_id = \(bind: familyId) ORDER BY p.position
            """
        ).all()
        return try meetings.map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            return NetworkMeeting(
                id: id, familyId: familyId, heldOn: try row.decodeDate(column: "held_on"),
                participants: try row.decode(column: "participants", as: String.self).split(separator: "\n").map(String.init),
                decisions: try decisions.filter { try $0.decode(column: "meeting_id", as: UUID.self) == id }.map { d in
                    NetworkMeeting.Decision(
                        id: try d.decode(column: "id", as: UUID.self), text: try d.decode(column: "text", as: String.self),
                        owner: try d.decode(column: "owner", as: String.self), dueOn: try d.decodeDate(column: "due_on"),
                        doneOn: try d.decodeDate(column: "done_on"))
                },
                lostEarnings: try lost.filter { try $0.decode(column: "meeting_id", as: UUID.self) == id }.map { l in
                    NetworkMeeting.LostEarnings(
                        parentId: try l.decode(column: "parent_id", as: UUID.self), parentName: try l.decode(column: "name", as: String.self),
                        applicationId: try l.decode(column: "application_id", as: UUID?.self))
                },
                createdByName: try row.decode(column: "created_by_name", as: String.self))
        }
    }

    /// Links the § 87 single-day application made for a parent's lost earnings at a meeting.
    public static func linkApplication(meetingId: UUID, parentId: UUID, applicationId: UUID, on tx: WriteTransaction) async throws {
        try await tx.sql.raw(
            """
            UPDATE meeting_lost_earnings SET application_id = \(bind: applicationId)
            WHERE meeting_id = \(bind: meetingId) AND parent_id = \(bind: parentId)
            """
        ).run()
    }

    /// Marks a decision done (or not done again).
    public static func setDecisionDone(_ decisionId: UUID, familyId: UUID, on day: LocalDate?, on tx: WriteTransaction) async throws -> Bool {
        let row = try await tx.sql.raw(
            """
            UPDATE meeting_decisions SET done_on = \(bind: day?.description) WHERE id = \(bind: decisionId)
            AND meeting_id IN (SELECT id FROM network_meetings WHERE family_id = \(bind: familyId)) RETURNING id
            """
        ).first()
        return row != nil
    }
}
