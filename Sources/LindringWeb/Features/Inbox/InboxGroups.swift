import Foundation
import LindringCore
import LindringStore

/// The inbox page's items for one patient, newest first: a patient whose plan changed three times
/// and who had a red screening is one entry to read, not four.
struct InboxPatientGroup: Sendable {
    let patientId: UUID
    let patientName: String
    /// Newest first.
    let items: [InboxItem]

    var unread: Int { items.count { !$0.read } }

    /// The critical parts of the plan that changed in the items not yet read; once read, they
    /// are still marked line by line but no longer flag the patient.
    var unreadCriticalTopics: [CriticalTopic] {
        items.filter { !$0.read }.flatMap { $0.changes.criticalNews(planVersion: $0.planVersion) }.distinctInOrder
    }

    var hasUnreadRedScreening: Bool { items.contains { !$0.read && $0.assessment != nil } }

    /// The entries grouped by patient, patients with anything unread first, each part newest
    /// first (entries come newest first); what the reader may no longer see stays apart, ungrouped.
    static func grouping(_ entries: [InboxEntry]) -> (groups: [InboxPatientGroup], withheld: [InboxNotice]) {
        var order: [UUID] = [], items: [UUID: [InboxItem]] = [:], withheld: [InboxNotice] = []
        for entry in entries {
            switch entry {
            case .shown(let item):
                if items[item.patientId] == nil { order.append(item.patientId) }
                items[item.patientId, default: []].append(item)
            case .withheld(let notice):
                withheld.append(notice)
            }
        }
        // Versions saved in the same instant (a plan loaded in bulk) still read newest version first.
        let groups = order.map { id in
            InboxPatientGroup(
                patientId: id, patientName: items[id]![0].patientName,
                items: items[id]!.sorted { ($0.createdAt, $0.planVersion) > ($1.createdAt, $1.planVersion) })
        }
        return (groups.filter { $0.unread > 0 } + groups.filter { $0.unread == 0 }, withheld)
    }
}
