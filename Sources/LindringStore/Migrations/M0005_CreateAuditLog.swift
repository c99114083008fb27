import FluentKit
import LindringCore
import SQLKit

/// The append-only, hash-chained audit log and its one-row chain head. The head records
/// the newest sequence number and hash, so that removing the newest entries is detected,
/// and its row lock serialises appends across processes.
struct M0005_CreateAuditLog: AsyncMigration {
    var name: String { "M0005_CreateAuditLog" }

    func prepare(on database: any Database) async throws {
        try await database.schema("audit_entries")
            .field("seq", .int64, .identifier(auto: false))
            .field("at", .datetime, .required)
            .field("user_id", .uuid)
            .field("username", .string)
            .field("role", .string)
            .field("action", .string, .required)
            .field("entity_type", .string)
            .field("entity_id", .string)
            .field("patient_id", .uuid)
            .field("purpose", .string)
            .field("outcome", .string, .required)
            .field("ip", .string)
            .field("user_agent", .string)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        try await database.schema("audit_chain_head")
            .field("id", .int, .identifier(auto: false))
            .field("last_seq", .int64, .required)
            .field("last_hash", .string, .required)
            .create()
        let sql = database.sql
        try await sql.insert(into: "audit_chain_head").columns("id", "last_seq", "last_hash")
            .values(SQLBind(1), SQLBind(Int64(0)), SQLBind(AuditChain.genesis)).run()
        for column in ["at", "patient_id", "username"] {
            try await sql.create(index: "audit_entries_\(column)_idx").on("audit_entries").column(column).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_chain_head").delete()
        try await database.schema("audit_entries").delete()
    }
}
