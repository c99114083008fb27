import Foundation
import LindringCore
import LindringStore

struct RegisterItemDTO: NullPreservingEncodable {
    struct AttendeeDTO: Encodable {
        var name: String
        var sector: Sector
    }

    var id: UUID
    var version: Int
    var kind: RegisterItemKind
    var title: String
    var date: String?
    var text: String?
    var minutes: String?
    var attendees: [AttendeeDTO]
    var owner: String?
    var dueDate: String?
    var status: RecommendationStatus?
    var indicator: IndicatorID?
    var meetingId: UUID?
    /// An open recommendation past its due date (Copenhagen's today).
    var overdue: Bool
    var createdAt: Date
    var createdBy: String
    var updatedAt: Date
    var updatedBy: String

    init(_ stored: StoredRegisterItem, today: LocalDate) {
        let item = stored.item
        id = stored.id
        version = stored.version
        kind = item.kind
        title = item.title
        date = item.date?.description
        text = item.text
        minutes = item.minutes
        attendees = item.attendees.map { AttendeeDTO(name: $0.name, sector: $0.sector) }
        owner = item.owner
        dueDate = item.dueDate?.description
        status = item.status
        indicator = item.indicator
        meetingId = item.meetingId
        overdue = item.isOverdue(today: today)
        createdAt = stored.createdAt
        createdBy = stored.createdBy
        updatedAt = stored.updatedAt
        updatedBy = stored.updatedBy
    }
}

struct PathwayDTO: NullPreservingEncodable {
    var id: UUID
    var situation: String
    var from: String
    var to: String
    var how: String
    var within: String
    var notes: String?
    var pages: [PathwayPage]
    var order: Int
    var version: Int
    var updatedAt: Date
    var updatedBy: String

    init(_ stored: StoredPathway) {
        let pathway = stored.pathway
        id = stored.id
        situation = pathway.situation
        from = pathway.from
        to = pathway.to
        how = pathway.how
        within = pathway.within
        notes = pathway.notes
        pages = pathway.orderedPages
        order = pathway.order
        version = stored.version
        updatedAt = stored.updatedAt
        updatedBy = stored.updatedBy
    }
}
