import FluentKit
import Foundation
import LindringCore
import SQLKit

/// Follow-up tasks from advisory contacts, addressed to a unit.
public enum FollowUpRepository {
    public struct Filter: Sendable {
        public var unitId: UUID?
        public var status: FollowUpStatus?
        public var contactId: UUID?
        public var id: UUID?
        public var limit: Int
        /// Continues a previous page after its last item (due time, id).
        public var after: (dueAt: Date, id: UUID)?
        /// Closed (done or cancelled) at an instant in this range: what a shift closed.
        public var closedIn: Range<Date>?

        public init(
            unitId: UUID? = nil, status: FollowUpStatus? = nil, contactId: UUID? = nil, id: UUID? = nil, limit: Int = 500,
            after: (dueAt: Date, id: UUID)? = nil, closedIn: Range<Date>? = nil
        ) {
            self.id = id
            self.closedIn = closedIn
            self.unitId = unitId
            self.status = status
            self.contactId = contactId
            self.limit = limit
            self.after = after
        }

        /// Open follow-ups soonest due first (what to do next); the others latest due first.
        var oldestFirst: Bool { status == .open }
    }

    /// In due order (see `Filter.oldestFirst`), then id, so pages follow each other exactly.
    public static func list(_ filter: Filter, on db: any DatabaseReading) async throws -> [FollowUp] {
        let sql = db.sql
        var query = sql.select()
            .columns(
                SQLColumn("id", table: "f"), SQLColumn("contact_id", table: "f"), SQLColumn("patient_id", table: "f"),
                SQLColumn("unit_id", table: "f"), SQLColumn("triage", table: "f"), SQLColumn("due_at", table: "f"), SQLColumn("text", table: "f"),
                SQLColumn("status", table: "f"), SQLColumn("created_at", table: "f"), SQLColumn("created_by_name", table: "f"),
                SQLColumn("closed_at", table: "f"), SQLColumn("closed_by_name", table: "f"), SQLColumn("closed_note", table: "f")
            )
            .column(SQLColumn("name", table: "p"), as: "patient_name").column(SQLColumn("name", table: "u"), as: "unit_name")
            .columns(
                SQLColumn("situation", table: "c"), SQLColumn("background", table: "c"), SQLColumn("assessment", table: "c"),
                SQLColumn("recommendation", table: "c")
            )
            .from(SQLAlias(SQLIdentifier("follow_ups"), as: SQLIdentifier("f")))
            .join(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("u")), on: SQLColumn("id", table: "u"), .equal, SQLColumn("unit_id", table: "f"))
            // The SBAR it came from: the unit follows up the advice, not only the task's text.
            .join(
                SQLAlias(SQLIdentifier("contacts"), as: SQLIdentifier("c")), on: SQLColumn("id", table: "c"), .equal,
                SQLColumn("contact_id", table: "f")
            )
            .join(
                SQLAlias(SQLIdentifier("patients"), as: SQLIdentifier("p")), method: SQLJoinMethod.left,
                on: SQLColumn("id", table: "p"), .equal, SQLColumn("patient_id", table: "f"))
        if let unitId = filter.unitId { query = query.where(SQLColumn("unit_id", table: "f"), .equal, SQLBind(unitId)) }
        if let status = filter.status { query = query.where(SQLColumn("status", table: "f"), .equal, SQLBind(status.rawValue)) }
        if let contactId = filter.contactId { query = query.where(SQLColumn("contact_id", table: "f"), .equal, SQLBind(contactId)) }
        if let id = filter.id { query = query.where(SQLColumn("id", table: "f"), .equal, SQLBind(id)) }
        if let closed = filter.closedIn {
            query = query.where(SQLColumn("closed_at", table: "f"), .greaterThanOrEqual, SQLBind(closed.lowerBound))
                .where(SQLColumn("closed_at", table: "f"), .lessThan, SQLBind(closed.upperBound))
        }
        if let after = filter.after {
            let time = SQLColumn("due_at", table: "f"), id = SQLColumn("id", table: "f")
            query =
                filter.oldestFirst
                ? query.oldestFirst(after: (after.dueAt, after.id), time: time, id: id)
                : query.newestFirst(before: (after.dueAt, after.id), time: time, id: id)
        }
        let direction = filter.oldestFirst ? SQLDirection.ascending : SQLDirection.descending
        return try await query.orderBy(SQLOrderBy(expression: SQLColumn("due_at", table: "f"), direction: direction))
            .orderBy(SQLOrderBy(expression: SQLColumn("id", table: "f"), direction: direction)).limit(filter.limit).all().map(followUp)
    }

    public static func find(id: UUID, on db: any DatabaseReading) async throws -> FollowUp? {
        try await list(Filter(id: id, limit: 1), on: db).first
    }

    /// Marks an open follow-up done or cancelled, with its note; false when it was no longer open.
    public static func close(
        id: UUID, _ closing: FollowUpClosing, by author: RecordAuthor, now: Date = Date(), on db: WriteTransaction
    ) async throws -> Bool {
        let status = closing.status
        precondition(status != .open, "closing sets done or cancelled")
        let sql = db.sql
        guard
            try await sql.select().column("id").from("follow_ups").where("id", .equal, SQLBind(id))
                .where("status", .equal, SQLBind(FollowUpStatus.open.rawValue)).first() != nil
        else { return false }
        try await sql.update("follow_ups").set("status", to: SQLBind(status.rawValue)).set("closed_at", to: SQLBind(now))
            .set("closed_by", to: SQLBind(author.userId)).set("closed_by_name", to: SQLBind(author.name))
            .set("closed_note", to: SQLBind(closing.note))
            .where("id", .equal, SQLBind(id)).where("status", .equal, SQLBind(FollowUpStatus.open.rawValue)).run()
        return true
    }

    /// Marks every open follow-up due before `before` done at its due time (bulk loads of history).
    public static func closeAllDue(before: Date, byName name: String, on db: WriteTransaction) async throws {
        try await db.sql.update("follow_ups").set("status", to: SQLBind(FollowUpStatus.done.rawValue))
            .set("closed_at", to: SQLColumn("due_at")).set("closed_by_name", to: SQLBind(name))
            .where("status", .equal, SQLBind(FollowUpStatus.open.rawValue)).where("due_at", .lessThan, SQLBind(before)).run()
    }

    /// Counts the open follow-ups of the unit the expression names (`InboxRepository.badge`).
    static func open(unit: any SQLExpression) -> SQLQueryString {
        "SELECT count(*) FROM follow_ups f WHERE f.unit_id = \(unit) AND f.status = \(bind: FollowUpStatus.open.rawValue)"
    }

    static func followUp(_ row: any SQLRow) throws -> FollowUp {
        FollowUp(
            id: try row.decode(column: "id", as: UUID.self), contactId: try row.decode(column: "contact_id", as: UUID.self),
            patientId: try row.decode(column: "patient_id", as: UUID?.self), patientName: try row.decode(column: "patient_name", as: String?.self),
            unitId: try row.decode(column: "unit_id", as: UUID.self), unitName: try row.decode(column: "unit_name", as: String.self),
            triage: try row.decodeEnum(column: "triage"), dueAt: try row.decode(column: "due_at", as: Date.self),
            text: try row.decode(column: "text", as: String.self), status: try row.decodeEnum(column: "status"),
            createdAt: try row.decode(column: "created_at", as: Date.self), createdByName: try row.decode(column: "created_by_name", as: String.self),
            closedAt: try row.decode(column: "closed_at", as: Date?.self), closedByName: try row.decode(column: "closed_by_name", as: String?.self),
            closedNote: try row.decode(column: "closed_note", as: String?.self), sbar: try ContactRepository.sbar(row))
    }
}
