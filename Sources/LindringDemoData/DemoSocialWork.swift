import Foundation
import LindringCore
import LindringStore

/// The paediatric palliative team's (PABU) families: each child with parents, siblings and the
/// professionals around them, and the benefit applications the team's social workers help with.
///
/// The applications' dates are drawn relative to the day the data is loaded and computed with
/// Core's deadline rules (`Deadlines`), so that whenever the demo is loaded its worklist has
/// applications past their processing time, appeal deadlines this week and reviews due. Every
/// draft passes the same validation as one typed into a form.
enum DemoSocialWork {
    static let teamCode = "PABU"

    /// Which families to make: `count` cases opened up to `maxDaysAgo` days ago.
    struct Span: Sendable {
        var count: Int
        /// The first case's number. It is the child's CPR serial (5000 + number, born in the
        /// 2000s), so spans loaded into one database must not overlap: at most 4,000 cases.
        var firstIndex: Int
        var maxDaysAgo: Int
        var seed: UInt64
    }

    /// The demo's families: opened within the last one and a half years, so most are still open.
    static let demo = Span(count: 40, firstIndex: 0, maxDaysAgo: 540, seed: 20_2026)
    /// Where the region's five years start numbering, after the demo's cases.
    static let regionFirstIndex = 100

    /// The team and its social workers (the key workers), and the municipalities families live in.
    struct Team: Sendable {
        var unitId: UUID
        var workers: [User]
        /// The Capital Region's municipalities: those whose home care the unit register holds.
        var municipalityCodes: [String]
    }

    /// A record the families' loading made, for callers that write the audit entries it would have
    /// had: named as the family gate names them (an application's entry names its family case).
    struct Made: Sendable {
        var action: String
        var entityType: String
        var entityId: UUID
        var patientId: UUID
        var at: Date
        var user: User
    }

    /// Some municipalities' published processing times (the rest keep the catalogue's defaults),
    /// so the demo shows a deadline that depends on where the family lives.
    static let publishedProcessingTimes: [(municipality: String, benefit: String, deadline: ProcessingDeadline)] = [
        ("101", "bl86", ProcessingDeadline(40, .workingDays)), ("101", "bl87", ProcessingDeadline(9, .weeks)),
        ("147", "bl86", ProcessingDeadline(20, .workingDays)), ("147", "bl87", ProcessingDeadline(20, .workingDays)),
        ("157", "bl90-aids", ProcessingDeadline(8, .weeks)), ("151", "bl90-housing", ProcessingDeadline(4, .months)),
    ]

    static func load(persistence: Persistence, now: Date = Date()) async throws {
        guard let team = try await team(persistence) else { return }
        _ = try await persistence.write { tx in try await write(demo, team: team, now: now, on: tx) }
    }

    /// Nil when PABU has no social worker to be the families' key worker (or the register no municipalities).
    static func team(_ persistence: Persistence) async throws -> Team? {
        let (users, units) = try await persistence.readEach { db in
            (try await UserRepository.list(on: db), try await UnitRepository.list(includeInactive: false, on: db))
        }
        let workers = users.filter { $0.active && $0.unitCode == teamCode && $0.roles.contains(.socialWorker) }.sorted {
            $0.username < $1.username
        }
        let municipalities = units.filter { $0.kind == .homeCare }.map { String($0.code.dropFirst(3)) }.sorted()
        guard let unitId = workers.first?.unitId, !municipalities.isEmpty else { return nil }
        return Team(unitId: unitId, workers: workers, municipalityCodes: municipalities)
    }

    /// Writes `span`'s families, their children and their applications as of `now`.
    static func write(_ span: Span, team: Team, now: Date, on tx: WriteTransaction) async throws -> [Made] {
        let today = LocalDate(now, in: DanishCalendar.timeZone)
        for published in publishedProcessingTimes {
            try await BenefitRepository.setProcessingDeadline(
                published.deadline, benefitCode: published.benefit, municipalityCode: published.municipality, on: tx)
        }
        // Inactive benefits too: a region loaded into a database in use must not trip over one an administrator retired.
        let benefits = try await BenefitRepository.list(activeOnly: false, on: tx)
        var writer = Writer(today: today, now: now, team: team, benefits: benefits, random: DemoPatients.Generator(state: span.seed))
        for offset in 0..<span.count {
            try await writer.family(index: span.firstIndex + offset, maxDaysAgo: span.maxDaysAgo, on: tx)
        }
        return writer.made
    }

    // MARK: - Writing

    /// What one load keeps across its families: the random source, the deadlines looked up, the
    /// counters that spread the worklist's states over the cases, and what it made.
    struct Writer {
        let today: LocalDate
        let now: Date
        let team: Team
        let benefits: [BenefitEntry]
        var random: DemoPatients.Generator
        var deadlines: [String: ProcessingDeadline] = [:]
        /// How many open cases have had their current application, and how many refusals were sent.
        var current = 0
        var refusals = 0
        var made: [Made] = []

        mutating func family(index: Int, maxDaysAgo: Int, on tx: WriteTransaction) async throws {
            var course = DemoSocialWork.course(index: index, maxDaysAgo: maxDaysAgo, random: &random)
            // The two city municipalities, which publish their own processing times, have a share of their own.
            let municipality =
                index % 4 == 0 ? "101" : index % 8 == 2 ? "147" : team.municipalityCodes[Int(random.next() % UInt64(team.municipalityCodes.count))]
            var applications = try await self.applications(course: course, municipality: municipality, on: tx)
            applications.sort { $0.draft.submittedOn ?? "" < $1.draft.submittedOn ?? "" }
            // The team opened the case before it helped with the first application.
            if let first = applications.first?.submittedDaysAgo { course.opened = max(course.opened, first + days(3...20)) }
            let people = People(index: index, course: course, municipality: municipality, today: today, random: &random)
            let keyWorker = team.workers[index % team.workers.count]
            let author = RecordAuthor(userId: keyWorker.id, name: keyWorker.name)
            let openedAt = instant(daysAgo: course.opened, hour: 9)

            let child = try people.childDraft().validated(today: today)
            let childId = try await PatientRepository.create(child, registeringUnitId: team.unitId, recordedBy: nil, now: openedAt, on: tx)
            let family = try people.familyDraft(childId: childId, keyWorker: keyWorker.id).validated(
                FamilyDraft.Context(teamUserIds: Set(team.workers.map(\.id))))
            let familyId = try await FamilyRepository.create(family, teamUnitId: team.unitId, author: author, now: openedAt, on: tx)
            made.append(Made(action: "patient.create", entityType: "patient", entityId: childId, patientId: childId, at: openedAt, user: keyWorker))
            made.append(Made(action: "family.create", entityType: "family", entityId: familyId, patientId: childId, at: openedAt, user: keyWorker))

            // A single-day claim names the parent who lost the earnings: the stored parent's id.
            let firstParent =
                applications.contains { $0.draft.benefit == "bl87-meeting" }
                ? try await FamilyRepository.find(id: familyId, on: tx)?.details.parents.first?.id : nil
            for application in applications {
                let valid = try application.draft.validated(ApplicationDraft.Context(benefits: benefits, today: today))
                let dates = ApplicationDates(valid, processing: application.deadline)
                let enteredAt = instant(valid.decision?.sentOn ?? valid.submittedOn, hour: 13)
                _ = try await ApplicationRepository.create(
                    familyId: familyId, valid, dates: dates, parentId: valid.benefit == "bl87-meeting" ? firstParent : nil, author: author,
                    now: enteredAt, on: tx)
                try await FamilyRepository.addEvent(
                    familyId: familyId, .applicationAdded, summary: valid.benefit, author: author, now: instant(valid.submittedOn, hour: 12), on: tx)
                if valid.decision != nil {
                    try await FamilyRepository.addEvent(
                        familyId: familyId, .decisionRecorded, summary: valid.benefit, author: author, now: enteredAt, on: tx)
                }
                made.append(
                    Made(
                        action: "family.application.create", entityType: "family", entityId: familyId, patientId: childId, at: enteredAt,
                        user: keyWorker))
            }

            // The statuses a case went through after it was opened, as the team changed them.
            var changes: [(FamilyCaseStatus, Int)] = []
            if let died = course.died { changes.append((.bereavement, max(0, died - 1))) }
            if let closed = course.closed { changes.append((.closed, closed)) }
            var version = 1
            for (status, daysAgo) in changes {
                var changed = family
                changed.status = status
                changed.parents = try await FamilyRepository.find(id: familyId, on: tx)?.details.parents ?? family.parents
                version = try await FamilyRepository.update(
                    id: familyId, changed, version: version, author: author, now: instant(daysAgo: daysAgo, hour: 11), on: tx)
            }
            // The date of death, as the social worker records it; and, while the family is in
            // bereavement follow-up, a conversation planned with each parent.
            if let died = course.died {
                let deathDay = LocalDate(instant(daysAgo: died, hour: 12), in: DanishCalendar.timeZone)
                try await BereavementRepository.setDeath(
                    familyId: familyId, on: deathDay, author: author, now: instant(daysAgo: max(0, died - 1), hour: 11), on: tx)
                if course.closed == nil {
                    for (index, parent) in family.parents.enumerated() {
                        let planned = LocalDate(instant(daysAgo: -(2 + 3 * index), hour: 12), in: DanishCalendar.timeZone)
                        try await BereavementRepository.plan(familyId: familyId, withWhom: parent.name, on: planned, on: tx)
                    }
                }
            }
        }

        /// The case's applications: for an open case, one that puts it on the worklist or
        /// shows a state a social worker meets (`currentStates`, taken in turn); decisions from
        /// earlier in the case; and around a child's death, the care allowance and bereavement leave.
        mutating func applications(course: Course, municipality: String, on tx: WriteTransaction) async throws -> [Planned] {
            var drafts: [ApplicationDraft] = []
            if course.status == .open {
                let state = currentStates[current % currentStates.count]
                let benefit = currentBenefits[(current + current / currentStates.count) % currentBenefits.count]
                current += 1
                drafts.append(
                    self.current(state, benefit: benefit, deadline: try await processingDeadline(benefit, municipality: municipality, on: tx)))
            }
            // Earlier decisions, up to the child's death or the case's end, or six weeks ago.
            let end = course.died ?? course.closed ?? 45
            for _ in 0..<(course.status == .closed ? 1 + Int(random.next() % 3) : Int(random.next() % 3)) {
                let benefit = earlierBenefits[Int(random.next() % UInt64(earlierBenefits.count))]
                guard !drafts.contains(where: { $0.benefit == benefit }), let draft = earlier(benefit: benefit, from: course.opened, to: end) else {
                    continue
                }
                drafts.append(draft)
            }
            if let died = course.died { drafts += aroundDeath(died) }
            var planned: [Planned] = []
            for draft in drafts {
                let deadline = try await processingDeadline(draft.benefit ?? "", municipality: municipality, on: tx)
                planned.append(Planned(draft: draft, deadline: deadline, submittedDaysAgo: daysAgo(LocalDate(draft.submittedOn ?? "") ?? today)))
            }
            return planned
        }

        /// The care allowance to be at home with the dying child, granted within days, and the
        /// parent's bereavement leave from the day after the death (not yet decided when recent).
        mutating func aroundDeath(_ died: Int) -> [ApplicationDraft] {
            let allowance = died + days(8...40)
            let leave = max(0, died - days(2...6))
            let leaveDecided = leave - days(10...25)
            return [
                decided("plejevederlag", .granted, submitted: allowance, decided: allowance - days(2...5), via: .digitalPost),
                leaveDecided > 0
                    ? decided("barsel13", .granted, submitted: leave, decided: leaveDecided, via: .digitalPost)
                    : ApplicationDraft(benefit: "barsel13", submittedOn: date(leave).description),
            ]
        }

        /// An application in `state` on the day the demo is loaded.
        mutating func current(_ state: CurrentState, benefit: String, deadline: ProcessingDeadline) -> ApplicationDraft {
            switch state {
            case .awaiting:
                let submitted = min(today, DemoSocialWork.submission(dueBy: today.adding(days: days(3...25)), deadline))
                return ApplicationDraft(benefit: benefit, submittedOn: submitted.description)
            case .overdue:
                let submitted = DemoSocialWork.submission(dueBy: today.adding(days: -days(2...30)), deadline)
                return ApplicationDraft(benefit: benefit, submittedOn: submitted.description)
            case .granted, .partlyGranted, .withdrawn:
                let outcome: DecisionOutcome = state == .granted ? .granted : state == .partlyGranted ? .partlyGranted : .withdrawn
                let decided = days(3...40)
                let reviewOn = outcome == .granted && timeLimited.contains(benefit) ? date(decided).adding(months: 6) : nil
                return self.decided(
                    benefit, outcome, submitted: decided + days(10...50), decided: decided, via: outcome == .withdrawn ? nil : delivery(),
                    reviewOn: reviewOn)
            case .refused:
                // Recent: the appeal deadline is weeks ahead, not yet on the worklist.
                let decided = days(1...10)
                return self.decided(benefit, .refused, submitted: decided + days(20...50), decided: decided, via: refusalDelivery())
            case .appealDueSoon:
                let via = refusalDelivery()
                var sent = DemoSocialWork.sending(appealDue: today.adding(days: days(1...3)), via: via)
                if Self.appealDue(sent, via) > today.adding(days: SocialWorkWorklist.appealWarningDays) {
                    sent = DemoSocialWork.sending(appealDue: today.adding(days: 1), via: via)
                }
                let decided = daysAgo(sent)
                return self.decided(benefit, .refused, submitted: decided + days(20...50), decided: decided, via: via)
            case .appealed, .reconsidered, .sentToAnkestyrelsen, .appealDecided:
                let (status, range): (AppealStatus, ClosedRange<Int>) =
                    switch state {
                    case .appealed: (.appealed, 25...45)
                    case .reconsidered: (.reconsidered, 45...80)
                    case .sentToAnkestyrelsen: (.sentToAnkestyrelsen, 80...150)
                    default: (.decided, 150...300)
                    }
                let decided = days(range)
                // The team looks again when the answer to a pending appeal is due.
                let reviewOn = status == .decided ? nil : today.adding(days: days(14...60))
                return self.decided(
                    benefit, .refused, submitted: decided + days(20...60), decided: decided, via: refusalDelivery(), appeal: status,
                    reviewOn: reviewOn)
            case .reviewDue:
                let decided = days(150...330)
                return self.decided(
                    benefit, .granted, submitted: decided + days(15...50), decided: decided, via: delivery(),
                    reviewOn: today.adding(days: -days(0...10)))
            }
        }

        /// A decision from earlier in the case (between `from` and `to` days ago), long past its appeal period.
        mutating func earlier(benefit: String, from: Int, to: Int) -> ApplicationDraft? {
            let end = max(to, 45)
            guard from >= end + 20 else { return nil }
            let submitted = days((end + 20)...from)
            let decided = max(end, submitted - days(7...45))
            let outcome = DemoAdvisory.pick(earlierOutcomes, &random)
            let granted = outcome == .granted || outcome == .partlyGranted
            // A time-limited grant comes up for review a year on; only one still ahead is kept.
            let review = granted && timeLimited.contains(benefit) ? date(decided).adding(months: 12) : nil
            let via: DecisionDelivery? =
                switch outcome {
                case .withdrawn: nil
                case .refused, .partlyGranted: refusalDelivery()
                case .granted: delivery()
                }
            return self.decided(
                benefit, outcome, submitted: submitted, decided: decided, via: via, reviewOn: review.flatMap { $0 > today ? $0 : nil })
        }

        /// A decided application; days are counted back from today, and the decision is sent the day it is made.
        func decided(
            _ benefit: String, _ outcome: DecisionOutcome, submitted: Int, decided: Int, via: DecisionDelivery?, appeal: AppealStatus = .none,
            reviewOn: LocalDate? = nil
        ) -> ApplicationDraft {
            ApplicationDraft(
                benefit: benefit, submittedOn: date(submitted).description, decidedOn: date(decided).description, outcome: outcome.rawValue,
                sentVia: via?.rawValue, sentOn: date(decided).description, appealStatus: appeal.rawValue, reviewOn: reviewOn?.description)
        }

        /// Most decisions come by digital post, some still by letter.
        mutating func delivery() -> DecisionDelivery { random.next() % 4 == 0 ? .letter : .digitalPost }

        /// Decisions that can be appealed go by letter and by digital post in turn, and one by quick
        /// letter: the three count their receipt, and so the appeal deadline, differently.
        mutating func refusalDelivery() -> DecisionDelivery {
            defer { refusals += 1 }
            return refusals == 2 ? .quickLetter : refusals % 2 == 0 ? .letter : .digitalPost
        }

        mutating func processingDeadline(_ code: String, municipality: String, on tx: WriteTransaction) async throws -> ProcessingDeadline {
            let key = municipality + "/" + code
            if let known = deadlines[key] { return known }
            let entry = benefits.first { $0.code == code }!
            let deadline = try await BenefitRepository.processingDeadline(benefit: entry, municipalityCode: municipality, on: tx)
            deadlines[key] = deadline
            return deadline
        }

        mutating func days(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
        func date(_ daysAgo: Int) -> LocalDate { today.adding(days: -daysAgo) }

        func daysAgo(_ date: LocalDate) -> Int { DemoSocialWork.dayNumber(today) - DemoSocialWork.dayNumber(date) }

        /// A moment on a past day, never later than `now`.
        func instant(_ date: LocalDate, hour: Int) -> Date { min(now, DanishCalendar.instant(date, hour: hour) ?? now) }
        func instant(daysAgo: Int, hour: Int) -> Date { instant(date(daysAgo), hour: hour) }

        static func appealDue(_ sent: LocalDate, _ via: DecisionDelivery) -> LocalDate {
            Deadlines.appealDueOn(receivedOn: Deadlines.receivedOn(sentOn: sent, via: via))
        }
    }

    /// An application drafted for a case, with the processing time that applies to it.
    struct Planned {
        var draft: ApplicationDraft
        var deadline: ProcessingDeadline
        var submittedDaysAgo: Int
    }

    /// The states of an open case's current application, in the order the cases take them: every
    /// state appears, the worklist's (overdue, appeal due, review due) a few times among 40 cases.
    enum CurrentState: CaseIterable {
        case awaiting, overdue, granted, appealDueSoon, partlyGranted, reviewDue, refused, appealed, withdrawn, reconsidered,
            sentToAnkestyrelsen, appealDecided
    }

    static let currentStates: [CurrentState] = CurrentState.allCases + [.awaiting, .granted]
    static let currentBenefits = [
        "bl87", "bl86", "bl90-aids", "bl87-meeting", "barsel26", "bl89", "bl90-housing", "bl32", "bl90-relief", "sel118", "bl90-transport",
        "bl90-goods",
    ]
    static let earlierBenefits = ["bl86", "bl86", "bl87", "bl90-aids", "bl90-goods", "bl90-transport", "bl90-relief", "barsel26", "bl89", "bl32"]
    static let earlierOutcomes: [(DecisionOutcome, Int)] = [(.granted, 60), (.partlyGranted, 15), (.refused, 15), (.withdrawn, 10)]
    /// Benefits granted for a period, reviewed before it ends.
    static let timeLimited: Set<String> = ["bl87", "bl90-relief", "barsel26", "sel118", "bl32"]

    /// The latest day an application can be submitted for its processing deadline to fall on or
    /// before `day` (the deadline never moves back when the submission moves forward).
    static func submission(dueBy day: LocalDate, _ deadline: ProcessingDeadline) -> LocalDate {
        func due(_ start: LocalDate) -> LocalDate { Deadlines.due(from: start, amount: deadline.amount, unit: deadline.unit) }
        let daysPerUnit: Double =
            switch deadline.unit {
            case .days: 1
            case .workingDays: 1.4
            case .weeks: 7
            case .months: 30
            }
        var start = day.adding(days: -Int(Double(deadline.amount) * daysPerUnit))
        while due(start) > day { start = start.adding(days: -1) }
        while due(start.adding(days: 1)) <= day { start = start.adding(days: 1) }
        return start
    }

    /// The first day a decision sent `via` a channel has its appeal deadline on or after `day`.
    static func sending(appealDue day: LocalDate, via: DecisionDelivery) -> LocalDate {
        var sent = day.adding(days: -7 * Deadlines.appealWeeks)
        while Writer.appealDue(sent, via) >= day { sent = sent.adding(days: -1) }
        while Writer.appealDue(sent, via) < day { sent = sent.adding(days: 1) }
        return sent
    }

    /// Days since 1 March of year 0 (the civil-from-days algorithm's count): the difference of two
    /// is the days between them, without a calendar object per day.
    static func dayNumber(_ date: LocalDate) -> Int {
        let year = date.month <= 2 ? date.year - 1 : date.year
        let month = (date.month + 9) % 12
        return 365 * year + year / 4 - year / 100 + year / 400 + (153 * month + 2) / 5 + date.day - 1
    }

    // MARK: - The case's course

    /// When the case was opened and, in days before today, when the child died and the case was closed.
    struct Course {
        var opened: Int
        var died: Int?
        var closed: Int?

        var status: FamilyCaseStatus { closed != nil ? .closed : died != nil ? .bereavement : .open }
    }

    /// A case opened up to `maxDaysAgo` days ago. One opened in the last year and a half is open,
    /// in bereavement follow-up after the child's death (one in eight) or closed (one in
    /// thirteen); most older ones have ended, half of them after the child's death.
    static func course(index: Int, maxDaysAgo: Int, random: inout DemoPatients.Generator) -> Course {
        let opened = Int.random(in: 30...max(30, maxDaysAgo), using: &random)
        if opened > 540 {
            guard index % 10 != 0 else { return Course(opened: opened) }
            let closed = Int.random(in: 1...(opened - 180), using: &random)
            let died = index % 2 == 0 ? min(opened - 30, closed + Int.random(in: 180...365, using: &random)) : nil
            return Course(opened: opened, died: died, closed: closed)
        }
        if index % 8 == 5 { return Course(opened: opened, died: Int.random(in: 7...min(150, opened - 14), using: &random)) }
        if index % 13 == 12 { return Course(opened: opened, closed: Int.random(in: 5...min(60, opened - 20), using: &random)) }
        return Course(opened: opened)
    }
}

// MARK: - The people around the child

extension DemoSocialWork {
    static let childNames = [
        "Alma", "Noah", "Freja", "Oscar", "Ella", "Karl", "Ida", "Malthe", "Asta", "Viggo", "Luna", "Emil", "Ellen", "Aksel", "Olivia", "Alfred",
        "Clara", "Elias", "Sofia", "Storm", "Agnes", "Bertram", "Lea", "Villads",
    ]
    static let motherNames = ["Mette", "Line", "Sara", "Camilla", "Louise", "Maria", "Julie", "Amalie", "Fatima", "Nadia", "Katrine", "Signe"]
    static let fatherNames = ["Jonas", "Mads", "Rasmus", "Anders", "Kasper", "Ahmed", "Thomas", "Nikolaj", "Jakob", "Martin", "Omar", "Peter"]
    static let languages = ["Arabisk", "Somali", "Tyrkisk", "Urdu", "Polsk", "Tigrinya", "Ukrainsk", "Dari"]
    static let schools = ["Lindeskolen", "Birkeskolen", "Kastanieskolen", "Egeskolen"]
    static let siblingSupport = [
        "Søskendegruppe i kommunen", "Samtaler med skolens trivselsperson", "Sover dårligt siden diagnosen", "Aflastning i weekenderne",
    ]

    /// How the adults around the child live.
    enum Household: CaseIterable {
        case together, single, separated, stepFamily, foster
    }

    static let households: [(Household, Int)] = [(.together, 50), (.single, 13), (.separated, 20), (.stepFamily, 12), (.foster, 5)]
    /// The child's age when the case was opened: many are infants (congenital and neonatal conditions).
    static let agesAtOpening: [(ClosedRange<Int>, Int)] = [(0...0, 25), (1...5, 30), (6...12, 25), (13...15, 20)]

    /// The child and the people around it, drawn for case `index`.
    struct People {
        var index: Int
        var childName: String
        var birth: LocalDate
        var group: ConditionGroup
        var municipality: String
        var address: String
        var parents: [FamilyDraft.ParentInput] = []
        var siblings: [FamilyDraft.SiblingInput] = []
        var network: [FamilyDraft.NetworkInput] = []
        var language: String?
        var interpreterNeeded = false

        init(index: Int, course: Course, municipality: String, today: LocalDate, random: inout DemoPatients.Generator) {
            self.index = index
            self.municipality = municipality
            let surname = DemoPatients.lastNames[(index / childNames.count + index) % DemoPatients.lastNames.count]
            childName = "\(childNames[index % childNames.count]) \(surname)"
            let age = Int.random(in: DemoAdvisory.pick(agesAtOpening, &random), using: &random)
            birth = today.adding(days: -(course.opened + age * 365 + Int.random(in: 7...300, using: &random)))
            group = DemoAdvisory.pick([(.group1, 30), (.group2, 15), (.group3, 30), (.group4, 25)], &random)
            let town = Municipalities.name(municipality) ?? ""
            address = "\(DemoPatients.streets[index % DemoPatients.streets.count]) \(1 + index % 97), \(town)"
            if index % 7 == 3 {
                (language, interpreterNeeded) = (languages[index / 7 % languages.count], true)
            } else if index % 11 == 6 {
                language = "Engelsk"
            }

            func parent(
                _ first: String, _ last: String, _ relation: ParentRelation, position: Int, home: Bool, custody: Bool
            ) -> FamilyDraft.ParentInput {
                let other = DemoPatients.streets[(index + 3) % DemoPatients.streets.count]
                return FamilyDraft.ParentInput(
                    name: "\(first) \(last)", relation: relation.rawValue,
                    phone: String(format: "2%d %02d %02d %02d", position + 1, index % 100, index / 100 % 100, 10 + position),
                    email: position == 0 ? "\(first.lowercased()).\(index)@example.com" : nil,
                    address: home ? address : "\(other) \(2 + index % 60), \(town)", livesWithChild: home, holdsCustody: custody)
            }
            let mother = motherNames[index % motherNames.count], father = fatherNames[(index / 3) % fatherNames.count]
            let otherSurname = DemoPatients.lastNames[(index + 4) % DemoPatients.lastNames.count]
            switch DemoAdvisory.pick(households, &random) {
            case .together:
                parents = [
                    parent(mother, surname, .parent, position: 0, home: true, custody: true),
                    parent(father, surname, .parent, position: 1, home: true, custody: true),
                ]
            case .single:
                parents = [parent(mother, surname, .parent, position: 0, home: true, custody: true)]
            case .separated:
                // Joint custody; the father is reached at his own address and number.
                parents = [
                    parent(mother, surname, .parent, position: 0, home: true, custody: true),
                    parent(father, otherSurname, .parent, position: 1, home: false, custody: true),
                ]
            case .stepFamily:
                // The step-father lives with the child without custody; the father keeps his.
                parents = [
                    parent(mother, surname, .parent, position: 0, home: true, custody: true),
                    parent(fatherNames[(index + 5) % fatherNames.count], "Bonusen", .stepParent, position: 1, home: true, custody: false),
                    parent(father, otherSurname, .parent, position: 2, home: false, custody: true),
                ]
            case .foster:
                // Custody stays with the birth parents or the municipality.
                parents = [
                    parent(mother, otherSurname, .fosterParent, position: 0, home: true, custody: false),
                    parent(father, otherSurname, .fosterParent, position: 1, home: true, custody: false),
                ]
            }

            let childAge = birth.years(until: today.adding(days: -course.opened))
            for position in 0..<DemoAdvisory.pick([(0, 25), (1, 40), (2, 25), (3, 10)], &random) {
                let age = Int.random(in: 0...min(24, childAge + 10), using: &random)
                siblings.append(
                    FamilyDraft.SiblingInput(
                        name: childNames[(index + 7 + position * 5) % childNames.count], age: String(age),
                        schoolOrDaycare: People.schoolOrDaycare(age: age, index: index + position),
                        supportNeeds: random.next() % 4 == 0 ? siblingSupport[(index + position) % siblingSupport.count] : nil))
            }

            // Where the child spends the day first, then the other professionals in some order.
            let daily: NetworkRole = childAge <= 1 ? .healthVisitor : childAge <= 5 ? .daycare : .school
            var others: [NetworkRole] = [.municipalCaseworker, .gp, .homeNursing] + (group == .group4 ? [] : [.childrensHospice])
            others.shuffle(using: &random)
            for (position, role) in ([daily] + others.prefix(Int(random.next() % 4))).enumerated() {
                network.append(contact(role, position: position, childAge: childAge, town: town))
            }
        }

        func contact(_ role: NetworkRole, position: Int, childAge: Int, town: String) -> FamilyDraft.NetworkInput {
            let person =
                "\(motherNames[(index + position + 4) % motherNames.count]) \(DemoPatients.lastNames[(index + position) % DemoPatients.lastNames.count])"
            let phone = String(format: "70 80 %02d %02d", index % 100, position * 10 + index / 100 % 10)
            let organisation: String =
                switch role {
                case .healthVisitor: "Sundhedsplejen, \(town) Kommune"
                case .daycare: People.schoolOrDaycare(age: childAge, index: index) ?? "Dagplejen"
                case .school: People.schoolOrDaycare(age: max(6, childAge), index: index) ?? schools[0]
                case .municipalCaseworker: "Børn og Familie, \(town) Kommune"
                case .homeNursing: "Hjemmesygeplejen, \(town) Kommune"
                case .gp: "Demolægerne \(town)"
                case .childrensHospice: "Lukashuset"
                case .other: "Patientforeningen"
                }
            // A hospice is reached through its front desk rather than a named person.
            return FamilyDraft.NetworkInput(
                role: role.rawValue, name: role == .childrensHospice ? nil : person, organisation: organisation, phone: phone)
        }

        static func schoolOrDaycare(age: Int, index: Int) -> String? {
            switch age {
            case 1...2: "Vuggestuen Mælkebøtten"
            case 3...5: "Børnehaven Solsikken"
            case 6...15: schools[index % schools.count]
            case 16...19: "Gymnasiet"
            default: nil
            }
        }

        /// A well-formed, made-up CPR number: the birth date and serial 5000 + the case's number
        /// (a first digit of 5 says born in the 2000s), unlike any adult demo patient's.
        var cpr: String { String(format: "%02d%02d%02d%04d", birth.day, birth.month, birth.year % 100, 5000 + index % 4000) }

        func childDraft() -> PatientDraft {
            let diagnosis: DiagnosisGroup =
                switch group {
                case .group1: .cancer
                case .group2: index % 2 == 0 ? .lung : .heart
                case .group3, .group4: .neurological
                }
            return PatientDraft(
                cpr: cpr, name: childName, address: address, municipalityCode: municipality, phone: parents.first?.phone,
                diagnosisGroup: diagnosis.rawValue, language: language, interpreterNeeded: interpreterNeeded,
                relatives: parents.enumerated().map { position, parent in
                    PatientDraft.RelativeInput(
                        name: parent.name, relation: parent.relation == ParentRelation.parent.rawValue ? "forælder" : "bonus- eller plejeforælder",
                        phone: parent.phone, primaryContact: position == 0, livesWithPatient: parent.livesWithChild)
                }, sharingConsent: SharingConsent.given.rawValue)
        }

        func familyDraft(childId: UUID, keyWorker: UUID) -> FamilyDraft {
            FamilyDraft(
                childPatientId: childId.uuidString, conditionGroup: group.rawValue, municipalityCode: municipality, parents: parents,
                siblings: siblings, interpreterNeeded: interpreterNeeded, language: language, network: network,
                keyWorkerId: keyWorker.uuidString)
        }
    }
}
