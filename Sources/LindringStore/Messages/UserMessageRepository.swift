import Foundation
import SQLKit

/// A message to one user, not about a patient: a place on a course that opened, a certificate
/// about to expire. Stored as its kind and the values its text is made from, so it is read in
/// the reader's language.
public struct UserMessage: Equatable, Sendable {
    public var id: UUID
    public var kind: String
    public var parameters: [String: String]
    public var link: String?
    public var createdAt: Date
    public var readAt: Date?
}

public enum UserMessageRepository {
    public static func add(
        to userId: UUID, kind: String, parameters: [String: String], link: String?, now: Date = Date(), on tx: WriteTransaction
    ) async throws {
        try await tx.sql.insert(into: "user_messages")
            .columns("id", "user_id", "kind", "parameters", "link", "created_at")
            .values(SQLBind(UUID()), SQLBind(userId), SQLBind(kind), SQLBind(try JSONColumn.encode(parameters)), SQLBind(link), SQLBind(now))
            .run()
    }

    /// The user's unread messages and the latest read ones, newest first.
    public static func latest(userId: UUID, limit: Int = 20, on db: any DatabaseReading) async throws -> [UserMessage] {
        try await db.sql.raw(
            """
            SELECT * FROM user_messages WHERE user_id = \(bind: userId)
            ORDER BY CASE WHEN read_at IS NULL THEN 0 ELSE 1 END, created_at DESC LIMIT \(literal: limit)
            """
        ).all().map { row in
            UserMessage(
                id: try row.decode(column: "id", as: UUID.self), kind: try row.decode(column: "kind", as: String.self),
                parameters: try row.decodeJSON([String: String].self, column: "parameters"), link: try row.decode(column: "link", as: String?.self),
                createdAt: try row.decode(column: "created_at", as: Date.self), readAt: try row.decode(column: "read_at", as: Date?.self))
        }
    }

    /// Marks one of the user's messages read; false when the user has no such message.
    public static func markRead(_ id: UUID, userId: UUID, now: Date = Date(), on tx: WriteTransaction) async throws -> Bool {
        guard
            try await tx.sql.raw("SELECT id FROM user_messages WHERE id = \(bind: id) AND user_id = \(bind: userId)").first() != nil
        else { return false }
        try await tx.sql.update("user_messages").set("read_at", to: SQLBind(now)).where("id", .equal, SQLBind(id)).where(
            "read_at", .is, SQLLiteral.null
        )
        .run()
        return true
    }
}
