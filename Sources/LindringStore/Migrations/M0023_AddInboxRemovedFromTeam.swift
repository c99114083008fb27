import FluentKit
import SQLKit

/// An inbox item can tell a unit that it was taken off a patient's care team. Such an item
/// carries no changes: the unit is no longer treating the patient, so the save that removed it
/// is none of its business (issue 17). Whether any item's content is shown is decided when the
/// inbox is read, with the patient access policy as it stands then (`InboxQuery`).
struct M0023_AddInboxRemovedFromTeam: AsyncMigration {
    var name: String { "M0023_AddInboxRemovedFromTeam" }

    func prepare(on database: any Database) async throws {
        try await database.sql
            .raw("ALTER TABLE inbox_items ADD COLUMN removed_from_team BOOLEAN NOT NULL DEFAULT false").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("inbox_items").deleteField("removed_from_team").update()
    }
}
