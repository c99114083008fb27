import FluentKit
import SQLKit

/// Each unit's patients in name order, for searches by a unit's staff (`PatientRepository.search`).
/// A clinician sees the patients her unit registered and those on its care teams; the name index
/// over all patients made a common name part ("åse") walk most of the region's 100,000 names to
/// find a page of the unit's 9,000 (issue 6). Now one walk goes through the unit's registered
/// patients and one through its care-team rows of patients other units registered, both in name order:
/// - `patients_unit_name_idx`: the registering unit's patients by name;
/// - `plan_care_team` carries its patient's name, and whether the row's unit registered the patient
///   (a unit is usually on its own patients' care teams: the walks would read them twice). Triggers
///   keep both (a corrected name, a new team member, a bulk load, a row mended by hand), and
///   `plan_care_team_unit_name_idx` orders them by unit and name. It replaces `plan_care_team_unit_idx`,
///   whose column it starts with.
/// Consent is still read from the patient row. The copied facts choose and order the walks, so they
/// change in the same transaction as what they copy: the triggers, and on PostgreSQL the patient's
/// row taken first by a plan's save (`PlanRepository.record`) and by the insert trigger.
struct M0022_CreateUnitNameOrder: AsyncMigration {
    var name: String { "M0022_CreateUnitNameOrder" }

    func prepare(on database: any Database) async throws {
        let sql = database.sql
        var statements = [
            "ALTER TABLE plan_care_team ADD COLUMN patient_name TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE plan_care_team ADD COLUMN patient_name_folded TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE plan_care_team ADD COLUMN registering_unit BOOLEAN NOT NULL DEFAULT false",
        ]
        if sql.dialect.name == "sqlite" {
            statements += [
                // SQLite's triggers cannot change the row being inserted; they update it after.
                """
                CREATE TRIGGER plan_care_team_patient_name AFTER INSERT ON plan_care_team BEGIN
                    UPDATE plan_care_team SET \(Self.patientFacts("new.patient_id", "new.unit_id"))
                    WHERE patient_id = new.patient_id AND unit_id = new.unit_id; END
                """,
                """
                CREATE TRIGGER plan_care_team_patient_moved AFTER UPDATE OF patient_id, unit_id ON plan_care_team BEGIN
                    UPDATE plan_care_team SET \(Self.patientFacts("new.patient_id", "new.unit_id"))
                    WHERE patient_id = new.patient_id AND unit_id = new.unit_id; END
                """,
                """
                CREATE TRIGGER patients_care_team_name AFTER UPDATE OF name, name_folded, registering_unit_id ON patients
                    WHEN old.name IS NOT new.name OR old.name_folded IS NOT new.name_folded
                        OR old.registering_unit_id IS NOT new.registering_unit_id BEGIN
                    UPDATE plan_care_team SET patient_name = new.name, patient_name_folded = new.name_folded,
                        registering_unit = (unit_id = new.registering_unit_id)
                    WHERE patient_id = new.id; END
                """,
            ]
        } else {
            // The functions keep the schema search path they were made with (see M0020).
            statements += [
                """
                CREATE FUNCTION plan_care_team_patient_name() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$ BEGIN
                    SELECT name, name_folded, registering_unit_id = NEW.unit_id INTO NEW.patient_name, NEW.patient_name_folded, NEW.registering_unit
                    FROM patients WHERE id = NEW.patient_id FOR SHARE;
                    RETURN NEW; END $$
                """,
                """
                CREATE TRIGGER plan_care_team_patient_name BEFORE INSERT OR UPDATE OF patient_id, unit_id ON plan_care_team
                    FOR EACH ROW EXECUTE FUNCTION plan_care_team_patient_name()
                """,
                """
                CREATE FUNCTION patients_care_team_name() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$ BEGIN
                    UPDATE plan_care_team SET patient_name = NEW.name, patient_name_folded = NEW.name_folded,
                        registering_unit = (unit_id = NEW.registering_unit_id) WHERE patient_id = NEW.id;
                    RETURN NULL; END $$
                """,
                """
                CREATE TRIGGER patients_care_team_name AFTER UPDATE OF name, name_folded, registering_unit_id ON patients FOR EACH ROW
                    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.name_folded IS DISTINCT FROM NEW.name_folded
                          OR OLD.registering_unit_id IS DISTINCT FROM NEW.registering_unit_id)
                    EXECUTE FUNCTION patients_care_team_name()
                """,
            ]
        }
        // Filled after the triggers exist, so that no row written meanwhile is left without its copy.
        statements += [
            "UPDATE plan_care_team SET \(Self.patientFacts("plan_care_team.patient_id", "plan_care_team.unit_id"))",
            "CREATE INDEX plan_care_team_unit_name_idx ON plan_care_team (unit_id, registering_unit, patient_name, patient_id, patient_name_folded)",
            "DROP INDEX plan_care_team_unit_idx",
            "CREATE INDEX patients_unit_name_idx ON patients (registering_unit_id, name, id, name_folded, cpr)",
        ]
        try await Self.run(statements, on: database)
    }

    /// The assignment of a care-team row's copied facts from its patient's row.
    static func patientFacts(_ patientId: String, _ unitId: String) -> String {
        """
        (patient_name, patient_name_folded, registering_unit) =
            (SELECT name, name_folded, registering_unit_id = \(unitId) FROM patients WHERE id = \(patientId))
        """
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        var statements = [
            "DROP INDEX patients_unit_name_idx", "CREATE INDEX plan_care_team_unit_idx ON plan_care_team (unit_id)",
            "DROP INDEX plan_care_team_unit_name_idx",
        ]
        if sql.dialect.name == "sqlite" {
            statements += [
                "DROP TRIGGER patients_care_team_name", "DROP TRIGGER plan_care_team_patient_moved", "DROP TRIGGER plan_care_team_patient_name",
            ]
        } else {
            statements += [
                "DROP TRIGGER patients_care_team_name ON patients", "DROP FUNCTION patients_care_team_name()",
                "DROP TRIGGER plan_care_team_patient_name ON plan_care_team", "DROP FUNCTION plan_care_team_patient_name()",
            ]
        }
        statements += ["registering_unit", "patient_name_folded", "patient_name"].map { "ALTER TABLE plan_care_team DROP COLUMN \($0)" }
        try await Self.run(statements, on: database)
    }

    /// All or nothing: a statement that fails leaves no added column behind to fail the next attempt.
    static func run(_ statements: [String], on database: any Database) async throws {
        try await database.transaction { transaction in
            for statement in statements {
                try await transaction.sql.raw(SQLQueryString(statement)).run()
            }
        }
    }
}
