import Foundation
import LindringCore
import SQLKit

/// A referral as stored, with who recorded it first and last.
public struct StoredReferral: Equatable, Sendable {
    public var id: UUID
    public var patientId: UUID
    public var referral: ValidReferral
    public var version: Int
    public var createdAt: Date
    public var createdBy: String
    public var updatedAt: Date
    public var updatedBy: String
}

/// Referrals to specialised palliative care: one row each, changed in place with a version, so
/// that two team members saving the same referral cannot overwrite each other.
public enum ReferralRepository {
    public enum Refusal: Error, Equatable {
        case notFound
        case stale(current: Int)
    }

    static let columns = [
        "received_on", "referring_unit_id", "receiving_unit_id", "diagnosis_group", "status", "not_reached_reason", "first_contact_on",
        "discussed_at_conference", "conference_on", "eortc_not_done_reason",
    ]

    static func values(_ r: ValidReferral) -> [SQLBind] {
        [
            SQLBind(r.receivedOn.description), SQLBind(r.referringUnitId), SQLBind(r.receivingUnitId), SQLBind(r.diagnosisGroup.rawValue),
            SQLBind(r.status.rawValue), SQLBind(r.notReachedReason?.rawValue), SQLBind(r.firstContactOn?.description),
            SQLBind(r.discussedAtConference), SQLBind(r.conferenceOn?.description), SQLBind(r.eortcNotDoneReason?.rawValue),
        ]
    }

    /// The row of a new referral (bulk loads write many in one batch).
    public static func rows(
        id: UUID = UUID(), patientId: UUID, _ referral: ValidReferral, author: String, now: Date, into batch: inout RowBatch
    ) {
        batch.add(
            "referrals", ["id", "patient_id"] + columns + ["version", "created_at", "created_by_name", "updated_at", "updated_by_name"],
            [SQLBind(id), SQLBind(patientId)] + values(referral) + [SQLBind(1), SQLBind(now), SQLBind(author), SQLBind(now), SQLBind(author)])
    }

    public static func create(
        patientId: UUID, _ referral: ValidReferral, author: String, now: Date = Date(), on tx: WriteTransaction
    )
        async throws -> StoredReferral
    {
        let id = UUID()
        var batch = RowBatch()
        rows(id: id, patientId: patientId, referral, author: author, now: now, into: &batch)
        try await batch.write(on: tx.sql)
        return StoredReferral(
            id: id, patientId: patientId, referral: referral, version: 1, createdAt: now, createdBy: author, updatedAt: now, updatedBy: author)
    }

    /// Saves the referral over the stored one; `baseVersion`, when given, must be the current.
    public static func update(
        _ current: StoredReferral, with referral: ValidReferral, baseVersion: Int?, author: String, now: Date = Date(), on tx: WriteTransaction
    ) async throws -> StoredReferral {
        if let baseVersion, baseVersion != current.version { throw Refusal.stale(current: current.version) }
        let next = current.version + 1
        let update = zip(columns, values(referral)).reduce(tx.sql.update("referrals")) { $0.set(SQLIdentifier($1.0), to: $1.1) }
        // The version condition makes a concurrent save (PostgreSQL, another process) miss.
        let changed = try await update.set("version", to: SQLBind(next)).set("updated_at", to: SQLBind(now))
            .set("updated_by_name", to: SQLBind(author))
            .where("id", .equal, SQLBind(current.id)).where("version", .equal, SQLBind(current.version))
            .returning("id").first()
        guard changed != nil else { throw Refusal.stale(current: current.version + 1) }
        var stored = current
        stored.referral = referral
        stored.version = next
        stored.updatedAt = now
        stored.updatedBy = author
        return stored
    }

    public static func find(id: UUID, on db: any DatabaseReading) async throws -> StoredReferral? {
        try await select(on: db).where("id", .equal, SQLBind(id)).first().map(decode)
    }

    /// The patient's referrals, newest received first.
    public static func forPatient(_ patientId: UUID, on db: any DatabaseReading) async throws -> [StoredReferral] {
        try await select(on: db).where("patient_id", .equal, SQLBind(patientId))
            .orderBy("received_on", .descending).orderBy("created_at", .descending).all().map(decode)
    }

    /// The patient of a referral, for the gate, before the referral itself is read.
    public static func patientId(of id: UUID, on db: any DatabaseReading) async throws -> UUID? {
        try await db.sql.select().column("patient_id").from("referrals").where("id", .equal, SQLBind(id)).first()?
            .decode(column: "patient_id", as: UUID.self)
    }

    /// The Copenhagen days of the patient's EORTC QLQ-C15-PAL answers (the screening module's).
    public static func eortcDays(patientId: UUID, on db: any DatabaseReading) async throws -> [LocalDate] {
        try await db.sql.select().column("taken_at").from("assessments").where("patient_id", .equal, SQLBind(patientId))
            .where("instrument", .equal, SQLBind(Instrument.eortcQLQC15PAL.rawValue)).all()
            .map { LocalDate(try $0.decode(column: "taken_at", as: Date.self), in: DanishCalendar.timeZone) }
    }

    static func select(on db: any DatabaseReading) -> SQLSelectBuilder {
        db.sql.select().columns(["id", "patient_id"] + columns + ["version", "created_at", "created_by_name", "updated_at", "updated_by_name"])
            .from("referrals")
    }

    static func decode(_ row: any SQLRow) throws -> StoredReferral {
        let referral = ValidReferral(
            receivedOn: try row.decodeDate(column: "received_on"), referringUnitId: try row.decode(column: "referring_unit_id", as: UUID.self),
            receivingUnitId: try row.decode(column: "receiving_unit_id", as: UUID.self),
            diagnosisGroup: try row.decodeEnum(column: "diagnosis_group"),
            status: try row.decodeEnum(column: "status"), notReachedReason: try row.decodeEnum(column: "not_reached_reason"),
            firstContactOn: try row.decodeDate(column: "first_contact_on"),
            discussedAtConference: try row.decode(column: "discussed_at_conference", as: Bool.self),
            conferenceOn: try row.decodeDate(column: "conference_on"), eortcNotDoneReason: try row.decodeEnum(column: "eortc_not_done_reason"))
        return StoredReferral(
            id: try row.decode(column: "id", as: UUID.self), patientId: try row.decode(column: "patient_id", as: UUID.self),
            referral: referral, version: try row.decode(column: "version", as: Int.self),
            createdAt: try row.decode(column: "created_at", as: Date.self), createdBy: try row.decode(column: "created_by_name", as: String.self),
            updatedAt: try row.decode(column: "updated_at", as: Date.self), updatedBy: try row.decode(column: "updated_by_name", as: String.self))
    }
}
