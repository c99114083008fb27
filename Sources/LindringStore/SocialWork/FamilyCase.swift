import Foundation
import LindringCore

/// A family case as stored: the case, its child, and everything the team keeps about the family.
public struct FamilyCase: Equatable, Sendable {
    public var id: UUID
    public var teamUnitId: UUID
    public var child: Child
    public var details: ValidFamily
    /// The day each sibling's age was recorded, in the order of `details.siblings`.
    public var siblingAgesRecordedOn: [LocalDate]
    public var keyWorkerName: String
    public var openedOn: LocalDate
    public var deathOn: LocalDate?
    public var closedOn: LocalDate?
    public var version: Int
    public var updatedAt: Date
    public var updatedByName: String

    public struct Child: Equatable, Sendable {
        public var patientId: UUID
        public var name: String
        public var birthDate: LocalDate
    }

    /// What the child's other treating units may see (`FamilyAccessLevel.basicFacts`).
    public var basics: FamilyBasics {
        FamilyBasics(
            id: id, childPatientId: child.patientId, status: details.status, keyWorkerName: keyWorkerName,
            municipalityCode: details.municipalityCode, interpreterNeeded: details.interpreterNeeded, language: details.language)
    }
}

/// A family case's basic facts: that there is a case, who the key worker is, and what helps
/// when meeting the family. No parents, siblings, network, needs or applications.
public struct FamilyBasics: Equatable, Sendable {
    public var id: UUID
    public var childPatientId: UUID
    public var status: FamilyCaseStatus
    public var keyWorkerName: String
    public var municipalityCode: String
    public var interpreterNeeded: Bool
    public var language: String?
}

/// One line of a case's timeline.
public struct FamilyEvent: Equatable, Sendable {
    public var at: Date
    public var kind: FamilyEventKind
    /// A short description the team wrote or the system composed (a benefit's code, a status).
    public var summary: String?
    public var authorName: String
}

/// What happened to a case, in its timeline.
public enum FamilyEventKind: String, CaseIterable, Codable, Sendable {
    case opened, changed, statusChanged, applicationAdded, decisionRecorded, appealChanged, meetingHeld
}

/// The case is a newer version than the one the change was made from (`If-Match`, the form's version).
public struct StaleFamilyVersion: Error {
    public let current: Int
}

/// The child already has a case (one per child: a closed case is reopened, not duplicated).
public struct FamilyAlreadyOpen: Error {
    public let familyId: UUID
}
