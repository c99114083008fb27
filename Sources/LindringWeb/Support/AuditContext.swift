import Foundation
import LindringCore
import LindringStore

extension AppContext {
    /// An audit record of what the signed-in user (or `actor`) did in this request, with the
    /// role that permitted it, the client address and the user agent.
    func auditRecord(_ action: String, as permission: Action? = nil, actor: User? = nil, entityType: String? = nil,
                     entityId: String? = nil, patientId: UUID? = nil, purpose: String? = nil, outcome: AuditOutcome = .allowed) -> AuditRecord {
        let who = actor ?? user
        return AuditRecord(
            userId: who?.id, username: who?.username,
            role: permission.flatMap { who?.auditRole(for: $0) } ?? who?.roles.first?.rawValue,
            action: action, entityType: entityType, entityId: entityId, patientId: patientId, purpose: purpose,
            outcome: outcome, ip: remoteAddress, userAgent: userAgent
        )
    }
}
