import Foundation
import LindringCore
import LindringStore

/// The paediatric team's social work: family cases and their applications, through the
/// family gate (one transaction per request, its audit entry against the child).
struct SocialWorkService {
    let services: AppServices
    var gate: FamilyGate { FamilyGate(services: services) }

    static func today(_ now: Date = Date()) -> LocalDate { DanishCalendar.today(now) }

    /// What a case's page shows: everything to the team, the basic facts to the child's other units.
    struct CasePage: Sendable {
        let level: FamilyAccessLevel
        let basics: FamilyBasics
        let family: FamilyCase?
        let applications: [ApplicationRecord]
        let events: [FamilyEvent]
        let benefits: [BenefitEntry]
        var meetings: [NetworkMeeting] = []
        /// The date of death: the case's own, else the child's plan's (`deathFromPlan`).
        var deathOn: LocalDate?
        var deathFromPlan = false
        var conversations: [BereavementConversation] = []
        /// Oldest first.
        var assessments: [NeedsAssessment] = []
    }

    func casePage(_ familyId: UUID, _ context: AppContext) async throws -> CasePage {
        try await gate.read(context, familyId: familyId, action: "family.read") { tx, granted in
            guard let family = try await FamilyRepository.find(id: familyId, on: tx) else { throw AppError.notFound }
            guard granted.level >= .read else {
                return CasePage(level: granted.level, basics: family.basics, family: nil, applications: [], events: [], benefits: [])
            }
            let planDeath = family.deathOn == nil ? try await BereavementRepository.planDeath(childPatientId: family.child.patientId, on: tx) : nil
            return CasePage(
                level: granted.level, basics: family.basics, family: family,
                applications: try await ApplicationRepository.list(familyId: familyId, on: tx),
                events: try await FamilyRepository.events(familyId: familyId, on: tx),
                benefits: try await BenefitRepository.list(activeOnly: false, on: tx),
                meetings: try await MeetingRepository.list(familyId: familyId, on: tx), deathOn: family.deathOn ?? planDeath,
                deathFromPlan: family.deathOn == nil && planDeath != nil,
                conversations: try await BereavementRepository.conversations(familyId: familyId, on: tx),
                assessments: try await NeedsAssessmentRepository.list(familyId: familyId, on: tx))
        }
    }

    /// Opens a case; a child who has one already is a conflict naming it.
    func openCase(_ draft: FamilyDraft, _ context: AppContext) async throws -> UUID {
        let user = try context.require(.manageSocialWorkCases)
        guard let child = draft.childPatientId.flatMap({ UUID(uuidString: $0.trimmingCharacters(in: .whitespaces)) }) else {
            throw ValidationFailure([FieldError("childPatientId", (draft.childPatientId ?? "").isEmpty ? .required : .invalidFormat)])
        }
        do {
            return try await gate.open(context, childPatientId: child, action: "family.create") { tx, team in
                let valid = try draft.validated(try await Self.context(team: team, on: tx))
                return try await FamilyRepository.create(valid, teamUnitId: team, author: RecordAuthor(user), on: tx)
            }
        } catch is FamilyAlreadyOpen {
            throw AppError.conflict("The child already has a family case.")
        }
    }

    /// Changes a case made from `version`; the child stays the case's child. The request (its
    /// body, its version) is read once the gate has decided: a user who may not change the case
    /// is refused whatever the request says.
    func updateCase(
        _ familyId: UUID, _ draft: @escaping @Sendable () throws -> FamilyDraft, version: @escaping @Sendable () throws -> Int,
        _ context: AppContext
    ) async throws -> Int {
        let user = try context.requireUser()
        do {
            return try await gate.write(context, familyId: familyId, action: "family.update") { tx, granted in
                var draft = try draft()
                draft.childPatientId = granted.childPatientId.uuidString
                let valid = try draft.validated(try await Self.context(team: granted.teamUnitId, on: tx))
                return try await FamilyRepository.update(id: familyId, valid, version: try version(), author: RecordAuthor(user), on: tx)
            }
        } catch is StaleFamilyVersion {
            throw AppError.preconditionFailed
        }
    }

    static func context(team: UUID, on tx: any DatabaseReading) async throws -> FamilyDraft.Context {
        FamilyDraft.Context(teamUserIds: Set(try await UserRepository.list(unitId: team, on: tx).map(\.id)))
    }

    /// Records an application for the family, with its processing deadline.
    func addApplication(_ familyId: UUID, _ draft: ApplicationDraft, _ context: AppContext, now: Date = Date()) async throws -> ApplicationRecord {
        let user = try context.requireUser()
        return try await gate.write(context, familyId: familyId, action: "family.application.create") { tx, _ in
            let (valid, dates) = try await Self.validated(draft, familyId: familyId, activeOnly: true, now: now, on: tx)
            let id = try await ApplicationRepository.create(familyId: familyId, valid, dates: dates, author: RecordAuthor(user), on: tx)
            try await FamilyRepository.addEvent(familyId: familyId, .applicationAdded, summary: valid.benefit, author: RecordAuthor(user), on: tx)
            guard let stored = try await ApplicationRepository.find(id: id, on: tx) else { throw AppError.notFound }
            return stored
        }
    }

    /// Changes an application (typically its decision and appeal): the fields sent replace the
    /// stored ones; `version`, when given, must be the stored one.
    func updateApplication(
        _ applicationId: UUID, _ draft: @escaping @Sendable () throws -> ApplicationDraft, version: @escaping @Sendable () throws -> Int?,
        _ context: AppContext, now: Date = Date()
    ) async throws -> ApplicationRecord {
        let user = try context.requireUser()
        guard
            let familyId = try await services.persistence.readEach({ try await ApplicationRepository.familyId(applicationId: applicationId, on: $0) })
        else { throw AppError.notFound }
        do {
            return try await changeApplication(applicationId, familyId: familyId, draft, version: version, user: user, context, now: now)
        } catch is StaleApplicationVersion {
            throw AppError.preconditionFailed
        }
    }

    private func changeApplication(
        _ applicationId: UUID, familyId: UUID, _ draft: @escaping @Sendable () throws -> ApplicationDraft,
        version: @escaping @Sendable () throws -> Int?, user: User, _ context: AppContext, now: Date
    ) async throws -> ApplicationRecord {
        try await gate.write(context, familyId: familyId, action: "family.application.update") { tx, _ in
            guard let current = try await ApplicationRepository.find(id: applicationId, on: tx) else { throw AppError.notFound }
            let merged = try draft().overlaid(on: ApplicationDraft(current.details))
            let (valid, dates) = try await Self.validated(merged, familyId: familyId, activeOnly: false, now: now, on: tx)
            _ = try await ApplicationRepository.update(
                id: applicationId, valid, dates: dates, version: try version() ?? current.version, author: RecordAuthor(user), on: tx)
            let event: FamilyEventKind? =
                valid.decision != nil && current.details.decision == nil
                ? .decisionRecorded : valid.appealStatus != current.details.appealStatus ? .appealChanged : nil
            if let event {
                try await FamilyRepository.addEvent(familyId: familyId, event, summary: valid.benefit, author: RecordAuthor(user), on: tx)
            }
            guard let stored = try await ApplicationRepository.find(id: applicationId, on: tx) else { throw AppError.notFound }
            return stored
        }
    }

    /// Records a network meeting, with its decisions and the parents who lost earnings that day.
    func addMeeting(
        _ familyId: UUID, _ draft: @escaping @Sendable () throws -> NetworkMeetingDraft, _ context: AppContext
    ) async throws
        -> NetworkMeeting
    {
        let user = try context.requireUser()
        return try await gate.write(context, familyId: familyId, action: "family.meeting.create") { tx, _ in
            guard let family = try await FamilyRepository.find(id: familyId, on: tx) else { throw AppError.notFound }
            let valid = try draft().validated(.init(parentIds: Set(family.details.parents.compactMap(\.id))))
            let id = try await MeetingRepository.create(familyId: familyId, valid, author: RecordAuthor(user), on: tx)
            try await FamilyRepository.addEvent(familyId: familyId, .meetingHeld, summary: nil, author: RecordAuthor(user), on: tx)
            guard let meeting = try await MeetingRepository.list(familyId: familyId, on: tx).first(where: { $0.id == id }) else {
                throw AppError.notFound
            }
            return meeting
        }
    }

    /// One click from a meeting: the § 87 single-day application for a parent's lost earnings
    /// that day, submitted today and linked to the meeting; a second click is a conflict.
    func applyForLostEarnings(
        _ familyId: UUID, meetingId: UUID, parentId: UUID, _ context: AppContext, now: Date = Date()
    ) async throws
        -> ApplicationRecord
    {
        let user = try context.requireUser()
        return try await gate.write(context, familyId: familyId, action: "family.application.create") { tx, _ in
            let meeting = try await MeetingRepository.list(familyId: familyId, on: tx).first { $0.id == meetingId }
            guard let lost = meeting?.lostEarnings.first(where: { $0.parentId == parentId }) else { throw AppError.notFound }
            guard lost.applicationId == nil else { throw AppError.conflict("The application for this day has been made.") }
            let draft = ApplicationDraft(benefit: Self.singleDayBenefit, submittedOn: Self.today(now).description)
            let (valid, dates) = try await Self.validated(draft, familyId: familyId, activeOnly: true, now: now, on: tx)
            let id = try await ApplicationRepository.create(
                familyId: familyId, valid, dates: dates, parentId: parentId, author: RecordAuthor(user), on: tx)
            try await MeetingRepository.linkApplication(meetingId: meetingId, parentId: parentId, applicationId: id, on: tx)
            try await FamilyRepository.addEvent(familyId: familyId, .applicationAdded, summary: valid.benefit, author: RecordAuthor(user), on: tx)
            guard let stored = try await ApplicationRepository.find(id: id, on: tx) else { throw AppError.notFound }
            return stored
        }
    }

    /// Barnets lov § 87, lost earnings for single days (the catalogue's code).
    static let singleDayBenefit = "bl87-meeting"

    /// Marks a meeting's decision done today, or not done.
    func setDecisionDone(_ familyId: UUID, decisionId: UUID, done: Bool, _ context: AppContext) async throws {
        try await gate.write(context, familyId: familyId, action: "family.meeting.decision") { tx, _ in
            guard try await MeetingRepository.setDecisionDone(decisionId, familyId: familyId, on: done ? Self.today() : nil, on: tx) else {
                throw AppError.notFound
            }
        }
    }

    /// Records an assessment of the family's needs.
    func assessNeeds(_ familyId: UUID, _ draft: NeedsAssessmentDraft, _ context: AppContext) async throws {
        let user = try context.requireUser()
        try await gate.write(context, familyId: familyId, action: "family.needs") { tx, _ in
            let assessment = try draft.validated(.init(today: Self.today()))
            try await NeedsAssessmentRepository.create(familyId: familyId, assessment, author: RecordAuthor(user), on: tx)
        }
    }

    /// Records the child's date of death on the case (an open case moves to bereavement follow-up).
    func setDeath(_ familyId: UUID, deathOn: String?, _ context: AppContext, now: Date = Date()) async throws {
        let user = try context.requireUser()
        var v = Validator()
        let day = v.localDate("deathOn", deathOn, required: true)
        if let day, day > Self.today(now) { v.add("deathOn", .inFuture) }
        try v.check()
        try await gate.write(context, familyId: familyId, action: "family.bereavement") { tx, _ in
            try await BereavementRepository.setDeath(familyId: familyId, on: day!, author: RecordAuthor(user), on: tx)
            try await FamilyRepository.addEvent(
                familyId: familyId, .statusChanged, summary: FamilyCaseStatus.bereavement.rawValue, author: RecordAuthor(user), on: tx)
        }
    }

    /// Plans a follow-up conversation with a parent, a sibling or the family.
    func planConversation(_ familyId: UUID, withWhom: String?, plannedOn: String?, _ context: AppContext) async throws {
        var v = Validator()
        let who = v.requiredText("withWhom", withWhom ?? "", maxLength: FamilyDraft.maxNameLength)
        let day = v.localDate("plannedOn", plannedOn, required: true)
        try v.check()
        try await gate.write(context, familyId: familyId, action: "family.bereavement") { tx, _ in
            try await BereavementRepository.plan(familyId: familyId, withWhom: who, on: day!, on: tx)
        }
    }

    func setConversationDone(_ familyId: UUID, conversationId: UUID, done: Bool, _ context: AppContext) async throws {
        try await gate.write(context, familyId: familyId, action: "family.bereavement") { tx, _ in
            guard try await BereavementRepository.setDone(conversationId, familyId: familyId, on: done ? Self.today() : nil, on: tx) else {
                throw AppError.notFound
            }
        }
    }

    /// Validates an application against the catalogue and computes its dates from the processing
    /// time the family's municipality publishes for the benefit.
    static func validated(
        _ draft: ApplicationDraft, familyId: UUID, activeOnly: Bool, now: Date, on tx: any DatabaseReading
    ) async throws -> (ValidApplication, ApplicationDates) {
        let benefits = try await BenefitRepository.list(activeOnly: activeOnly, on: tx)
        let valid = try draft.validated(.init(benefits: benefits, today: today(now)))
        guard let family = try await FamilyRepository.find(id: familyId, on: tx), let entry = benefits.first(where: { $0.code == valid.benefit })
        else { throw AppError.notFound }
        let deadline = try await BenefitRepository.processingDeadline(benefit: entry, municipalityCode: family.details.municipalityCode, on: tx)
        return (valid, ApplicationDates(valid, processing: deadline))
    }

    /// The team's worklist (or the user's own cases'): what needs doing, and, for the page, the
    /// deadlines still ahead; audited for each child it names.
    func worklist(
        _ context: AppContext, mine: Bool, withUpcoming: Bool = false, now: Date = Date()
    ) async throws
        -> (tasks: [SocialWorkTask], upcoming: [SocialWorkTask])
    {
        let user = try context.require(.manageSocialWorkCases)
        guard let team = user.unitId else { return ([], []) }
        let keyWorker = mine ? user.id : nil
        return try await services.persistence.readAudited { tx in
            let today = Self.today(now)
            let tasks = try await SocialWorkWorklist.tasks(teamUnitId: team, keyWorkerId: keyWorker, today: today, on: tx)
            let upcoming = withUpcoming ? try await SocialWorkWorklist.upcoming(teamUnitId: team, keyWorkerId: keyWorker, today: today, on: tx) : []
            let shown = (tasks + upcoming).map { (id: $0.childPatientId, purpose: String?.none) }
            return ((tasks, upcoming), context.shownRecords("family.worklist", as: .manageSocialWorkCases, patients: shown))
        }
    }

    /// The team's cases, audited for each child shown.
    func caseload(_ context: AppContext, includeClosed: Bool) async throws -> [FamilyListItem] {
        let user = try context.requireUser()
        guard user.can(.manageSocialWorkCases) || user.can(.readPatientData), let team = user.unitId else { throw AppError.forbidden }
        return try await services.persistence.readAudited { tx in
            let families = try await FamilyRepository.list(teamUnitId: team, includeClosed: includeClosed, on: tx)
            let permission: Action = user.can(.manageSocialWorkCases) ? .manageSocialWorkCases : .readPatientData
            return (families, context.shownRecords("family.list", as: permission, patients: families.map { ($0.childPatientId, nil) }))
        }
    }
}

extension RecordAuthor {
    init(_ user: User) { self.init(userId: user.id, name: user.name) }
}
