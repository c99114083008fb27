import FluentKit
import SQLKit

/// Seals for the audit log (`AuditKey`): each entry's and the chain head's HMAC under a key kept
/// outside the database. Entries written before this migration have none until the first start
/// with a key seals them, after checking their unkeyed chain (`AuditLog.sealUnsealed`).
struct M0024_AddAuditSeals: AsyncMigration {
    var name: String { "M0024_AddAuditSeals" }

    func prepare(on database: any Database) async throws {
        let sql = database.sql
        try await sql.raw("ALTER TABLE audit_entries ADD COLUMN seal TEXT").run()
        try await sql.raw("ALTER TABLE audit_chain_head ADD COLUMN last_seal TEXT").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_entries").deleteField("seal").update()
        try await database.schema("audit_chain_head").deleteField("last_seal").update()
    }
}
