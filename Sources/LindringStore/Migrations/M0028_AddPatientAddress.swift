import FluentKit
import SQLKit

/// The patient's address, to tell patients of one name apart and to find them at home (issue 18,
/// item 7). Optional: the register fills it as patients are seen. Birth dates get an index: a
/// search by birth date and name starts from the day.
struct M0028_AddPatientAddress: AsyncMigration {
    var name: String { "M0028_AddPatientAddress" }

    func prepare(on database: any Database) async throws {
        let sql = database.sql
        try await sql.raw("ALTER TABLE patients ADD COLUMN address TEXT").run()
        try await sql.create(index: "patients_birth_date_idx").on("patients").column("birth_date").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "patients_birth_date_idx").run()
        try await database.schema("patients").deleteField("address").update()
    }
}
