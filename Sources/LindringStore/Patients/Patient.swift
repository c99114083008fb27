import Foundation
import LindringCore

public struct Patient: Equatable, Sendable {
    public var id: UUID
    public var cpr: CPRNumber
    public var name: String
    public var birthDate: LocalDate
    public var address: String?
    public var municipalityCode: String?
    public var phone: String?
    public var gpUnitId: UUID?
    public var diagnosisGroup: DiagnosisGroup
    public var icd10: String?
    public var language: String?
    public var interpreterNeeded: Bool
    public var relatives: [Relative]
    public var sharingConsent: SharingConsent
    public var consentRecordedBy: UUID?
    public var consentRecordedAt: Date?
    public var registeringUnitId: UUID
}

/// A line of the patient list: enough to pick the right patient, nothing more.
public struct PatientListItem: Equatable, Sendable {
    public var id: UUID
    public var name: String
    public var cpr: CPRNumber
    public var planStatus: PlanStatus?
    /// What tells two patients of one name apart: when they were born and where they live.
    public var birthDate: LocalDate
    public var address: String?
    public var municipalityCode: String?
}

/// The stored plan of a patient, at its current version.
public struct StoredPlan: Equatable, Sendable {
    public var id: UUID
    public var patientId: UUID
    public var version: Int
    public var content: PlanContent
    public var updatedAt: Date

    public init(id: UUID, patientId: UUID, version: Int, content: PlanContent, updatedAt: Date) {
        self.id = id
        self.patientId = patientId
        self.version = version
        self.content = content
        self.updatedAt = updatedAt
    }
}

public struct PlanVersion: Equatable, Sendable {
    public var version: Int
    public var content: PlanContent
    public var changes: [PlanChange]
    public var authorName: String
    public var createdAt: Date
    /// The advisory contact the change was proposed from, if any.
    public var contactId: UUID?
}

/// Who saves a plan, for the version history and the inbox.
public struct PlanAuthor: Sendable {
    public var userId: UUID?
    public var name: String
    public var unitId: UUID?
    /// The advisory contact the change comes from (a decision reported on the phone).
    public var contactId: UUID?

    public init(userId: UUID?, name: String, unitId: UUID?, contactId: UUID? = nil) {
        self.userId = userId
        self.name = name
        self.unitId = unitId
        self.contactId = contactId
    }
}

/// The save was based on an older version; `current` is what the colleague saved.
public struct StalePlanVersion: Error, Sendable {
    public let current: StoredPlan
}

public struct PlanAlreadyExists: Error, Sendable {}
public struct PlanNotFound: Error, Sendable {}
