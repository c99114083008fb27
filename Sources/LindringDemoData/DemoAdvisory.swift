import Foundation
import LindringCore
import LindringStore

/// A year of synthetic advisory-line activity: contacts with the time pattern of a palliative
/// line (busiest in the evening and at weekends), its caller and reason mix, follow-ups (most
/// done, some on time, a few still open), advisory staff and a rota around today.
enum DemoAdvisory {
    static let staff: [(username: String, name: String, profession: Profession)] = [
        ("demo-nielsen", "Nanna Nielsen", .nurse), ("demo-andersen", "Aksel Andersen", .nurse),
        ("demo-dahl", "Dorte Dahl", .nurse), ("demo-lund", "Lars Lund", .doctor),
    ]

    /// Weighted choice from a fixed table, so the demo data is the same every time.
    static func pick<T>(_ table: [(T, Int)], _ random: inout DemoPatients.Generator) -> T {
        var roll = Int(random.next() % UInt64(table.reduce(0) { $0 + $1.1 }))
        for (value, weight) in table {
            if roll < weight { return value }
            roll -= weight
        }
        return table[0].0
    }

    static let hourWeights: [Int] = [3, 2, 2, 2, 2, 2, 3, 4, 6, 7, 7, 6, 6, 6, 6, 7, 9, 10, 10, 9, 8, 7, 5, 4]
    /// The hours of a day the day service is open, and of one it is closed (weekends and
    /// holidays), when the daytime hours take more of the calls.
    static let openDayHours = hourWeights.enumerated().map { ($0.offset, $0.element) }
    static let closedDayHours = hourWeights.enumerated().map { ($0.offset, $0.element + ((8..<16).contains($0.offset) ? 4 : 0)) }
    static let callers: [(CallerRole, Int)] = [
        (.relative, 35), (.homeCareNurse, 25), (.patient, 10), (.nursingHomeStaff, 8), (.gp, 7),
        (.outOfHoursDoctor, 5), (.hospitalNurse, 4), (.palliativeNurse, 3), (.otherProfessional, 2), (.anonymous, 1),
    ]
    static let reasons: [(ContactReason, Int)] = [
        (.pain, 30), (.dyspnoea, 15), (.medication, 12), (.anxiety, 10), (.dying, 8), (.nausea, 6),
        (.delirium, 6), (.relativeStrain, 5), (.constipation, 4), (.practical, 4), (.deathOccurred, 3),
        (.equipment, 3), (.fatigue, 3), (.existential, 2), (.bereavement, 2), (.other, 2), (.bleeding, 1),
    ]
    static let triages: [(Triage, Int)] = [(.acute, 10), (.urgent, 25), (.routine, 40), (.information, 25)]
    static let outcomes: [(ContactOutcome, Int)] = [(.resolved, 70), (.needsFollowUp, 25), (.escalated, 5)]
    static let advice = [
        "Morfin s.c. efter planen; ring igen, hvis det ikke virker inden 30 min.",
        "Midazolam 2,5 mg s.c. ved uro; hjemmesygeplejen kommer forbi.",
        "Råd om lejring og frisk luft ved åndenød; ilt efter ordination.",
        "Samtale om, hvad der sker i den sidste tid; pårørende beroliget.",
    ]

    /// `perDay` scales the volume: about 18 contacts a day is the demo's line; region-scale
    /// benchmarks use hundreds.
    static func load(persistence: Persistence, hasher: any PasswordHashing, days: Int = 365, perDay: Int = 18, now: Date = Date()) async throws {
        guard
            try await persistence.readEach({
                try await ContactRepository.list(from: LocalDate("2000-01-01")!, to: LocalDate("2200-01-01")!, limit: 1, on: $0)
            })
            .isEmpty
        else { return }
        var random = DemoPatients.Generator(state: 247)
        let advisors = try await advisoryStaff(persistence, hasher: hasher)
        let (patients, keyWorkers) = try await persistence.read { snapshot in
            let patients = try await PatientRepository.search(
                "e", requester: PatientRequester(roles: [.advisor], unitId: nil), limit: 200, on: snapshot)
            var keyWorkers: [UUID: UUID] = [:]
            for patient in patients {
                keyWorkers[patient.id] = try await PlanRepository.find(patientId: patient.id, on: snapshot)?.content.keyWorker?.unitId
            }
            return (patients, keyWorkers)
        }
        let patientIds = patients.map(\.id)
        let today = LocalDate(now, in: DanishCalendar.timeZone)
        var batch: [(ValidContact, RecordAuthor)] = []
        for offset in stride(from: days, through: 0, by: -1) {
            let date = today.adding(days: -offset)
            let closed = date.weekday >= 6 || DanishCalendar.holiday(on: date) != nil
            let count = max(1, perDay * (14 + Int(random.next() % 9) + (closed ? 6 : 0)) / 18)
            for _ in 0..<count {
                guard let contact = contact(on: date, closed: closed, now: now, patients: patientIds, keyWorkers: keyWorkers, random: &random) else {
                    continue
                }
                let advisor = advisors.randomElement(using: &random)!
                batch.append((contact, RecordAuthor(userId: advisor.id, name: advisor.name)))
            }
            if batch.count >= 500 || offset == 0 {
                let work = batch
                batch = []
                try await persistence.write { tx in
                    for (contact, author) in work {
                        _ = try await ContactRepository.create(contact, author: author, now: contact.endedAt, on: tx)
                    }
                }
            }
        }
        try await closePastFollowUps(persistence, by: advisors, now: now, random: &random)
        try await rota(persistence, staff: advisors, today: today)
    }

    /// One synthetic contact on `date` at an hour drawn from the line's pattern (weekend and
    /// holiday days lean on the daytime hours), or nil when that moment is not yet past.
    static func contact(
        on date: LocalDate, closed: Bool, now: Date, patients: [UUID], keyWorkers: [UUID: UUID],
        random: inout DemoPatients.Generator
    ) -> ValidContact? {
        let hour = pick(closed ? closedDayHours : openDayHours, &random)
        guard let start = DanishCalendar.instant(date, hour: hour, minute: Int(random.next() % 60)), start < now.addingTimeInterval(-1800) else {
            return nil
        }
        let end = start.addingTimeInterval(Double(180 + random.next() % 1320))
        let caller = pick(callers, &random)
        let patient = caller == .anonymous || random.next() % 10 < 3 ? nil : patients.randomElement(using: &random)
        var chosen = [pick(reasons, &random)]
        if random.next() % 3 == 0 { chosen.append(pick(reasons, &random)) }
        let triage = pick(triages, &random)
        let outcome = triage == .information ? .resolved : pick(outcomes, &random)
        var actions: [ContactAction] = [.adviceOnly]
        if chosen.contains(.pain) || chosen.contains(.dyspnoea) { actions = [.anticipatoryMedication] }
        if triage == .acute {
            actions.append([ContactAction.contactedOutOfHoursDoctor, .contactedHomeCare, .admissionAdvised].randomElement(using: &random)!)
        }
        if outcome == .escalated { actions.append(.referredPalliativeTeam) }
        let unit = patient.flatMap { keyWorkers[$0] }
        let followUp =
            outcome == .needsFollowUp
            ? unit.map {
                ValidContact.FollowUp(
                    unitId: $0, dueAt: FollowUpDue.defaultDue(triage: triage, startedAt: start, shifts: .standard),
                    text: [
                        "Tilse patienten og vurdér smertebehandlingen.", "Ring til pårørende og følg op på natten.",
                        "Ordination af anticiperende medicin skal fornyes.",
                    ].randomElement(using: &random)!)
            } : nil
        let stayed: Bool? = patient == nil ? nil : (outcome == .escalated && random.next() % 2 == 0 ? false : random.next() % 100 < 90)
        return ValidContact(
            startedAt: start, endedAt: end, channel: random.next() % 20 == 0 ? .video : .phone,
            direction: random.next() % 8 == 0 ? .callback : .incoming, callerRole: caller, callerName: nil, callerPhone: nil,
            callerUnitId: nil, patientId: patient, reasons: Array(Set(chosen)).sorted { $0.rawValue < $1.rawValue },
            situation: "Syntetisk demokontakt.", background: nil, assessment: nil, recommendation: advice.randomElement(using: &random),
            triage: triage, actions: actions, outcome: followUp == nil && outcome == .needsFollowUp ? .resolved : outcome,
            stayedAtHome: stayed, followUp: followUp, workingHours: WorkingHours.at(start))
    }

    /// The advisory staff: the demo advisor and a few colleagues who cannot sign in.
    static func advisoryStaff(_ persistence: Persistence, hasher: any PasswordHashing) async throws -> [User] {
        var users = try await persistence.readEach { try await UserRepository.list(on: $0) }.filter { $0.roles.contains(.advisor) }
        // One hash of a random password nobody knows: the colleagues exist for the rota only.
        let hash = try await hasher.hash(SecureToken.make())
        for member in staff where !users.contains(where: { $0.username == member.username }) {
            let valid = ValidUser(username: member.username, name: member.name, profession: member.profession, unitCode: "PAL-247", roles: [.advisor])
            users.append(try await persistence.write { try await UserRepository.create(valid, passwordHash: hash, on: $0) })
        }
        return users
    }

    static let demoCancelNotes = ["Indlagt på hospice i går.", "Patienten er indlagt; afdelingen følger op.", "Pårørende har aflyst besøget."]
    static let demoDoneNotes = ["Tilset, smerterne er lettet.", "Ringet op, alt vel.", "Medicinen er justeret med egen læge."]

    /// Most past follow-ups were done (nine in ten by their due time); the last day's are still open.
    static func closePastFollowUps(_ persistence: Persistence, by staff: [User], now: Date, random: inout DemoPatients.Generator) async throws {
        let open = try await persistence.readEach { try await FollowUpRepository.list(.init(status: .open, limit: 1_000_000), on: $0) }
            .filter { $0.dueAt < now.addingTimeInterval(-12 * 3600) }
        var closings: [(UUID, FollowUpClosing, Date, User)] = []
        for followUp in open {
            let late = random.next() % 10 == 0
            let closedAt = followUp.dueAt.addingTimeInterval(late ? 3 * 3600 : -Double(random.next() % 7200))
            // A cancellation says why; some of the done ones say what was done.
            let closing =
                random.next() % 25 == 0
                ? FollowUpClosing(status: .cancelled, note: demoCancelNotes[Int(random.next() % 3)])
                : FollowUpClosing(status: .done, note: random.next() % 3 == 0 ? demoDoneNotes[Int(random.next() % 3)] : nil)
            closings.append((followUp.id, closing, max(closedAt, followUp.createdAt), staff.randomElement(using: &random)!))
        }
        for chunk in stride(from: 0, to: closings.count, by: 500) {
            let work = Array(closings[chunk..<min(chunk + 500, closings.count)])
            try await persistence.write { tx in
                for (id, closing, at, user) in work {
                    _ = try await FollowUpRepository.close(id: id, closing, by: RecordAuthor(userId: user.id, name: user.name), now: at, on: tx)
                }
            }
        }
    }

    /// Last week and the next two: two on the day shift, one nurse in the evening and at night,
    /// except one coming night with only the doctor, so the rota's warning has something to show.
    static func rota(_ persistence: Persistence, staff: [User], today: LocalDate) async throws {
        let nurses = staff.filter { $0.profession == .nurse }
        guard let doctor = staff.first(where: { $0.profession == .doctor }), nurses.count >= 2 else { return }
        try await persistence.write { tx in
            for offset in -7..<14 {
                let date = today.adding(days: offset)
                _ = try await RotaRepository.assign(userId: nurses[(offset + 14) % nurses.count].id, shiftCode: "day", on: date, on: tx)
                _ = try await RotaRepository.assign(userId: doctor.id, shiftCode: "day", on: date, on: tx)
                _ = try await RotaRepository.assign(userId: nurses[(offset + 15) % nurses.count].id, shiftCode: "evening", on: date, on: tx)
                let night = offset == 5 ? doctor : nurses[(offset + 16) % nurses.count]
                _ = try await RotaRepository.assign(userId: night.id, shiftCode: "night", on: date, on: tx)
            }
        }
    }
}
