import Foundation
import LindringCore
import SQLKit

/// The benefit catalogue and the municipalities' published processing times, as administrators
/// keep them.
public enum BenefitRepository {
    static func seed(_ entries: [BenefitEntry], on sql: any SQLDatabase) async throws {
        var batch = RowBatch()
        for (position, entry) in entries.enumerated() {
            batch.add(
                "benefits",
                [
                    "code", "position", "law", "previous_law", "law_changed_on", "name_da", "name_en", "authority", "deadline_amount",
                    "deadline_unit", "note_da", "note_en", "active",
                ],
                [
                    SQLBind(entry.code), SQLBind(position), SQLBind(entry.law), SQLBind(entry.previousLaw),
                    SQLBind(entry.lawChangedOn?.description), SQLBind(entry.danishName), SQLBind(entry.englishName),
                    SQLBind(entry.authority.rawValue), SQLBind(entry.deadline.amount), SQLBind(entry.deadline.unit.rawValue),
                    SQLBind(entry.danishNote), SQLBind(entry.englishNote), SQLBind(true),
                ])
        }
        try await batch.write(on: sql)
    }

    /// The catalogue in its order; `activeOnly` leaves out benefits no longer offered (old
    /// applications still name them).
    public static func list(activeOnly: Bool = true, on db: any DatabaseReading) async throws -> [BenefitEntry] {
        let rows = try await db.sql.raw(
            "SELECT * FROM benefits WHERE active OR \(bind: !activeOnly) ORDER BY position"
        ).all()
        return try rows.map(entry)
    }

    static func entry(_ row: any SQLRow) throws -> BenefitEntry {
        BenefitEntry(
            code: try row.decode(column: "code", as: String.self), law: try row.decode(column: "law", as: String.self),
            previousLaw: try row.decode(column: "previous_law", as: String?.self),
            lawChangedOn: try row.decode(column: "law_changed_on", as: String?.self).flatMap(LocalDate.init),
            danishName: try row.decode(column: "name_da", as: String.self), englishName: try row.decode(column: "name_en", as: String.self),
            authority: try row.decodeEnum(column: "authority"),
            deadline: ProcessingDeadline(try row.decode(column: "deadline_amount", as: Int.self), try row.decodeEnum(column: "deadline_unit")),
            danishNote: try row.decode(column: "note_da", as: String?.self), englishNote: try row.decode(column: "note_en", as: String?.self))
    }

    /// The processing time that applies to an application: the municipality's published figure
    /// for the benefit, else the catalogue's default.
    public static func processingDeadline(
        benefit: BenefitEntry, municipalityCode: String, on db: any DatabaseReading
    ) async throws
        -> ProcessingDeadline
    {
        guard
            let row = try await db.sql.raw(
                """
                SELECT amount, unit FROM processing_deadlines
                WHERE municipality_code = \(bind: municipalityCode) AND benefit_code = \(bind: benefit.code)
                """
            ).first()
        else { return benefit.deadline }
        return ProcessingDeadline(try row.decode(column: "amount", as: Int.self), try row.decodeEnum(column: "unit"))
    }

    /// The municipalities' published processing times, by municipality and benefit.
    public static func publishedDeadlines(
        on db: any DatabaseReading
    ) async throws -> [(municipalityCode: String, benefitCode: String, deadline: ProcessingDeadline)] {
        try await db.sql.raw("SELECT * FROM processing_deadlines ORDER BY municipality_code, benefit_code").all().map { row in
            (
                try row.decode(column: "municipality_code", as: String.self), try row.decode(column: "benefit_code", as: String.self),
                ProcessingDeadline(try row.decode(column: "amount", as: Int.self), try row.decodeEnum(column: "unit"))
            )
        }
    }

    /// Changes a benefit's default processing time and whether it is offered for new applications.
    public static func update(code: String, deadline: ProcessingDeadline, active: Bool, on tx: WriteTransaction) async throws -> Bool {
        try await tx.sql.raw(
            """
            UPDATE benefits SET deadline_amount = \(bind: deadline.amount), deadline_unit = \(bind: deadline.unit.rawValue), active = \(bind: active)
            WHERE code = \(bind: code) RETURNING code
            """
        ).first() != nil
    }

    /// Sets a municipality's published processing time for a benefit (nil: back to the default).
    public static func setProcessingDeadline(
        _ deadline: ProcessingDeadline?, benefitCode: String, municipalityCode: String, on tx: WriteTransaction
    ) async throws {
        let sql = tx.sql
        try await sql.delete(from: "processing_deadlines").where("municipality_code", .equal, municipalityCode)
            .where("benefit_code", .equal, benefitCode).run()
        guard let deadline else { return }
        try await sql.insert(into: "processing_deadlines").columns("municipality_code", "benefit_code", "amount", "unit")
            .values(SQLBind(municipalityCode), SQLBind(benefitCode), SQLBind(deadline.amount), SQLBind(deadline.unit.rawValue)).run()
    }
}
