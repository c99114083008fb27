import Foundation
import LindringCore
import SQLKit

/// Something a social worker must act on, linked to its family.
public struct SocialWorkTask: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        /// The authority has not decided within its processing time.
        case processingOverdue
        /// A refusal or partial grant whose appeal deadline falls within a week.
        case appealDue
        /// The application's review date has come.
        case reviewDue
        /// Something agreed at a network meeting is past its due date and not done.
        case meetingDecisionOverdue
        /// A bereavement follow-up conversation planned within the week, or past and not held.
        case bereavementConversation
        /// Awaiting a decision, within the processing time (`upcoming`).
        case awaitingDecision
        /// A refusal or partial grant whose appeal deadline is more than a week away (`upcoming`).
        case appealOpen
    }

    public var kind: Kind
    /// The day it falls (fell) due.
    public var due: LocalDate
    public var familyId: UUID
    /// The child, whose access log names the list.
    public var childPatientId: UUID
    public var childName: String
    public var keyWorkerId: UUID
    /// The application the task is about (not for a meeting's decision).
    public var applicationId: UUID?
    public var benefitCode: String?
    /// What the task is, where no application says it: a meeting's decision as agreed, or whom
    /// a bereavement conversation is with.
    public var detail: String?
    /// Who owns a meeting's decision.
    public var owner: String?
}

/// The social workers' worklist: the team's open cases' applications past their processing
/// deadline, appeal deadlines in the next 7 days, and reviews due, soonest first.
public enum SocialWorkWorklist {
    /// How far ahead an appeal deadline is shown.
    public static let appealWarningDays = 7

    /// The team's tasks, or one key worker's (`keyWorkerId`).
    public static func tasks(
        teamUnitId: UUID, keyWorkerId: UUID? = nil, today: LocalDate, on db: any DatabaseReading
    ) async throws
        -> [SocialWorkTask]
    {
        let horizon = today.adding(days: appealWarningDays).description
        let todayText = today.description
        let rows = try await db.sql.raw(
            """
            SELECT a.id, a.benefit_code, a.processing_due_on, a.decided_on, a.appeal_due_on, a.outcome, a.appeal_status, a.review_on,
            \(unsafeRaw: familyColumns)
            FROM applications a JOIN families f ON f.id = a.family_id JOIN patients p ON p.id = f.child_patient_id
            WHERE f.team_unit_id = \(bind: teamUnitId) AND f.status <> 'closed'
            AND (f.key_worker_id = \(bind: keyWorkerId) OR \(bind: keyWorkerId == nil))
            AND ((a.decided_on IS NULL AND a.processing_due_on < \(bind: todayText))
              OR (a.appeal_due_on >= \(bind: todayText) AND a.appeal_due_on <= \(bind: horizon) AND a.appeal_status = 'none'
                  AND a.outcome IN ('refused', 'partlyGranted'))
              OR a.review_on <= \(bind: todayText))
            """
        ).all()
        var tasks: [SocialWorkTask] = []
        for row in rows {
            func task(_ kind: SocialWorkTask.Kind, _ due: LocalDate) throws -> SocialWorkTask {
                try Self.task(row, kind, due: due, application: true)
            }
            let processingDue: LocalDate = try row.decodeDate(column: "processing_due_on")
            let decided: LocalDate? = try row.decodeDate(column: "decided_on")
            if decided == nil, processingDue < today { tasks.append(try task(.processingOverdue, processingDue)) }
            let outcome: DecisionOutcome? = try row.decodeEnum(column: "outcome")
            let appealStatus: AppealStatus = try row.decodeEnum(column: "appeal_status")
            if let appealDue: LocalDate = try row.decodeDate(column: "appeal_due_on"), appealDue >= today,
                appealDue <= today.adding(days: appealWarningDays), appealStatus == .none, outcome == .refused || outcome == .partlyGranted
            {
                tasks.append(try task(.appealDue, appealDue))
            }
            if let review: LocalDate = try row.decodeDate(column: "review_on"), review <= today { tasks.append(try task(.reviewDue, review)) }
        }
        let decisions = try await db.sql.raw(
            """
            SELECT d.text, d.owner, d.due_on, \(unsafeRaw: familyColumns)
            FROM meeting_decisions d JOIN network_meetings m ON m.id = d.meeting_id JOIN families f ON f.id = m.family_id
            JOIN patients p ON p.id = f.child_patient_id
            WHERE f.team_unit_id = \(bind: teamUnitId) AND f.status <> 'closed' AND d.done_on IS NULL AND d.due_on < \(bind: todayText)
            AND (f.key_worker_id = \(bind: keyWorkerId) OR \(bind: keyWorkerId == nil))
            """
        ).all()
        for row in decisions {
            tasks.append(
                try task(
                    row, .meetingDecisionOverdue, due: try row.decodeDate(column: "due_on"), application: false,
                    detail: try row.decode(column: "text", as: String.self), owner: try row.decode(column: "owner", as: String.self)))
        }
        let conversations = try await db.sql.raw(
            """
            SELECT c.with_whom, c.planned_on, \(unsafeRaw: familyColumns)
            FROM bereavement_conversations c JOIN families f ON f.id = c.family_id JOIN patients p ON p.id = f.child_patient_id
            WHERE f.team_unit_id = \(bind: teamUnitId) AND f.status <> 'closed' AND c.done_on IS NULL AND c.planned_on <= \(bind: horizon)
            AND (f.key_worker_id = \(bind: keyWorkerId) OR \(bind: keyWorkerId == nil))
            """
        ).all()
        for row in conversations {
            tasks.append(
                try task(
                    row, .bereavementConversation, due: try row.decodeDate(column: "planned_on"), application: false,
                    detail: try row.decode(column: "with_whom", as: String.self)))
        }
        return tasks.sorted(by: soonestFirst)
    }

    /// The case's columns every task's query selects (`f` the case, `p` the child).
    static let familyColumns = "f.id AS family_id, f.key_worker_id, f.child_patient_id, p.name AS child_name"

    /// A task from a row with `familyColumns`; an application's also has `id` and `benefit_code`.
    static func task(
        _ row: any SQLRow, _ kind: SocialWorkTask.Kind, due: LocalDate, application: Bool, detail: String? = nil, owner: String? = nil
    ) throws -> SocialWorkTask {
        SocialWorkTask(
            kind: kind, due: due, familyId: try row.decode(column: "family_id", as: UUID.self),
            childPatientId: try row.decode(column: "child_patient_id", as: UUID.self),
            childName: try row.decode(column: "child_name", as: String.self),
            keyWorkerId: try row.decode(column: "key_worker_id", as: UUID.self),
            applicationId: application ? try row.decode(column: "id", as: UUID.self) : nil,
            benefitCode: application ? try row.decode(column: "benefit_code", as: String.self) : nil, detail: detail, owner: owner)
    }

    static func soonestFirst(_ a: SocialWorkTask, _ b: SocialWorkTask) -> Bool {
        (a.due, a.kind.order, a.childName) < (b.due, b.kind.order, b.childName)
    }

    /// The deadlines still ahead, soonest first: decisions awaited within their processing time,
    /// and appeal deadlines more than a week away. Nothing to do yet, but what the social worker
    /// plans by (the worklist page shows them under the tasks; the badge does not count them).
    public static func upcoming(
        teamUnitId: UUID, keyWorkerId: UUID? = nil, today: LocalDate, on db: any DatabaseReading
    ) async throws
        -> [SocialWorkTask]
    {
        let horizon = today.adding(days: appealWarningDays).description
        let rows = try await db.sql.raw(
            """
            SELECT a.id, a.benefit_code, a.processing_due_on, a.decided_on, a.appeal_due_on, \(unsafeRaw: familyColumns)
            FROM applications a JOIN families f ON f.id = a.family_id JOIN patients p ON p.id = f.child_patient_id
            WHERE f.team_unit_id = \(bind: teamUnitId) AND f.status <> 'closed'
            AND (f.key_worker_id = \(bind: keyWorkerId) OR \(bind: keyWorkerId == nil))
            AND ((a.decided_on IS NULL AND a.processing_due_on >= \(bind: today.description))
              OR (a.appeal_due_on > \(bind: horizon) AND a.appeal_status = 'none' AND a.outcome IN ('refused', 'partlyGranted')))
            """
        ).all()
        return try rows.map { row in
            let waiting = try row.decodeNil(column: "decided_on")
            return try task(
                row, waiting ? .awaitingDecision : .appealOpen, due: try row.decodeDate(column: waiting ? "processing_due_on" : "appeal_due_on"),
                application: true)
        }.sorted(by: soonestFirst)
    }
}

extension SocialWorkTask.Kind {
    var order: Int { Self.allCases.firstIndex(of: self)! }
}
