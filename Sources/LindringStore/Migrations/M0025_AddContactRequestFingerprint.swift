import FluentKit
import SQLKit

/// A contact created with an Idempotency-Key keeps the fingerprint of the request that created
/// it (`RequestFingerprint`), so that the same key sent with a different body is refused (422)
/// instead of being answered with the first contact while the second is lost (issue 17).
/// Contacts stored before this migration have none; a retry of one is taken as a replay.
struct M0025_AddContactRequestFingerprint: AsyncMigration {
    var name: String { "M0025_AddContactRequestFingerprint" }

    func prepare(on database: any Database) async throws {
        try await database.sql.raw("ALTER TABLE contacts ADD COLUMN request_fingerprint TEXT").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("contacts").deleteField("request_fingerprint").update()
    }
}
