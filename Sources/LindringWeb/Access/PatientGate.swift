import Foundation
import LindringCore
import LindringStore

/// The one way into a patient's data from a route: it asks the patient access policy and
/// writes the audit entry (allowed or denied, with the ground as purpose). A change and its
/// entry commit in one transaction. A read runs in a read-only snapshot, and its entry is
/// committed (in a group with other requests' entries) before the data leaves: an access whose
/// audit entry cannot be written durably is never shown (fail closed).
struct PatientGate {
    let services: AppServices

    enum Mode: Equatable {
        case read
        case write
        /// A change to the plan proposed from an advisory contact.
        case proposeFromContact
    }

    /// Why access was allowed, and the facts it was decided on.
    struct Granted: Sendable {
        let ground: PatientAccessGround
        let facts: PatientAccessFacts
    }

    struct Denied: Error {
        let canBreakTheGlass: Bool
        let patientId: UUID
    }

    /// What a patient write is: a change by the patient's own units, or a plan change proposed
    /// from an advisory contact.
    enum WriteMode: Sendable {
        case write
        case proposeFromContact

        var mode: Mode { self == .write ? .write : .proposeFromContact }
    }

    /// Runs `body` in one read snapshot if the signed-in user may read the patient, then commits
    /// the audit entry before returning; otherwise records the refusal and throws `Denied`.
    /// `action` names what was done (`patient.read`, `plan.history`…).
    func read<T: Sendable>(
        _ context: AppContext, patientId: UUID, action: String, purpose: String? = nil, audited: Bool = true,
        _ body: @escaping @Sendable (ReadSnapshot, Granted) async throws -> T
    ) async throws -> T {
        let user = try context.require(.readPatientData)
        let record = auditRecord(context, patientId: patientId, action: action, as: .readPatientData, purpose: purpose)
        let decision: Result<(T, PatientAccessGround), Denied> = try await services.persistence.read { tx in
            switch try await Self.decide(.read, user: user, context: context, patientId: patientId, on: tx) {
            case (.allowed(let ground), let facts): .success((try await body(tx, Granted(ground: ground, facts: facts)), ground))
            case (.denied(let canBreakTheGlass), _): .failure(Denied(canBreakTheGlass: canBreakTheGlass, patientId: patientId))
            }
        }
        switch decision {
        case .success(let (value, ground)):
            if audited { try await services.persistence.appendAudit(record(.allowed, ground)) }
            return value
        case .failure(let denied):
            try await services.persistence.appendAudit(record(.denied, nil))
            throw denied
        }
    }

    /// Runs `body` in one write transaction if the signed-in user may change the patient
    /// (`mode`), with the audit entry in the same transaction; otherwise records the refusal and
    /// throws `Denied`.
    func write<T: Sendable>(
        _ context: AppContext, patientId: UUID, _ mode: WriteMode = .write, action: String, purpose: String? = nil,
        audited: Bool = true, _ body: @escaping @Sendable (WriteTransaction, Granted) async throws -> T
    ) async throws -> T {
        let user = try context.require(.writePatientData)
        let record = auditRecord(context, patientId: patientId, action: action, as: .writePatientData, purpose: purpose)
        let outcome: Result<T, Denied> = try await services.persistence.write { tx in
            switch try await Self.decide(mode.mode, user: user, context: context, patientId: patientId, on: tx) {
            case (.allowed(let ground), let facts):
                let result = try await body(tx, Granted(ground: ground, facts: facts))
                if audited { try await AuditLog.append(record(.allowed, ground), on: tx) }
                return .success(result)
            case (.denied, _):
                try await AuditLog.append(record(.denied, nil), on: tx)
                return .failure(Denied(canBreakTheGlass: false, patientId: patientId))
            }
        }
        return try outcome.get()
    }

    /// For addresses that name a record rather than the patient (`/referrals/{id}`, `/outbox/{id}`):
    /// a user whose roles give no clinical access is refused as `PatientRefusalAuditMiddleware`
    /// refuses them on a patient's address, with the refusal in the patient's access log.
    func refuseWithoutClinicalAccess(_ context: AppContext, patientId: UUID, action: String) async throws {
        let user = try context.requireUser()
        guard !user.can(.readPatientData) else { return }
        try await services.persistence.appendAudit(
            context.auditRecord(
                action, as: .readPatientData, entityType: "patient", entityId: patientId.uuidString, patientId: patientId, outcome: .denied))
        throw AppError.forbidden
    }

    /// The entry of an allowed write whose body appends it itself (`audited: false`), because
    /// its purpose is known only once the request is read: the same entry the gate writes.
    func allowedRecord(_ context: AppContext, patientId: UUID, action: String, granted: Granted, purpose: String?) -> AuditRecord {
        auditRecord(context, patientId: patientId, action: action, as: .writePatientData, purpose: purpose)(.allowed, granted.ground)
    }

    /// The audit entry of an access, allowed on a ground or denied.
    private func auditRecord(
        _ context: AppContext, patientId: UUID, action: String, as permission: Action, purpose: String?
    )
        -> @Sendable (AuditOutcome, PatientAccessGround?) -> AuditRecord
    {
        { outcome, ground in
            context.auditRecord(
                action, as: permission, entityType: "patient", entityId: patientId.uuidString, patientId: patientId,
                purpose: ground.map { Self.purpose($0, purpose) } ?? purpose, outcome: outcome)
        }
    }

    /// The policy's decision for the user, with a break-the-glass grant of the session looked up
    /// only where nothing else allows.
    private static func decide(
        _ mode: Mode, user: User, context: AppContext, patientId: UUID,
        on tx: any DatabaseReading
    ) async throws -> (PatientAccessDecision, PatientAccessFacts) {
        guard let facts = try await PatientRepository.accessFacts(patientId: patientId, on: tx) else { throw AppError.notFound }
        var requester = PatientRequester(roles: user.roles, unitId: user.unitId)
        var decision = decide(mode, requester, facts)
        if case .denied(canBreakTheGlass: true) = decision, let session = context.session,
            try await BreakGlassRepository.isGranted(sessionToken: session.token, userId: user.id, patientId: patientId, on: tx)
        {
            requester.brokeTheGlass = true
            decision = decide(mode, requester, facts)
        }
        return (decision, facts)
    }

    static func decide(_ mode: Mode, _ requester: PatientRequester, _ facts: PatientAccessFacts) -> PatientAccessDecision {
        switch mode {
        case .read: PatientAccessPolicy.read(requester, facts)
        case .write: PatientAccessPolicy.write(requester, facts)
        case .proposeFromContact: PatientAccessPolicy.proposeFromContact(requester, facts)
        }
    }

    static func purpose(_ ground: PatientAccessGround, _ purpose: String?) -> String {
        [ground.rawValue, purpose].compactMap { $0 }.joined(separator: ": ")
    }

    /// A search by an exact CPR number that showed nothing: the patient with that number, whom the
    /// user may not read. Searches offer breaking the glass for them and show nothing else.
    static func restrictedMatch(_ query: String, results: [PatientListItem], on tx: any DatabaseReading) async throws -> UUID? {
        guard results.isEmpty, let cpr = try? CPRNumber(query) else { return nil }
        return try await PatientRepository.id(cpr: cpr, on: tx)
    }

    /// The user's requester facts for list queries (search, inbox).
    func requester(_ user: User) -> PatientRequester {
        PatientRequester(roles: user.roles, unitId: user.unitId)
    }
}
