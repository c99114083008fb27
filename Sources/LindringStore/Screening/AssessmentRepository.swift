import FluentKit
import Foundation
import LindringCore
import SQLKit

public enum Respondent: String, CaseIterable, Codable, Sendable {
    case patient, relative, staff
}

/// A stored assessment: what was answered, and its scores as they were computed then.
public struct Assessment: Equatable, Sendable {
    public var id: UUID
    public var patientId: UUID
    public var instrument: Instrument
    public var respondent: Respondent
    public var answers: [String: AnswerJSON]
    public var score: InstrumentScore
    public var takenAt: Date
    public var recordedByName: String
    public var createdAt: Date
}

/// The newest assessment as the plan summary shows it: which instrument, when, and its light.
public struct LatestScreening: Equatable, Sendable {
    public var instrument: Instrument
    public var trafficLight: TrafficLight
    public var takenAt: Date
}

/// An answer as stored: a whole number or a text.
public enum AnswerJSON: Codable, Equatable, Sendable {
    case integer(Int)
    case text(String)

    /// The answers worth keeping: whole numbers and texts (scoring refuses anything else first).
    public static func stored(_ answers: [String: AnswerValue]) -> [String: AnswerJSON] {
        answers.compactMapValues { value in
            switch value {
            case .integer(let n): .integer(n)
            case .text(let text): .text(text)
            case .other: nil
            }
        }
    }

    public var integer: Int? {
        if case .integer(let value) = self { value } else { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) { self = .integer(value) } else { self = .text(try container.decode(String.self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .integer(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        }
    }
}

public enum AssessmentRepository {
    /// Stores the assessment; a red result also goes to the inbox of the plan's key-worker unit.
    /// Runs inside `Persistence.write`, with its audit entry.
    public static func create(
        patientId: UUID, instrument: Instrument, respondent: Respondent, answers: [String: AnswerJSON], score: InstrumentScore,
        takenAt: Date, recordedBy: (id: UUID?, name: String), id: UUID = UUID(), now: Date = Date(),
        on db: WriteTransaction
    ) async throws -> Assessment {
        let sql = db.sql
        let created = AuditRecord.truncatedToMilliseconds(now)
        var batch = RowBatch()
        rows(
            patientId: patientId, instrument: instrument, respondent: respondent, result: try StoredResult(answers: answers, score: score),
            takenAt: takenAt, recordedBy: recordedBy, id: id, now: now, into: &batch)
        try await batch.write(on: sql)
        if score.trafficLight == .red, let plan = try await PlanRepository.find(patientId: patientId, on: db),
            let unit = plan.content.keyWorker?.unitId
        {
            try await sql.insert(into: "inbox_items").columns(
                "id", "unit_id", "patient_id", "plan_version", "changes", "author_name", "created_at", "assessment_id"
            )
            .values(
                SQLBind(UUID()), SQLBind(unit), SQLBind(patientId), SQLBind(plan.version), SQLBind("[]"), SQLBind(recordedBy.name), SQLBind(created),
                SQLBind(id)
            )
            .run()
        }
        return Assessment(
            id: id, patientId: patientId, instrument: instrument, respondent: respondent, answers: answers, score: score,
            takenAt: AuditRecord.truncatedToMilliseconds(takenAt), recordedByName: recordedBy.name, createdAt: created)
    }

    /// Answers and result as stored (JSON text), made once: a bulk load reuses them for many rows.
    public struct StoredResult: Sendable {
        let answers: String
        let scores: String
        let severity: String
        let trafficLight: TrafficLight

        public init(answers: [String: AnswerJSON], score: InstrumentScore) throws {
            self.answers = try JSONColumn.encode(answers)
            scores = try JSONColumn.encode(score.scores)
            severity = try JSONColumn.encode(score.severity)
            trafficLight = score.trafficLight
        }
    }

    /// The assessment's row, without the inbox item a red result adds (bulk loads: history, not news).
    public static func rows(
        patientId: UUID, instrument: Instrument, respondent: Respondent, result: StoredResult, takenAt: Date,
        recordedBy: (id: UUID?, name: String), id: UUID, now: Date, into batch: inout RowBatch
    ) {
        batch.add(
            "assessments",
            [
                "id", "patient_id", "instrument", "respondent", "answers", "scores", "severity", "traffic_light", "taken_at",
                "recorded_by", "recorded_by_name", "created_at",
            ],
            [
                SQLBind(id), SQLBind(patientId), SQLBind(instrument.rawValue), SQLBind(respondent.rawValue), SQLBind(result.answers),
                SQLBind(result.scores), SQLBind(result.severity), SQLBind(result.trafficLight.rawValue),
                SQLBind(AuditRecord.truncatedToMilliseconds(takenAt)), SQLBind(recordedBy.id), SQLBind(recordedBy.name),
                SQLBind(AuditRecord.truncatedToMilliseconds(now)),
            ])
    }

    /// The patient's newest assessment, without the answers and scores a summary does not show
    /// (three JSON documents to decode).
    public static func latest(patientId: UUID, on db: any DatabaseReading) async throws -> LatestScreening? {
        try await db.sql.raw(
            """
            SELECT instrument, traffic_light, taken_at FROM assessments WHERE patient_id = \(bind: patientId)
            ORDER BY taken_at DESC, id DESC LIMIT 1
            """
        ).first().map { row in
            LatestScreening(
                instrument: try row.decodeEnum(column: "instrument"), trafficLight: try row.decodeEnum(column: "traffic_light"),
                takenAt: try row.decode(column: "taken_at", as: Date.self))
        }
    }

    /// The patient's assessments, newest first.
    public static func list(patientId: UUID, limit: Int = 500, on db: any DatabaseReading) async throws -> [Assessment] {
        try await db.sql.raw(
            """
            SELECT id, patient_id, instrument, respondent, answers, scores, severity, traffic_light, taken_at, recorded_by_name, created_at
            FROM assessments WHERE patient_id = \(bind: patientId) ORDER BY taken_at DESC, id DESC LIMIT \(literal: limit)
            """
        ).all().map { row in
            return Assessment(
                id: try row.decode(column: "id", as: UUID.self), patientId: try row.decode(column: "patient_id", as: UUID.self),
                instrument: try row.decodeEnum(column: "instrument"), respondent: try row.decodeEnum(column: "respondent"),
                answers: try row.decodeJSON([String: AnswerJSON].self, column: "answers"),
                score: InstrumentScore(
                    scores: try row.decodeJSON([String: Double?].self, column: "scores"),
                    severity: try row.decodeJSON([String: Severity].self, column: "severity"),
                    trafficLight: try row.decodeEnum(column: "traffic_light")),
                takenAt: try row.decode(column: "taken_at", as: Date.self),
                recordedByName: try row.decode(column: "recorded_by_name", as: String.self),
                createdAt: try row.decode(column: "created_at", as: Date.self))
        }
    }
}

public struct RedScreening: Equatable, Sendable {
    public var assessmentId: UUID
    public var patientId: UUID
    public var patientName: String
    public var instrument: Instrument
    public var takenAt: Date
}

extension AssessmentRepository {
    /// Red results since `since` for patients who consented to sharing (whom the advisory line
    /// may see), newest first.
    public static func recentRed(since: Date, limit: Int = 100, on db: any DatabaseReading) async throws -> [RedScreening] {
        let sql = db.sql
        return try await sql.select()
            .columns(
                SQLColumn("id", table: "a"), SQLColumn("patient_id", table: "a"), SQLColumn("instrument", table: "a"),
                SQLColumn("taken_at", table: "a")
            )
            .column(SQLColumn("name", table: "p"), as: "patient_name")
            .from(SQLAlias(SQLIdentifier("assessments"), as: SQLIdentifier("a")))
            .join(
                SQLAlias(SQLIdentifier("patients"), as: SQLIdentifier("p")), on: SQLColumn("id", table: "p"), .equal,
                SQLColumn("patient_id", table: "a")
            )
            .where(SQLColumn("traffic_light", table: "a"), .equal, SQLBind(TrafficLight.red.rawValue))
            .where(SQLColumn("sharing_consent", table: "p"), .equal, SQLBind(SharingConsent.given.rawValue))
            .where(SQLColumn("taken_at", table: "a"), .greaterThanOrEqual, SQLBind(since))
            .orderBy(SQLOrderBy(expression: SQLColumn("taken_at", table: "a"), direction: SQLDirection.descending)).limit(limit).all().map { row in
                RedScreening(
                    assessmentId: try row.decode(column: "id", as: UUID.self), patientId: try row.decode(column: "patient_id", as: UUID.self),
                    patientName: try row.decode(column: "patient_name", as: String.self),
                    instrument: try row.decodeEnum(column: "instrument"), takenAt: try row.decode(column: "taken_at", as: Date.self))
            }
    }
}
