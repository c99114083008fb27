import Foundation
import LindringCore
import LindringStore

struct ContactDTO: NullPreservingEncodable {
    var id: UUID
    var startedAt: Date
    var endedAt: Date
    var durationMinutes: Double
    var channel: String
    var direction: String
    var callerRole: String
    var callerName: String?
    var callerPhone: String?
    var callerUnitId: UUID?
    var patientId: UUID?
    var patientName: String?
    /// The patient is named no longer: consent to sharing was withdrawn (`LineRecordPolicy`).
    var patientWithheld: Bool
    var reasons: [String]
    var situation: String?
    var background: String?
    var assessment: String?
    var recommendation: String?
    var triage: String
    var actions: [String]
    var outcome: String
    var stayedAtHome: Bool?
    var outsideWorkingHours: Bool
    var holiday: String?
    var followUps: [FollowUpDTO]
    var createdByName: String
    var createdAt: Date
    /// Added after saving, oldest first; the contact's own fields never change.
    var addenda: [ContactAddendumDTO]

    init(_ contact: Contact) {
        let d = contact.details
        id = contact.id
        startedAt = d.startedAt
        endedAt = d.endedAt
        durationMinutes = (Double(d.durationSeconds) / 60 * 100).rounded() / 100
        channel = d.channel.rawValue
        direction = d.direction.rawValue
        callerRole = d.callerRole.rawValue
        callerName = d.callerName
        callerPhone = d.callerPhone
        callerUnitId = d.callerUnitId
        patientId = d.patientId
        patientName = contact.patientName
        patientWithheld = contact.patientWithheld
        reasons = d.reasons.map(\.rawValue)
        situation = d.situation
        background = d.background
        assessment = d.assessment
        recommendation = d.recommendation
        triage = d.triage.rawValue
        actions = d.actions.map(\.rawValue)
        outcome = d.outcome.rawValue
        stayedAtHome = d.stayedAtHome
        outsideWorkingHours = d.workingHours.outsideWorkingHours
        holiday = d.workingHours.holiday
        followUps = contact.followUps.map(FollowUpDTO.init)
        createdByName = contact.createdByName
        createdAt = contact.createdAt
        addenda = contact.addenda.map(ContactAddendumDTO.init)
    }
}

struct ContactAddendumDTO: NullPreservingEncodable {
    struct Author: NullPreservingEncodable {
        var name: String
        /// The author's unit when the addendum was written.
        var unit: String?
    }

    var text: String
    var createdAt: Date
    var author: Author

    init(_ addendum: ContactAddendum) {
        text = addendum.text
        createdAt = addendum.createdAt
        author = Author(name: addendum.authorName, unit: addendum.authorUnitName)
    }
}

struct ContactAddendumInput: Decodable {
    var text: String?
}

/// The body of "done" and "cancel": a short note (`FollowUpClosing`).
struct FollowUpCloseInput: Decodable {
    var note: String?
}

struct ContactListItemDTO: NullPreservingEncodable {
    var id: UUID
    var startedAt: Date
    var durationMinutes: Double
    var outsideWorkingHours: Bool
    var channel: String
    var callerRole: String
    var patientId: UUID?
    var patientName: String?
    /// The patient is named no longer: consent to sharing was withdrawn (`LineRecordPolicy`).
    var patientWithheld: Bool
    var reasons: [String]
    var triage: String
    var outcome: String
    var createdByName: String

    init(_ item: ContactListItem) {
        id = item.id
        startedAt = item.startedAt
        durationMinutes = (Double(item.durationSeconds) / 60 * 100).rounded() / 100
        outsideWorkingHours = item.outsideWorkingHours
        channel = item.channel.rawValue
        callerRole = item.callerRole.rawValue
        patientId = item.patientId
        patientName = item.patientName
        patientWithheld = item.patientWithheld
        reasons = item.reasons.map(\.rawValue)
        triage = item.triage.rawValue
        outcome = item.outcome.rawValue
        createdByName = item.createdByName
    }
}

struct FollowUpDTO: NullPreservingEncodable {
    var id: UUID
    var contactId: UUID
    var patientId: UUID?
    var patientName: String?
    /// The patient is named no longer: consent to sharing was withdrawn (`LineRecordPolicy`).
    var patientWithheld: Bool
    var unitId: UUID
    var unitName: String
    var triage: String
    var dueAt: Date
    var text: String
    var status: String
    var createdAt: Date
    var createdByName: String
    var closedAt: Date?
    var closedByName: String?
    /// The note written when it was closed: why it was cancelled, or what was done.
    var closedNote: String?

    init(_ f: FollowUp) {
        id = f.id
        contactId = f.contactId
        patientId = f.patientId
        patientName = f.patientName
        patientWithheld = f.patientWithheld
        unitId = f.unitId
        unitName = f.unitName
        triage = f.triage.rawValue
        dueAt = f.dueAt
        text = f.text
        status = f.status.rawValue
        createdAt = f.createdAt
        createdByName = f.createdByName
        closedAt = f.closedAt
        closedByName = f.closedByName
        closedNote = f.closedNote
    }
}

struct StatisticsDTO: NullPreservingEncodable {
    struct Day: Encodable {
        var date: String
        var count: Int
    }

    var from: String
    var to: String
    var total: Int
    var outsideWorkingHoursShare: Double
    var stayedAtHomeShare: Double
    var followUpsOnTimeShare: Double
    var medianDurationMinutes: Double?
    var byCallerRole: [String: Int]
    var byReason: [String: Int]
    var byTriage: [String: Int]
    var byAction: [String: Int]
    var byOutcome: [String: Int]
    var byChannel: [String: Int]
    /// Seven rows (Monday first) of 24 hourly counts, Copenhagen time.
    var byWeekdayHour: [[Int]]
    var perDay: [Day]

    init(_ s: AdvisoryStatistics) {
        func every<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ counts: [String: Int]) -> [String: Int] where T.RawValue == String {
            Dictionary(uniqueKeysWithValues: T.allCases.map { ($0.rawValue, counts[$0.rawValue] ?? 0) })
        }
        func rounded(_ share: Double?) -> Double { ((share ?? 0) * 10000).rounded() / 10000 }
        from = s.from.description
        to = s.to.description
        total = s.total
        outsideWorkingHoursShare = rounded(s.outsideWorkingHoursShare)
        stayedAtHomeShare = rounded(s.stayedAtHomeShare)
        followUpsOnTimeShare = rounded(s.followUpsOnTimeShare)
        medianDurationMinutes = s.medianDurationMinutes
        byCallerRole = every(CallerRole.self, s.byCallerRole)
        byReason = every(ContactReason.self, s.byReason)
        byTriage = every(Triage.self, s.byTriage)
        byAction = every(ContactAction.self, s.byAction)
        byOutcome = every(ContactOutcome.self, s.byOutcome)
        byChannel = every(ContactChannel.self, s.byChannel)
        byWeekdayHour = s.byWeekdayHour
        perDay = s.perDay.sorted { $0.key < $1.key }.map { Day(date: $0.key.description, count: $0.value) }
    }
}
