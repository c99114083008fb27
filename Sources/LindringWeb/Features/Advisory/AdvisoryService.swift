import FluentKit
import Foundation
import LindringCore
import LindringStore

/// The work the advisory pages and the advisory API share, each with its permission check and
/// audit entry in the same transaction as the read or write.
struct AdvisoryService {
    let services: AppServices

    var today: LocalDate { LocalDate(Date(), in: DanishCalendar.timeZone) }

    /// Validates and stores a contact with its follow-up. A retry (same Idempotency-Key, or the
    /// same form submitted twice, which carries the same contact id) returns the first contact;
    /// the same key with a different draft is `IdempotencyKeyReused`.
    func createContact(
        _ draft: ContactDraft, id: UUID = UUID(), idempotencyKey: String? = nil, _ context: AppContext
    ) async throws
        -> (id: UUID, created: Bool)
    {
        let user = try context.require(.documentAdvisoryContacts)
        var keyWorkerUnit: UUID?
        if let patientId = draft.patientUUID {
            // Linking a contact to a patient reads the patient (the contact then shows the name and
            // the plan's key worker), so it needs read access, audited with the contact as purpose:
            // an unknown patient is 404, one who has not consented to sharing 403, nothing stored.
            keyWorkerUnit = try await PatientGate(services: services).read(
                context, patientId: patientId, action: "patient.read",
                purpose: "contact:\(id.uuidString)"
            ) { tx, _ in
                try await PlanRepository.find(patientId: patientId, on: tx)?.content.keyWorker?.unitId
            }
        }
        let known = Set(try await services.units(includeInactive: false).map(\.id))
        let valid = try draft.validated(
            .init(now: Date(), knownUnitIds: known, keyWorkerUnitId: keyWorkerUnit, shifts: services.config.advisoryShifts))
        let author = RecordAuthor(userId: user.id, name: user.name)
        let fingerprint = try idempotencyKey.map { _ in try RequestFingerprint.of(draft) }
        let result = try await retryingOnceIfTaken {
            try await store(valid, id: id, author: author, idempotencyKey: idempotencyKey, fingerprint: fingerprint, context)
        }
        if result.created { services.advisoryEvents.publish("contact") }
        return result
    }

    /// Two requests with the same Idempotency-Key at the same moment: on PostgreSQL the second
    /// waits for the first and then meets its unique key; tried again, it finds the first contact.
    func retryingOnceIfTaken<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return try await body()
        }
    }

    /// Only the rows go through the writer's transaction, which every write waits for in turn;
    /// whoever needs the stored contact (the API's answer) reads it afterwards, on a reader.
    func store(
        _ valid: ValidContact, id: UUID, author: RecordAuthor, idempotencyKey: String?, fingerprint: String?,
        _ context: AppContext
    ) async throws -> (id: UUID, created: Bool) {
        let created = try await services.persistence.write { tx in
            let created: ContactRepository.Created
            do {
                created = try await ContactRepository.create(
                    valid, id: id, author: author, idempotencyKey: idempotencyKey, fingerprint: fingerprint,
                    on: tx)
            } catch is ContactIdTaken {
                throw AppError.conflict("This contact id is already used.")
            }
            if case .new = created {
                try await AuditLog.append(
                    context.auditRecord(
                        "contact.create", as: .documentAdvisoryContacts, entityType: "contact",
                        entityId: created.id.uuidString, patientId: valid.patientId), on: tx)
            }
            return created
        }
        return (created.id, created == .new(created.id))
    }

    /// One contact, to those `ContactReadPolicy` lets read it (advisory staff, the unit a follow-up
    /// is sent to, units that may read the patient), audited as a read of the patient it concerns
    /// with the ground as purpose, a refusal too; the patient's name only as far as
    /// `LineRecordPolicy` allows (broken glass counts here, as on the patient's own pages).
    func contact(_ id: UUID, _ context: AppContext) async throws -> Contact {
        let user = try context.require(.readPatientData)
        let outcome: Result<Contact, AppError> = try await services.persistence.write { tx in
            guard let contact = try await ContactRepository.find(id: id, on: tx) else { throw AppError.notFound }
            let (ground, redaction) = try await readAccess(contact, user, context, on: tx)
            let record = { (purpose: String?, outcome: AuditOutcome) in
                context.auditRecord(
                    "contact.read", as: .readPatientData, entityType: "contact", entityId: id.uuidString, patientId: contact.patientId,
                    purpose: purpose, outcome: outcome)
            }
            guard let ground else {
                try await AuditLog.append(record(nil, .denied), on: tx)
                return .failure(AppError.forbidden)
            }
            let disclosed = try await redaction.apply([contact], on: tx).records[0]
            try await AuditLog.append(record(ground.purpose + (disclosed.patientWithheld ? ": patientWithheld" : ""), .allowed), on: tx)
            return .success(disclosed)
        }
        return try outcome.get()
    }

    /// Why `user` may read `contact` (`ContactReadPolicy`; nil: not at all), and what of the
    /// patient they may then see (`LineRecordPolicy`, broken glass counting).
    func readAccess(
        _ contact: Contact, _ user: User, _ context: AppContext, on tx: any DatabaseReading
    ) async throws
        -> (ground: ContactReadGround?, redaction: LineRecordRedaction)
    {
        var brokeTheGlass = false
        if let patientId = contact.patientId, let session = context.session {
            brokeTheGlass = try await BreakGlassRepository.isGranted(sessionToken: session.token, userId: user.id, patientId: patientId, on: tx)
        }
        let redaction = LineRecordRedaction(user, brokeTheGlass: brokeTheGlass)
        let facts = try await contact.patientId.asyncMap { try await PatientRepository.accessFacts(patientId: $0, on: tx) } ?? nil
        return (ContactReadPolicy.read(redaction.requester, patient: facts, followUpUnitIds: Set(contact.followUps.map(\.unitId))), redaction)
    }

    /// Adds an addendum beneath a saved contact (which itself never changes), signed with the
    /// user's name and unit. Only for those who document contacts and may read this one, exactly as
    /// the contact page decides; a refusal is audited as the page's is (`contact.addendum`, denied).
    /// The text is clinical free text: it is stored, never logged.
    func addAddendum(to id: UUID, text: String?, _ context: AppContext) async throws -> ContactAddendum {
        let user = try context.require(.readPatientData)
        let outcome: Result<ContactAddendum, any Error> = try await services.persistence.write { tx in
            guard let contact = try await ContactRepository.find(id: id, on: tx) else { throw AppError.notFound }
            let ground = try await readAccess(contact, user, context, on: tx).ground
            let record = { (purpose: String?, outcome: AuditOutcome) in
                context.auditRecord(
                    "contact.addendum", as: .documentAdvisoryContacts, entityType: "contact", entityId: id.uuidString,
                    patientId: contact.patientId, purpose: purpose, outcome: outcome)
            }
            guard let ground, user.can(.documentAdvisoryContacts) else {
                try await AuditLog.append(record(nil, .denied), on: tx)
                return .failure(AppError.forbidden)
            }
            let valid: String
            do { valid = try ContactAddendumText.validated(text) } catch { return .failure(error) }
            let addendum = try await ContactRepository.addAddendum(
                contactId: id, text: valid, author: RecordAuthor(userId: user.id, name: user.name),
                unitName: user.unitName, on: tx)
            try await AuditLog.append(record(ground.purpose, .allowed), on: tx)
            return .success(addendum)
        }
        return try outcome.get()
    }

    func contacts(
        from: LocalDate, to: LocalDate, patientId: UUID?, limit: Int, before: (Date, UUID)?, _ context: AppContext
    ) async throws -> [ContactListItem] {
        let user = try context.require(.documentAdvisoryContacts)
        return try await services.persistence.write { tx in
            let listed = try await ContactRepository.list(from: from, to: to, patientId: patientId, limit: limit, before: before, on: tx)
            let (items, shown) = try await LineRecordRedaction(user).apply(listed, on: tx)
            try await AuditLog.append(
                [
                    context.auditRecord(
                        "contact.list", as: .documentAdvisoryContacts, entityType: "contact", patientId: patientId,
                        purpose: "\(from)…\(to): \(items.count)")
                ]
                    + context.shownRecords("contact.list", patients: shown), on: tx)
            return items
        }
    }

    /// Follow-ups of one unit, or of every unit when none is named. Advisory staff see every
    /// unit's (they created them and hand over to them); others only their own unit's.
    func followUps(
        unitId requested: UUID?, status: FollowUpStatus?, limit: Int = 500, after: (dueAt: Date, id: UUID)? = nil,
        closedIn: Range<Date>? = nil, _ context: AppContext
    ) async throws -> [FollowUp] {
        let user = try context.require(.readPatientData)
        let seesAll = user.can(.documentAdvisoryContacts)
        let unit = seesAll ? requested : (requested ?? user.unitId)
        if let unit, unit != user.unitId, !seesAll { throw AppError.forbidden }
        if unit == nil, !seesAll { return [] }
        return try await services.persistence.write { tx in
            let listed = try await FollowUpRepository.list(
                .init(unitId: unit, status: status, limit: limit, after: after, closedIn: closedIn), on: tx)
            let (items, shown) = try await LineRecordRedaction(user).apply(listed, on: tx)
            let what = closedIn == nil ? status?.rawValue ?? "all" : "closed"
            try await AuditLog.append(
                [
                    context.auditRecord(
                        "followup.list", as: .readPatientData, entityType: "unit", entityId: unit?.uuidString,
                        purpose: "\(what): \(items.count)")
                ]
                    + context.shownRecords("followup.list", patients: shown), on: tx)
            return items
        }
    }

    /// Marks a follow-up done or cancelled, with its note (`FollowUpClosing`: a cancellation says
    /// why): by its unit, or by advisory staff. The note is stored with who and when, never logged.
    func closeFollowUp(_ id: UUID, as status: FollowUpStatus, note: String?, _ context: AppContext) async throws -> FollowUp {
        let user = try context.require(.readPatientData)
        let closed: FollowUp = try await services.persistence.write { tx in
            guard let followUp = try await FollowUpRepository.find(id: id, on: tx) else { throw AppError.notFound }
            guard followUp.unitId == user.unitId || user.can(.documentAdvisoryContacts) else { throw AppError.forbidden }
            let closing = try FollowUpClosing.validated(status, note: note)
            guard try await FollowUpRepository.close(id: id, closing, by: RecordAuthor(userId: user.id, name: user.name), on: tx) else {
                throw AppError.conflict("This follow-up is already \(followUp.status.rawValue).")
            }
            try await AuditLog.append(
                context.auditRecord(
                    "followup.\(status.rawValue)", as: .readPatientData, entityType: "followUp",
                    entityId: id.uuidString, patientId: followUp.patientId), on: tx)
            guard let closed = try await FollowUpRepository.find(id: id, on: tx) else { throw AppError.notFound }
            return try await LineRecordRedaction(user).apply([closed], on: tx).records[0]
        }
        services.advisoryEvents.publish("followUp")
        return closed
    }

    func statistics(from: LocalDate, to: LocalDate, _ context: AppContext) async throws -> AdvisoryStatistics {
        _ = try context.require(.viewAdvisoryStatistics)
        let cache = services.advisoryStatistics
        return try await services.persistence.read { try await cache.statistics(from: from, to: to, in: $0) }
    }
}

extension AdvisoryService {
    /// The shift running now and who is on it.
    func onDuty(now: Date = Date()) async throws -> OnDuty {
        let shift = services.config.advisoryShifts.occurrence(at: now)
        let staff = try await services.persistence.readEach { try await RotaRepository.assignments(from: shift.date, to: shift.date, on: $0) }.filter
        { $0.shiftCode == shift.code }
        return OnDuty(shift: shift, staff: staff)
    }

    /// Everything the board shows; the board is re-read whenever a colleague saves.
    func board(_ context: AppContext) async throws -> Board {
        let today = self.today
        let contacts = try await self.contacts(from: today, to: today, patientId: nil, limit: 200, before: nil, context)
        let followUps = try await self.followUps(unitId: nil, status: .open, limit: 200, context)
        // Red screening results that came outside working hours, when the key worker's team is away.
        let red = try await services.persistence.readAudited { tx in
            let red = try await AssessmentRepository.recentRed(since: Date().addingTimeInterval(-24 * 3600), on: tx)
                .filter { WorkingHours.at($0.takenAt).outsideWorkingHours }
            return (red, context.shownRecords("board.redScreening", patients: red.map { ($0.patientId, "advisoryLine: board") }))
        }
        return Board(onDuty: try await onDuty(), contacts: contacts, followUps: followUps, redScreenings: red)
    }
}

struct OnDuty: Sendable {
    let shift: ShiftPattern.Occurrence
    let staff: [RotaAssignment]
}

struct Board: Sendable {
    let onDuty: OnDuty
    let contacts: [ContactListItem]
    let followUps: [FollowUp]
    let redScreenings: [RedScreening]
}
