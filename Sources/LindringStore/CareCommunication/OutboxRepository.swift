import Foundation
import LindringCore
import SQLKit

/// A composed MedCom message in the outbox.
public struct OutboxItem: Equatable, Sendable {
    public var id: UUID
    public var patientId: UUID
    public var contactId: UUID?
    public var senderUnitId: UUID
    public var receiverUnitId: UUID
    public var repliesTo: UUID?
    public var activity: CareCommunicationActivity
    public var status: OutboxStatus
    /// The Bundle's id (and its MessageHeader's), which a reply names.
    public var messageId: UUID
    /// The identifier of the message's text segment, which a reply repeats.
    public var payloadId: UUID
    public var text: String
    public var authorName: String
    public var authorRole: String?
    public var authorPhone: String?
    /// The Bundle as built and checked: FHIR JSON.
    public var bundle: String
    /// What the local check found (rule codes); empty when the message passed.
    public var problems: [String]
    public var createdAt: Date
    public var statusAt: Date
    public var statusBy: String
    public var statusNote: String?

    public init(
        id: UUID, patientId: UUID, contactId: UUID?, senderUnitId: UUID, receiverUnitId: UUID, repliesTo: UUID?,
        activity: CareCommunicationActivity, status: OutboxStatus, messageId: UUID, payloadId: UUID, text: String, authorName: String,
        authorRole: String?, authorPhone: String?, bundle: String, problems: [String], createdAt: Date, statusAt: Date, statusBy: String,
        statusNote: String? = nil
    ) {
        self.id = id
        self.patientId = patientId
        self.contactId = contactId
        self.senderUnitId = senderUnitId
        self.receiverUnitId = receiverUnitId
        self.repliesTo = repliesTo
        self.activity = activity
        self.status = status
        self.messageId = messageId
        self.payloadId = payloadId
        self.text = text
        self.authorName = authorName
        self.authorRole = authorRole
        self.authorPhone = authorPhone
        self.bundle = bundle
        self.problems = problems
        self.createdAt = createdAt
        self.statusAt = statusAt
        self.statusBy = statusBy
        self.statusNote = statusNote
    }
}

/// The MedCom outbox: messages are stored whole as they were built; only their status moves,
/// with a condition on the status read, so two operators cannot both record an outcome.
public enum OutboxRepository {
    public struct StatusChanged: Error, Equatable {
        public let current: OutboxStatus
    }

    static let columns = [
        "id", "patient_id", "contact_id", "sender_unit_id", "receiver_unit_id", "replies_to", "activity", "status", "message_id", "payload_id",
        "text", "author_name", "author_role", "author_phone", "bundle", "problems", "created_at", "status_at", "status_by_name", "status_note",
    ]

    public static func rows(_ item: OutboxItem, into batch: inout RowBatch) throws {
        batch.add(
            "care_communications", columns,
            [
                SQLBind(item.id), SQLBind(item.patientId), SQLBind(item.contactId), SQLBind(item.senderUnitId), SQLBind(item.receiverUnitId),
                SQLBind(item.repliesTo), SQLBind(item.activity.rawValue), SQLBind(item.status.rawValue), SQLBind(item.messageId),
                SQLBind(item.payloadId), SQLBind(item.text), SQLBind(item.authorName), SQLBind(item.authorRole), SQLBind(item.authorPhone),
                SQLBind(item.bundle), SQLBind(try JSONColumn.encode(item.problems)), SQLBind(item.createdAt), SQLBind(item.statusAt),
                SQLBind(item.statusBy), SQLBind(item.statusNote),
            ])
    }

    public static func create(_ item: OutboxItem, on tx: WriteTransaction) async throws {
        var batch = RowBatch()
        try rows(item, into: &batch)
        try await batch.write(on: tx.sql)
    }

    public static func find(id: UUID, on db: any DatabaseReading) async throws -> OutboxItem? {
        try await db.sql.select().columns(columns).from("care_communications").where("id", .equal, SQLBind(id)).first().map(decode)
    }

    /// The patient of an item, for the gate, before the item itself is read.
    public static func patientId(of id: UUID, on db: any DatabaseReading) async throws -> UUID? {
        try await db.sql.select().column("patient_id").from("care_communications").where("id", .equal, SQLBind(id)).first()?
            .decode(column: "patient_id", as: UUID.self)
    }

    public static func forPatient(_ patientId: UUID, on db: any DatabaseReading) async throws -> [OutboxItem] {
        try await db.sql.select().columns(columns).from("care_communications").where("patient_id", .equal, SQLBind(patientId))
            .orderBy("created_at", .descending).all().map(decode)
    }

    /// The newest items, all or of a status (the operators' list), at most `limit`.
    public static func list(status: OutboxStatus?, senderUnitId: UUID? = nil, limit: Int, on db: any DatabaseReading) async throws -> [OutboxItem] {
        var query = db.sql.select().columns(columns).from("care_communications")
        if let status { query = query.where("status", .equal, SQLBind(status.rawValue)) }
        if let senderUnitId { query = query.where("sender_unit_id", .equal, SQLBind(senderUnitId)) }
        return try await query.orderBy("created_at", .descending).orderBy("id").limit(limit).all().map(decode)
    }

    /// Moves the item from `from` to `to`; throws `StatusChanged` if someone moved it first.
    public static func move(
        id: UUID, from: OutboxStatus, to: OutboxStatus, by name: String, note: String?, now: Date = Date(), on tx: WriteTransaction
    ) async throws {
        let changed = try await tx.sql.update("care_communications").set("status", to: SQLBind(to.rawValue))
            .set("status_at", to: SQLBind(now)).set("status_by_name", to: SQLBind(name)).set("status_note", to: SQLBind(note))
            .where("id", .equal, SQLBind(id)).where("status", .equal, SQLBind(from.rawValue)).returning("id").first()
        if changed == nil {
            let current = try await find(id: id, on: tx)?.status ?? from
            throw StatusChanged(current: current)
        }
    }

    static func decode(_ row: any SQLRow) throws -> OutboxItem {
        OutboxItem(
            id: try row.decode(column: "id", as: UUID.self), patientId: try row.decode(column: "patient_id", as: UUID.self),
            contactId: try row.decode(column: "contact_id", as: UUID?.self), senderUnitId: try row.decode(column: "sender_unit_id", as: UUID.self),
            receiverUnitId: try row.decode(column: "receiver_unit_id", as: UUID.self),
            repliesTo: try row.decode(column: "replies_to", as: UUID?.self),
            activity: try row.decodeEnum(column: "activity"), status: try row.decodeEnum(column: "status"),
            messageId: try row.decode(column: "message_id", as: UUID.self), payloadId: try row.decode(column: "payload_id", as: UUID.self),
            text: try row.decode(column: "text", as: String.self), authorName: try row.decode(column: "author_name", as: String.self),
            authorRole: try row.decode(column: "author_role", as: String?.self),
            authorPhone: try row.decode(column: "author_phone", as: String?.self),
            bundle: try row.decode(column: "bundle", as: String.self), problems: try row.decodeJSON([String].self, column: "problems"),
            createdAt: try row.decode(column: "created_at", as: Date.self), statusAt: try row.decode(column: "status_at", as: Date.self),
            statusBy: try row.decode(column: "status_by_name", as: String.self), statusNote: try row.decode(column: "status_note", as: String?.self))
    }
}
