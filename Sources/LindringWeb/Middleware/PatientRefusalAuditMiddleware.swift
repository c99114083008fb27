import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// Audits a signed-in user's refusal on a patient's address when it comes from the permission
/// policy (a social worker, finance officer, educator, auditor or administrator opening
/// `/patients/{id}…`): the role check throws before `PatientGate` could write its entry. Refusals
/// the gate decides are audited by the gate and pass through untouched. Innermost, so it sees
/// only what the routes throw.
struct PatientRefusalAuditMiddleware: RouterMiddleware {
    let services: AppServices

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch AppError.forbidden {
            if context.user != nil, let patientId = Self.patientId(in: request.uri.path) {
                try await services.persistence.appendAudit(
                    context.auditRecord(
                        "patient.access", entityType: "patient", entityId: patientId.uuidString,
                        patientId: patientId, purpose: "role", outcome: .denied))
            }
            throw AppError.forbidden
        }
    }

    /// The patient a path names: `/patients/{id}…` or `/api/v1/patients/{id}…`.
    static func patientId(in path: String) -> UUID? {
        for prefix in [Routes.patients.pattern + "/", Routes.API.prefix + "/patients/"] where path.hasPrefix(prefix) {
            return UUID(uuidString: String(path.dropFirst(prefix.count).prefix { $0 != "/" }))
        }
        return nil
    }
}
