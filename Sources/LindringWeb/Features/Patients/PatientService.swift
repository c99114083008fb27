import Foundation
import LindringCore
import LindringStore

/// The work the patient pages and the patient API share: registering patients and saving
/// plans, each with its access check and audit entry.
struct PatientService {
    let services: AppServices
    var gate: PatientGate { PatientGate(services: services) }

    func today() -> LocalDate { DanishCalendar.today() }

    func register(_ draft: PatientDraft, _ context: AppContext) async throws -> UUID {
        let user = try context.require(.writePatientData)
        guard let unit = user.unitId else { throw AppError.badRequest("Your account has no unit; a patient is registered by a unit.") }
        let valid = try draft.validated(today: today())
        let requester = PatientRequester(roles: user.roles, unitId: user.unitId)
        let outcome: Result<UUID, DuplicatePatient> = try await services.persistence.write { tx in
            // A CPR number already registered: the attempt is an access to that patient, audited
            // as allowed only where the policy lets the user read the patient (issue 17, item 3).
            if let existing = try await PatientRepository.id(cpr: valid.cpr, on: tx),
                let facts = try await PatientRepository.accessFacts(patientId: existing, on: tx)
            {
                let decision = PatientAccessPolicy.read(requester, facts)
                try await AuditLog.append(
                    context.auditRecord(
                        "patient.register.duplicate", as: .writePatientData, entityType: "patient",
                        entityId: existing.uuidString, patientId: existing, purpose: "CPR already registered",
                        outcome: decision.isAllowed ? .allowed : .denied), on: tx)
                return .failure(DuplicatePatient(decision: decision, patientId: existing))
            }
            let id = try await PatientRepository.create(valid, registeringUnitId: unit, recordedBy: user.id, on: tx)
            try await AuditLog.append(
                context.auditRecord(
                    "patient.create", as: .writePatientData, entityType: "patient", entityId: id.uuidString,
                    patientId: id, purpose: PatientAccessGround.registeringUnit.rawValue), on: tx)
            return .success(id)
        }
        return try outcome.get()
    }

    /// One writer job: the gate's decision, then the patient as stored (its CPR number cannot be
    /// changed), the draft's validation and the update, with the audit entry.
    func updateDetails(_ patientId: UUID, _ draft: PatientDraft, _ context: AppContext) async throws {
        let user = try context.require(.writePatientData)
        let today = today()
        try await gate.write(context, patientId: patientId, action: "patient.update") { tx, _ in
            guard let patient = try await PatientRepository.find(id: patientId, on: tx) else { throw AppError.notFound }
            var draft = draft
            draft.cpr = patient.cpr.digits
            try await PatientRepository.update(id: patientId, try draft.validated(today: today), recordedBy: user.id, on: tx)
        }
    }

    func read(_ patientId: UUID, _ context: AppContext, action: String, purpose: String? = nil) async throws -> Patient {
        try await gate.read(context, patientId: patientId, action: action, purpose: purpose) { tx, _ in
            guard let patient = try await PatientRepository.find(id: patientId, on: tx) else { throw AppError.notFound }
            return patient
        }
    }

    /// The patient, the plan, the latest screening, the advisory contacts and who may change the
    /// plan, read in one snapshot under one audit entry. The contacts are listed where
    /// `ContactReadPolicy` lets the reader open them: one indexed query more.
    func summary(_ patientId: UUID, _ context: AppContext, purpose: String? = nil, fromContact: Bool = false) async throws -> PatientSummary {
        let user = try context.requireUser()
        return try await gate.read(context, patientId: patientId, action: "patient.read", purpose: purpose) { tx, granted in
            guard let patient = try await PatientRepository.find(id: patientId, on: tx) else { throw AppError.notFound }
            let plan = try await PlanRepository.find(patientId: patientId, on: tx)
            let requester = PatientRequester(roles: user.roles, unitId: user.unitId, brokeTheGlass: granted.ground == .breakTheGlass)
            let canWrite = PatientGate.decide(fromContact ? .proposeFromContact : .write, requester, granted.facts).isAllowed
            let latest = try await AssessmentRepository.latest(patientId: patientId, on: tx)
            let contacts =
                ContactReadPolicy.read(requester, patient: granted.facts, followUpUnitIds: []) == nil
                ? []
                : try await ContactRepository.forPatient(patientId, limit: PatientSummary.contactLimit, on: tx)
            let referrals = try await ReferralService.shown(try await ReferralRepository.forPatient(patientId, on: tx), on: tx)
            // The working group's communication pathways for the plan: not patient data, read in the same snapshot.
            return PatientSummary(
                patient: patient, plan: plan, ground: granted.ground, canWrite: canWrite, latestScreening: latest, contacts: contacts,
                referrals: referrals, messages: try await OutboxRepository.forPatient(patientId, on: tx),
                pathways: try await PathwayRepository.forPage(.plan, on: tx))
        }
    }

    func knownUnitIds() async throws -> Set<UUID> {
        Set(try await services.units(includeInactive: false).map(\.id))
    }

    /// Creates the plan (no `basedOn`) or saves a new version of it. `fromContact` links the
    /// version to the advisory contact it was proposed from, which also lets advisory staff
    /// propose it for a patient who consented to sharing. One writer job: the gate decides first,
    /// so a user who may not change the plan learns nothing from `input`'s errors; then the
    /// input is decoded and validated, and the plan read once is the one the new version follows.
    func savePlan(
        _ patientId: UUID, _ input: @escaping @Sendable () throws -> PlanInput, basedOn base: @escaping @Sendable () throws -> PlanBase,
        creating: Bool, fromContact contactId: UUID? = nil, _ context: AppContext
    ) async throws -> StoredPlan {
        let user = try context.require(.writePatientData)
        let action = creating ? "plan.create" : "plan.update"
        let mode: PatientGate.WriteMode = contactId == nil ? .write : .proposeFromContact
        let purpose = contactId.map { "contact:\($0.uuidString)" }
        let (knownUnits, today) = (try await knownUnitIds(), today())
        let author = PlanAuthor(userId: user.id, name: user.name, unitId: user.unitId, contactId: contactId)
        return try await gate.write(context, patientId: patientId, mode, action: action, purpose: purpose) { tx, _ in
            if let contactId {
                guard let contact = try await ContactRepository.find(id: contactId, on: tx), contact.details.patientId == patientId else {
                    throw AppError.notFound
                }
            }
            let base = try base()
            let content = try input().validated(knownUnitIds: knownUnits, today: today)
            if base != .none {
                let current = try await PlanRepository.find(patientId: patientId, on: tx)
                guard let version = base == .current ? current?.version : base.version else { throw AppError.notFound }
                if let current, current.content.status == .ended, content.status == .ended {
                    throw ValidationFailure([FieldError("status", .planEnded)])
                }
                return try await PlanRepository.update(patientId: patientId, content, basedOn: version, current: current, author: author, on: tx).plan
            }
            do {
                return try await PlanRepository.create(patientId: patientId, content, author: author, on: tx)
            } catch is PlanAlreadyExists {
                throw AppError.conflict("This patient already has a plan; change it instead.")
            }
        }
    }
}

/// The version a plan save follows: none (a new plan), the one the user opened, or whatever is
/// current (`If-Match: *`).
enum PlanBase: Equatable, Sendable {
    case none
    case version(Int)
    case current

    var version: Int? {
        if case .version(let version) = self { version } else { nil }
    }
}

struct PatientSummary: Sendable {
    let patient: Patient
    let plan: StoredPlan?
    let ground: PatientAccessGround
    let canWrite: Bool
    var latestScreening: LatestScreening?
    /// The patient's advisory contacts, newest first (at most `contactLimit`).
    var contacts: [PatientContact] = []
    /// The patient's referrals to specialised palliative care, newest first.
    var referrals: [ReferralService.Shown] = []
    /// The MedCom messages composed about the patient, newest first.
    var messages: [OutboxItem] = []
    /// The communication pathways shown as help on the plan.
    var pathways: [CommunicationPathway] = []

    static let contactLimit = 10
}

/// Registering a CPR number that is already registered. The answer tells no more than the user
/// may know: the patient to a user who may read them; otherwise only that the number cannot be
/// registered again, and the ways on (ask the registering unit, or break the glass, audited).
struct DuplicatePatient: Error {
    let decision: PatientAccessDecision
    /// Kept for the routes to link to, never shown to a user who may not read the patient.
    let patientId: UUID

    /// The patient's id where the user may read them.
    var readablePatientId: UUID? { decision.isAllowed ? patientId : nil }

    var canBreakTheGlass: Bool { decision == .denied(canBreakTheGlass: true) }
}
