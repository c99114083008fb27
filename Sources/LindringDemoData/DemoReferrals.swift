import Foundation
import LindringCore
import LindringStore

/// The demo's facts for the working group's indicators (synthetic, fixed seed): the clinical
/// units' messaging codes (invented SOR and EAN numbers; one practice left without, to show the
/// refusal), a referral to specialised palliative care for every demo patient over the last
/// year (most reached, some within 10 days, some not reached), deaths with their place, and one
/// MedCom message in the outbox.
enum DemoReferrals {
    /// The practice left without codes, so that a message to it is refused naming it.
    static let uncodedPractice = "DEMO-GP-5"

    static func load(persistence: Persistence) async throws {
        try await messagingCodes(persistence)
        let today = DanishCalendar.today()
        let units = try await persistence.readEach { try await UnitRepository.list(includeInactive: false, on: $0) }
        let departments = units.filter { $0.kind == .hospitalDepartment || $0.kind == .generalPractice }
        guard !departments.isEmpty else { return }
        let patients = try await persistence.readEach { try await PatientRepository.firstByCPR(limit: 10_000, on: $0) }
        try await persistence.write { tx in
            var random = DemoPatients.Generator(state: 2312_2026)
            var batch = RowBatch()
            for (index, patient) in patients.enumerated() {
                guard let stored = try await PlanRepository.find(patientId: patient.id, on: tx),
                    let team = stored.content.keyWorker?.unitId, stored.content.status == .active
                else { continue }
                var plan = stored.content
                let received = today.adding(days: -Int(random.next() % 360) - 3)
                let roll = Int(random.next() % 100)
                var referral = ValidReferral(
                    receivedOn: received, referringUnitId: departments[index % departments.count].id, receivingUnitId: team,
                    diagnosisGroup: DiagnosisGroup(rawValue: patient.diagnosisGroup) ?? .other, status: .received)
                switch roll {
                case 0..<72:
                    // Most are reached: about two in three within 10 days, as the region's 62 % in 2021.
                    let days = roll < 46 ? Int(random.next() % 10) + 1 : Int(random.next() % 12) + 11
                    referral.status = .firstContact
                    referral.firstContactOn = min(received.adding(days: days), today)
                    referral.discussedAtConference = random.next() % 4 != 0
                    referral.conferenceOn = referral.discussedAtConference ? referral.firstContactOn!.adding(days: 3) : nil
                    if referral.conferenceOn.map({ $0 > today }) == true { referral.conferenceOn = today }
                    if random.next() % 3 == 0 { referral.eortcNotDoneReason = [.tooIll, .declined, .noReason][Int(random.next() % 3)] }
                case 72..<80:
                    referral.status = .notReached
                    referral.notReachedReason = [.died, .tooIll, .declined, .other][Int(random.next() % 4)]
                default:
                    referral.status = .received
                    referral.receivedOn = today.adding(days: -Int(random.next() % 6))
                }
                ReferralRepository.rows(patientId: patient.id, referral, author: "Sygeplejerske Bo Berg", now: Date(), into: &batch)
                // Some reached patients have died since: where they wished, mostly.
                if let first = referral.firstContactOn, roll % 3 == 0, first.adding(days: 14) < today {
                    plan.status = .ended
                    plan.endReason = .died
                    plan.dateOfDeath = min(first.adding(days: 7 + Int(random.next() % 7)), today)
                    let wished: [PreferredPlace: PlaceOfDeath] = [.home: .home, .hospice: .hospice, .hospital: .hospitalDepartment]
                    let asWished = random.next() % 10 < 7
                    plan.placeOfDeath =
                        asWished ? wished[plan.preferredPlaceOfDeath] ?? .home : [.hospitalDepartment, .nursingHome][Int(random.next() % 2)]
                    _ = try await PlanRepository.update(
                        patientId: patient.id, plan, basedOn: stored.version, current: stored,
                        author: PlanAuthor(userId: nil, name: "Læge Ida Holm", unitId: team), on: tx)
                }
            }
            try await batch.write(on: tx)
        }
    }

    /// Invented SOR codes (15 digits) and EAN location numbers (13 digits, 579… as Danish ones
    /// start) for the units a MedCom message goes from or to.
    static func messagingCodes(_ persistence: Persistence) async throws {
        let kinds: Set<UnitKind> = [.palliativeTeam, .hospice, .homeCare, .generalPractice, .advisoryLine, .paediatricTeam]
        let units = try await persistence.readEach { try await UnitRepository.list(includeInactive: false, on: $0) }
            .filter { kinds.contains($0.kind) && $0.eanCode == nil && $0.code != uncodedPractice }
        try await persistence.write { tx in
            for (index, unit) in units.enumerated() {
                var draft = UnitDraft(unit)
                draft.sorCode = draft.sorCode ?? "99\((100_000_000_000 + index * 7919).zeroPadded(13))"
                draft.eanCode = "57900\((10_000_000 + index * 104_729).zeroPadded(8))"
                _ = try await UnitRepository.update(id: unit.id, try draft.validated(), on: tx)
            }
        }
    }
}
