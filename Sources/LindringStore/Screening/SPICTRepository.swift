import FluentKit
import Foundation
import LindringCore
import SQLKit

/// A stored SPICT-DK checklist.
public struct SPICTRecord: Equatable, Sendable {
    public var id: UUID
    public var patientId: UUID
    public var unitId: UUID?
    public var checklist: SPICTChecklist
    public var cancer: Bool
    public var assessedAt: Date
    public var recordedByName: String
}

public enum SPICTRepository {
    /// Runs inside `Persistence.write`, with its audit entry.
    public static func create(
        patientId: UUID, unitId: UUID?, checklist: SPICTChecklist, cancer: Bool, assessedAt: Date,
        recordedBy: (id: UUID?, name: String), id: UUID = UUID(), now: Date = Date(), on db: WriteTransaction
    ) async throws -> SPICTRecord {
        let at = AuditRecord.truncatedToMilliseconds(assessedAt)
        try await db.sql.insert(into: "spict_checklists")
            .columns(
                "id", "patient_id", "unit_id", "general_indicators", "clinical_indicators", "would_be_surprised", "conclusion", "positive", "actions",
                "cancer", "assessed_at", "recorded_by", "recorded_by_name", "created_at"
            )
            .values(
                SQLBind(id), SQLBind(patientId), SQLBind(unitId), SQLBind(try JSONColumn.encode(checklist.generalIndicators)),
                SQLBind(try JSONColumn.encode(checklist.clinicalIndicators)), SQLBind(checklist.wouldBeSurprised),
                SQLBind(checklist.conclusion.rawValue), SQLBind(checklist.positive), SQLBind(try JSONColumn.encode(checklist.actions)),
                SQLBind(cancer), SQLBind(at), SQLBind(recordedBy.id), SQLBind(recordedBy.name), SQLBind(AuditRecord.truncatedToMilliseconds(now))
            )
            .run()
        return SPICTRecord(
            id: id, patientId: patientId, unitId: unitId, checklist: checklist, cancer: cancer, assessedAt: at, recordedByName: recordedBy.name)
    }

    /// How many checklists are stored, for every patient.
    public static func count(on db: any DatabaseReading) async throws -> Int {
        try await db.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("spict_checklists").first()?
            .decode(column: "n", as: Int.self) ?? 0
    }

    /// The patient's checklists, newest first.
    public static func list(patientId: UUID, on db: any DatabaseReading) async throws -> [SPICTRecord] {
        try await db.sql.select()
            .columns(
                "id", "patient_id", "unit_id", "general_indicators", "clinical_indicators", "would_be_surprised", "conclusion", "actions", "cancer",
                "assessed_at", "recorded_by_name"
            )
            .from("spict_checklists").where("patient_id", .equal, SQLBind(patientId))
            .orderBy("assessed_at", .descending).orderBy("id", .descending).limit(200).all().map { row in
                let checklist = SPICTChecklist(
                    generalIndicators: try row.decodeJSON([SPICT.GeneralIndicator].self, column: "general_indicators"),
                    clinicalIndicators: try row.decodeJSON([String].self, column: "clinical_indicators"),
                    wouldBeSurprised: try row.decode(column: "would_be_surprised", as: Bool.self),
                    conclusion: try row.decodeEnum(column: "conclusion"),
                    actions: try row.decodeJSON([SPICT.FollowUpAction].self, column: "actions"))
                return SPICTRecord(
                    id: try row.decode(column: "id", as: UUID.self), patientId: try row.decode(column: "patient_id", as: UUID.self),
                    unitId: try row.decode(column: "unit_id", as: UUID?.self), checklist: checklist,
                    cancer: try row.decode(column: "cancer", as: Bool.self), assessedAt: try row.decode(column: "assessed_at", as: Date.self),
                    recordedByName: try row.decode(column: "recorded_by_name", as: String.self))
            }
    }
}
