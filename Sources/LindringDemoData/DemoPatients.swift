import Foundation
import LindringCore
import LindringStore

/// About 200 synthetic patients with plans whose care teams span sectors. The names are
/// obviously invented; the CPR numbers are well-formed but made up (fixed seed, so every
/// demo database is the same).
enum DemoPatients {
    static let firstNames = [
        "Åse", "Søren", "Ærtemor", "Bodil", "Carl", "Dagny", "Egon", "Frida", "Gunnar", "Hjørdis", "Ib", "Jytte",
        "Knud", "Lis", "Mogens", "Nanna", "Ole", "Pia", "Rigmor", "Svend", "Tove", "Uffe", "Vibeke", "Aage",
    ]
    static let lastNames = ["Prøvesen", "Eksempelsen", "Demosen", "Fiktivsen", "Opdigtsen", "Testrup", "Skabelonsen", "Modelsen", "Påfundsen"]

    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state
        }
    }

    /// Patients are written in batches of `batchSize` per transaction: one commit per patient
    /// (with synchronous=FULL) would make the region-scale data set take many minutes.
    static func load(persistence: Persistence, count: Int = 200, batchSize: Int = 500) async throws {
        guard try await persistence.readEach({ try await PatientRepository.count(on: $0) }) == 0 else { return }
        var random = Generator(state: 20261123)
        try await demoUnitPhones(persistence)
        let units = try await persistence.readEach { try await UnitRepository.list(includeInactive: false, on: $0) }
        let teams = units.filter { $0.kind == .palliativeTeam }
        let homeCare = units.filter { $0.kind == .homeCare }
        // Adults only in the demo: Lukashuset is a hospice for children and young people.
        let hospices = units.filter { $0.kind == .hospice && $0.code != "HOSP-LUK" }
        let gps = try await demoGPs(persistence, units: units)
        let authors = ["Karen Kliniker", "Hanne Hjemmesygeplejerske", "Læge Ida Holm", "Sygeplejerske Bo Berg"]
        let today = LocalDate(Date(), in: TimeZone(identifier: "Europe/Copenhagen")!)
        var batch: [(ValidPatient, UUID, PlanContent, PlanContent?)] = []
        for index in 0..<count {
            // Every third patient belongs to the palliative team at Rigshospitalet and the home care of
            // Copenhagen, so the demo clinician and the demo home-care nurse both have patients.
            let team = index % 3 == 0 ? teams.first { $0.code == "RH-PAL" }! : teams.randomElement(using: &random)!
            let home = index % 3 == 0 ? homeCare.first { $0.code == "HJ-101" }! : homeCare.randomElement(using: &random)!
            let gp = gps.randomElement(using: &random)
            let consent: SharingConsent = index % 10 == 9 ? .declined : (index % 10 == 8 ? .notAsked : .given)
            let patient = try patientDraft(index: index, name: name(index), home: home, gp: gp, consent: consent, random: &random).validated(
                today: today)
            let plan = plan(index: index, team: team, home: home, gp: gp, hospices: hospices, random: &random)
            let second = index % 2 == 0 ? decided(plan, today: today) : nil
            batch.append((patient, team.id, plan, second))
            if batch.count == batchSize || index == count - 1 {
                let work = batch
                batch = []
                try await persistence.write { tx in
                    for (patient, team, first, second) in work {
                        let id = try await PatientRepository.create(patient, registeringUnitId: team, recordedBy: nil, on: tx)
                        try await PlanRepository.create(patientId: id, first, author: PlanAuthor(userId: nil, name: authors[0], unitId: team), on: tx)
                        if let second {
                            _ = try await PlanRepository.update(
                                patientId: id, second, basedOn: 1, author: PlanAuthor(userId: nil, name: authors[2], unitId: team), on: tx)
                        }
                    }
                }
            }
        }
    }

    /// A unique, well-formed CPR number for every index up to 60 million: every day of 28 × 12,
    /// then every year 1930–1975, then serials 0000–3999 (born in the 1900s). Neighbouring
    /// patients are born on different days, as in life, so that the birth date tells them apart.
    static func cpr(_ index: Int) -> String {
        let dayIndex = index % 336, year = 1930 + (index / 336) % 46, serial = (index / (336 * 46)) % 4000
        return String(format: "%02d%02d%02d%04d", dayIndex % 28 + 1, dayIndex / 28 + 1, year % 100, serial)
    }

    static func name(_ index: Int) -> String {
        "\(firstNames[index % firstNames.count]) \(lastNames[(index / firstNames.count + index) % lastNames.count])"
    }

    static func patientDraft(
        index: Int, name: String, home: OrgUnit, gp: OrgUnit?, consent: SharingConsent,
        random: inout Generator
    ) -> PatientDraft {
        PatientDraft(
            cpr: cpr(index), name: name, address: "\(streets[index % streets.count]) \(1 + index % 97)",
            municipalityCode: String(home.code.dropFirst(3)), phone: "20 \(10 + index % 80) 00 00",
            gpUnitId: gp?.id.uuidString,
            diagnosisGroup: DiagnosisGroup.allCases.randomElement(using: &random)!.rawValue,
            relatives: [
                .init(
                    name: "Pårørende \(lastNames[index % lastNames.count])", relation: index % 2 == 0 ? "ægtefælle" : "datter",
                    phone: "30 \(10 + index % 80) 11 11", primaryContact: true, livesWithPatient: index % 2 == 0)
            ],
            sharingConsent: consent.rawValue)
    }

    /// Invented street names for the demo's addresses.
    static let streets = ["Lindevej", "Birkealle", "Kastanievej", "Egebakken", "Rosenhaven", "Skovbrynet", "Strandlinien", "Møllevej"]

    /// A first plan: the care team across sectors, wishes, anticipatory medication and what to do when.
    static func plan(index: Int, team: OrgUnit, home: OrgUnit, gp: OrgUnit?, hospices: [OrgUnit], random: inout Generator) -> PlanContent {
        var plan = PlanContent()
        plan.careTeam = [CareTeamMember(unitId: team.id, role: .keyWorker), CareTeamMember(unitId: home.id, role: .homeCare)]
        if let gp { plan.careTeam.append(CareTeamMember(unitId: gp.id, role: .gp)) }
        if index % 4 == 0, let hospice = hospices.randomElement(using: &random) {
            plan.careTeam.append(CareTeamMember(unitId: hospice.id, role: .hospice))
        }
        plan.preferredPlaceOfDeath = [.home, .home, .hospice, .notDiscussed].randomElement(using: &random)!
        plan.preferredPlaceOfCare = .home
        plan.prognosis = [.weeks, .months, .months, .unknown].randomElement(using: &random)!
        plan.whatMattersMost = ["At være hjemme hos familien", "At have ro og ingen smerter", "At nå datterens bryllup"].randomElement(using: &random)
        plan.equipment = [.hospitalBed] + (index % 3 == 0 ? [.oxygen] : [])
        plan.medications = [
            AnticipatoryMedication(
                drug: "Morfin", strength: "10 mg/ml", dose: "2,5–5 mg", route: .sc, indication: .pain, maxPer24h: "6 doser",
                prescribedBy: "Læge Ida Holm", availableInHome: true),
            AnticipatoryMedication(
                drug: "Midazolam", strength: "5 mg/ml", dose: "2,5 mg", route: .sc, indication: .anxietyRestlessness,
                maxPer24h: "4 doser", prescribedBy: "Læge Ida Holm", availableInHome: index % 2 == 0),
        ]
        plan.contingencies = [
            Contingency(
                situation: "Gennembrudssmerter", action: "Giv morfin s.c. efter ordination; ring ved 3. dosis",
                callDay: "Palliativt team", callNight: "Palliativ rådgivning 24/7")
        ]
        return plan
    }

    /// The next version: the doctor's decisions on resuscitation and treatment level.
    static func decided(_ plan: PlanContent, today: LocalDate) -> PlanContent {
        var next = plan
        next.resuscitation = .doNotAttempt
        next.treatmentLevel = .noHospitalAdmission
        next.decidedBy = "Læge Ida Holm"
        next.decisionDate = today
        return next
    }

    /// Invented numbers (70 20 …, 70 21 … at night) for the clinical units the register seeds
    /// without any, so the demo's plans show whom to call; the real register brings real ones.
    /// The advisory line gets one too: a patient whose answers are severe is given it.
    static func demoUnitPhones(_ persistence: Persistence) async throws {
        let clinical: Set<UnitKind> = [.palliativeTeam, .paediatricTeam, .hospice, .homeCare, .hospitalDepartment, .advisoryLine]
        let units = try await persistence.readEach { try await UnitRepository.list(includeInactive: false, on: $0) }
            .filter { clinical.contains($0.kind) && $0.dayPhone == nil && $0.outOfHoursPhone == nil }
        try await persistence.write { tx in
            for (index, unit) in units.enumerated() {
                var draft = UnitDraft(unit)
                draft.dayPhone = "70 20 \((index % 100).zeroPadded(2)) 00"
                draft.outOfHoursPhone = "70 21 \((index % 100).zeroPadded(2)) 00"
                _ = try await UnitRepository.update(id: unit.id, try draft.validated(), on: tx)
            }
        }
    }

    /// A few invented general practices, so care teams include GPs.
    static func demoGPs(_ persistence: Persistence, units: [OrgUnit]) async throws -> [OrgUnit] {
        let existing = units.filter { $0.kind == .generalPractice }
        if !existing.isEmpty { return existing }
        var created: [OrgUnit] = []
        for (index, town) in ["Ballerup", "Hillerød", "Valby", "Gentofte", "Rønne", "Frederiksberg", "Hvidovre", "Helsingør"].enumerated() {
            let unit = try UnitDraft(
                code: "DEMO-GP-\(index + 1)", name: "Demolægerne \(town)", kind: UnitKind.generalPractice.rawValue,
                sector: Sector.generalPractice.rawValue, dayPhone: "70 70 \(10 + index) 00"
            ).validated()
            created.append(try await persistence.write { try await UnitRepository.create(unit, on: $0) })
        }
        return created
    }
}
