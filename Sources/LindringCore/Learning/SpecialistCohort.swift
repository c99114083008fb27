import Foundation

/// The specialist education in cancer nursing: the region sends a cohort of up to 25 nurses every
/// second year. 1½ years (78 weeks): 23 weeks of theory at the university college and 55 weeks of
/// clinical training, in alternating stages, each nurse with a clinical supervisor.
public enum SpecialistEducation {
    public static let theoryWeeks = 23
    public static let clinicalWeeks = 55

    /// The standard plan: three rounds of theory followed by clinical training, so each clinical
    /// stage puts the theory before it into practice.
    public static let standardPlan: [StagePlan] = [
        StagePlan(kind: .theory, name: "Teori 1", weeks: 8),
        StagePlan(kind: .clinical, name: "Klinik 1", weeks: 18),
        StagePlan(kind: .theory, name: "Teori 2", weeks: 8),
        StagePlan(kind: .clinical, name: "Klinik 2", weeks: 18),
        StagePlan(kind: .theory, name: "Teori 3", weeks: 7),
        StagePlan(kind: .clinical, name: "Klinik 3", weeks: 19),
    ]

    /// The plan's stages dated from the cohort's first day, back to back: each starts the day
    /// after the one before ends, and a stage of `n` weeks lasts `7n` days.
    public static func stages(startingOn start: LocalDate, plan: [StagePlan] = standardPlan) -> [DatedStage] {
        var day = start
        return plan.enumerated().map { index, stage in
            let next = day.adding(days: 7 * stage.weeks)
            defer { day = next }
            return DatedStage(position: index + 1, kind: stage.kind, name: stage.name, startsOn: day, endsOn: next.adding(days: -1))
        }
    }

    /// Where a nurse who follows the plan stands in `stage` on `today`; the demo's progress, and
    /// what an educator's changes are compared against.
    public static func expectedStatus(of stage: DatedStage, on today: LocalDate) -> StageStatus {
        if stage.endsOn < today { return .completed }
        return stage.startsOn <= today ? .inProgress : .notStarted
    }

    /// A nurse has completed the education when every stage is completed; a stage she has no
    /// status for has not started.
    public static func hasCompleted(stages: [UUID], statuses: [UUID: StageStatus]) -> Bool {
        !stages.isEmpty && stages.allSatisfy { statuses[$0] == .completed }
    }
}

public enum StageKind: String, CaseIterable, Codable, Sendable {
    /// At the university college.
    case theory
    /// In a clinical placement with the nurse's supervisor.
    case clinical
}

public struct StagePlan: Equatable, Sendable {
    public var kind: StageKind
    public var name: String
    public var weeks: Int

    public init(kind: StageKind, name: String, weeks: Int) {
        self.kind = kind
        self.name = name
        self.weeks = weeks
    }
}

/// A stage of one cohort, with its first and last day.
public struct DatedStage: Equatable, Sendable {
    /// 1 for the first stage.
    public var position: Int
    public var kind: StageKind
    public var name: String
    public var startsOn: LocalDate
    public var endsOn: LocalDate

    public init(position: Int, kind: StageKind, name: String, startsOn: LocalDate, endsOn: LocalDate) {
        self.position = position
        self.kind = kind
        self.name = name
        self.startsOn = startsOn
        self.endsOn = endsOn
    }
}

/// Where one nurse stands in one stage.
public enum StageStatus: String, CaseIterable, Codable, Sendable {
    case notStarted
    case inProgress
    case completed
    /// Stopped before the end (illness, leave, leaving the education); may be resumed.
    case interrupted
}

/// A cohort holds at most 25 nurses, the places the region pays for.
public enum CohortLimit {
    public static let members = 25

    /// Refuses a new member when `members` already hold every place, naming the field she was
    /// typed in.
    public static func checkRoom(members: Int, field: String = "employeeNumber") throws(ValidationFailure) {
        if members >= Self.members { throw ValidationFailure([FieldError(field, .full)]) }
    }
}

/// A new cohort of a specialist-education offer, as a form or another system sends it.
public struct CohortDraft: Codable, Equatable, Sendable {
    public var offerId: String?
    public var name: String?
    /// The first day of the first stage, `YYYY-MM-DD`.
    public var startsOn: String?

    public init(offerId: String? = nil, name: String? = nil, startsOn: String? = nil) {
        self.offerId = offerId
        self.name = name
        self.startsOn = startsOn
    }

    /// Cohorts are planned a few years ahead and kept for a few decades.
    public static let years = 2000...2100

    public func validated() throws(ValidationFailure) -> ValidCohort {
        var v = Validator()
        let offerId = v.uuid("offerId", offerId, required: true)
        let name = v.requiredText("name", name ?? "", maxLength: OfferDraft.maxTitleLength)
        let startsOn = v.localDate("startsOn", startsOn, required: true)
        if let startsOn, !Self.years.contains(startsOn.year) { v.add("startsOn", .outOfRange) }
        try v.check()
        return ValidCohort(offerId: offerId!, name: name, startsOn: startsOn!)
    }
}

public struct ValidCohort: Equatable, Sendable {
    public var offerId: UUID
    public var name: String
    public var startsOn: LocalDate

    public init(offerId: UUID, name: String, startsOn: LocalDate) {
        self.offerId = offerId
        self.name = name
        self.startsOn = startsOn
    }

    public var stages: [DatedStage] { SpecialistEducation.stages(startingOn: startsOn) }
}

/// A nurse's clinical supervisor: who, and where (the unit or place of the clinical training).
public struct SupervisorDraft: Codable, Equatable, Sendable {
    public var supervisorName: String?
    public var supervisorPlace: String?

    public init(supervisorName: String? = nil, supervisorPlace: String? = nil) {
        self.supervisorName = supervisorName
        self.supervisorPlace = supervisorPlace
    }

    public func validated(into v: inout Validator) -> Supervisor {
        Supervisor(
            name: v.optionalText("supervisorName", supervisorName, maxLength: OfferDraft.maxTitleLength),
            place: v.optionalText("supervisorPlace", supervisorPlace, maxLength: OfferDraft.maxTitleLength))
    }

    public func validated() throws(ValidationFailure) -> Supervisor {
        var v = Validator()
        let supervisor = validated(into: &v)
        try v.check()
        return supervisor
    }
}

/// Not known yet when a nurse is added: both may be blank.
public struct Supervisor: Equatable, Sendable {
    public var name: String?
    public var place: String?

    public init(name: String? = nil, place: String? = nil) {
        self.name = name
        self.place = place
    }
}

/// A nurse added to a cohort by her employee number in the staff register (most of the nurses
/// are not Lindring users), perhaps with her supervisor.
public struct CohortMemberDraft: Codable, Equatable, Sendable {
    public var employeeNumber: String?
    public var supervisorName: String?
    public var supervisorPlace: String?

    public init(employeeNumber: String? = nil, supervisorName: String? = nil, supervisorPlace: String? = nil) {
        self.employeeNumber = employeeNumber
        self.supervisorName = supervisorName
        self.supervisorPlace = supervisorPlace
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // HR systems' numbers are often digits only: a JSON number is taken as its text.
        employeeNumber = try container.decodeNumberText(forKey: .employeeNumber)
        supervisorName = try container.decodeIfPresent(String.self, forKey: .supervisorName)
        supervisorPlace = try container.decodeIfPresent(String.self, forKey: .supervisorPlace)
    }

    public func validated() throws(ValidationFailure) -> (employeeNumber: String, supervisor: Supervisor) {
        var v = Validator()
        let number = v.employeeNumber("employeeNumber", employeeNumber ?? "")
        let supervisor = SupervisorDraft(supervisorName: supervisorName, supervisorPlace: supervisorPlace).validated(into: &v)
        try v.check()
        return (number, supervisor)
    }
}
