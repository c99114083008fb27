import Foundation
import LindringCore
import SQLKit

/// An application for a benefit as stored, with the dates its deadlines give.
public struct ApplicationRecord: Equatable, Sendable {
    public var id: UUID
    public var familyId: UUID
    public var details: ValidApplication
    public var dates: ApplicationDates
    /// The parent who lost earnings, for a single-day claim (`bl87-meeting`).
    public var parentId: UUID?
    public var version: Int
    public var updatedAt: Date
    public var updatedByName: String
}

/// The application is a newer version than the one the change was made from.
public struct StaleApplicationVersion: Error {
    public let current: Int
}

public struct ApplicationNotFound: Error {}

/// Applications and their decisions. The dates are computed by Core (`ApplicationDates`) before
/// they come here, from the processing time that applies (`BenefitRepository.processingDeadline`).
public enum ApplicationRepository {
    static let columns = [
        "benefit_code", "authority", "submitted_on", "processing_due_on", "decided_on", "outcome", "sent_via", "sent_on", "received_on",
        "appeal_due_on", "appeal_status", "review_on",
    ]

    static func values(_ application: ValidApplication, _ dates: ApplicationDates) -> [any SQLExpression] {
        let decision = application.decision
        return [
            SQLBind(application.benefit), SQLBind(application.authority.rawValue), SQLBind(application.submittedOn.description),
            SQLBind(dates.processingDueOn.description), SQLBind(decision?.decidedOn.description), SQLBind(decision?.outcome.rawValue),
            SQLBind(decision?.sentVia?.rawValue), SQLBind(decision?.sentOn.description), SQLBind(dates.receivedOn?.description),
            SQLBind(dates.appealDueOn?.description), SQLBind(application.appealStatus.rawValue), SQLBind(application.reviewOn?.description),
        ]
    }

    public static func create(
        familyId: UUID, _ application: ValidApplication, dates: ApplicationDates, parentId: UUID? = nil, id: UUID = UUID(),
        author: RecordAuthor, now: Date = Date(), on tx: WriteTransaction
    ) async throws -> UUID {
        let stamp = AuditRecord.truncatedToMilliseconds(now)
        var batch = RowBatch()
        batch.add(
            "applications", ["id", "family_id"] + columns + ["parent_id", "version", "created_at", "updated_at", "updated_by_name"],
            [SQLBind(id), SQLBind(familyId)] + values(application, dates) + [
                SQLBind(parentId), SQLBind(1), SQLBind(stamp), SQLBind(stamp), SQLBind(author.name),
            ])
        try await batch.write(on: tx.sql)
        return id
    }

    /// Changes the application if it is still at `version`; returns the new version.
    public static func update(
        id: UUID, _ application: ValidApplication, dates: ApplicationDates, version: Int, author: RecordAuthor, now: Date = Date(),
        on tx: WriteTransaction
    ) async throws -> Int {
        guard let current = try await find(id: id, on: tx) else { throw ApplicationNotFound() }
        guard current.version == version else { throw StaleApplicationVersion(current: current.version) }
        var update = tx.sql.update("applications")
        for (column, value) in zip(columns, values(application, dates)) { update = update.set(SQLColumn(column), to: value) }
        try await update.set(SQLColumn("version"), to: SQLBind(version + 1))
            .set(SQLColumn("updated_at"), to: SQLBind(AuditRecord.truncatedToMilliseconds(now)))
            .set(SQLColumn("updated_by_name"), to: SQLBind(author.name))
            .where("id", .equal, SQLBind(id)).run()
        return version + 1
    }

    /// The family an application belongs to, for the gate.
    public static func familyId(applicationId: UUID, on db: any DatabaseReading) async throws -> UUID? {
        try await db.sql.raw("SELECT family_id FROM applications WHERE id = \(bind: applicationId)").first()?
            .decode(column: "family_id", as: UUID.self)
    }

    public static func find(id: UUID, on db: any DatabaseReading) async throws -> ApplicationRecord? {
        try await db.sql.raw("SELECT * FROM applications WHERE id = \(bind: id)").first().map(record)
    }

    /// A family's applications, newest submission first.
    public static func list(familyId: UUID, on db: any DatabaseReading) async throws -> [ApplicationRecord] {
        try await db.sql.raw("SELECT * FROM applications WHERE family_id = \(bind: familyId) ORDER BY submitted_on DESC, created_at DESC")
            .all().map(record)
    }

    static func record(_ row: any SQLRow) throws -> ApplicationRecord {
        var decision: ValidApplication.Decision?
        if let decidedOn: LocalDate = try row.decodeDate(column: "decided_on"), let outcome: DecisionOutcome = try row.decodeEnum(column: "outcome"),
            let sentOn: LocalDate = try row.decodeDate(column: "sent_on")
        {
            decision = .init(decidedOn: decidedOn, outcome: outcome, sentVia: try row.decodeEnum(column: "sent_via"), sentOn: sentOn)
        }
        let details = ValidApplication(
            benefit: try row.decode(column: "benefit_code", as: String.self), authority: try row.decodeEnum(column: "authority"),
            submittedOn: try row.decodeDate(column: "submitted_on"), decision: decision, appealStatus: try row.decodeEnum(column: "appeal_status"),
            reviewOn: try row.decodeDate(column: "review_on"))
        return ApplicationRecord(
            id: try row.decode(column: "id", as: UUID.self), familyId: try row.decode(column: "family_id", as: UUID.self), details: details,
            dates: ApplicationDates(
                processingDueOn: try row.decodeDate(column: "processing_due_on"), receivedOn: try row.decodeDate(column: "received_on"),
                appealDueOn: try row.decodeDate(column: "appeal_due_on")),
            parentId: try row.decode(column: "parent_id", as: UUID?.self), version: try row.decode(column: "version", as: Int.self),
            updatedAt: try row.decode(column: "updated_at", as: Date.self), updatedByName: try row.decode(column: "updated_by_name", as: String.self))
    }
}
