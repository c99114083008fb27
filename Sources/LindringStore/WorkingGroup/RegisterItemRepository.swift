import Foundation
import LindringCore
import SQLKit

/// An item of the working group's register as stored: the item, its version and who saved it
/// first and last.
public struct StoredRegisterItem: Equatable, Sendable {
    public var id: UUID
    public var item: ValidRegisterItem
    public var version: Int
    public var createdAt: Date
    public var createdBy: String
    public var updatedAt: Date
    public var updatedBy: String
}

/// One saved version of an item: the item as it stood and what that save changed.
public struct RegisterItemVersion: Equatable, Sendable {
    public var version: Int
    public var item: ValidRegisterItem
    /// The fields that differ from the version before (none for the first).
    public var changed: [String]
    public var savedAt: Date
    public var savedBy: String
}

/// The working group's meetings, analyses, recommendations and decisions. Each save is a new
/// version, kept; a save based on a version that is no longer the latest is refused, so two
/// members cannot overwrite each other.
public enum RegisterItemRepository {
    public enum Refusal: Error, Equatable {
        case notFound
        /// Someone saved a newer version: the current one.
        case stale(current: Int)
        /// A decision names a meeting that is not in the register.
        case meetingNotFound
        /// An item keeps its kind (a meeting's decisions point at it).
        case kindChanged
    }

    public static func create(_ item: ValidRegisterItem, author: RecordAuthor, now: Date = Date(), on tx: WriteTransaction) async throws -> UUID {
        try await checkMeeting(item, on: tx)
        let id = UUID()
        let document = try JSONColumn.encode(RegisterItemDraft(item))
        try await tx.sql.insert(into: "working_group_items")
            .columns(
                "id", "kind", "title", "item_date", "due_on", "status", "indicator", "meeting_id", "document", "version", "created_by",
                "created_by_name", "created_at", "updated_by", "updated_by_name", "updated_at"
            )
            .values(
                SQLBind(id), SQLBind(item.kind.rawValue), SQLBind(item.title), SQLBind(item.date?.description), SQLBind(item.dueDate?.description),
                SQLBind(item.status?.rawValue), SQLBind(item.indicator?.rawValue), SQLBind(item.meetingId), SQLBind(document), SQLBind(1),
                SQLBind(author.userId), SQLBind(author.name), SQLBind(now), SQLBind(author.userId), SQLBind(author.name), SQLBind(now)
            ).run()
        try await addVersion(id, 1, document: document, changed: [], author: author, now: now, on: tx)
        return id
    }

    /// Saves `item` as the next version when it differs from the latest; `baseVersion`, when
    /// given, must be the latest. Answers the version now current.
    @discardableResult
    public static func update(
        id: UUID, _ item: ValidRegisterItem, baseVersion: Int?, author: RecordAuthor, now: Date = Date(), on tx: WriteTransaction
    ) async throws -> Int {
        guard let current = try await find(id: id, on: tx) else { throw Refusal.notFound }
        if let baseVersion, baseVersion != current.version { throw Refusal.stale(current: current.version) }
        guard item.kind == current.item.kind else { throw Refusal.kindChanged }
        if item.meetingId == id { throw Refusal.meetingNotFound }
        try await checkMeeting(item, on: tx)
        let changed = item.changes(since: current.item)
        guard !changed.isEmpty else { return current.version }
        let version = current.version + 1
        let document = try JSONColumn.encode(RegisterItemDraft(item))
        // The version in the WHERE makes a concurrent save on PostgreSQL wait and then miss.
        guard
            try await tx.sql.raw(
                """
                UPDATE working_group_items SET title = \(bind: item.title), item_date = \(bind: item.date?.description),
                due_on = \(bind: item.dueDate?.description), status = \(bind: item.status?.rawValue), indicator = \(bind: item.indicator?.rawValue),
                meeting_id = \(bind: item.meetingId), document = \(bind: document), version = \(bind: version),
                updated_by = \(bind: author.userId), updated_by_name = \(bind: author.name), updated_at = \(bind: now)
                WHERE id = \(bind: id) AND version = \(bind: current.version) RETURNING id
                """
            ).first() != nil
        else { throw Refusal.stale(current: current.version + 1) }
        try await addVersion(id, version, document: document, changed: changed, author: author, now: now, on: tx)
        return version
    }

    static func checkMeeting(_ item: ValidRegisterItem, on tx: WriteTransaction) async throws {
        guard let meetingId = item.meetingId else { return }
        let row = try await tx.sql.raw("SELECT kind FROM working_group_items WHERE id = \(bind: meetingId)").first()
        guard try row?.decode(column: "kind", as: String.self) == RegisterItemKind.meeting.rawValue else { throw Refusal.meetingNotFound }
    }

    static func addVersion(
        _ id: UUID, _ version: Int, document: String, changed: [String], author: RecordAuthor, now: Date, on tx: WriteTransaction
    ) async throws {
        try await tx.sql.insert(into: "working_group_item_versions")
            .columns("item_id", "version", "document", "changed", "saved_by", "saved_by_name", "saved_at")
            .values(
                SQLBind(id), SQLBind(version), SQLBind(document), SQLBind(changed.joined(separator: ",")), SQLBind(author.userId),
                SQLBind(author.name), SQLBind(now)
            ).run()
    }

    static func item(_ row: any SQLRow) throws -> ValidRegisterItem {
        try row.decodeJSON(RegisterItemDraft.self, column: "document").validated()
    }

    static func stored(_ row: any SQLRow) throws -> StoredRegisterItem {
        StoredRegisterItem(
            id: try row.decode(column: "id", as: UUID.self), item: try item(row), version: try row.decode(column: "version", as: Int.self),
            createdAt: try row.decode(column: "created_at", as: Date.self), createdBy: try row.decode(column: "created_by_name", as: String.self),
            updatedAt: try row.decode(column: "updated_at", as: Date.self), updatedBy: try row.decode(column: "updated_by_name", as: String.self))
    }

    public static func find(id: UUID, on db: any DatabaseReading) async throws -> StoredRegisterItem? {
        try await db.sql.raw("SELECT * FROM working_group_items WHERE id = \(bind: id)").first().map(stored)
    }

    public static func versions(id: UUID, on db: any DatabaseReading) async throws -> [RegisterItemVersion] {
        try await db.sql.raw("SELECT * FROM working_group_item_versions WHERE item_id = \(bind: id) ORDER BY version DESC").all().map { row in
            let changed = try row.decode(column: "changed", as: String.self)
            return RegisterItemVersion(
                version: try row.decode(column: "version", as: Int.self), item: try item(row),
                changed: changed.isEmpty ? [] : changed.split(separator: ",").map(String.init),
                savedAt: try row.decode(column: "saved_at", as: Date.self), savedBy: try row.decode(column: "saved_by_name", as: String.self))
        }
    }

    /// The register, filtered by kind and status, the latest dated first (a working group keeps
    /// tens of items a year, not thousands).
    public static func list(
        kind: RegisterItemKind? = nil, status: RecommendationStatus? = nil, limit: Int = 500, on db: any DatabaseReading
    ) async throws -> [StoredRegisterItem] {
        var query: SQLQueryString = "SELECT * FROM working_group_items WHERE 1 = 1"
        if let kind { query = query + " AND kind = \(bind: kind.rawValue)" }
        if let status { query = query + " AND status = \(bind: status.rawValue)" }
        query = query + " ORDER BY COALESCE(item_date, due_on, '') DESC, updated_at DESC LIMIT \(bind: limit)"
        return try await db.sql.raw(query).all().map(stored)
    }

    /// Meetings on or after `from`, the next first.
    public static func upcomingMeetings(from: LocalDate, limit: Int = 10, on db: any DatabaseReading) async throws -> [StoredRegisterItem] {
        try await db.sql.raw(
            """
            SELECT * FROM working_group_items WHERE kind = \(bind: RegisterItemKind.meeting.rawValue) AND item_date >= \(bind: from.description)
            ORDER BY item_date, title LIMIT \(bind: limit)
            """
        ).all().map(stored)
    }

    /// Recommendations still open (proposed, agreed, in progress), the earliest due first.
    public static func openRecommendations(on db: any DatabaseReading) async throws -> [StoredRegisterItem] {
        try await db.sql.raw(
            """
            SELECT * FROM working_group_items WHERE kind = \(bind: RegisterItemKind.recommendation.rawValue)
            AND status IN (\(binds: RecommendationStatus.open.map(\.rawValue))) ORDER BY due_on, title
            """
        ).all().map(stored)
    }

    /// The latest items of a kind by day (decisions, analyses).
    public static func recent(_ kind: RegisterItemKind, limit: Int = 10, on db: any DatabaseReading) async throws -> [StoredRegisterItem] {
        try await db.sql.raw(
            """
            SELECT * FROM working_group_items WHERE kind = \(bind: kind.rawValue)
            ORDER BY COALESCE(item_date, '') DESC, created_at DESC LIMIT \(bind: limit)
            """
        ).all().map(stored)
    }

    /// The decisions taken at a meeting, in the order they were dated.
    public static func decisions(meetingId: UUID, on db: any DatabaseReading) async throws -> [StoredRegisterItem] {
        try await db.sql.raw(
            "SELECT * FROM working_group_items WHERE meeting_id = \(bind: meetingId) ORDER BY item_date, created_at"
        ).all().map(stored)
    }
}
