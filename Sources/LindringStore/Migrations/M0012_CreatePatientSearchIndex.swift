import FluentKit
import SQLKit

/// Patient search scans names in name order and stops at the first page of visible matches;
/// this covering index lets it do so without touching the (wide) patient rows. Measured in
/// docs/performance.md.
struct M0012_CreatePatientSearchIndex: AsyncMigration {
    var name: String { "M0012_CreatePatientSearchIndex" }

    func prepare(on database: any Database) async throws {
        try await database.sql.create(index: "patients_search_idx").on("patients")
            .column("name").column("name_folded").column("registering_unit_id").column("sharing_consent").column("cpr").column("id")
            .run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "patients_search_idx").run()
    }
}
