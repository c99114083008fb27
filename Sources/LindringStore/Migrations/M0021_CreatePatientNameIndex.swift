import FluentKit
import SQLKit

/// On SQLite, a trigram index of the patients' folded names (`PatientNameIndex`), kept by
/// triggers. Search by name matches anywhere in the name, which no B-tree can narrow: a name few
/// patients share made the search walk all 100,000 entries of the name index (issue 6).
/// The index keeps its own copy of each folded name, keyed by the patient's id: `patients` has
/// no integer key, and the implicit rowid an external-content index would use may change when
/// the file is vacuumed (`VACUUM INTO` is how backups are made). PostgreSQL: nothing yet.
struct M0021_CreatePatientNameIndex: AsyncMigration {
    var name: String { "M0021_CreatePatientNameIndex" }

    func prepare(on database: any Database) async throws {
        let sql = database.sql
        guard sql.dialect.name == "sqlite" else { return }
        for statement in [
            "CREATE VIRTUAL TABLE patient_names USING fts5(name_folded, patient_id UNINDEXED, tokenize = 'trigram')",
            "INSERT INTO patient_names (name_folded, patient_id) SELECT name_folded, id FROM patients",
            """
            CREATE TRIGGER patient_names_insert AFTER INSERT ON patients BEGIN
                INSERT INTO patient_names (name_folded, patient_id) VALUES (new.name_folded, new.id); END
            """,
            // A name corrected, or a patient removed: rare, and they scan the index's ids.
            """
            CREATE TRIGGER patient_names_update AFTER UPDATE OF name_folded ON patients BEGIN
                UPDATE patient_names SET name_folded = new.name_folded WHERE patient_id = old.id; END
            """,
            """
            CREATE TRIGGER patient_names_delete AFTER DELETE ON patients BEGIN
                DELETE FROM patient_names WHERE patient_id = old.id; END
            """,
        ] {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        guard sql.dialect.name == "sqlite" else { return }
        for statement in [
            "DROP TRIGGER patient_names_insert", "DROP TRIGGER patient_names_update", "DROP TRIGGER patient_names_delete",
            "DROP TABLE patient_names",
        ] {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }
}
