import FluentKit
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

    /// Runs `body` if the signed-in user may `mode` the patient; otherwise records the refusal
    /// and throws `Denied`. `action` names what was done (`patient.read`, `plan.update`…).
    func access<T: Sendable>(_ context: AppContext, patientId: UUID, _ mode: Mode, action: String, purpose: String? = nil,
                             audited: Bool = true, _ body: @escaping @Sendable (any Database, Granted) async throws -> T) async throws -> T {
        let permission: Action = mode == .read ? .readPatientData : .writePatientData
        let user = try context.require(permission)
        let record = { @Sendable (outcome: AuditOutcome, ground: PatientAccessGround?) in
            context.auditRecord(action, as: permission, entityType: "patient", entityId: patientId.uuidString, patientId: patientId,
                                purpose: ground.map { Self.purpose($0, purpose) } ?? purpose, outcome: outcome)
        }
        let decide = { @Sendable (tx: any Database) async throws -> (PatientAccessDecision, PatientAccessFacts) in
            guard let facts = try await PatientRepository.accessFacts(patientId: patientId, on: tx) else { throw AppError.notFound }
            var requester = PatientRequester(roles: user.roles, unitId: user.unitId)
            var decision = Self.decide(mode, requester, facts)
            // A grant matters only where nothing else allows, so it is looked up only then.
            if case .denied(canBreakTheGlass: true) = decision, let session = context.session,
               try await BreakGlassRepository.isGranted(sessionToken: session.token, userId: user.id, patientId: patientId, on: tx) {
                requester.brokeTheGlass = true
                decision = Self.decide(mode, requester, facts)
            }
            return (decision, facts)
        }
        if mode == .read {
            let decision: Result<(T, PatientAccessGround), Denied> = try await services.persistence.read { tx in
                switch try await decide(tx) {
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
        let outcome: Result<T, Denied> = try await services.persistence.write { tx in
            switch try await decide(tx) {
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

    static func decide(_ mode: Mode, _ requester: PatientRequester, _ facts: PatientAccessFacts) -> PatientAccessDecision {
        switch mode {
        case .read: PatientAccessPolicy.read(requester, facts)
        case .write: PatientAccessPolicy.write(requester, facts)
        case .proposeFromContact: PatientAccessPolicy.proposeFromContact(requester, facts)
        }
    }

    /// Refuses (and audits the refusal) before a request is even read, so that someone who may
    /// not change the plan learns nothing from validation errors; an allowed request is audited
    /// when its work is done.
    func authorize(_ context: AppContext, patientId: UUID, _ mode: Mode, action: String) async throws {
        _ = try await access(context, patientId: patientId, mode, action: action, audited: false) { _, _ in () }
    }

    static func purpose(_ ground: PatientAccessGround, _ purpose: String?) -> String {
        [ground.rawValue, purpose].compactMap { $0 }.joined(separator: ": ")
    }

    /// A search by an exact CPR number that showed nothing: the patient with that number, whom the
    /// user may not read. Searches offer breaking the glass for them and show nothing else.
    static func restrictedMatch(_ query: String, results: [PatientListItem], on tx: any Database) async throws -> UUID? {
        guard results.isEmpty, let cpr = try? CPRNumber(query) else { return nil }
        return try await PatientRepository.id(cpr: cpr, on: tx)
    }

    /// The user's requester facts for list queries (search, inbox).
    func requester(_ user: User) -> PatientRequester {
        PatientRequester(roles: user.roles, unitId: user.unitId)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
