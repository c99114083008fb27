import Foundation
import LindringCore
import LindringStore
import SQLKit

/// A region's multi-year volume of synthetic data, for load tests and benchmarks: 100,000
/// patients, 20,000 plans with their versions and care teams, 1,000,000 advisory contacts
/// over five years, 2,000,000 symptom assessments, 5,000 users, five years of the paediatric
/// team's families (350, with their children and applications), and the audit entry each of
/// those records would have had. Everything is written through the repositories' row
/// descriptions (`rows(…, into:)`) as multi-row inserts, some thousands of rows per
/// transaction, so that a region loads in minutes rather than hours.
public enum RegionScale {
    public struct Volume: Equatable, Sendable {
        public var users: Int
        public var patients: Int
        public var plans: Int
        public var contacts: Int
        public var assessments: Int
        /// The paediatric team's family cases: about 70 new ones a year.
        public var families: Int
        /// The staff register of the region's clinical units, for competence coverage.
        public var staff: Int = 45_000

        public static let region = Volume(
            users: 5_000, patients: 100_000, plans: 20_000, contacts: 1_000_000, assessments: 2_000_000, families: 350, staff: 45_000)

        public func scaled(by fraction: Double) -> Volume {
            func part(_ n: Int) -> Int { max(1, Int((Double(n) * fraction).rounded())) }
            return Volume(
                users: part(users), patients: part(patients), plans: min(part(plans), part(patients)), contacts: part(contacts),
                assessments: part(assessments), families: part(families), staff: part(staff))
        }
    }

    /// What is being written, for a progress bar: `done` of `total` records of `stage`.
    public typealias Progress = @Sendable (_ stage: String, _ done: Int, _ total: Int) -> Void

    public struct AlreadyLoaded: Error, CustomStringConvertible {
        public var description: String { "Region-scale data was loaded into this database before (user r-00001 exists); use a new database." }
    }

    static let firstUsername = "r-00001"
    /// Big transactions: each page a transaction touches is written to the WAL once per commit.
    static let rowsPerTransaction = 100_000
    static let days = 1826
    static let cprOffset = 1_000_000

    /// Loads `volume` of synthetic data ending at `now`. Refuses a database that has it already.
    public static func load(
        persistence: Persistence, hasher: any PasswordHashing, volume: Volume, now: Date = Date(),
        progress: Progress = { _, _, _ in }
    ) async throws {
        if try await persistence.readEach({ try await UserRepository.find(username: firstUsername, on: $0) }) != nil { throw AlreadyLoaded() }
        let units = try await persistence.readEach { try await UnitRepository.list(includeInactive: false, on: $0) }
        var context = Context(units: units, gps: try await DemoPatients.demoGPs(persistence, units: units), now: now)
        let staff = try await users(persistence, hasher: hasher, count: volume.users, context: context, progress: progress)
        context.advisors = staff.filter { $0.roles.contains(.advisor) }
        context.clinicians = staff.filter { $0.roles.contains(.clinician) }
        try await persistence.bulkLoad { [context] in
            var context = context
            let pipeline = Pipeline(persistence)
            try await patients(pipeline, volume: volume, context: &context, progress: progress)
            try await contacts(pipeline, count: volume.contacts, context: context, progress: progress)
            try await assessments(pipeline, count: volume.assessments, context: context, progress: progress)
            try await pipeline.finish()
            try await families(persistence, count: volume.families, now: now, progress: progress)
            try await staffRegister(persistence, count: volume.staff, context: context, progress: progress)
            progress("counts", 0, 1)
            try await persistence.writeAlone { tx in
                try await ContactDayCounts.rebuild(on: tx)
                try await FollowUpRepository.closeAllDue(before: now.addingTimeInterval(-12 * 3600), byName: "Nanna Nielsen", on: tx)
            }
            progress("counts", 1, 1)
        }
    }

    /// What the stages share: the organisation, the random source, and who was made so far.
    struct Context {
        let units: [OrgUnit]
        let gps: [OrgUnit]
        let now: Date
        var random = DemoPatients.Generator(state: 100_000)
        var advisors: [User] = []
        var clinicians: [User] = []
        /// Patients with a plan and their key worker's unit (for contacts' follow-ups).
        var planned: [(id: UUID, keyWorker: UUID)] = []
        var unplanned: [UUID] = []

        func units(_ kind: UnitKind) -> [OrgUnit] { units.filter { $0.kind == kind } }
        func unit(_ code: String) -> OrgUnit? { units.first { $0.code == code } }
    }

    // MARK: - Users

    /// Staff across the region: clinicians in the palliative teams, home care and hospital
    /// departments, the advisory line's nurses, social workers and educators. They share one
    /// hash of a random password nobody knows: they exist to be named in the data, not to sign in.
    static func users(
        _ persistence: Persistence, hasher: any PasswordHashing, count: Int, context: Context, progress: Progress
    ) async throws -> [User] {
        let hash = try await hasher.hash(SecureToken.make())
        let clinical = context.units(.palliativeTeam) + context.units(.homeCare) + context.units(.hospitalDepartment)
        var drafts: [(user: ValidUser, unitId: UUID?)] = []
        for index in 0..<count {
            let (role, profession, unit): (Role, Profession, OrgUnit?) =
                switch index % 50 {
                case 0: (.advisor, .nurse, context.unit("PAL-247"))
                case 1: (.socialWorker, .socialWorker, context.unit("PABU"))
                case 2: (.educator, .nurse, context.unit("UDD-PAL"))
                default: (.clinician, index % 5 == 0 ? .doctor : .nurse, clinical[index % clinical.count])
                }
            let name =
                "\(DemoPatients.firstNames[index % DemoPatients.firstNames.count]) \(DemoPatients.lastNames[(index / 7) % DemoPatients.lastNames.count])"
            drafts.append(
                (
                    ValidUser(username: String(format: "r-%05d", index + 1), name: name, profession: profession, unitCode: unit?.code, roles: [role]),
                    unit?.id
                ))
        }
        for start in stride(from: 0, to: drafts.count, by: 1_000) {
            let chunk = Array(drafts[start..<min(start + 1_000, drafts.count)])
            try await persistence.writeAlone { tx in
                try await UserRepository.createMany(chunk, passwordHash: hash, on: tx)
                try await AuditLog.append(
                    chunk.map { Accounts.commandLineRecord("user.create.demo", entityType: "user", entityId: $0.user.username) }, on: tx)
            }
            progress("users", start + chunk.count, drafts.count)
        }
        return try await persistence.readEach { try await UserRepository.list(on: $0) }.filter { $0.username.hasPrefix("r-") }
    }

    // MARK: - Patients and plans

    static let middleNames = ["", "Marie", "Holm", "Skov", "Juul", "Bach", "Dam", "Krogh", "Lind", "Bæk", "Vang", "Kjær"]

    /// Every fifth patient has a shared plan (a third of those with the palliative team at
    /// Rigshospitalet, as in the demo) of one to four versions over the last two years; the
    /// others were registered by a hospital department or home care after screening.
    static func patients(_ pipeline: Pipeline, volume: Volume, context: inout Context, progress: Progress) async throws {
        let teams = context.units(.palliativeTeam), homeCare = context.units(.homeCare), departments = context.units(.hospitalDepartment)
        let hospices = context.units(.hospice).filter { $0.code != "HOSP-LUK" }
        let today = LocalDate(context.now, in: DanishCalendar.timeZone)
        let planEvery = max(1, volume.patients / volume.plans)
        let chunkSize = 10_000
        for start in stride(from: 0, to: volume.patients, by: chunkSize) {
            var chunk = Chunk()
            for index in start..<min(start + chunkSize, volume.patients) {
                let hasPlan = index % planEvery == 0 && index / planEvery < volume.plans
                let team = hasPlan && index % 3 == 0 ? context.unit("RH-PAL")! : teams.randomElement(using: &context.random)!
                let home = homeCare.randomElement(using: &context.random)!
                let gp = context.gps.randomElement(using: &context.random)
                let name = [
                    DemoPatients.firstNames[index % DemoPatients.firstNames.count], middleNames[(index / 3) % middleNames.count],
                    DemoPatients.lastNames[(index / 11) % DemoPatients.lastNames.count],
                ].filter { !$0.isEmpty }.joined(separator: " ")
                let consent: SharingConsent = index % 10 == 9 ? .declined : (index % 10 == 8 ? .notAsked : .given)
                let patient = try DemoPatients.patientDraft(
                    index: cprOffset + index, name: name, home: home, gp: gp, consent: consent,
                    random: &context.random
                ).validated(today: today)
                let registered = context.now.addingTimeInterval(-Double(context.random.next() % UInt64(days * 86_400)))
                let registeringUnit = hasPlan ? team : departments[index % departments.count]
                let id = UUID()
                try PatientRepository.rows(
                    patient, id: id, registeringUnitId: registeringUnit.id, recordedBy: nil, now: registered, into: &chunk.rows)
                chunk.audit.append(record("patient.create", patientId: id, at: registered))
                guard hasPlan else {
                    context.unplanned.append(id)
                    continue
                }
                var content = DemoPatients.plan(index: index, team: team, home: home, gp: gp, hospices: hospices, random: &context.random)
                let author = context.clinicians.randomElement(using: &context.random)
                let versions = 1 + Int(context.random.next() % 4)
                var at = context.now.addingTimeInterval(-Double(context.random.next() % (730 * 86_400)))
                var history: [(content: PlanContent, author: PlanAuthor, at: Date)] = []
                for version in 0..<versions {
                    if version == 1 { content = DemoPatients.decided(content, today: LocalDate(at, in: DanishCalendar.timeZone)) }
                    if version >= 2 { content.whatMattersMost = ["At være hjemme", "At se børnebørnene", "Ro og lindring"][version % 3] }
                    history.append((content, PlanAuthor(userId: author?.id, name: author?.name ?? "Læge Ida Holm", unitId: team.id), at))
                    chunk.audit.append(record(version == 0 ? "plan.create" : "plan.update", patientId: id, at: at, user: author))
                    at = min(context.now, at.addingTimeInterval(Double(1 + context.random.next() % 30) * 86_400))
                }
                referral(
                    patientId: id, patient: patient, team: team, referrer: departments[index % departments.count], history: &history,
                    context: &context, into: &chunk.rows)
                try PlanRepository.rows(patientId: id, history: history, into: &chunk.rows)
                context.planned.append((id, team.id))
            }
            try await chunk.send(to: pipeline)
            progress("patients", min(start + chunkSize, volume.patients), volume.patients)
        }
    }

    /// Each planned patient was referred to specialised palliative care when the plan began: most
    /// reached within a few weeks, some not; one in four has died since, where they wished mostly.
    static func referral(
        patientId: UUID, patient: ValidPatient, team: OrgUnit, referrer: OrgUnit,
        history: inout [(content: PlanContent, author: PlanAuthor, at: Date)],
        context: inout Context, into rows: inout RowBatch
    ) {
        guard let first = history.first, let last = history.last else { return }
        let today = LocalDate(context.now, in: DanishCalendar.timeZone)
        let received = LocalDate(first.at, in: DanishCalendar.timeZone)
        let roll = Int(context.random.next() % 100)
        var referral = ValidReferral(
            receivedOn: received, referringUnitId: referrer.id, receivingUnitId: team.id, diagnosisGroup: patient.diagnosisGroup, status: .received)
        if roll < 85 {
            referral.status = .firstContact
            referral.firstContactOn = min(received.adding(days: Int(context.random.next() % 20)), today)
            referral.discussedAtConference = roll % 4 != 0
            referral.conferenceOn = referral.discussedAtConference ? referral.firstContactOn : nil
        } else if roll < 95 {
            referral.status = .notReached
            referral.notReachedReason = NotReachedReason.allCases[roll % 4]
        }
        ReferralRepository.rows(patientId: patientId, referral, author: "Sygeplejerske Bo Berg", now: first.at, into: &rows)
        if roll % 4 == 0, let contact = referral.firstContactOn {
            var content = last.content
            content.status = .ended
            content.endReason = .died
            content.dateOfDeath = max(contact, LocalDate(last.at, in: DanishCalendar.timeZone))
            content.placeOfDeath = roll % 3 == 0 ? .hospitalDepartment : .home
            history[history.count - 1].content = content
        }
    }

    // MARK: - Advisory contacts

    /// Contacts over the last five years with the line's daily pattern: busier at weekends and on
    /// holidays, as the demo's year. Each day's share of the total is drawn first, so the total is exact.
    static func contacts(_ pipeline: Pipeline, count: Int, context: Context, progress: Progress) async throws {
        var random = DemoPatients.Generator(state: 1_000_000)
        let today = LocalDate(context.now, in: DanishCalendar.timeZone)
        // Five years up to yesterday: every drawn moment is past, so the total comes out exact.
        let dates = (0..<days).map { today.adding(days: -days + $0) }
        let weights = dates.map { date in
            Double(14 + Int(random.next() % 9) + (date.weekday >= 6 || DanishCalendar.holiday(on: date) != nil ? 6 : 0))
        }
        let perWeight = Double(count) / weights.reduce(0, +)
        let patientIds = context.planned.map(\.id)
        let keyWorkers = Dictionary(context.planned.map { ($0.id, $0.keyWorker) }, uniquingKeysWith: { first, _ in first })
        let advisors = context.advisors
        var written = 0, owed = 0.0
        var chunk = Chunk()
        for (date, weight) in zip(dates, weights) {
            owed += weight * perWeight
            let closed = date.weekday >= 6 || DanishCalendar.holiday(on: date) != nil
            // The owed fractions can sum to a hair under a whole contact; the last day takes the rest.
            let due = date == dates.last ? count - written : Int(owed)
            var today = 0, attempts = 0
            // A moment that does not exist (the spring DST gap) is drawn again; the attempts are bounded.
            while today < due, written < count, attempts < due * 4 {
                attempts += 1
                guard
                    let contact = DemoAdvisory.contact(
                        on: date, closed: closed, now: context.now, patients: patientIds, keyWorkers: keyWorkers,
                        random: &random)
                else { continue }
                let advisor = advisors.randomElement(using: &random)
                let id = UUID()
                ContactRepository.rows(
                    contact, id: id, author: RecordAuthor(userId: advisor?.id ?? UUID(), name: advisor?.name ?? "Nanna Nielsen"),
                    idempotencyKey: nil, now: contact.endedAt, into: &chunk.rows)
                chunk.audit.append(
                    record("contact.create", patientId: contact.patientId, at: contact.endedAt, user: advisor, entityType: "contact", entityId: id))
                today += 1
                written += 1
            }
            owed -= Double(today)
            if chunk.rows.rowCount >= Self.rowsPerTransaction || date == dates.last {
                try await chunk.send(to: pipeline)
                progress("contacts", written, count)
            }
        }
    }

    // MARK: - Symptom assessments

    /// ESAS-r series: weekly for patients with a plan (symptoms easing, some worse again), now
    /// and then for the others. Answers come from a pool of scored, encoded results per
    /// symptom level, because scoring and encoding two million answer sets one by one would
    /// take longer than writing them.
    static func assessments(_ pipeline: Pipeline, count: Int, context: Context, progress: Progress) async throws {
        var random = DemoPatients.Generator(state: 2_000_000)
        let pool = try resultPool(&random)
        let planned = context.planned.map(\.id), unplanned = context.unplanned
        // Three in five assessments belong to patients with a plan.
        let perPlanned = planned.isEmpty ? 0 : count * 3 / 5 / planned.count
        let perUnplanned = unplanned.isEmpty ? 0 : max(1, (count - perPlanned * planned.count) / unplanned.count)
        let nurses = context.clinicians
        var written = 0
        var chunk = Chunk()
        let series = planned.map { ($0, perPlanned, 7.0) } + unplanned.map { ($0, perUnplanned, 30.0) }
        for (offset, (patient, n, everyDays)) in series.enumerated() where written < count {
            let worseLately = offset % 8 == 0
            for step in 0..<min(n, count - written) {
                let weeksAgo = Double(n - 1 - step) * everyDays
                let level = worseLately && step == n - 1 ? 8 : max(1, 6 - step / 4)
                let result = pool[level][Int(random.next() % UInt64(pool[level].count))]
                let takenAt = context.now.addingTimeInterval(-weeksAgo * 86_400 - Double(random.next() % 40_000))
                let nurse = nurses.isEmpty ? nil : nurses[Int(random.next() % UInt64(nurses.count))]
                let id = UUID()
                AssessmentRepository.rows(
                    patientId: patient, instrument: .esasR, respondent: step % 2 == 0 ? .patient : .staff, result: result,
                    takenAt: takenAt, recordedBy: (nurse?.id, nurse?.name ?? "Sygeplejerske Bo Berg"), id: id, now: takenAt, into: &chunk.rows)
                chunk.audit.append(record("assessment.create", patientId: patient, at: takenAt, user: nurse, entityType: "assessment", entityId: id))
                written += 1
            }
            if chunk.rows.rowCount >= Self.rowsPerTransaction || offset == series.count - 1 || written == count {
                try await chunk.send(to: pipeline)
                progress("assessments", written, count)
            }
        }
    }

    // MARK: - The staff register and its completions

    /// `count` employees across the clinical units (the region's users among them, linked by
    /// employee number), each unit trained to its own degree, through the import's own path.
    static func staffRegister(_ persistence: Persistence, count: Int, context: Context, progress: Progress) async throws {
        let clinical = context.units(.palliativeTeam) + context.units(.homeCare) + context.units(.hospitalDepartment)
        let offers = try await persistence.readEach { try await OfferRepository.list(on: $0) }
        let basal = offers.filter { $0.offer.levels.contains(.basal) }.map(\.id)
        guard count > 0, !clinical.isEmpty, !basal.isEmpty else { return }
        var random = DemoPatients.Generator(state: 45_000)
        let rates = clinical.map { _ in 5 + Int(random.next() % 76) }
        let linked = context.clinicians + context.advisors
        var members: [StaffMember] = []
        var completions: [(String, UUID)] = []
        let today = LocalDate(context.now, in: DanishCalendar.timeZone)
        for index in 0..<count {
            let unitIndex = index % clinical.count
            let unit = clinical[unitIndex]
            let profession: Profession =
                unit.kind == .homeCare
                ? [.socialAndHealthCareHelper, .socialAndHealthCareAssistant, .socialAndHealthCareHelper, .nurse][index % 4]
                : [.nurse, .nurse, .doctor, .socialAndHealthCareAssistant][index % 4]
            let number = String(format: "R%06d", index + 1)
            let name = index < linked.count ? linked[index].name : "Ansat \(number)"
            let code = index < linked.count ? (linked[index].unitCode ?? unit.code) : unit.code
            members.append(
                StaffMember(
                    employeeNumber: number, name: name, unitCode: code, profession: index < linked.count ? linked[index].profession : profession,
                    startDate: today.adding(days: -Int(random.next() % 7300))))
            if Int(random.next() % 100) < rates[unitIndex] { completions.append((number, basal[Int(random.next() % UInt64(basal.count))])) }
        }
        let unitIds = Dictionary(context.units.map { ($0.code, $0.id) }) { first, _ in first }
        let register = members
        let completed = completions
        try await persistence.writeAlone { tx in
            _ = try await StaffRegisterRepository.importMembers(register, unitIds: unitIds, now: context.now, on: tx)
            for (index, user) in linked.prefix(count).enumerated() {
                try await CoverageRepository.setEmployeeNumber(String(format: "R%06d", index + 1), userId: user.id, on: tx)
            }
            try await CoverageRepository.recordStaffCompletions(completed, at: context.now, source: "import", on: tx)
        }
        progress("staff", count, count)
    }

    // MARK: - The paediatric team's families

    /// Five years of PABU's families through the demo's own path (`DemoSocialWork.write`), numbered
    /// after the demo's, with the audit entry of each child, case and application. None when
    /// the team has no social worker to be their key worker.
    static func families(_ persistence: Persistence, count: Int, now: Date, progress: Progress) async throws {
        guard count > 0, let team = try await DemoSocialWork.team(persistence) else { return }
        let span = DemoSocialWork.Span(count: count, firstIndex: DemoSocialWork.regionFirstIndex, maxDaysAgo: days, seed: 5_2026)
        try await persistence.writeAlone { tx in
            let made = try await DemoSocialWork.write(span, team: team, now: now, on: tx)
            try await AuditLog.append(
                made.map { record($0.action, patientId: $0.patientId, at: $0.at, user: $0.user, entityType: $0.entityType, entityId: $0.entityId) },
                on: tx)
        }
        progress("families", count, count)
    }

    /// For each symptom level 0–10, forty ESAS-r answer sets around it, scored with the default
    /// thresholds and encoded as stored.
    static func resultPool(_ random: inout DemoPatients.Generator) throws -> [[AssessmentRepository.StoredResult]] {
        try (0...10).map { level in
            try (0..<40).map { _ in
                let answers = DemoScreening.esasAnswers(around: level, random: &random)
                return try AssessmentRepository.StoredResult(answers: AnswerJSON.stored(answers), score: try Instrument.esasR.score(answers))
            }
        }
    }

    /// Rows and the audit entries of the records they hold, written in one transaction.
    struct Chunk: Sendable {
        var rows = RowBatch()
        var audit: [AuditRecord] = []

        /// Hands the rows to `pipeline` and starts an empty chunk.
        mutating func send(to pipeline: Pipeline) async throws {
            let full = self
            self = Chunk()
            try await pipeline.write(full)
        }
    }

    /// Stores one chunk while the next is being made, so that making rows (Swift) and storing
    /// them (SQLite, on a thread of its own) keep both cores busy. Used by one task at a time.
    final class Pipeline: @unchecked Sendable {
        let persistence: Persistence
        private var inFlight: Task<Void, any Error>?

        init(_ persistence: Persistence) {
            self.persistence = persistence
        }

        func write(_ chunk: Chunk) async throws {
            try await finish()
            inFlight = Task { [persistence] in
                try await persistence.writeAlone { tx in
                    try await chunk.rows.write(on: tx)
                    try await AuditLog.append(chunk.audit, on: tx)
                }
            }
        }

        /// Waits for the chunk in flight.
        func finish() async throws {
            let task = inFlight
            inFlight = nil
            try await task?.value
        }
    }

    static func record(
        _ action: String, patientId: UUID?, at: Date, user: User? = nil, entityType: String = "patient", entityId: UUID? = nil
    ) -> AuditRecord {
        AuditRecord(
            at: at, userId: user?.id, username: user?.username ?? "cli:demo-data", role: user?.roles.first?.rawValue ?? "administrator",
            action: action, entityType: entityType, entityId: (entityId ?? patientId)?.uuidString, patientId: patientId,
            purpose: "synthetic region-scale data", userAgent: "lindring-cli")
    }
}
