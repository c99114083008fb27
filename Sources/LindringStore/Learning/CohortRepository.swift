import Foundation
import LindringCore
import SQLKit

/// A cohort of a specialist education, listed under its offer.
public struct CohortSummary: Equatable, Sendable {
    public var id: UUID
    public var offerId: UUID
    public var offerTitle: String
    public var name: String
    public var startsOn: LocalDate
    public var members: Int
}

public struct CohortStage: Equatable, Sendable {
    public var id: UUID
    public var stage: DatedStage
}

/// A nurse in a cohort: her name and unit as the staff register has them now (nil when she has
/// left it), her supervisor, and her status per stage (stages without one have not started).
public struct CohortMember: Equatable, Sendable {
    public var id: UUID
    public var employeeNumber: String
    public var name: String?
    public var unitName: String?
    public var supervisor: Supervisor
    public var progress: [UUID: StageStatus]

    public func status(in stageId: UUID) -> StageStatus { progress[stageId] ?? .notStarted }
}

/// A cohort with its stages in order and its nurses by name: the grid of progress.
public struct Cohort: Equatable, Sendable {
    public var summary: CohortSummary
    public var stages: [CohortStage]
    public var members: [CohortMember]

    public var endsOn: LocalDate? { stages.last?.stage.endsOn }
}

/// Specialist-education cohorts: the standard stages dated from the cohort's start, nurses added
/// up to `CohortLimit` inside the write transaction with the cohort locked, and each nurse's
/// completion of the whole education recorded for the coverage report.
public enum CohortRepository {
    public static func create(_ cohort: ValidCohort, author: RecordAuthor, now: Date = Date(), on tx: WriteTransaction) async throws -> UUID {
        let id = UUID()
        try await tx.sql.insert(into: "learning_cohorts")
            .columns("id", "offer_id", "name", "starts_on", "revision", "created_at", "created_by_name")
            .values(
                SQLBind(id), SQLBind(cohort.offerId), SQLBind(cohort.name), SQLBind(cohort.startsOn.description), SQLBind(0), SQLBind(now),
                SQLBind(author.name)
            ).run()
        var insert = tx.sql.insert(into: "learning_cohort_stages").columns("id", "cohort_id", "position", "kind", "name", "starts_on", "ends_on")
        for stage in cohort.stages {
            insert = insert.values(
                SQLBind(UUID()), SQLBind(id), SQLBind(stage.position), SQLBind(stage.kind.rawValue), SQLBind(stage.name),
                SQLBind(stage.startsOn.description), SQLBind(stage.endsOn.description))
        }
        try await insert.run()
        return id
    }

    static let summaryColumns = """
        SELECT c.id, c.offer_id, c.name, c.starts_on, o.title AS offer_title,
        (SELECT COUNT(*) FROM learning_cohort_members m WHERE m.cohort_id = c.id) AS member_count
        FROM learning_cohorts c JOIN learning_offers o ON o.id = c.offer_id
        """

    /// An offer's cohorts, the latest first; only those with `employeeNumber` among their nurses
    /// when given (a nurse's own).
    public static func list(offerId: UUID, memberNumber employeeNumber: String? = nil, on db: any DatabaseReading) async throws -> [CohortSummary] {
        let mine: SQLQueryString =
            employeeNumber.map {
                "AND c.id IN (SELECT cohort_id FROM learning_cohort_members WHERE employee_number = \(bind: $0))"
            } ?? ""
        return try await db.sql.raw("\(unsafeRaw: summaryColumns) WHERE c.offer_id = \(bind: offerId) \(mine) ORDER BY c.starts_on DESC").all()
            .map(summary)
    }

    static func summary(_ row: any SQLRow) throws -> CohortSummary {
        CohortSummary(
            id: try row.decode(column: "id", as: UUID.self), offerId: try row.decode(column: "offer_id", as: UUID.self),
            offerTitle: try row.decode(column: "offer_title", as: String.self), name: try row.decode(column: "name", as: String.self),
            startsOn: try row.decodeDate(column: "starts_on"), members: try row.decode(column: "member_count", as: Int.self))
    }

    public static func find(id: UUID, on db: any DatabaseReading) async throws -> Cohort? {
        guard let summary = try await db.sql.raw("\(unsafeRaw: summaryColumns) WHERE c.id = \(bind: id)").first().map(summary) else {
            return nil
        }
        let stages = try await db.sql.raw("SELECT * FROM learning_cohort_stages WHERE cohort_id = \(bind: id) ORDER BY position").all().map {
            row in
            CohortStage(
                id: try row.decode(column: "id", as: UUID.self),
                stage: DatedStage(
                    position: try row.decode(column: "position", as: Int.self), kind: try row.decodeEnum(column: "kind"),
                    name: try row.decode(column: "name", as: String.self), startsOn: try row.decodeDate(column: "starts_on"),
                    endsOn: try row.decodeDate(column: "ends_on")))
        }
        var progress: [UUID: [UUID: StageStatus]] = [:]
        for row in try await db.sql.raw(
            """
            SELECT p.member_id, p.stage_id, p.status FROM learning_cohort_progress p
            JOIN learning_cohort_members m ON m.id = p.member_id WHERE m.cohort_id = \(bind: id)
            """
        ).all() {
            progress[try row.decode(column: "member_id", as: UUID.self), default: [:]][try row.decode(column: "stage_id", as: UUID.self)] =
                try row.decodeEnum(column: "status")
        }
        let members = try await db.sql.raw(
            """
            SELECT m.id, m.employee_number, m.supervisor_name, m.supervisor_place, s.name AS nurse_name, u.name AS unit_name
            FROM learning_cohort_members m LEFT JOIN staff_register s ON s.employee_number = m.employee_number
            LEFT JOIN units u ON u.id = s.unit_id WHERE m.cohort_id = \(bind: id)
            """
        ).all().map { row in
            let memberId = try row.decode(column: "id", as: UUID.self)
            return CohortMember(
                id: memberId, employeeNumber: try row.decode(column: "employee_number", as: String.self),
                name: try row.decode(column: "nurse_name", as: String?.self), unitName: try row.decode(column: "unit_name", as: String?.self),
                supervisor: Supervisor(
                    name: try row.decode(column: "supervisor_name", as: String?.self),
                    place: try row.decode(column: "supervisor_place", as: String?.self)),
                progress: progress[memberId] ?? [:])
        }
        // By name; those the register no longer knows, last, by number.
        let ordered = members.sorted { a, b in
            switch (a.name, b.name) {
            case let (x?, y?) where x != y: x.localizedStandardCompare(y) == .orderedAscending
            case (_?, nil): true
            case (nil, _?): false
            default: a.employeeNumber < b.employeeNumber
            }
        }
        return Cohort(summary: summary, stages: stages, members: ordered)
    }

    /// The employee number of a Lindring user, which makes her a cohort's nurse.
    public static func employeeNumber(userId: UUID, on db: any DatabaseReading) async throws -> String? {
        try await db.sql.raw("SELECT employee_number FROM users WHERE id = \(bind: userId)").first()?.decode(
            column: "employee_number", as: String?.self)
    }

    /// Nurses in the staff register who are in no cohort yet, by employee number: whom a new
    /// cohort can take.
    public static func candidates(limit: Int, on db: any DatabaseReading) async throws -> [String] {
        try await db.sql.raw(
            """
            SELECT employee_number FROM staff_register WHERE profession = \(bind: Profession.nurse.rawValue)
            AND employee_number NOT IN (SELECT employee_number FROM learning_cohort_members) ORDER BY employee_number LIMIT \(bind: limit)
            """
        ).all().map { try $0.decode(column: "employee_number", as: String.self) }
    }

    // MARK: Members

    /// Raises the cohort's revision, which holds its row until the transaction ends; false when
    /// there is no such cohort.
    static func lock(_ cohortId: UUID, on tx: WriteTransaction) async throws -> Bool {
        try await tx.sql.raw("UPDATE learning_cohorts SET revision = revision + 1 WHERE id = \(bind: cohortId) RETURNING revision").first() != nil
    }

    /// Adds the nurse the staff register knows by `employeeNumber`; refused, naming the field,
    /// when the register does not list her, lists her in another profession, she is already in
    /// the cohort, or the cohort is full. Nil when there is no such cohort.
    public static func addMember(
        cohortId: UUID, employeeNumber: String, supervisor: Supervisor, author: RecordAuthor, now: Date = Date(), on tx: WriteTransaction
    ) async throws -> UUID? {
        guard try await lock(cohortId, on: tx) else { return nil }
        let field = "employeeNumber"
        guard
            let registered = try await tx.sql.raw("SELECT profession FROM staff_register WHERE employee_number = \(bind: employeeNumber)").first()
        else { throw ValidationFailure([FieldError(field, .notFound)]) }
        guard try registered.decode(column: "profession", as: String.self) == Profession.nurse.rawValue else {
            throw ValidationFailure([FieldError(field, .notANurse)])
        }
        let numbers = try await tx.sql.raw("SELECT employee_number FROM learning_cohort_members WHERE cohort_id = \(bind: cohortId)").all().map {
            try $0.decode(column: "employee_number", as: String.self)
        }
        if numbers.contains(employeeNumber) { throw ValidationFailure([FieldError(field, .duplicate)]) }
        try CohortLimit.checkRoom(members: numbers.count, field: field)
        let id = UUID()
        try await tx.sql.insert(into: "learning_cohort_members")
            .columns("id", "cohort_id", "employee_number", "supervisor_name", "supervisor_place", "added_at", "added_by_name")
            .values(
                SQLBind(id), SQLBind(cohortId), SQLBind(employeeNumber), SQLBind(supervisor.name), SQLBind(supervisor.place), SQLBind(now),
                SQLBind(author.name)
            ).run()
        return id
    }

    /// Names the nurse's clinical supervisor (blank fields clear them); false when the cohort has
    /// no such member.
    public static func setSupervisor(cohortId: UUID, memberId: UUID, _ supervisor: Supervisor, on tx: WriteTransaction) async throws -> Bool {
        try await tx.sql.raw(
            """
            UPDATE learning_cohort_members SET supervisor_name = \(bind: supervisor.name), supervisor_place = \(bind: supervisor.place)
            WHERE id = \(bind: memberId) AND cohort_id = \(bind: cohortId) RETURNING id
            """
        ).first() != nil
    }

    // MARK: Progress

    public enum Refusal: Error, Equatable {
        /// The cohort, its member or its stage does not exist (or not together).
        case notFound
    }

    /// Sets the nurse's status in each stage `changes` names. When that completes every stage, her
    /// completion of the offer is recorded against her employee number, which the coverage report
    /// counts at the offer's levels; a later change back leaves it standing, as any completion
    /// recorded once does. Answers whether she has completed the education.
    public static func setProgress(
        cohortId: UUID, memberId: UUID, _ changes: [UUID: StageStatus], author: RecordAuthor, now: Date = Date(), on tx: WriteTransaction
    ) async throws -> Bool {
        guard
            let member = try await tx.sql.raw(
                """
                SELECT m.employee_number, c.offer_id FROM learning_cohort_members m JOIN learning_cohorts c ON c.id = m.cohort_id
                WHERE m.id = \(bind: memberId) AND m.cohort_id = \(bind: cohortId)
                """
            ).first()
        else { throw Refusal.notFound }
        let stages = try await tx.sql.raw("SELECT id FROM learning_cohort_stages WHERE cohort_id = \(bind: cohortId)").all().map {
            try $0.decode(column: "id", as: UUID.self)
        }
        guard Set(changes.keys).isSubset(of: stages) else { throw Refusal.notFound }
        var statuses: [UUID: StageStatus] = [:]
        for row in try await tx.sql.raw("SELECT stage_id, status FROM learning_cohort_progress WHERE member_id = \(bind: memberId)").all() {
            statuses[try row.decode(column: "stage_id", as: UUID.self)] = try row.decodeEnum(column: "status")
        }
        // Only what changes: a status's `changed_at` says when it last changed.
        for (stageId, status) in changes where statuses[stageId, default: .notStarted] != status {
            try await tx.sql.insert(into: "learning_cohort_progress")
                .columns("member_id", "stage_id", "status", "changed_at", "changed_by_name")
                .values(SQLBind(memberId), SQLBind(stageId), SQLBind(status.rawValue), SQLBind(now), SQLBind(author.name))
                .onConflict(with: ["member_id", "stage_id"]) { conflict in
                    conflict.set(excludedValueOf: "status").set(excludedValueOf: "changed_at").set(excludedValueOf: "changed_by_name")
                }.run()
            statuses[stageId] = status
        }
        let completed = SpecialistEducation.hasCompleted(stages: stages, statuses: statuses)
        if completed {
            try await CoverageRepository.recordStaffCompletion(
                employeeNumber: try member.decode(column: "employee_number", as: String.self),
                offerId: try member.decode(column: "offer_id", as: UUID.self), at: now, source: "cohort", on: tx)
        }
        return completed
    }
}
