import Foundation
import LindringCore
import LindringStore

/// A family case in JSON, for the team (`FamilyAccessLevel.read` and above).
struct FamilyDTO: NullPreservingEncodable {
    struct ParentDTO: NullPreservingEncodable {
        var id: UUID?
        var name: String
        var relation: String
        var phone: String?
        var email: String?
        var address: String?
        var livesWithChild: Bool
        var holdsCustody: Bool
    }

    struct SiblingDTO: NullPreservingEncodable {
        var name: String?
        var age: Int
        var ageRecordedOn: String
        var schoolOrDaycare: String?
        var supportNeeds: String?
    }

    struct NetworkDTO: NullPreservingEncodable {
        var role: String
        var name: String?
        var organisation: String?
        var phone: String?
        var email: String?
    }

    var id: UUID
    var restricted: Bool
    var childPatientId: UUID
    var childName: String
    var conditionGroup: String
    var municipalityCode: String
    var municipalityName: String?
    var status: String
    var keyWorkerId: UUID
    var keyWorkerName: String
    var interpreterNeeded: Bool
    var language: String?
    var parents: [ParentDTO]
    var siblings: [SiblingDTO]
    var network: [NetworkDTO]
    var openedOn: String
    var deathOn: String?
    var closedOn: String?
    var version: Int
    var applications: [ApplicationDTO]
    var meetings: [MeetingDTO]

    init(_ family: FamilyCase, applications: [ApplicationRecord], meetings: [NetworkMeeting] = []) {
        let d = family.details
        id = family.id
        restricted = false
        childPatientId = family.child.patientId
        childName = family.child.name
        conditionGroup = d.conditionGroup.rawValue
        municipalityCode = d.municipalityCode
        municipalityName = Municipalities.name(d.municipalityCode)
        status = d.status.rawValue
        keyWorkerId = d.keyWorkerId
        keyWorkerName = family.keyWorkerName
        interpreterNeeded = d.interpreterNeeded
        language = d.language
        parents = d.parents.map {
            ParentDTO(
                id: $0.id, name: $0.name, relation: $0.relation.rawValue, phone: $0.phone, email: $0.email, address: $0.address,
                livesWithChild: $0.livesWithChild, holdsCustody: $0.holdsCustody)
        }
        siblings = zip(d.siblings, family.siblingAgesRecordedOn).map { sibling, recorded in
            SiblingDTO(
                name: sibling.name, age: sibling.age, ageRecordedOn: recorded.description, schoolOrDaycare: sibling.schoolOrDaycare,
                supportNeeds: sibling.supportNeeds)
        }
        network = d.network.map { NetworkDTO(role: $0.role.rawValue, name: $0.name, organisation: $0.organisation, phone: $0.phone, email: $0.email) }
        openedOn = family.openedOn.description
        deathOn = family.deathOn?.description
        closedOn = family.closedOn?.description
        version = family.version
        self.applications = applications.map(ApplicationDTO.init)
        self.meetings = meetings.map(MeetingDTO.init)
    }

    var etag: String { VersionTag.etag(version) }
}

/// What the child's other treating units see of a case.
struct FamilyBasicsDTO: NullPreservingEncodable {
    var id: UUID
    var restricted: Bool
    var childPatientId: UUID
    var status: String
    var keyWorkerName: String
    var municipalityCode: String
    var interpreterNeeded: Bool
    var language: String?

    init(_ basics: FamilyBasics) {
        id = basics.id
        restricted = true
        childPatientId = basics.childPatientId
        status = basics.status.rawValue
        keyWorkerName = basics.keyWorkerName
        municipalityCode = basics.municipalityCode
        interpreterNeeded = basics.interpreterNeeded
        language = basics.language
    }
}

struct FamilyListItemDTO: NullPreservingEncodable {
    var id: UUID
    var childPatientId: UUID
    var childName: String
    var status: String
    var keyWorkerId: UUID
    var keyWorkerName: String
    var municipalityCode: String
    var openedOn: String

    init(_ item: FamilyListItem) {
        id = item.id
        childPatientId = item.childPatientId
        childName = item.childName
        status = item.status.rawValue
        keyWorkerId = item.keyWorkerId
        keyWorkerName = item.keyWorkerName
        municipalityCode = item.municipalityCode
        openedOn = item.openedOn.description
    }
}

/// An application with the dates its deadlines give.
struct ApplicationDTO: NullPreservingEncodable {
    var id: UUID
    var familyId: UUID
    var benefit: String
    var authority: String
    var submittedOn: String
    var processingDueOn: String
    var decidedOn: String?
    var outcome: String?
    var sentVia: String?
    var sentOn: String?
    var receivedOn: String?
    var appealDueOn: String?
    var appealStatus: String
    var reviewOn: String?
    var version: Int

    init(_ record: ApplicationRecord) {
        let d = record.details
        id = record.id
        familyId = record.familyId
        benefit = d.benefit
        authority = d.authority.rawValue
        submittedOn = d.submittedOn.description
        processingDueOn = record.dates.processingDueOn.description
        decidedOn = d.decision?.decidedOn.description
        outcome = d.decision?.outcome.rawValue
        sentVia = d.decision?.sentVia?.rawValue
        sentOn = d.decision?.sentOn.description
        receivedOn = record.dates.receivedOn?.description
        appealDueOn = record.dates.appealDueOn?.description
        appealStatus = d.appealStatus.rawValue
        reviewOn = d.reviewOn?.description
        version = record.version
    }

    var etag: String { VersionTag.etag(version) }
}

struct SocialWorkTaskDTO: NullPreservingEncodable {
    var kind: String
    var due: String
    var familyId: UUID
    var childName: String
    var applicationId: UUID?
    var benefit: String?
    /// A network meeting's decision past due: what was agreed and who owns it.
    var decision: String?
    var owner: String?

    init(_ task: SocialWorkTask) {
        kind = task.kind.rawValue
        due = task.due.description
        familyId = task.familyId
        childName = task.childName
        applicationId = task.applicationId
        benefit = task.benefitCode
        decision = task.detail
        owner = task.owner
    }
}

struct BenefitDTO: NullPreservingEncodable {
    struct DeadlineDTO: Encodable {
        var amount: Int
        var unit: String
    }

    var code: String
    var law: String
    var previousLaw: String?
    var lawChangedOn: String?
    var name: String
    var authority: String
    var processingDeadline: DeadlineDTO
    var note: String?

    init(_ entry: BenefitEntry, language: Language) {
        code = entry.code
        law = entry.law
        previousLaw = entry.previousLaw
        lawChangedOn = entry.lawChangedOn?.description
        name = language == .danish ? entry.danishName : entry.englishName
        authority = entry.authority.rawValue
        processingDeadline = DeadlineDTO(amount: entry.deadline.amount, unit: entry.deadline.unit.rawValue)
        note = language == .danish ? entry.danishNote : entry.englishNote
    }
}

/// The capacity report in JSON: counts and decimals (FTE, hours, caseload per FTE), no names.
struct CapacityDTO: Encodable {
    struct Month: NullPreservingEncodable {
        var month: String
        var openFamilies: Int
        var newReferrals: Int
        var fundedFTE: Decimal?
        var caseloadPerFTE: Decimal?
        var networkMeetings: Int
        var consultations: Int
        var consultationHours: Decimal
        var teaching: Int
        var teachingHours: Decimal
        var applicationsSubmitted: Int
    }

    struct Funding: NullPreservingEncodable {
        var from: String
        var to: String?
        var fte: Decimal
    }

    var teamUnitCode: String
    var from: String
    var to: String
    var months: [Month]
    var applicationsByOutcome: [String: Int]
    var overdueNow: Int
    var funding: [Funding]

    init(_ report: CapacityService.Report) {
        teamUnitCode = report.team.code
        from = report.from.description
        to = report.to.description
        months = report.months.map {
            Month(
                month: String($0.month.description.prefix(7)), openFamilies: $0.openFamilies, newReferrals: $0.newReferrals, fundedFTE: $0.fundedFTE,
                caseloadPerFTE: $0.caseloadPerFTE, networkMeetings: $0.networkMeetings, consultations: $0.consultations,
                consultationHours: $0.consultationHours, teaching: $0.teaching, teachingHours: $0.teachingHours,
                applicationsSubmitted: $0.applicationsSubmitted)
        }
        applicationsByOutcome = report.totals.byOutcome
        overdueNow = report.totals.overdueNow
        funding = report.funding.map { Funding(from: $0.from.description, to: $0.to?.description, fte: $0.fte) }
    }
}

/// A network meeting in JSON.
struct MeetingDTO: NullPreservingEncodable {
    struct Decision: NullPreservingEncodable {
        var id: UUID
        var text: String
        var owner: String
        var dueOn: String?
        var doneOn: String?
    }

    struct LostEarnings: NullPreservingEncodable {
        var parentId: UUID
        var parentName: String
        var applicationId: UUID?
    }

    var id: UUID
    var familyId: UUID
    var heldOn: String
    var participants: [String]
    var decisions: [Decision]
    var lostEarnings: [LostEarnings]

    init(_ meeting: NetworkMeeting) {
        id = meeting.id
        familyId = meeting.familyId
        heldOn = meeting.heldOn.description
        participants = meeting.participants
        decisions = meeting.decisions.map {
            Decision(id: $0.id, text: $0.text, owner: $0.owner, dueOn: $0.dueOn?.description, doneOn: $0.doneOn?.description)
        }
        lostEarnings = meeting.lostEarnings.map { LostEarnings(parentId: $0.parentId, parentName: $0.parentName, applicationId: $0.applicationId) }
    }
}
