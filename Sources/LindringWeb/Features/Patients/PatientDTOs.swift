import Foundation
import LindringCore
import LindringStore

/// A patient as the API shows it.
struct PatientDTO: NullPreservingEncodable {
    var id: UUID
    var cpr: String
    var name: String
    var birthDate: String
    var address: String?
    var municipalityCode: String?
    var phone: String?
    var gpUnitId: UUID?
    var diagnosisGroup: String
    var icd10: String?
    var language: String?
    var interpreterNeeded: Bool
    var relatives: [Relative]
    var sharingConsent: String
    var registeringUnitId: UUID

    init(_ p: Patient) {
        id = p.id
        cpr = p.cpr.formatted
        name = p.name
        birthDate = p.birthDate.description
        address = p.address
        municipalityCode = p.municipalityCode
        phone = p.phone
        gpUnitId = p.gpUnitId
        diagnosisGroup = p.diagnosisGroup.rawValue
        icd10 = p.icd10
        language = p.language
        interpreterNeeded = p.interpreterNeeded
        relatives = p.relatives
        sharingConsent = p.sharingConsent.rawValue
        registeringUnitId = p.registeringUnitId
    }
}

/// A search hit: masked CPR, as on the list page.
struct PatientListItemDTO: NullPreservingEncodable {
    var id: UUID
    var name: String
    var cpr: String
    var planStatus: String?
    var birthDate: String
    var address: String?
    var municipalityCode: String?

    init(_ item: PatientListItem) {
        id = item.id
        name = item.name
        cpr = item.cpr.masked
        planStatus = item.planStatus?.rawValue
        birthDate = item.birthDate.description
        address = item.address
        municipalityCode = item.municipalityCode
    }
}

/// The plan as the API shows it; its keys are those `PlanInput` reads back.
struct PlanDTO: NullPreservingEncodable {
    var patientId: UUID
    var version: Int
    var updatedAt: Date
    var status: String?
    var endReason: String?
    var dateOfDeath: String?
    var placeOfDeath: String?
    var careTeam: [PlanInput.Member]?
    var preferredPlaceOfCare: String?
    var preferredPlaceOfDeath: String?
    var whatMattersMost: String?
    var wishesDiscussedOn: String?
    var wishesDiscussedWith: String?
    var resuscitation: String?
    var treatmentLevel: String?
    var decidedBy: String?
    var decisionDate: String?
    var reviewDate: String?
    var livingWill: Bool?
    var prognosis: String?
    var patientKnowsPrognosis: Bool?
    var relativesKnowPrognosis: Bool?
    var medications: [PlanInput.Medication]?
    var equipment: [String]?
    var contingencies: [PlanInput.ContingencyInput]?

    init(_ plan: StoredPlan) {
        let input = PlanInput(plan.content)
        patientId = plan.patientId
        version = plan.version
        updatedAt = plan.updatedAt
        status = input.status
        endReason = input.endReason
        dateOfDeath = input.dateOfDeath
        placeOfDeath = input.placeOfDeath
        careTeam = input.careTeam
        preferredPlaceOfCare = input.preferredPlaceOfCare
        preferredPlaceOfDeath = input.preferredPlaceOfDeath
        whatMattersMost = input.whatMattersMost
        wishesDiscussedOn = input.wishesDiscussedOn
        wishesDiscussedWith = input.wishesDiscussedWith
        resuscitation = input.resuscitation
        treatmentLevel = input.treatmentLevel
        decidedBy = input.decidedBy
        decisionDate = input.decisionDate
        reviewDate = input.reviewDate
        livingWill = input.livingWill
        prognosis = input.prognosis
        patientKnowsPrognosis = input.patientKnowsPrognosis
        relativesKnowPrognosis = input.relativesKnowPrognosis
        medications = input.medications
        equipment = input.equipment
        contingencies = input.contingencies
    }

    /// The version as an ETag, so a stale If-Match is recognised without comparing content.
    var etag: String { VersionTag.etag(version) }
}

struct PlanVersionDTO: NullPreservingEncodable {
    var version: Int
    var authorName: String
    var createdAt: Date
    var changes: [PlanChange]
    /// The advisory contact the change was proposed from.
    var contactId: UUID?

    init(_ v: PlanVersion) {
        version = v.version
        authorName = v.authorName
        createdAt = v.createdAt
        changes = v.changes
        contactId = v.contactId
    }
}

struct InboxItemDTO: NullPreservingEncodable {
    var id: UUID
    /// False when the reader may no longer read the patient: then no patient and no content.
    var withheld: Bool
    var patientId: UUID?
    var patientName: String?
    var planVersion: Int?
    var authorName: String?
    var createdAt: Date
    var read: Bool
    var changes: [PlanChange]
    /// What critical parts of the plan the changes touch (`CriticalTopic`), each once; none for a
    /// plan's first version.
    var criticalTopics: [CriticalTopic]
    /// Set when the item is a red screening result rather than a plan change.
    var assessmentId: UUID?
    /// The reader's unit was taken off the patient's care team.
    var removedFromTeam: Bool
    /// The unit to ask about a withheld item.
    var registeringUnitId: UUID

    init(_ entry: InboxEntry) {
        id = entry.id
        createdAt = entry.createdAt
        read = entry.read
        switch entry {
        case .shown(let item):
            withheld = false
            patientId = item.patientId
            patientName = item.patientName
            planVersion = item.planVersion
            authorName = item.authorName
            changes = item.changes
            criticalTopics = item.changes.criticalNews(planVersion: item.planVersion)
            assessmentId = item.assessment?.id
            removedFromTeam = item.removedFromTeam
            registeringUnitId = item.registeringUnitId
        case .withheld(let notice):
            withheld = true
            changes = []
            criticalTopics = []
            removedFromTeam = notice.removedFromTeam
            registeringUnitId = notice.registeringUnitId
        }
    }
}
