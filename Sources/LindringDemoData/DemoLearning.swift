import Foundation
import LindringCore
import LindringStore

/// Competence development's demo, besides the "tidlig palliation" e-learning Lindring ships: the
/// region's other offers (workshops on the e-learning, basal palliation teaching and supervision,
/// the year's four cross-sector theme afternoons, the specialist education in cancer nursing)
/// and a year of sessions around today, with the demo users registered, one session full with a
/// waiting list.
enum DemoLearning {
    static let offers: [OfferDraft] = [
        OfferDraft(
            title: "Tidlig palliation – workshop",
            summary: "Gruppen arbejder med e-læringens cases sammen med en underviser: refleksion, erfaringer fra egen praksis og aftaler om, "
                + "hvad I gør anderledes i morgen.",
            format: "workshop", levels: ["basal", "A"], competencies: ["1", "8", "9"],
            professions: ["socialAndHealthCareHelper", "socialAndHealthCareAssistant", "nurse", "doctor"], duration: "3 timer",
            prerequisites: "Modul 1 i e-læringen."),
        OfferDraft(
            title: "Basal palliation – undervisning",
            summary: "Tidlig identifikation, systematisk symptomscreening, klinisk beslutningstagning og inddragelse af patient og pårørende.",
            format: "course", levels: ["basal", "B"], competencies: ["1", "2", "6", "7"], professions: ["nurse", "doctor"],
            sectors: ["region", "municipality", "generalPractice"], duration: "1 dag", validityMonths: "24"),
        OfferDraft(
            title: "Basal palliation – supervision i praksis",
            summary: "Supervision i små grupper på egen afdeling eller i eget distrikt, med udgangspunkt i jeres egne patientforløb.",
            format: "supervision", levels: ["basal", "B"], competencies: ["7", "9", "10"], professions: ["nurse", "socialAndHealthCareAssistant"],
            duration: "2 timer", validityMonths: "12"),
        OfferDraft(
            title: "Tværsektoriel temaeftermiddag",
            summary: "Fire gange om året under forløbsprogrammet for rehabilitering og palliation i forbindelse med kræft: "
                + "hospital, kommune, almen praksis og hospice mødes om et tema.",
            format: "themeAfternoon", levels: ["basal"], competencies: ["8"], duration: "3 timer"),
        OfferDraft(
            title: "Specialuddannelse i kræftsygepleje",
            summary: "25 sygeplejersker fra regionen hvert andet år: 23 ugers teori på professionshøjskolen og 55 ugers klinisk uddannelse "
                + "i etaper med en klinisk vejleder.",
            format: "specialistEducation", levels: ["C", "specialised"], competencies: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"],
            professions: ["nurse"], duration: "1½ år", prerequisites: "Autoriseret sygeplejerske med mindst 2 års erfaring."),
    ]

    /// A session: which offer, days from today, the Copenhagen start time, hours, places, place, and who registers in order.
    struct Plan {
        var offer: Int
        var days: Int
        var start: String
        var hours: Int
        var capacity: Int
        var place: String
        var people: [String]
        /// Past sessions: everyone came, and the first two evaluated it.
        var attended = false
        /// A workshop whose participants worked a case in a group, closed by the educator.
        var group = false
    }

    /// What participants wrote in evaluations and in the demo's workshop group.
    static let evaluationComments = [
        "Gode cases fra hverdagen. Jeg tager SPICT-DK med på næste teammøde.", nil,
        "Mere tid til samtaleøvelserne næste gang, tak.",
    ]
    static let groupReflections = [
        "Han sover i stolen, fordi han ikke kan få luft, når han ligger ned, og han har tabt appetitten. Tre indlæggelser på et halvt år.",
        "Inger er ved at blive slidt op. Hun har brug for, at nogen spørger til hende, ikke kun til Erik.",
    ]

    static let plans: [Plan] = [
        Plan(
            offer: 1, days: -60, start: "13:00", hours: 3, capacity: 20, place: "Hillerød Hospital, mødelokale 2", people: ["hjemmepleje", "klinik"],
            attended: true),
        // Certificates from supervision last a year: this one runs out within the month.
        Plan(
            offer: 2, days: -340, start: "10:00", hours: 2, capacity: 8, place: "Palliativt Team, Hillerød", people: ["klinik"], attended: true),
        Plan(
            offer: 0, days: -14, start: "13:00", hours: 3, capacity: 20, place: "Bispebjerg Hospital, auditorium 1",
            people: ["hjemmepleje", "klinik", "raadgiver"], group: true),
        Plan(offer: 0, days: 21, start: "13:00", hours: 3, capacity: 20, place: "Bispebjerg Hospital, auditorium 1", people: ["hjemmepleje"]),
        Plan(offer: 1, days: 35, start: "09:00", hours: 7, capacity: 30, place: "Regionshuset, Hillerød", people: ["klinik", "raadgiver"]),
        Plan(
            offer: 3, days: 9, start: "14:00", hours: 2, capacity: 2, place: "Hjemmeplejen, København, mødelokalet",
            people: ["hjemmepleje", "klinik", "raadgiver"]),
        Plan(
            offer: 3, days: -40, start: "13:00", hours: 3, capacity: 80, place: "Online (Teams)", people: ["klinik", "hjemmepleje", "raadgiver"],
            attended: true),
        Plan(offer: 3, days: 50, start: "13:00", hours: 3, capacity: 80, place: "Herlev Hospital, auditorium", people: ["hjemmepleje"]),
        Plan(offer: 3, days: 140, start: "13:00", hours: 3, capacity: 80, place: "Online (Teams)", people: []),
        Plan(offer: 3, days: 230, start: "13:00", hours: 3, capacity: 80, place: "Hvidovre Hospital, auditorium", people: []),
    ]

    /// The staff register of the demo's clinical units (departments, palliative teams, home care)
    /// and who completed what, trained to a different degree unit by unit, so coverage shows
    /// where training lags. The demo's clinicians are in it under their employee numbers.
    static func loadStaffRegister(persistence: Persistence, units unitLimit: Int = 40, now: Date = Date()) async throws {
        let (units, users, offers) = try await persistence.readEach { db in
            (
                try await UnitRepository.list(includeInactive: false, on: db), try await UserRepository.list(on: db),
                try await OfferRepository.list(on: db)
            )
        }
        // Half hospital departments and palliative teams, half municipalities' home care.
        let hospital = units.filter { [.hospitalDepartment, .palliativeTeam].contains($0.kind) }.sorted { $0.code < $1.code }
        let homeCare = units.filter { $0.kind == .homeCare }.sorted { $0.code < $1.code }
        let chosen = Array(hospital.prefix(unitLimit / 2)) + Array(homeCare.prefix(unitLimit - min(hospital.count, unitLimit / 2)))
        let basal = offers.filter { $0.offer.levels.contains(.basal) }.map(\.id)
        let specialised = offers.filter { $0.offer.levels.contains(.specialised) }.map(\.id)
        guard !chosen.isEmpty, !basal.isEmpty else { return }
        var random = DemoPatients.Generator(state: 2_021_121)
        let professions: [Profession] = [.nurse, .nurse, .nurse, .doctor, .socialAndHealthCareAssistant, .socialAndHealthCareHelper]
        var members: [StaffMember] = []
        var completions: [(String, UUID)] = []
        for (index, unit) in chosen.enumerated() {
            // Each unit its own degree of training, 5–80 %.
            let trained = 5 + Int(random.next() % 76)
            let size = unit.kind == .homeCare ? 30 + Int(random.next() % 40) : 12 + Int(random.next() % 30)
            for person in 0..<size {
                let number = String(format: "D%03d%03d", index, person)
                let profession =
                    unit.kind == .homeCare
                    ? [.socialAndHealthCareHelper, .socialAndHealthCareAssistant, .nurse][person % 3] : professions[person % 6]
                members.append(
                    StaffMember(
                        employeeNumber: number, name: "Ansat \(index + 1)-\(person + 1)", unitCode: unit.code, profession: profession,
                        startDate: LocalDate(now, in: DanishCalendar.timeZone).adding(days: -Int(random.next() % 3650))))
                if Int(random.next() % 100) < trained { completions.append((number, basal[Int(random.next() % UInt64(basal.count))])) }
                if profession == .nurse, !specialised.isEmpty, random.next() % 20 == 0 { completions.append((number, specialised[0])) }
            }
        }
        // The demo's clinicians, so what they complete in Lindring counts for their unit.
        let staffed = users.filter { $0.roles.contains(.clinician) || $0.roles.contains(.advisor) }
        for (index, user) in staffed.enumerated() {
            guard let code = user.unitCode else { continue }
            members.append(
                StaffMember(
                    employeeNumber: "U\(1000 + index)", name: user.name, unitCode: code, profession: user.profession,
                    startDate: LocalDate("2018-01-01")!))
        }
        let unitIds = Dictionary(units.map { ($0.code, $0.id) }) { first, _ in first }
        let register = members
        let completed = completions
        try await persistence.write { tx in
            _ = try await StaffRegisterRepository.importMembers(register, unitIds: unitIds, now: now, on: tx)
            for (index, user) in staffed.enumerated() where user.unitCode != nil {
                try await CoverageRepository.setEmployeeNumber("U\(1000 + index)", userId: user.id, on: tx)
            }
            try await CoverageRepository.recordStaffCompletions(completed, at: now, source: "demo", on: tx)
        }
    }

    static func load(persistence: Persistence, now: Date = Date()) async throws {
        let users = try await persistence.readEach { try await UserRepository.list(on: $0) }
        let byUsername = Dictionary(users.map { ($0.username, $0) }) { first, _ in first }
        guard let educator = users.first(where: { $0.roles.contains(.educator) }) else { return }
        let author = RecordAuthor(userId: educator.id, name: educator.name)
        let today = LocalDate(now, in: DanishCalendar.timeZone)
        try await persistence.write { tx in
            var made: [LearningOffer] = []
            for draft in offers { made.append(try await OfferRepository.create(try draft.validated(), author: author, now: now, on: tx)) }
            for plan in plans {
                // Teaching is on working days: a planned day that is not one moves to the next.
                var day = today.adding(days: plan.days)
                while !DanishCalendar.isWorkingDay(day) { day = day.adding(days: 1) }
                guard let starts = LocalDateTime.parse("\(day)T\(plan.start)") else { continue }
                let session = ValidLearningSession(
                    startsAt: starts, endsAt: starts.addingTimeInterval(TimeInterval(plan.hours * 3600)), capacity: plan.capacity, place: plan.place)
                let id = try await LearningSessionRepository.create(offerId: made[plan.offer].id, session, author: author, now: now, on: tx)
                let people = plan.people.compactMap { byUsername[$0] }
                if !plan.group {
                    for person in people {
                        // Those who came to past sessions registered in good time before them.
                        _ = try await LearningSessionRepository.register(
                            sessionId: id, userId: person.id, author: RecordAuthor(userId: person.id, name: person.name),
                            now: min(now, starts.addingTimeInterval(-14 * 86400)), on: tx)
                    }
                }
                let ended = session.endsAt
                if plan.attended {
                    _ = try await AttendanceRepository.record(
                        sessionId: id, present: Set(people.map(\.id)), replacing: true, author: author, now: ended, on: tx)
                    try await evaluate(sessionId: id, people: people, at: ended, on: tx)
                }
                if plan.group {
                    try await workGroup(sessionId: id, people: people, educator: educator, startsAt: starts, on: tx)
                    try await evaluate(sessionId: id, people: people, at: ended, on: tx)
                }
            }
        }
    }

    /// The first two participants evaluate the session.
    static func evaluate(sessionId: UUID, people: [User], at: Date, on tx: WriteTransaction) async throws {
        for (index, person) in people.prefix(2).enumerated() {
            try await AttendanceRepository.evaluate(
                sessionId: sessionId, userId: person.id,
                ValidEvaluation(rating: 5 - index, relevance: 4, comment: evaluationComments[index % evaluationComments.count]), now: at, on: tx)
        }
    }

    /// The workshop's group: everyone joins with the code, two share reflections on the first
    /// case of module 1, and the educator closes the group, which records them present.
    static func workGroup(sessionId: UUID, people: [User], educator: User, startsAt: Date, on tx: WriteTransaction) async throws {
        guard let course = try await OfferRepository.list(on: tx).first(where: { $0.offer.format == .eLearning }),
            let module = try await ModuleRepository.list(offerId: course.id, on: tx).first,
            let section = module.content.sections.firstIndex(where: { $0.kind == .case })
        else { return }
        let group = try await GroupRepository.open(
            sessionId: sessionId, moduleId: module.id, section: section, facilitator: educator.id, now: startsAt, on: tx)
        try await GroupRepository.join(groupId: group, userId: educator.id, now: startsAt, on: tx)
        for (index, person) in people.enumerated() {
            let at = startsAt.addingTimeInterval(TimeInterval(300 + index * 60))
            try await GroupRepository.join(groupId: group, userId: person.id, now: at, on: tx)
            if index < groupReflections.count {
                try await GroupRepository.addReflection(
                    groupId: group, userId: person.id, question: 0, text: groupReflections[index], now: at.addingTimeInterval(1800), on: tx)
            }
        }
        let closed = startsAt.addingTimeInterval(3 * 3600)
        _ = try await GroupRepository.close(groupId: group, now: closed, on: tx)
        _ = try await AttendanceRepository.record(
            sessionId: sessionId, present: Set(people.map(\.id)), replacing: false, author: RecordAuthor(userId: educator.id, name: educator.name),
            now: closed, on: tx)
    }
}
