import Foundation
import LindringCore
import SQLKit

/// A workshop group: a facilitator's session of one module's case, joined with a short code.
public struct LearningGroup: Equatable, Sendable {
    public var id: UUID
    public var code: String
    public var sessionId: UUID
    public var offerTitle: String
    public var moduleId: UUID
    /// The case's section in the module.
    public var section: Int
    public var facilitatorId: UUID
    public var facilitatorName: String
    public var openedAt: Date
    public var closedAt: Date?
}

/// A reflection written in a group, seen by the group only.
public struct GroupReflection: Equatable, Sendable {
    public var id: UUID
    public var userId: UUID
    public var authorName: String
    public var question: Int
    public var text: String
    public var createdAt: Date
}

public enum GroupRepository {
    /// A join code has six characters: short enough to read off a projector.
    public static let codeLength = 6

    /// Opens a group with a fresh code; the facilitator is its first member.
    public static func open(
        sessionId: UUID, moduleId: UUID, section: Int, facilitator: UUID, now: Date = Date(), on tx: WriteTransaction
    ) async throws -> UUID {
        let id = UUID()
        var code = ShortCode.make(length: codeLength)
        // Open groups are few; a code in use is drawn again.
        while try await tx.sql.raw("SELECT 1 AS found FROM learning_groups WHERE code = \(bind: code)").first() != nil {
            code = ShortCode.make(length: codeLength)
        }
        try await tx.sql.insert(into: "learning_groups")
            .columns("id", "code", "session_id", "module_id", "section", "facilitator_id", "opened_at")
            .values(SQLBind(id), SQLBind(code), SQLBind(sessionId), SQLBind(moduleId), SQLBind(section), SQLBind(facilitator), SQLBind(now))
            .run()
        return id
    }

    static let columns = """
        SELECT g.*, u.name AS facilitator_name, o.title AS offer_title FROM learning_groups g JOIN users u ON u.id = g.facilitator_id
        JOIN learning_sessions s ON s.id = g.session_id JOIN learning_offers o ON o.id = s.offer_id
        """

    public static func find(id: UUID, on db: any DatabaseReading) async throws -> LearningGroup? {
        try await db.sql.raw("\(unsafeRaw: columns) WHERE g.id = \(bind: id)").first().map(group)
    }

    /// The open group a join code (normalized) names.
    public static func findOpen(code: String, on db: any DatabaseReading) async throws -> LearningGroup? {
        try await db.sql.raw("\(unsafeRaw: columns) WHERE g.code = \(bind: code) AND g.closed_at IS NULL").first().map(group)
    }

    /// A session's groups, newest first.
    public static func list(sessionId: UUID, on db: any DatabaseReading) async throws -> [LearningGroup] {
        try await db.sql.raw("\(unsafeRaw: columns) WHERE g.session_id = \(bind: sessionId) ORDER BY g.opened_at DESC").all().map(group)
    }

    static func group(_ row: any SQLRow) throws -> LearningGroup {
        LearningGroup(
            id: try row.decode(column: "id", as: UUID.self), code: try row.decode(column: "code", as: String.self),
            sessionId: try row.decode(column: "session_id", as: UUID.self), offerTitle: try row.decode(column: "offer_title", as: String.self),
            moduleId: try row.decode(column: "module_id", as: UUID.self), section: try row.decode(column: "section", as: Int.self),
            facilitatorId: try row.decode(column: "facilitator_id", as: UUID.self),
            facilitatorName: try row.decode(column: "facilitator_name", as: String.self),
            openedAt: try row.decode(column: "opened_at", as: Date.self), closedAt: try row.decode(column: "closed_at", as: Date?.self))
    }

    /// Adds the user to the group; joining twice changes nothing.
    public static func join(groupId: UUID, userId: UUID, now: Date = Date(), on tx: WriteTransaction) async throws {
        try await tx.sql.raw(
            """
            INSERT INTO learning_group_members (group_id, user_id, joined_at) VALUES (\(bind: groupId), \(bind: userId), \(bind: now))
            ON CONFLICT (group_id, user_id) DO NOTHING
            """
        ).run()
    }

    /// The members in the order they joined, by id and name.
    public static func members(groupId: UUID, on db: any DatabaseReading) async throws -> [(id: UUID, name: String)] {
        try await db.sql.raw(
            """
            SELECT m.user_id, u.name FROM learning_group_members m JOIN users u ON u.id = m.user_id
            WHERE m.group_id = \(bind: groupId) ORDER BY m.joined_at, u.name
            """
        ).all().map { (try $0.decode(column: "user_id", as: UUID.self), try $0.decode(column: "name", as: String.self)) }
    }

    public static func isMember(groupId: UUID, userId: UUID, on db: any DatabaseReading) async throws -> Bool {
        try await db.sql.raw(
            "SELECT 1 AS found FROM learning_group_members WHERE group_id = \(bind: groupId) AND user_id = \(bind: userId)"
        ).first() != nil
    }

    public static func addReflection(
        groupId: UUID, userId: UUID, question: Int, text: String, now: Date = Date(), on tx: WriteTransaction
    ) async throws {
        try await tx.sql.insert(into: "learning_group_reflections").columns("id", "group_id", "user_id", "question", "text", "created_at")
            .values(SQLBind(UUID()), SQLBind(groupId), SQLBind(userId), SQLBind(question), SQLBind(text), SQLBind(now)).run()
    }

    /// The group's reflections in the order written.
    public static func reflections(groupId: UUID, on db: any DatabaseReading) async throws -> [GroupReflection] {
        try await db.sql.raw(
            """
            SELECT r.*, u.name AS author_name FROM learning_group_reflections r JOIN users u ON u.id = r.user_id
            WHERE r.group_id = \(bind: groupId) ORDER BY r.created_at, r.id
            """
        ).all().map { row in
            GroupReflection(
                id: try row.decode(column: "id", as: UUID.self), userId: try row.decode(column: "user_id", as: UUID.self),
                authorName: try row.decode(column: "author_name", as: String.self), question: try row.decode(column: "question", as: Int.self),
                text: try row.decode(column: "text", as: String.self), createdAt: try row.decode(column: "created_at", as: Date.self))
        }
    }

    /// Closes the group; false when it was closed already.
    public static func close(groupId: UUID, now: Date = Date(), on tx: WriteTransaction) async throws -> Bool {
        try await tx.sql.raw(
            "UPDATE learning_groups SET closed_at = \(bind: now) WHERE id = \(bind: groupId) AND closed_at IS NULL RETURNING id"
        ).first() != nil
    }
}
