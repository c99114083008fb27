import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// Composing a MedCom message from the plan or an advisory contact, the outbox, and an item's
/// page (its check, its Bundle, its status and the reply).
struct CareCommunicationController {
    let services: AppServices
    var messages: CareCommunicationService { CareCommunicationService(services: services) }
    var patients: PatientService { PatientService(services: services) }

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.newCareCommunication.routerPath, use: newMessage)
        router.post(Routes.newCareCommunication.routerPath, use: compose)
        router.get(Routes.outbox.routerPath, use: outbox)
        router.get(Routes.outboxItem.routerPath, use: item)
        router.post(Routes.outboxItemStatus.routerPath, use: setStatus)
        router.post(Routes.outboxItemReply.routerPath, use: reply)
    }

    @Sendable func newMessage(_ request: Request, context: AppContext) async throws -> Response {
        let patientId = try context.requiredIdParameter()
        let contactId = request.query["contact"].flatMap { UUID(uuidString: $0) }
        let summary = try await patients.summary(
            patientId, context, purpose: contactId.map { "contact:\($0.uuidString)" }, fromContact: contactId != nil)
        guard summary.canWrite else { throw PatientGate.Denied(canBreakTheGlass: false, patientId: patientId) }
        let receivers = try await Self.receivers(summary, services: services)
        let draft = CareCommunicationDraft(
            receiverUnitId: receivers.first?.id.uuidString, contactId: request.query["contact"].flatMap { UUID(uuidString: $0)?.uuidString })
        return try await form(context, summary: summary, form: CareCommunicationForm(draft: draft), errors: [], status: .ok)
    }

    @Sendable func compose(_ request: Request, context: AppContext) async throws -> Response {
        let patientId = try context.requiredIdParameter()
        let form = try await request.decode(as: CareCommunicationForm.self, context: context)
        do {
            let item = try await messages.compose(patientId, { form.draft }, fromContact: form.draft.contactId != nil, context)
            return .redirect(to: Routes.outboxItem(item.id) + "?notice=messageComposed")
        } catch let failure as ValidationFailure {
            let summary = try await patients.summary(patientId, context, purpose: "careCommunication.form")
            return try await self.form(context, summary: summary, form: form, errors: failure.errors, status: .unprocessableContent)
        } catch let missing as MissingMessagingAddress {
            let summary = try await patients.summary(patientId, context, purpose: "careCommunication.form")
            return try await self.form(
                context, summary: summary, form: form, errors: [FieldError(missing.field, .noMessagingAddress)], status: .unprocessableContent,
                missing: missing)
        }
    }

    /// The patient's GP and the plan's home-care and GP units first: who a message goes to.
    static func receivers(_ summary: PatientSummary, services: AppServices) async throws -> [OrgUnit] {
        let units = try await services.units(includeInactive: false)
        let team = Set(summary.plan?.content.careTeam.map(\.unitId) ?? []).union([summary.patient.gpUnitId].compactMap { $0 })
        let preferred = units.filter { team.contains($0.id) && [.generalPractice, .homeCare].contains($0.kind) }
        let others = units.filter { !team.contains($0.id) && [.generalPractice, .homeCare].contains($0.kind) }.sorted { $0.name < $1.name }
        return preferred + others
    }

    func form(
        _ context: AppContext, summary: PatientSummary, form: CareCommunicationForm, errors: [FieldError], status: HTTPResponse.Status,
        missing: MissingMessagingAddress? = nil
    ) async throws -> Response {
        let receivers = try await Self.receivers(summary, services: services)
        return .html(
            CareCommunicationViews.form(
                PageContext(context, path: Routes.newCareCommunication(summary.patient.id)), summary: summary, receivers: receivers, form: form,
                errors: errors, missing: missing), status: status)
    }

    @Sendable func item(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let user = try context.requireUser()
        let units = try await services.unitDirectory()
        if !user.can(.readPatientData), user.can(.operateOutbox) {
            // An operator sees the envelope, not the message.
            let item = try await services.existing { try await OutboxRepository.find(id: id, on: $0) }
            return .html(
                CareCommunicationViews.item(
                    PageContext(context, path: Routes.outbox()), item, patientName: nil, units: units, notice: request.query["notice"]))
        }
        let patientId = try await messages.patient(of: id)
        try await messages.gate.refuseWithoutClinicalAccess(context, patientId: patientId, action: "careCommunication.read")
        let (item, patient) = try await messages.gate.read(context, patientId: patientId, action: "careCommunication.read") {
            tx, _ in
            guard let item = try await OutboxRepository.find(id: id, on: tx),
                let patient = try await PatientRepository.find(id: item.patientId, on: tx)
            else { throw AppError.notFound }
            return (item, patient)
        }
        return .html(
            CareCommunicationViews.item(
                PageContext(context, path: Routes.outbox()), item, patientName: patient.name, units: units, notice: request.query["notice"]))
    }

    /// The outbox: operators see every message's envelope (no patient, no text); a clinician sees
    /// the messages of their own unit.
    @Sendable func outbox(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        guard user.can(.operateOutbox) || (user.can(.writePatientData) && user.unitId != nil) else { throw AppError.forbidden }
        let status = request.query["status"].flatMap(OutboxStatus.init(rawValue:))
        let own = user.can(.operateOutbox) ? nil : user.unitId
        let items = try await services.persistence.read { tx in
            try await OutboxRepository.list(status: status, senderUnitId: own, limit: 200, on: tx)
        }
        return .html(
            CareCommunicationViews.outbox(
                PageContext(context, path: Routes.outbox()), items, status: status, units: try await services.unitDirectory()))
    }

    @Sendable func setStatus(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let form = try await request.decode(as: OutboxStatusForm.self, context: context)
        guard let status = form.status.flatMap(OutboxStatus.init(rawValue:)) else { throw ValidationFailure([FieldError("status", .invalidChoice)]) }
        _ = try await messages.move(id, to: status, note: form.note, context)
        return .redirect(to: Routes.outboxItem(id) + "?notice=messageStatusSaved")
    }

    @Sendable func reply(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let form = try await request.decode(as: CareCommunicationForm.self, context: context)
        let original = try await messages.read(id, context)
        do {
            let item = try await messages.compose(
                original.patientId,
                {
                    var draft = form.draft
                    draft.receiverUnitId = original.receiverUnitId.uuidString
                    return draft
                }, fromContact: original.contactId != nil, replyTo: id, context)
            return .redirect(to: Routes.outboxItem(item.id) + "?notice=messageComposed")
        } catch let failure as ValidationFailure {
            // The reply's text again, with what was wrong with it.
            let patient = try await patients.read(original.patientId, context, action: "careCommunication.read")
            return .html(
                CareCommunicationViews.item(
                    PageContext(context, path: Routes.outbox()), original, patientName: patient.name, units: try await services.unitDirectory(),
                    notice: nil, reply: form.draft.text, replyErrors: failure.errors), status: .unprocessableContent)
        }
    }
}
