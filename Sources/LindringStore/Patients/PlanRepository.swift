import FluentKit
import Foundation
import LindringCore
import SQLKit

/// Plans and their versions. Saves must run inside `Persistence.write`, together with their
/// audit entry: the version check, the new version, the care-team index and the inbox items
/// commit as one.
public enum PlanRepository {
    public static func find(patientId: UUID, on db: any DatabaseReading) async throws -> StoredPlan? {
        guard
            let row = try await db.sql
                .raw("SELECT id, version, content, updated_at FROM plans WHERE patient_id = \(bind: patientId)").first()
        else { return nil }
        return StoredPlan(
            id: try row.decode(column: "id", as: UUID.self), patientId: patientId,
            version: try row.decode(column: "version", as: Int.self),
            content: try row.decodeJSON(PlanContent.self, column: "content"),
            updatedAt: try row.decode(column: "updated_at", as: Date.self))
    }

    /// Creates version 1 of the patient's plan.
    @discardableResult
    public static func create(
        patientId: UUID, _ content: PlanContent, author: PlanAuthor, now: Date = Date(), on db: WriteTransaction
    ) async throws -> StoredPlan {
        if try await find(patientId: patientId, on: db) != nil { throw PlanAlreadyExists() }
        let sql = db.sql
        let id = UUID()
        var batch = RowBatch()
        try planRow(id: id, patientId: patientId, version: 1, content, updatedBy: author.userId, now: now, into: &batch)
        try await batch.write(on: sql)
        let plan = StoredPlan(id: id, patientId: patientId, version: 1, content: content, updatedAt: now)
        try await record(plan, changes: PlanDiff.changes(from: nil, to: content), previousTeam: [], author: author, now: now, on: sql)
        return plan
    }

    /// The rows of a plan with its whole history (bulk loads): the plan at its last version,
    /// every version with its changes, and the care team of the last. No inbox items: nobody
    /// was notified of history that was loaded rather than made.
    public static func rows(patientId: UUID, history: [(content: PlanContent, author: PlanAuthor, at: Date)], into batch: inout RowBatch) throws {
        guard let last = history.last else { return }
        let id = UUID()
        try planRow(id: id, patientId: patientId, version: history.count, last.content, updatedBy: last.author.userId, now: last.at, into: &batch)
        var previous: PlanContent?
        for (index, version) in history.enumerated() {
            try versionRow(
                planId: id, version: index + 1, version.content,
                changes: try JSONColumn.encode(PlanDiff.changes(from: previous, to: version.content)),
                author: version.author, now: version.at, into: &batch)
            previous = version.content
        }
        careTeamRows(patientId: patientId, last.content, into: &batch)
    }

    static func planRow(
        id: UUID, patientId: UUID, version: Int, _ content: PlanContent, updatedBy: UUID?, now: Date, into batch: inout RowBatch
    ) throws {
        batch.add(
            "plans", ["id", "patient_id", "version", "status", "content", "updated_at", "updated_by"] + indicatorColumns,
            [
                SQLBind(id), SQLBind(patientId), SQLBind(version), SQLBind(content.status.rawValue), SQLBind(try JSONColumn.encode(content)),
                SQLBind(now), SQLBind(updatedBy),
            ] + indicatorValues(content))
    }

    /// The plan's facts the working group's indicators read, kept in columns beside its JSON
    /// (M0042) and written with every version.
    static let indicatorColumns = ["has_key_worker", "preferred_place_of_death", "resuscitation_decided", "place_of_death", "date_of_death"]

    static func indicatorValues(_ content: PlanContent) -> [SQLBind] {
        [
            SQLBind(content.keyWorker != nil), SQLBind(content.preferredPlaceOfDeath.rawValue), SQLBind(content.resuscitation != nil),
            SQLBind(content.placeOfDeath?.rawValue), SQLBind(content.dateOfDeath?.description),
        ]
    }

    static func indicatorFacts(of content: PlanContent, in update: SQLUpdateBuilder) -> SQLUpdateBuilder {
        zip(indicatorColumns, indicatorValues(content)).reduce(update) { $0.set(SQLIdentifier($1.0), to: $1.1) }
    }

    static func versionRow(
        planId: UUID, version: Int, _ content: PlanContent, changes: String, author: PlanAuthor, now: Date,
        into batch: inout RowBatch
    ) throws {
        batch.add(
            "plan_versions",
            ["id", "plan_id", "version", "content", "changes", "author_id", "author_name", "author_unit_id", "created_at", "contact_id"],
            [
                SQLBind(UUID()), SQLBind(planId), SQLBind(version), SQLBind(try JSONColumn.encode(content)), SQLBind(changes),
                SQLBind(author.userId), SQLBind(author.name), SQLBind(author.unitId), SQLBind(now), SQLBind(author.contactId),
            ])
    }

    static func careTeamRows(patientId: UUID, _ content: PlanContent, into batch: inout RowBatch) {
        for unit in content.careTeamUnitIds.sorted(by: { $0.uuidString < $1.uuidString }) {
            batch.add("plan_care_team", ["patient_id", "unit_id"], [SQLBind(patientId), SQLBind(unit)])
        }
    }

    /// Saves a new version if `basedOn` is still the current one; otherwise throws
    /// `StalePlanVersion` with what the colleague saved. An unchanged plan makes no version.
    /// `current`: the plan as the caller read it in this transaction, so it is not read twice.
    public static func update(
        patientId: UUID, _ content: PlanContent, basedOn version: Int, current: StoredPlan? = nil, author: PlanAuthor,
        now: Date = Date(), on db: WriteTransaction
    ) async throws -> (plan: StoredPlan, changes: [PlanChange]) {
        let read = if let current { current } else { try await find(patientId: patientId, on: db) }
        guard let current = read else { throw PlanNotFound() }
        guard current.version == version else { throw StalePlanVersion(current: current) }
        let changes = PlanDiff.changes(from: current.content, to: content)
        if changes.isEmpty { return (current, []) }
        let sql = db.sql
        let next = current.version + 1
        // The version condition makes a concurrent save from another process fail here too.
        let update = sql.update("plans").set("version", to: SQLBind(next)).set("status", to: SQLBind(content.status.rawValue))
            .set("content", to: SQLBind(try JSONColumn.encode(content))).set("updated_at", to: SQLBind(now)).set(
                "updated_by", to: SQLBind(author.userId))
        try await indicatorFacts(of: content, in: update)
            .where("id", .equal, SQLBind(current.id)).where("version", .equal, SQLBind(current.version)).run()
        let plan = StoredPlan(id: current.id, patientId: patientId, version: next, content: content, updatedAt: now)
        try await record(plan, changes: changes, previousTeam: current.content.careTeamUnitIds, author: author, now: now, on: sql)
        return (plan, changes)
    }

    /// The version row, the care-team index, and an inbox item for every care-team unit
    /// (before or after the change) other than the author's.
    static func record(
        _ plan: StoredPlan, changes: [PlanChange], previousTeam: Set<UUID>, author: PlanAuthor, now: Date,
        on sql: any SQLDatabase
    ) async throws {
        // The care-team rows copy the patient's name (M0022). On PostgreSQL another process may be
        // renaming the patient; both take the patient's row first, so the rename's copy waits for
        // these rows or these rows copy the new name. SQLite has no row locks and needs none: its
        // writes take turns.
        if sql.dialect.sharedSelectLockExpression != nil {
            _ = try await sql.select().column("id").from("patients").where("id", .equal, SQLBind(plan.patientId)).for(.share).first()
        }
        let changesJSON = try JSONColumn.encode(changes)
        var version = RowBatch()
        try versionRow(planId: plan.id, version: plan.version, plan.content, changes: changesJSON, author: author, now: now, into: &version)
        try await version.write(on: sql)
        try await sql.delete(from: "plan_care_team").where("patient_id", .equal, SQLBind(plan.patientId)).run()
        var team = RowBatch()
        careTeamRows(patientId: plan.patientId, plan.content, into: &team)
        try await team.write(on: sql)
        // Whole milliseconds, so that items saved together sort by id and page cursors (which
        // carry milliseconds) find their place exactly on every database.
        // A unit taken off the team is told so, without the changes: it no longer treats the patient.
        let created = AuditRecord.truncatedToMilliseconds(now)
        let currentTeam = plan.content.careTeamUnitIds
        var inbox = RowBatch()
        for unit in previousTeam.union(currentTeam).sorted(by: { $0.uuidString < $1.uuidString }) where unit != author.unitId {
            let removed = !currentTeam.contains(unit)
            inbox.add(
                "inbox_items", ["id", "unit_id", "patient_id", "plan_version", "changes", "author_name", "created_at", "removed_from_team"],
                [
                    SQLBind(UUID()), SQLBind(unit), SQLBind(plan.patientId), SQLBind(plan.version), SQLBind(removed ? "[]" : changesJSON),
                    SQLBind(author.name), SQLBind(created), SQLBind(removed),
                ])
        }
        try await inbox.write(on: sql)
    }

    public static func versions(patientId: UUID, on db: any DatabaseReading) async throws -> [PlanVersion] {
        let sql = db.sql
        return try await sql.select().columns(
            SQLColumn("version", table: "v"), SQLColumn("content", table: "v"), SQLColumn("changes", table: "v"),
            SQLColumn("author_name", table: "v"), SQLColumn("created_at", table: "v"), SQLColumn("contact_id", table: "v")
        )
        .from(SQLAlias(SQLIdentifier("plan_versions"), as: SQLIdentifier("v")))
        .join(SQLAlias(SQLIdentifier("plans"), as: SQLIdentifier("p")), on: SQLColumn("id", table: "p"), .equal, SQLColumn("plan_id", table: "v"))
        .where(SQLColumn("patient_id", table: "p"), .equal, SQLBind(patientId))
        .orderBy(SQLOrderBy(expression: SQLColumn("version", table: "v"), direction: SQLDirection.descending)).all().map(version)
    }

    static func version(_ row: any SQLRow) throws -> PlanVersion {
        PlanVersion(
            version: try row.decode(column: "version", as: Int.self),
            content: try row.decodeJSON(PlanContent.self, column: "content"),
            changes: try row.decodeJSON([PlanChange].self, column: "changes"),
            authorName: try row.decode(column: "author_name", as: String.self),
            createdAt: try row.decode(column: "created_at", as: Date.self),
            contactId: try row.decode(column: "contact_id", as: UUID?.self))
    }
}

public struct InboxItem: Equatable, Sendable {
    public var id: UUID
    public var patientId: UUID
    public var patientName: String
    public var planVersion: Int
    public var changes: [PlanChange]
    public var authorName: String
    public var createdAt: Date
    public var read: Bool
    /// A red screening result rather than a plan change.
    public var assessment: InboxAssessment?
    /// The unit was taken off the patient's care team by this version (the item has no changes).
    public var removedFromTeam: Bool
    /// Who to ask when the policy no longer lets the unit read the patient.
    public var registeringUnitId: UUID
}

public struct InboxAssessment: Equatable, Sendable {
    public var id: UUID
    public var instrument: Instrument
}

public enum InboxRepository {
    /// The newest items for the unit, with whether this user has read each.
    /// `before` continues after the last item of a previous page (newest first, then id).
    public static func items(
        unitId: UUID, userId: UUID, limit: Int = 100, before: (at: Date, id: UUID)? = nil, on db: any DatabaseReading
    ) async throws -> [InboxItem] {
        let sql = db.sql
        var query = sql.select()
            .columns(
                SQLColumn("id", table: "i"), SQLColumn("patient_id", table: "i"), SQLColumn("name", table: "p"),
                SQLColumn("plan_version", table: "i"), SQLColumn("changes", table: "i"), SQLColumn("author_name", table: "i"),
                SQLColumn("created_at", table: "i"), SQLColumn("read_at", table: "r"), SQLColumn("assessment_id", table: "i"),
                SQLColumn("removed_from_team", table: "i"), SQLColumn("registering_unit_id", table: "p")
            )
            .column(SQLColumn("instrument", table: "a"), as: "instrument")
            .from(SQLAlias(SQLIdentifier("inbox_items"), as: SQLIdentifier("i")))
            .join(
                SQLAlias(SQLIdentifier("assessments"), as: SQLIdentifier("a")), method: SQLJoinMethod.left,
                on: SQLColumn("id", table: "a"), .equal, SQLColumn("assessment_id", table: "i")
            )
            .join(
                SQLAlias(SQLIdentifier("patients"), as: SQLIdentifier("p")), on: SQLColumn("id", table: "p"), .equal,
                SQLColumn("patient_id", table: "i")
            )
            .join(
                SQLAlias(SQLIdentifier("inbox_reads"), as: SQLIdentifier("r")), method: SQLJoinMethod.left,
                on: SQLBinaryExpression(
                    SQLBinaryExpression(SQLColumn("item_id", table: "r"), .equal, SQLColumn("id", table: "i")),
                    .and, SQLBinaryExpression(SQLColumn("user_id", table: "r"), .equal, SQLBind(userId)))
            )
            .where(SQLColumn("unit_id", table: "i"), .equal, SQLBind(unitId))
        if let before { query = query.newestFirst(before: before, time: SQLColumn("created_at", table: "i"), id: SQLColumn("id", table: "i")) }
        return try await query.orderBy(SQLOrderBy(expression: SQLColumn("created_at", table: "i"), direction: SQLDirection.descending))
            .orderBy(SQLOrderBy(expression: SQLColumn("id", table: "i"), direction: SQLDirection.descending)).limit(limit).all().map { row in
                InboxItem(
                    id: try row.decode(column: "id", as: UUID.self), patientId: try row.decode(column: "patient_id", as: UUID.self),
                    patientName: try row.decode(column: "name", as: String.self), planVersion: try row.decode(column: "plan_version", as: Int.self),
                    changes: (try? row.decodeJSON([PlanChange].self, column: "changes")) ?? [],
                    authorName: try row.decode(column: "author_name", as: String.self),
                    createdAt: try row.decode(column: "created_at", as: Date.self),
                    read: !(try row.decodeNil(column: "read_at")),
                    assessment: try row.decode(column: "assessment_id", as: UUID?.self).map { id in
                        InboxAssessment(id: id, instrument: try row.decodeEnum(column: "instrument"))
                    },
                    removedFromTeam: try row.decode(column: "removed_from_team", as: Bool.self),
                    registeringUnitId: try row.decode(column: "registering_unit_id", as: UUID.self))
            }
    }

    /// The number on the navigation's inbox link: the unit's plan changes the user has not read
    /// and its open follow-ups from the advisory line, for the unit and user the expressions name.
    /// Every signed-in page shows it, so it is asked with the session (`SessionRepository.findWithUser`).
    static func badge(unit: any SQLExpression, user: any SQLExpression) -> SQLQueryString {
        """
        (SELECT count(*) FROM inbox_items i WHERE i.unit_id = \(unit)
            AND NOT EXISTS (SELECT 1 FROM inbox_reads r WHERE r.item_id = i.id AND r.user_id = \(user)))
        + (\(FollowUpRepository.open(unit: unit)))
        """
    }

    /// Marks every item of the unit read for this user, or every item about one patient.
    public static func markAllRead(unitId: UUID, userId: UUID, patientId: UUID? = nil, now: Date = Date(), on db: WriteTransaction) async throws {
        let sql = db.sql
        try await sql.insert(into: "inbox_reads").columns("item_id", "user_id", "read_at")
            .select { select in
                var select = select.column("id").column(SQLBind(userId)).column(SQLBind(now)).from("inbox_items")
                    .where("unit_id", .equal, SQLBind(unitId))
                    .where(
                        SQLColumn("id"), .notIn,
                        SQLSubquery.select { $0.column("item_id").from("inbox_reads").where("user_id", .equal, SQLBind(userId)) })
                if let patientId { select = select.where("patient_id", .equal, SQLBind(patientId)) }
                return select
            }.run()
    }

    /// Marks the item read for this user; false when it is not in the user's unit's inbox.
    public static func markRead(itemId: UUID, unitId: UUID, userId: UUID, now: Date = Date(), on db: WriteTransaction) async throws -> Bool {
        let sql = db.sql
        guard
            try await sql.select().column("id").from("inbox_items").where("id", .equal, SQLBind(itemId))
                .where("unit_id", .equal, SQLBind(unitId)).first() != nil
        else { return false }
        if try await sql.select().column("item_id").from("inbox_reads").where("item_id", .equal, SQLBind(itemId))
            .where("user_id", .equal, SQLBind(userId)).first() == nil
        {
            try await sql.insert(into: "inbox_reads").columns("item_id", "user_id", "read_at").values(SQLBind(itemId), SQLBind(userId), SQLBind(now))
                .run()
        }
        return true
    }
}

public enum BreakGlassRepository {
    public static func grant(
        sessionToken: String, userId: UUID, patientId: UUID, reason: String, now: Date = Date(), on db: WriteTransaction
    ) async throws {
        try await db.sql.insert(into: "break_glass_grants").columns("id", "session_id", "user_id", "patient_id", "reason", "created_at")
            .values(SQLBind(UUID()), SQLBind(SecureToken.hash(sessionToken)), SQLBind(userId), SQLBind(patientId), SQLBind(reason), SQLBind(now))
            .run()
    }

    public static func isGranted(sessionToken: String, userId: UUID, patientId: UUID, on db: any DatabaseReading) async throws -> Bool {
        try await db.sql.select().column("id").from("break_glass_grants")
            .where("session_id", .equal, SQLBind(SecureToken.hash(sessionToken))).where("user_id", .equal, SQLBind(userId))
            .where("patient_id", .equal, SQLBind(patientId)).first() != nil
    }
}

extension SQLSelectBuilder {
    /// Keyset paging of a list sorted newest first by (time, id): the rows after `before`.
    /// Within half a millisecond is "the same time": stored timestamps are whole milliseconds,
    /// but a floating-point round trip can move them by a hair.
    func newestFirst(before: (at: Date, id: UUID), time: SQLColumn, id: SQLColumn) -> Self {
        let start = before.at.addingTimeInterval(-0.0005), end = before.at.addingTimeInterval(0.0005)
        return self.where { page in
            page.where(time, .lessThan, SQLBind(start))
                .orWhere { same in
                    same.where(time, .greaterThanOrEqual, SQLBind(start)).where(time, .lessThan, SQLBind(end)).where(
                        id, .lessThan, SQLBind(before.id))
                }
        }
    }

    /// The same for a list sorted oldest first: the rows after `after`.
    func oldestFirst(after: (at: Date, id: UUID), time: SQLColumn, id: SQLColumn) -> Self {
        let start = after.at.addingTimeInterval(-0.0005), end = after.at.addingTimeInterval(0.0005)
        return self.where { page in
            page.where(time, .greaterThanOrEqual, SQLBind(end))
                .orWhere { same in
                    same.where(time, .greaterThanOrEqual, SQLBind(start)).where(time, .lessThan, SQLBind(end)).where(
                        id, .greaterThan, SQLBind(after.id))
                }
        }
    }
}
