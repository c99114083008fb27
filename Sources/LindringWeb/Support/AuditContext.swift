import Foundation
import LindringCore
import LindringStore

extension AppContext {
    /// An audit record of what the signed-in user (or `actor`) did in this request, with the
    /// role that permitted it, the client address and the user agent.
    func auditRecord(
        _ action: String, as permission: Action? = nil, actor: User? = nil, entityType: String? = nil,
        entityId: String? = nil, patientId: UUID? = nil, purpose: String? = nil, outcome: AuditOutcome = .allowed
    ) -> AuditRecord {
        let who = actor ?? user
        return AuditRecord(
            userId: who?.id, username: who?.username,
            role: permission.flatMap { who?.auditRole(for: $0) } ?? who?.roles.first?.rawValue,
            action: action, entityType: entityType, entityId: entityId, patientId: patientId, purpose: purpose,
            outcome: outcome, ip: remoteAddress, userAgent: userAgent
        )
    }

    /// One entry for each patient a list showed (search results, the inbox, the advisory board's
    /// red screenings), so that a patient's access log names every list they appeared in. A
    /// patient shown twice is recorded once.
    func shownRecords(_ action: String, as permission: Action = .readPatientData, patients: [(id: UUID, purpose: String?)]) -> [AuditRecord] {
        var seen = Set<UUID>()
        return patients.compactMap { patient in
            guard seen.insert(patient.id).inserted else { return nil }
            return auditRecord(
                action, as: permission, entityType: "patient", entityId: patient.id.uuidString, patientId: patient.id,
                purpose: patient.purpose)
        }
    }

    /// A search's entries: what was searched for (the hit count, never the query, which may be a
    /// CPR number) and one for each patient the results showed.
    func searchRecords(_ results: [PatientListItem], purpose: String?, outcome: AuditOutcome = .allowed, restricted: UUID? = nil) -> [AuditRecord] {
        let hits = "\(results.count) hits"
        return [
            auditRecord(
                "patient.search", as: .readPatientData, entityType: "patient", patientId: restricted,
                purpose: purpose.map { "\($0): \(hits)" } ?? hits, outcome: outcome)
        ]
            + shownRecords("patient.search", patients: results.map { ($0.id, purpose ?? "search") })
    }
}
