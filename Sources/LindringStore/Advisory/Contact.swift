import Foundation
import LindringCore

/// A stored contact, as the contact page and the API show it.
public struct Contact: Equatable, Sendable {
    public var id: UUID
    public var details: ValidContact
    public var patientName: String?
    public var callerUnitName: String?
    public var createdByName: String
    public var createdAt: Date
    public var followUps: [FollowUp]
    public var patientWithheld = false
    /// What was added after saving, oldest first: the contact itself is never changed.
    public var addenda: [ContactAddendum] = []

    /// Open while one of its follow-ups is.
    public var inProgress: Bool { followUps.contains { $0.status == .open } }
    public var patientId: UUID? { details.patientId }
}

/// One row of a contact list: enough to find the contact again, no clinical free text.
public struct ContactListItem: Equatable, Sendable {
    public var id: UUID
    public var startedAt: Date
    public var durationSeconds: Int
    public var outsideWorkingHours: Bool
    public var channel: ContactChannel
    public var callerRole: CallerRole
    public var patientId: UUID?
    public var patientName: String?
    public var reasons: [ContactReason]
    public var triage: Triage
    public var outcome: ContactOutcome
    public var createdByName: String
    /// A follow-up of the contact is still open.
    public var inProgress: Bool
    public var patientWithheld = false
}

public struct FollowUp: Equatable, Sendable {
    public var id: UUID
    public var contactId: UUID
    public var patientId: UUID?
    public var patientName: String?
    public var unitId: UUID
    public var unitName: String
    public var triage: Triage
    public var dueAt: Date
    public var text: String
    public var status: FollowUpStatus
    public var createdAt: Date
    public var createdByName: String
    public var closedAt: Date?
    public var closedByName: String?
    /// Why it was cancelled, or what was done (`FollowUpClosing`): clinical free text, never logged.
    public var closedNote: String?
    public var patientWithheld = false
    /// The SBAR of the contact the follow-up came from: the advice the unit follows up.
    public var sbar = SBAR()

    public var inProgress: Bool { status == .open }
}

/// Text added to a saved contact, signed with the author's name and unit as they were then.
public struct ContactAddendum: Equatable, Sendable {
    public var id: UUID
    public var text: String
    public var createdAt: Date
    public var authorName: String
    public var authorUnitName: String?

    public init(id: UUID, text: String, createdAt: Date, authorName: String, authorUnitName: String?) {
        self.id = id
        self.text = text
        self.createdAt = createdAt
        self.authorName = authorName
        self.authorUnitName = authorUnitName
    }
}

/// A contact's situation, background, assessment and recommendation, as documented.
public struct SBAR: Equatable, Sendable {
    public var situation: String?
    public var background: String?
    public var assessment: String?
    public var recommendation: String?

    public init(situation: String? = nil, background: String? = nil, assessment: String? = nil, recommendation: String? = nil) {
        self.situation = situation
        self.background = background
        self.assessment = assessment
        self.recommendation = recommendation
    }

    public var isEmpty: Bool { [situation, background, assessment, recommendation].allSatisfy { $0 == nil } }
}

/// One of a patient's advisory contacts as the patient's page lists it: when, how urgent, and
/// the advice given (read with the patient, under the patient's own access check).
public struct PatientContact: Equatable, Sendable {
    public var id: UUID
    public var startedAt: Date
    public var outsideWorkingHours: Bool
    public var callerRole: CallerRole
    public var triage: Triage
    public var sbar: SBAR
    public var createdByName: String
}

/// A record of the advisory line that may name a patient: what `LineRecordPolicy` decides on.
public protocol LineRecord: Sendable {
    var patientId: UUID? { get }
    var patientName: String? { get set }
    var patientWithheld: Bool { get set }
    var inProgress: Bool { get }
    mutating func withholdPatient()
}

extension LineRecord {
    /// The line's record without the patient's name.
    public mutating func withholdPatient() {
        patientName = nil
        patientWithheld = true
    }
}

extension Contact: LineRecord {
    /// The contact and the follow-ups shown with it.
    public mutating func withholdPatient() {
        patientName = nil
        patientWithheld = true
        for index in followUps.indices { followUps[index].withholdPatient() }
    }
}
extension ContactListItem: LineRecord {}
extension FollowUp: LineRecord {}
