import Foundation
import LindringCore
import LindringStore

/// The one way into the paediatric team's family cases, as `PatientGate` is into patients: it
/// asks `FamilyAccessPolicy` and writes the audit entry, against the child, so that every look
/// at and change to the family shows in the child's "who has looked" view. A refusal is audited
/// and answered 403, whoever asks; a case that does not exist is 404.
struct FamilyGate {
    let services: AppServices

    /// How far access was granted, and on what case.
    struct Granted: Sendable {
        let familyId: UUID
        let childPatientId: UUID
        let teamUnitId: UUID
        let decision: FamilyAccessDecision
        var level: FamilyAccessLevel { decision.level }
    }

    /// Runs `body` in one snapshot if the user may see at least `minimum` of the case, then
    /// commits the audit entry before the data leaves.
    func read<T: Sendable>(
        _ context: AppContext, familyId: UUID, action: String, minimum: FamilyAccessLevel = .basicFacts,
        _ body: @escaping @Sendable (ReadSnapshot, Granted) async throws -> T
    ) async throws -> T {
        let user = try context.requireUser()
        let outcome: Result<(T, Granted), Refused> = try await services.persistence.read { tx in
            let granted = try await Self.decide(user, familyId: familyId, on: tx)
            guard granted.level >= minimum else { return .failure(Refused(granted: granted)) }
            return .success((try await body(tx, granted), granted))
        }
        switch outcome {
        case .success(let (value, granted)):
            try await services.persistence.appendAudit(record(context, user: user, action: action, granted: granted, outcome: .allowed))
            return value
        case .failure(let refused):
            try await services.persistence.appendAudit(record(context, user: user, action: action, granted: refused.granted, outcome: .denied))
            throw AppError.forbidden
        }
    }

    /// Runs `body` in one writer job if the user may change the case, with the audit entry in
    /// the same transaction; otherwise records the refusal and answers 403.
    func write<T: Sendable>(
        _ context: AppContext, familyId: UUID, action: String, _ body: @escaping @Sendable (WriteTransaction, Granted) async throws -> T
    ) async throws -> T {
        let user = try context.requireUser()
        let outcome: Result<T, Refused> = try await services.persistence.write { tx in
            let granted = try await Self.decide(user, familyId: familyId, on: tx)
            guard granted.level == .change else {
                try await AuditLog.append(record(context, user: user, action: action, granted: granted, outcome: .denied), on: tx)
                return .failure(Refused(granted: granted))
            }
            let value = try await body(tx, granted)
            try await AuditLog.append(record(context, user: user, action: action, granted: granted, outcome: .allowed), on: tx)
            return .success(value)
        }
        guard case .success(let value) = outcome else { throw AppError.forbidden }
        return value
    }

    /// Opens a case for a child in one writer job: only a social worker of a team that treats
    /// the child may (`FamilyAccessPolicy.mayOpenCase`); the case belongs to their unit.
    func open<T: Sendable>(
        _ context: AppContext, childPatientId: UUID, action: String,
        _ body: @escaping @Sendable (WriteTransaction, _ teamUnitId: UUID) async throws -> T
    ) async throws -> T {
        let user = try context.require(.manageSocialWorkCases)
        let outcome: Result<T, Refused> = try await services.persistence.write { tx in
            guard let child = try await PatientRepository.accessFacts(patientId: childPatientId, on: tx) else {
                throw AppError.validation([FieldError("childPatientId", .notFound)])
            }
            let requester = PatientRequester(roles: user.roles, unitId: user.unitId)
            let record = { (outcome: AuditOutcome, purpose: String?) in
                context.auditRecord(
                    action, as: .manageSocialWorkCases, entityType: "family", patientId: childPatientId, purpose: purpose, outcome: outcome)
            }
            guard FamilyAccessPolicy.mayOpenCase(requester, child: child), let teamUnitId = user.unitId else {
                try await AuditLog.append(record(.denied, nil), on: tx)
                return .failure(Refused(granted: nil))
            }
            let value = try await body(tx, teamUnitId)
            try await AuditLog.append(record(.allowed, FamilyAccessGround.socialWorkTeam.rawValue), on: tx)
            return .success(value)
        }
        guard case .success(let value) = outcome else { throw AppError.forbidden }
        return value
    }

    struct Refused: Error {
        let granted: Granted?
    }

    static func decide(_ user: User, familyId: UUID, on tx: any DatabaseReading) async throws -> Granted {
        guard let facts = try await FamilyRepository.gateFacts(id: familyId, on: tx),
            let child = try await PatientRepository.accessFacts(patientId: facts.childPatientId, on: tx)
        else { throw AppError.notFound }
        let decision = FamilyAccessPolicy.decide(PatientRequester(roles: user.roles, unitId: user.unitId), teamUnitId: facts.teamUnitId, child: child)
        return Granted(familyId: familyId, childPatientId: facts.childPatientId, teamUnitId: facts.teamUnitId, decision: decision)
    }

    /// The entry of an access to a case: against the child, with the ground as purpose.
    private func record(_ context: AppContext, user: User, action: String, granted: Granted?, outcome: AuditOutcome) -> AuditRecord {
        let permission: Action = user.can(.manageSocialWorkCases) ? .manageSocialWorkCases : .readPatientData
        return context.auditRecord(
            action, as: permission, entityType: "family", entityId: granted?.familyId.uuidString, patientId: granted?.childPatientId,
            purpose: granted?.decision.ground?.rawValue, outcome: outcome)
    }
}
