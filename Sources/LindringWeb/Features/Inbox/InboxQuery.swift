import Foundation
import LindringCore
import LindringStore

/// An inbox item as its reader may see it. Items are addressed to a unit when a plan is saved
/// or a screening is red, but whether the unit may read the patient is decided when the inbox is
/// read, with the patient access policy as it stands then: consent may have been withdrawn, or
/// the unit taken off the care team, since the item was made.
enum InboxEntry: Sendable {
    /// The reader may read the patient: the item with its patient and changes.
    case shown(InboxItem)
    /// The reader may not: only that something changed, and which unit to ask.
    case withheld(InboxNotice)

    var id: UUID {
        switch self {
        case .shown(let item): item.id
        case .withheld(let notice): notice.id
        }
    }

    var createdAt: Date {
        switch self {
        case .shown(let item): item.createdAt
        case .withheld(let notice): notice.createdAt
        }
    }

    var read: Bool {
        switch self {
        case .shown(let item): item.read
        case .withheld(let notice): notice.read
        }
    }
}

/// What a withheld item tells: no patient, no content.
struct InboxNotice: Sendable {
    let id: UUID
    let createdAt: Date
    let read: Bool
    /// The unit was taken off the patient's care team.
    let removedFromTeam: Bool
    let registeringUnitId: UUID

    init(_ item: InboxItem) {
        id = item.id
        createdAt = item.createdAt
        read = item.read
        removedFromTeam = item.removedFromTeam
        registeringUnitId = item.registeringUnitId
    }
}

/// Reads a unit's inbox for a user: the items and their patients' access facts in one snapshot,
/// each item decided by the patient access policy (without any broken glass: an inbox is not a
/// look-up), then one audit entry per patient shown, committed before anything is returned.
struct InboxQuery {
    let services: AppServices

    /// A page of at most `limit` entries, and whether more follow (one item more is read to know,
    /// but neither shown nor audited).
    func page(
        _ context: AppContext, user: User, unitId: UUID, limit: Int = 100,
        before: (at: Date, id: UUID)? = nil
    ) async throws -> (entries: [InboxEntry], hasMore: Bool) {
        let requester = PatientRequester(roles: user.roles, unitId: user.unitId)
        let (entries, shown, hasMore) = try await services.persistence.read { tx in
            let read = try await InboxRepository.items(unitId: unitId, userId: user.id, limit: limit + 1, before: before, on: tx)
            let items = read.prefix(limit)
            let facts = try await PatientRepository.accessFacts(patientIds: items.map(\.patientId), on: tx)
            var shown: [(id: UUID, purpose: String?)] = []
            let entries = items.map { item -> InboxEntry in
                guard let patient = facts[item.patientId], case .allowed(let ground) = PatientAccessPolicy.read(requester, patient) else {
                    return .withheld(InboxNotice(item))
                }
                shown.append((item.patientId, PatientGate.purpose(ground, "inbox")))
                return .shown(item)
            }
            return (entries, shown, read.count > limit)
        }
        try await services.persistence.appendAudit(context.shownRecords("inbox.read", patients: shown))
        return (entries, hasMore)
    }
}
