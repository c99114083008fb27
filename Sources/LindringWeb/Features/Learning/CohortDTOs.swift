import Foundation
import LindringCore
import LindringStore

struct CohortDTO: NullPreservingEncodable {
    var id: UUID
    var offerId: UUID
    var offerTitle: String
    var name: String
    var startsOn: LocalDate
    var endsOn: LocalDate?
    var capacity: Int
    var stages: [CohortStageDTO]
    /// Every nurse for an educator; a nurse's own row for her.
    var members: [CohortMemberDTO]

    init(_ cohort: Cohort) {
        id = cohort.summary.id
        offerId = cohort.summary.offerId
        offerTitle = cohort.summary.offerTitle
        name = cohort.summary.name
        startsOn = cohort.summary.startsOn
        endsOn = cohort.endsOn
        capacity = CohortLimit.members
        stages = cohort.stages.map(CohortStageDTO.init)
        members = cohort.members.map { CohortMemberDTO($0, stages: cohort.stages) }
    }
}

struct CohortStageDTO: Encodable {
    var id: UUID
    var position: Int
    var kind: StageKind
    var name: String
    var startsOn: LocalDate
    var endsOn: LocalDate

    init(_ stage: CohortStage) {
        id = stage.id
        position = stage.stage.position
        kind = stage.stage.kind
        name = stage.stage.name
        startsOn = stage.stage.startsOn
        endsOn = stage.stage.endsOn
    }
}

struct CohortMemberDTO: NullPreservingEncodable {
    struct Progress: Encodable {
        var stageId: UUID
        var status: StageStatus
    }

    var id: UUID
    var employeeNumber: String
    /// As the staff register has it; null when she has left it.
    var name: String?
    var unitName: String?
    var supervisorName: String?
    var supervisorPlace: String?
    /// One entry per stage, in the stages' order.
    var progress: [Progress]
    var completed: Bool

    init(_ member: CohortMember, stages: [CohortStage]) {
        id = member.id
        employeeNumber = member.employeeNumber
        name = member.name
        unitName = member.unitName
        supervisorName = member.supervisor.name
        supervisorPlace = member.supervisor.place
        progress = stages.map { Progress(stageId: $0.id, status: member.status(in: $0.id)) }
        completed = SpecialistEducation.hasCompleted(stages: stages.map(\.id), statuses: member.progress)
    }
}
