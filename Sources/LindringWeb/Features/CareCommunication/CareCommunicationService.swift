import Foundation
import LindringCore
import LindringStore

/// A unit a MedCom message cannot be addressed to or from: it lacks its SOR code or EAN number,
/// which administrators keep in the unit register. Answered 422, naming the unit.
struct MissingMessagingAddress: Error {
    /// `receiverUnitId`, or `senderUnit` for the user's own unit (which also needs a phone number).
    let field: String
    let unitName: String
}

/// Composes MedCom CareCommunications from a plan or an advisory contact, checks them, and keeps
/// them in the outbox. Patient data: every compose, read and reply goes through `PatientGate`.
struct CareCommunicationService {
    let services: AppServices
    var gate: PatientGate { PatientGate(services: services) }

    /// Composes a new message (or, with `replyTo`, a reply in the same conversation). One writer
    /// job: the gate's decision, the draft's validation, the Bundle built and checked, stored.
    /// `fromContact`: written from an advisory contact, which lets the advisory line write about a
    /// patient who consented to sharing, as it may propose a plan change.
    func compose(
        _ patientId: UUID, _ draft: @escaping @Sendable () throws -> CareCommunicationDraft, fromContact: Bool, replyTo: UUID? = nil,
        _ context: AppContext
    ) async throws -> OutboxItem {
        let user = try context.requireUser()
        let units = try await services.units(includeInactive: true)
        let byId = Dictionary(units.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let role = Localizer(.danish)("profession.\(user.profession.rawValue)")
        let action = replyTo == nil ? "careCommunication.create" : "careCommunication.reply"
        return try await gate.write(context, patientId: patientId, fromContact ? .proposeFromContact : .write, action: action) { tx, _ in
            var valid = try draft().validated(knownUnitIds: Set(units.filter(\.active).map(\.id)))
            var earlier: [CareCommunicationPayload] = []
            var repliesTo: (item: OutboxItem, messageId: UUID)?
            var conversation = UUID()
            if let replyTo {
                guard let original = try await OutboxRepository.find(id: replyTo, on: tx), original.patientId == patientId else {
                    throw AppError.notFound
                }
                // A reply continues a conversation the network has carried.
                guard original.status == .sent else { throw AppError.conflict("Only a message that was sent can be replied to.") }
                repliesTo = (original, original.messageId)
                valid.contactId = valid.contactId ?? original.contactId
                // The conversation keeps its Communication identifier, and a reply repeats every
                // earlier segment, oldest first (MedCom).
                conversation = CareCommunicationBundle.communicationIdentifier(in: Data(original.bundle.utf8)) ?? conversation
                var cursor: OutboxItem? = original
                while let item = cursor, earlier.count < 100 {
                    if let unit = byId[item.senderUnitId], let organisation = Self.organisation(unit) {
                        earlier.insert(
                            CareCommunicationPayload(
                                identifier: item.payloadId, text: item.text, writtenAt: item.createdAt,
                                author: CareCommunicationAuthor(name: item.authorName, role: item.authorRole, phone: item.authorPhone),
                                organisation: organisation), at: 0)
                    }
                    cursor = try await item.repliesTo.asyncMap { try await OutboxRepository.find(id: $0, on: tx) } ?? nil
                }
            }
            if fromContact, valid.contactId == nil { throw ValidationFailure([FieldError("contactId", .required)]) }
            if let contactId = valid.contactId {
                guard let contact = try await ContactRepository.find(id: contactId, on: tx), contact.details.patientId == patientId else {
                    throw ValidationFailure([FieldError("contactId", .notFound)])
                }
            }
            let receiverUnit = byId[valid.receiverUnitId]!
            guard let receiver = Self.organisation(receiverUnit) else {
                throw MissingMessagingAddress(field: "receiverUnitId", unitName: receiverUnit.name)
            }
            guard let senderUnit = user.unitId.flatMap({ byId[$0] }) else {
                throw AppError.badRequest("Your account has no unit; a MedCom message is sent from a unit.")
            }
            // MedCom requires a number to call the author back on: the unit's, by day or out of hours,
            // else its parent's (a hospital's switchboard).
            let phone = [senderUnit.dayPhone, senderUnit.outOfHoursPhone, senderUnit.parentId.flatMap { byId[$0]?.dayPhone }]
                .compactMap { $0 }.first
            guard let sender = Self.organisation(senderUnit), let phone else {
                throw MissingMessagingAddress(field: "senderUnit", unitName: senderUnit.name)
            }
            guard let patient = try await PatientRepository.find(id: patientId, on: tx) else { throw AppError.notFound }
            let now = Date()
            let author = CareCommunicationAuthor(name: user.name, role: role, phone: phone)
            let message = CareCommunicationMessage(
                messageId: UUID(), communicationIdentifier: conversation, sentAt: now, sender: sender, receiver: receiver,
                patient: CareCommunicationPatient(cpr: patient.cpr.digits, name: patient.name), author: author, text: valid.text,
                activity: replyTo == nil ? .newMessage : .replyMessage, repliesTo: repliesTo?.messageId, earlierPayloads: earlier)
            let bundle = CareCommunicationBundle.json(for: message)
            let problems = CareCommunicationCheck.problems(in: bundle)
            let item = OutboxItem(
                id: UUID(), patientId: patientId, contactId: valid.contactId, senderUnitId: senderUnit.id, receiverUnitId: receiverUnit.id,
                repliesTo: repliesTo?.item.id, activity: message.activity,
                // A message that fails the local check is never offered for sending.
                status: problems.isEmpty ? valid.status : .draft, messageId: message.messageId,
                payloadId: CareCommunicationBundle.payloadIdentifier(for: message), text: valid.text, authorName: user.name, authorRole: role,
                authorPhone: author.phone, bundle: String(decoding: bundle, as: UTF8.self), problems: problems.map(\.rule), createdAt: now,
                statusAt: now, statusBy: user.name)
            try await OutboxRepository.create(item, on: tx)
            return item
        }
    }

    static func organisation(_ unit: OrgUnit) -> MessagingOrganisation? {
        guard let sor = unit.sorCode, let ean = unit.eanCode else { return nil }
        return MessagingOrganisation(name: unit.name, sorCode: sor, eanCode: ean, phone: unit.dayPhone)
    }

    /// An item of the outbox with its patient's access and audit.
    func read(_ id: UUID, _ context: AppContext, action: String = "careCommunication.read") async throws -> OutboxItem {
        let patientId = try await patient(of: id)
        try await gate.refuseWithoutClinicalAccess(context, patientId: patientId, action: action)
        return try await gate.read(context, patientId: patientId, action: action) { tx, _ in
            guard let item = try await OutboxRepository.find(id: id, on: tx) else { throw AppError.notFound }
            return item
        }
    }

    /// The author's unit readies a draft (patient access); an operator records sent or failed
    /// (no patient content is shown or changed, so no patient access is needed).
    func move(_ id: UUID, to status: OutboxStatus, note: String?, _ context: AppContext) async throws -> OutboxItem {
        let user = try context.requireUser()
        let patientId = try await patient(of: id)
        let note = note.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : String($0.prefix(500)) }
        if status == .sent || status == .failed || (status == .ready && user.can(.operateOutbox) && !user.can(.writePatientData)) {
            _ = try context.require(.operateOutbox)
            return try await services.persistence.write { tx in
                guard let item = try await OutboxRepository.find(id: id, on: tx) else { throw AppError.notFound }
                guard item.status.canMove(to: status, by: .outboxOperator) else { throw Self.refusal(item.status, status) }
                try await OutboxRepository.move(id: id, from: item.status, to: status, by: user.name, note: note, on: tx)
                try await AuditLog.append(
                    context.auditRecord(
                        "careCommunication.status", as: .operateOutbox, entityType: "careCommunication", entityId: id.uuidString,
                        patientId: patientId, purpose: status.rawValue), on: tx)
                return try await OutboxRepository.find(id: id, on: tx)!
            }
        }
        return try await gate.write(context, patientId: patientId, action: "careCommunication.status", purpose: status.rawValue) { tx, _ in
            guard let item = try await OutboxRepository.find(id: id, on: tx) else { throw AppError.notFound }
            // The author's unit moves its own messages only.
            guard item.senderUnitId == user.unitId, item.status.canMove(to: status, by: .author), item.problems.isEmpty || status == .draft else {
                throw Self.refusal(item.status, status)
            }
            try await OutboxRepository.move(id: id, from: item.status, to: status, by: user.name, note: note, on: tx)
            return try await OutboxRepository.find(id: id, on: tx)!
        }
    }

    static func refusal(_ from: OutboxStatus, _ to: OutboxStatus) -> AppError {
        .conflict("A message that is \(from.rawValue) cannot become \(to.rawValue).")
    }

    /// The message's patient, looked up before the gate: an unknown message is 404 for everyone.
    func patient(of id: UUID) async throws -> UUID {
        try await services.existing { try await OutboxRepository.patientId(of: id, on: $0) }
    }
}
