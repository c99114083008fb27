import FluentKit
import SQLKit

/// Issue 23: indexes that let the working group's indicators read a year of the region without
/// visiting the rows themselves.
/// - The calls' tally reads each contact's day, caller role and patient, then the patient's
///   facets: both from covering indexes instead of the wide rows. The contacts' index replaces
///   the one on the day alone, which it serves as well.
/// - Whether an EORTC QLQ-C15-PAL was completed at the start looks up one instrument's answers of
///   the referred patients, instead of every answer of theirs.
struct M0045_AddIndicatorIndexes: AsyncMigration {
    var name: String { "M0045_AddIndicatorIndexes" }

    func prepare(on database: any Database) async throws {
        try await M0022_CreateUnitNameOrder.run(
            [
                "CREATE INDEX contacts_day_caller_patient_idx ON contacts (local_date, caller_role, patient_id)",
                "DROP INDEX contacts_local_date_idx",
                "CREATE INDEX \(IndicatorRepository.patientFacetsIndex) ON patients (id, registering_unit_id, municipality_code, diagnosis_group)",
                "CREATE INDEX assessments_instrument_patient_idx ON assessments (instrument, patient_id, taken_at)",
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await M0022_CreateUnitNameOrder.run(
            [
                "DROP INDEX assessments_instrument_patient_idx", "DROP INDEX \(IndicatorRepository.patientFacetsIndex)",
                "CREATE INDEX contacts_local_date_idx ON contacts (local_date)", "DROP INDEX contacts_day_caller_patient_idx",
            ], on: database)
    }
}
