import FluentKit
import Foundation
import LindringCore
import SQLKit

/// Contacts on the advisory line. `create` must run inside `Persistence.write` with its audit
/// entry: the contact, its reasons, actions and follow-up commit as one.
public enum ContactRepository {
    public enum Created: Equatable, Sendable {
        case new(UUID)
        /// The same request was made before (same Idempotency-Key or the same form): nothing was stored.
        case replay(UUID)

        public var id: UUID {
            switch self {
            case .new(let id), .replay(let id): id
            }
        }
    }

    /// `fingerprint` (`RequestFingerprint` of the request) is kept with the Idempotency-Key: the
    /// same key with another fingerprint is `IdempotencyKeyReused`, not a replay.
    public static func create(
        _ contact: ValidContact, id: UUID = UUID(), author: RecordAuthor, idempotencyKey: String? = nil,
        fingerprint: String? = nil, now: Date = Date(), on db: WriteTransaction
    ) async throws -> Created {
        let sql = db.sql
        if let earlier = try await earlierContact(id: id, author: author, idempotencyKey: idempotencyKey, fingerprint: fingerprint, on: sql) {
            return earlier
        }
        var batch = RowBatch()
        let (day, hour) = rows(contact, id: id, author: author, idempotencyKey: idempotencyKey, fingerprint: fingerprint, now: now, into: &batch)
        try await batch.write(on: sql)
        try await ContactDayCounts.add(contact, day: day, weekday: day.weekday, hour: hour, on: sql)
        return .new(id)
    }

    /// The contact a retry repeats: the author's contact with this Idempotency-Key, else the
    /// contact with this id if the author made it (another author's is `ContactIdTaken`). One
    /// statement, as it runs inside the writer's transaction. The key's contact made by another
    /// request (another fingerprint) is `IdempotencyKeyReused`; one stored without a fingerprint
    /// (before M0025) counts as the same request.
    static func earlierContact(
        id: UUID, author: RecordAuthor, idempotencyKey: String?, fingerprint: String?,
        on sql: any SQLDatabase
    ) async throws -> Created? {
        var select: SQLQueryString = "SELECT id, created_by, idempotency_key, request_fingerprint FROM contacts WHERE id = \(bind: id)"
        if let idempotencyKey {
            // No OR without a key: `id = ? OR false` made SQLite scan the whole table.
            select += " OR (created_by = \(bind: author.userId) AND idempotency_key = \(bind: idempotencyKey))"
        }
        let rows = try await sql.raw(select).all()
        let found = try rows.map { row in
            (
                id: try row.decode(column: "id", as: UUID.self), author: try row.decode(column: "created_by", as: UUID.self),
                key: try row.decode(column: "idempotency_key", as: String?.self),
                fingerprint: try row.decode(column: "request_fingerprint", as: String?.self)
            )
        }
        if let idempotencyKey, let retried = found.first(where: { $0.author == author.userId && $0.key == idempotencyKey }) {
            if let stored = retried.fingerprint, let fingerprint, stored != fingerprint { throw IdempotencyKeyReused() }
            return .replay(retried.id)
        }
        guard let same = found.first(where: { $0.id == id }) else { return nil }
        guard same.author == author.userId else { throw ContactIdTaken() }
        return .replay(id)
    }

    /// The contact's rows: the contact, its reasons and actions, and its follow-up. The per-day
    /// counts are not among them: `create` adds to them, a bulk load recounts (`ContactDayCounts.rebuild`).
    /// Returns the Copenhagen day and hour the contact is counted under.
    @discardableResult
    public static func rows(
        _ contact: ValidContact, id: UUID, author: RecordAuthor, idempotencyKey: String?, fingerprint: String? = nil,
        now: Date, into batch: inout RowBatch
    ) -> (day: LocalDate, hour: Int) {
        let day = LocalDate(contact.startedAt, in: DanishCalendar.timeZone)
        let hour = DanishCalendar.hour(of: contact.startedAt)
        let localDate = day.description
        let created = AuditRecord.truncatedToMilliseconds(now)
        batch.add(
            "contacts",
            [
                "id", "started_at", "ended_at", "duration_seconds", "local_date", "local_weekday", "local_hour", "outside_working_hours",
                "holiday", "channel", "direction", "caller_role", "caller_name", "caller_phone", "caller_unit_id", "patient_id",
                "situation", "background", "assessment", "recommendation", "triage", "outcome", "stayed_at_home",
                "created_by", "created_by_name", "created_at", "idempotency_key", "request_fingerprint",
            ],
            [
                SQLBind(id), SQLBind(AuditRecord.truncatedToMilliseconds(contact.startedAt)),
                SQLBind(AuditRecord.truncatedToMilliseconds(contact.endedAt)), SQLBind(contact.durationSeconds),
                SQLBind(localDate), SQLBind(day.weekday), SQLBind(hour),
                SQLBind(contact.workingHours.outsideWorkingHours), SQLBind(contact.workingHours.holiday), SQLBind(contact.channel.rawValue),
                SQLBind(contact.direction.rawValue), SQLBind(contact.callerRole.rawValue), SQLBind(contact.callerName),
                SQLBind(contact.callerPhone), SQLBind(contact.callerUnitId), SQLBind(contact.patientId), SQLBind(contact.situation),
                SQLBind(contact.background), SQLBind(contact.assessment), SQLBind(contact.recommendation),
                SQLBind(contact.triage.rawValue), SQLBind(contact.outcome.rawValue), SQLBind(contact.stayedAtHome),
                SQLBind(author.userId), SQLBind(author.name), SQLBind(created), SQLBind(idempotencyKey),
                SQLBind(fingerprint),
            ])
        for reason in contact.reasons {
            batch.add("contact_reasons", ["contact_id", "reason", "local_date"], [SQLBind(id), SQLBind(reason.rawValue), SQLBind(localDate)])
        }
        for action in contact.actions {
            batch.add("contact_actions", ["contact_id", "action", "local_date"], [SQLBind(id), SQLBind(action.rawValue), SQLBind(localDate)])
        }
        if let followUp = contact.followUp {
            batch.add(
                "follow_ups",
                ["id", "contact_id", "patient_id", "unit_id", "triage", "due_at", "text", "status", "created_at", "created_by_name", "local_date"],
                [
                    SQLBind(UUID()), SQLBind(id), SQLBind(contact.patientId), SQLBind(followUp.unitId), SQLBind(contact.triage.rawValue),
                    SQLBind(AuditRecord.truncatedToMilliseconds(followUp.dueAt)), SQLBind(followUp.text), SQLBind(FollowUpStatus.open.rawValue),
                    SQLBind(created), SQLBind(author.name), SQLBind(localDate),
                ])
        }
        return (day, hour)
    }

    public static func find(id: UUID, on db: any DatabaseReading) async throws -> Contact? {
        let sql = db.sql
        guard
            let row = try await sql.raw(
                """
                SELECT c.*, p.name AS patient_name, u.name AS caller_unit_name FROM contacts c
                LEFT JOIN patients p ON p.id = c.patient_id LEFT JOIN units u ON u.id = c.caller_unit_id WHERE c.id = \(bind: id)
                """
            ).first()
        else { return nil }
        let (reasons, actions) = try await reasonsAndActions(contactId: id, on: sql)
        let followUps = try await FollowUpRepository.list(FollowUpRepository.Filter(contactId: id), on: db)
        let started = try row.decode(column: "started_at", as: Date.self)
        let details = ValidContact(
            startedAt: started, endedAt: try row.decode(column: "ended_at", as: Date.self),
            channel: try row.decodeEnum(column: "channel"), direction: try row.decodeEnum(column: "direction"),
            callerRole: try row.decodeEnum(column: "caller_role"),
            callerName: try row.decode(column: "caller_name", as: String?.self),
            callerPhone: try row.decode(column: "caller_phone", as: String?.self),
            callerUnitId: try row.decode(column: "caller_unit_id", as: UUID?.self), patientId: try row.decode(column: "patient_id", as: UUID?.self),
            reasons: reasons, situation: try row.decode(column: "situation", as: String?.self),
            background: try row.decode(column: "background", as: String?.self), assessment: try row.decode(column: "assessment", as: String?.self),
            recommendation: try row.decode(column: "recommendation", as: String?.self), triage: try row.decodeEnum(column: "triage"),
            actions: actions,
            outcome: try row.decodeEnum(column: "outcome"), stayedAtHome: try row.decode(column: "stayed_at_home", as: Bool?.self),
            followUp: followUps.first.map { ValidContact.FollowUp(unitId: $0.unitId, dueAt: $0.dueAt, text: $0.text) },
            workingHours: WorkingHours(
                outsideWorkingHours: try row.decode(column: "outside_working_hours", as: Bool.self),
                holiday: try row.decode(column: "holiday", as: String?.self)))
        return Contact(
            id: id, details: details, patientName: try row.decode(column: "patient_name", as: String?.self),
            callerUnitName: try row.decode(column: "caller_unit_name", as: String?.self),
            createdByName: try row.decode(column: "created_by_name", as: String.self),
            createdAt: try row.decode(column: "created_at", as: Date.self), followUps: followUps,
            addenda: try await addenda(contactId: id, on: sql))
    }

    /// Adds an addendum to a saved contact, signed by `author` of `unitName`; run it inside
    /// `Persistence.write` with its audit entry. The contact's own rows are never touched.
    public static func addAddendum(
        contactId: UUID, text: String, author: RecordAuthor, unitName: String?, now: Date = Date(),
        on db: WriteTransaction
    ) async throws -> ContactAddendum {
        let addendum = ContactAddendum(
            id: UUID(), text: text, createdAt: AuditRecord.truncatedToMilliseconds(now), authorName: author.name,
            authorUnitName: unitName)
        try await db.sql.raw(
            """
            INSERT INTO contact_addenda (id, contact_id, text, created_at, created_by, created_by_name, created_by_unit_name)
            VALUES (\(bind: addendum.id), \(bind: contactId), \(bind: text), \(bind: addendum.createdAt), \(bind: author.userId),
                    \(bind: author.name), \(bind: unitName))
            """
        ).run()
        return addendum
    }

    /// A contact's addenda, oldest first (newest last, as they were written beneath it).
    static func addenda(contactId: UUID, on sql: any SQLDatabase) async throws -> [ContactAddendum] {
        try await sql.raw(
            """
            SELECT id, text, created_at, created_by_name, created_by_unit_name FROM contact_addenda
            WHERE contact_id = \(bind: contactId) ORDER BY created_at, id
            """
        ).all().map { row in
            ContactAddendum(
                id: try row.decode(column: "id", as: UUID.self), text: try row.decode(column: "text", as: String.self),
                createdAt: try row.decode(column: "created_at", as: Date.self),
                authorName: try row.decode(column: "created_by_name", as: String.self),
                authorUnitName: try row.decode(column: "created_by_unit_name", as: String?.self))
        }
    }

    /// Contacts started on the Copenhagen days `from`…`to`, newest first; `before` continues a previous page.
    public static func list(
        from: LocalDate, to: LocalDate, patientId: UUID? = nil, limit: Int = 100,
        before: (at: Date, id: UUID)? = nil, on db: any DatabaseReading
    ) async throws -> [ContactListItem] {
        let sql = db.sql
        var query = sql.select()
            .columns(
                SQLColumn("id", table: "c"), SQLColumn("started_at", table: "c"), SQLColumn("duration_seconds", table: "c"),
                SQLColumn("outside_working_hours", table: "c"), SQLColumn("channel", table: "c"), SQLColumn("caller_role", table: "c"),
                SQLColumn("patient_id", table: "c"), SQLColumn("triage", table: "c"), SQLColumn("outcome", table: "c"),
                SQLColumn("created_by_name", table: "c")
            )
            .column(SQLColumn("name", table: "p"), as: "patient_name")
            .column(
                SQLQueryString("EXISTS (SELECT 1 FROM follow_ups f WHERE f.contact_id = c.id AND f.status = \(bind: FollowUpStatus.open.rawValue))"),
                as: "in_progress"
            )
            .from(SQLAlias(SQLIdentifier("contacts"), as: SQLIdentifier("c")))
            .join(
                SQLAlias(SQLIdentifier("patients"), as: SQLIdentifier("p")), method: SQLJoinMethod.left,
                on: SQLColumn("id", table: "p"), .equal, SQLColumn("patient_id", table: "c")
            )
            .where(SQLColumn("local_date", table: "c"), .greaterThanOrEqual, SQLBind(from.description))
            .where(SQLColumn("local_date", table: "c"), .lessThanOrEqual, SQLBind(to.description))
        if let patientId { query = query.where(SQLColumn("patient_id", table: "c"), .equal, SQLBind(patientId)) }
        if let before { query = query.newestFirst(before: before, time: SQLColumn("started_at", table: "c"), id: SQLColumn("id", table: "c")) }
        let rows =
            try await query
            .orderBy(SQLOrderBy(expression: SQLColumn("started_at", table: "c"), direction: SQLDirection.descending))
            .orderBy(SQLOrderBy(expression: SQLColumn("id", table: "c"), direction: SQLDirection.descending)).limit(limit).all()
        let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        var reasons: [UUID: [ContactReason]] = [:]
        if !ids.isEmpty {
            for row in try await sql.select().columns("contact_id", "reason").from("contact_reasons")
                .where("contact_id", .in, SQLBind.group(ids)).all()
            {
                if let reason = ContactReason(rawValue: try row.decode(column: "reason", as: String.self)) {
                    reasons[try row.decode(column: "contact_id", as: UUID.self), default: []].append(reason)
                }
            }
        }
        return try rows.map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            return ContactListItem(
                id: id, startedAt: try row.decode(column: "started_at", as: Date.self),
                durationSeconds: try row.decode(column: "duration_seconds", as: Int.self),
                outsideWorkingHours: try row.decode(column: "outside_working_hours", as: Bool.self),
                channel: try row.decodeEnum(column: "channel"), callerRole: try row.decodeEnum(column: "caller_role"),
                patientId: try row.decode(column: "patient_id", as: UUID?.self),
                patientName: try row.decode(column: "patient_name", as: String?.self),
                reasons: (reasons[id] ?? []).sorted { $0.order < $1.order }, triage: try row.decodeEnum(column: "triage"),
                outcome: try row.decodeEnum(column: "outcome"), createdByName: try row.decode(column: "created_by_name", as: String.self),
                inProgress: try row.decode(column: "in_progress", as: Bool.self))
        }
    }

    /// The patient's contacts, newest first: one look-up in `contacts_patient_idx` (patient, start),
    /// made inside the patient summary's snapshot, after its access check.
    public static func forPatient(_ patientId: UUID, limit: Int = 20, on db: any DatabaseReading) async throws -> [PatientContact] {
        try await db.sql.raw(
            """
            SELECT id, started_at, outside_working_hours, caller_role, triage, situation, background, assessment, recommendation, created_by_name
            FROM contacts WHERE patient_id = \(bind: patientId) ORDER BY started_at DESC, id DESC LIMIT \(literal: limit)
            """
        ).all().map { row in
            PatientContact(
                id: try row.decode(column: "id", as: UUID.self), startedAt: try row.decode(column: "started_at", as: Date.self),
                outsideWorkingHours: try row.decode(column: "outside_working_hours", as: Bool.self),
                callerRole: try row.decodeEnum(column: "caller_role"), triage: try row.decodeEnum(column: "triage"), sbar: try sbar(row),
                createdByName: try row.decode(column: "created_by_name", as: String.self))
        }
    }

    static func sbar(_ row: any SQLRow) throws -> SBAR {
        SBAR(
            situation: try row.decode(column: "situation", as: String?.self), background: try row.decode(column: "background", as: String?.self),
            assessment: try row.decode(column: "assessment", as: String?.self),
            recommendation: try row.decode(column: "recommendation", as: String?.self))
    }

    /// A contact's reasons and actions, in one statement (a round trip fewer on PostgreSQL for
    /// every contact shown or saved), each in the order of its enum's cases.
    static func reasonsAndActions(contactId: UUID, on sql: any SQLDatabase) async throws -> ([ContactReason], [ContactAction]) {
        let rows = try await sql.raw(
            """
            SELECT 'reason' AS kind, reason AS value FROM contact_reasons WHERE contact_id = \(bind: contactId)
            UNION ALL SELECT 'action' AS kind, action AS value FROM contact_actions WHERE contact_id = \(bind: contactId)
            """
        ).all()
        var stored: [String: Set<String>] = [:]
        for row in rows {
            stored[try row.decode(column: "kind", as: String.self), default: []].insert(try row.decode(column: "value", as: String.self))
        }
        return (
            ContactReason.allCases.filter { stored["reason"]?.contains($0.rawValue) == true },
            ContactAction.allCases.filter { stored["action"]?.contains($0.rawValue) == true }
        )
    }
}

public struct ContactIdTaken: Error {}

/// An Idempotency-Key already used by the same author for a different request (another body).
public struct IdempotencyKeyReused: Error {}

extension ContactReason {
    var order: Int { Self.allCases.firstIndex(of: self)! }
}
