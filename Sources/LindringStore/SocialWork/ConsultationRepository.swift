import Foundation
import LindringCore
import SQLKit

/// Consultation and teaching the team delivered to municipalities and institutions.
public enum ConsultationRepository {
    /// One row of the report: a municipality (nil: regional or private institutions) in a year.
    public struct YearTotal: Equatable, Sendable {
        public var year: Int
        public var municipalityCode: String?
        public var kind: ConsultationKind
        public var count: Int
        public var hours: Decimal
        public var participants: Int
    }

    public static func create(teamUnitId: UUID, _ consultation: ValidConsultation, author: RecordAuthor, on tx: WriteTransaction) async throws {
        try await tx.sql.insert(into: "consultations")
            .columns(
                "id", "team_unit_id", "organisation", "municipality_code", "topic", "kind", "held_on", "hours", "participant_count", "created_by_name"
            )
            .values(
                SQLBind(UUID()), SQLBind(teamUnitId), SQLBind(consultation.organisation), SQLBind(consultation.municipalityCode),
                SQLBind(consultation.topic), SQLBind(consultation.kind.rawValue), SQLBind(consultation.heldOn.description),
                SQLBind("\(consultation.hours)"), SQLBind(consultation.participantCount), SQLBind(author.name)
            ).run()
    }

    /// The team's latest, newest first.
    public static func latest(teamUnitId: UUID, limit: Int, on db: any DatabaseReading) async throws -> [ValidConsultation] {
        try await db.sql.raw(
            "SELECT * FROM consultations WHERE team_unit_id = \(bind: teamUnitId) ORDER BY held_on DESC LIMIT \(literal: limit)"
        ).all().map(consultation)
    }

    static func consultation(_ row: any SQLRow) throws -> ValidConsultation {
        ValidConsultation(
            organisation: try row.decode(column: "organisation", as: String.self),
            municipalityCode: try row.decode(column: "municipality_code", as: String?.self), topic: try row.decode(column: "topic", as: String.self),
            kind: try row.decodeEnum(column: "kind"), heldOn: try row.decodeDate(column: "held_on"),
            hours: Decimal(string: try row.decode(column: "hours", as: String.self)) ?? 0,
            participantCount: try row.decode(column: "participant_count", as: Int.self))
    }

    /// Totals per year, municipality and kind. Hours are summed exactly in Swift (they are
    /// stored as decimal text), so the whole team's record is read: a few hundred rows a year.
    public static func totals(teamUnitId: UUID, on db: any DatabaseReading) async throws -> [YearTotal] {
        let all = try await db.sql.raw("SELECT * FROM consultations WHERE team_unit_id = \(bind: teamUnitId)").all().map(consultation)
        let groups = Dictionary(grouping: all) { "\($0.heldOn.year)|\($0.municipalityCode ?? "")|\($0.kind.rawValue)" }
        return groups.values.map { items in
            let first = items[0]
            return YearTotal(
                year: first.heldOn.year, municipalityCode: first.municipalityCode, kind: first.kind, count: items.count,
                hours: items.reduce(0) { $0 + $1.hours }, participants: items.reduce(0) { $0 + $1.participantCount })
        }.sorted { ($1.year, $0.municipalityCode ?? "~", $0.kind.rawValue) < ($0.year, $1.municipalityCode ?? "~", $1.kind.rawValue) }
    }
}
