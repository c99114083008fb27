import Foundation
import LindringCore
import LindringStore

/// One patient on a unit's worklist.
struct WorklistEntry: Sendable {
    let patient: PatientListItem
    let signals: WorklistSignals
}

/// "Mine patienter": the unit's patients that need attention (`WorklistSignals`), in the order
/// `WorklistSignals.comesBefore` gives, then a page of all the unit's patients by name. Each patient is
/// shown only where the access policy lets the reader read them now, without broken glass, and
/// each one shown is audited (`worklist.read`) before anything is returned.
struct WorklistQuery {
    static let pageSize = 50

    struct Page: Sendable {
        let attention: [WorklistEntry]
        let all: [WorklistEntry]
        /// The last patient of `all` when more follow.
        let next: UUID?
    }

    let services: AppServices

    func page(_ context: AppContext, user: User, unitId: UUID, after: UUID?, now: Date = Date()) async throws -> Page {
        let requester = PatientRequester(roles: user.roles, unitId: user.unitId)
        return try await services.persistence.readAudited { tx in
            let signals = try await WorklistRepository.signals(unitId: unitId, userId: user.id, now: now, on: tx)
            let cursor = try await after.asyncMap { try await PatientRepository.find(id: $0, on: tx) }?.map { (name: $0.name, id: $0.id) }
            let listed = try await PatientRepository.unitPatients(unitId, after: cursor, limit: Self.pageSize + 1, on: tx)
            let flagged = try await PatientRepository.listItems(ids: signals.keys, on: tx)
            let facts = try await PatientRepository.accessFacts(patientIds: Set(signals.keys).union(listed.map(\.id)), on: tx)
            var shown: [(id: UUID, purpose: String?)] = []
            func readable(_ item: PatientListItem) -> WorklistEntry? {
                guard let patient = facts[item.id], case .allowed(let ground) = PatientAccessPolicy.read(requester, patient) else { return nil }
                shown.append((item.id, PatientGate.purpose(ground, "worklist")))
                return WorklistEntry(patient: item, signals: signals[item.id] ?? WorklistSignals())
            }
            let attention = flagged.values.sorted { a, b in
                let (sa, sb) = (signals[a.id]!, signals[b.id]!)
                return WorklistSignals.comesBefore(sa, sb)
                    || (!WorklistSignals.comesBefore(sb, sa) && (a.name, a.id.uuidString) < (b.name, b.id.uuidString))
            }.compactMap(readable)
            let all = listed.prefix(Self.pageSize).compactMap(readable)
            let page = Page(attention: attention, all: all, next: listed.count > Self.pageSize ? listed[Self.pageSize - 1].id : nil)
            return (page, context.shownRecords("worklist.read", patients: shown))
        }
    }
}
