import Foundation
import LindringCore
import LindringStore

/// The demo's specialist cohort: the education in cancer nursing that started on 2 February 2026,
/// 25 nurses from the demo's staff register (the home-care nurse `hjemmepleje` among them, to show
/// a nurse's own view), each with a clinical supervisor, and progress as the plan has it on the day
/// the demo is loaded: stages that ended completed, the current one in progress, one nurse's
/// interrupted.
enum DemoCohort {
    static let name = "Specialuddannelse i kræftsygepleje 2026–2027"
    static let startsOn = LocalDate("2026-02-02")!
    /// The nurse (in the cohort's order of adding) whose current stage is interrupted.
    static let interrupted = 7

    static let supervisors: [Supervisor] = [
        Supervisor(name: "Birgitte Holm", place: "Rigshospitalet, Onkologisk Klinik"),
        Supervisor(name: "Jens Kristensen", place: "Herlev Hospital, Afdeling for Kræftbehandling"),
        Supervisor(name: "Mette Lauridsen", place: "Hvidovre Hospital, Palliativt Team"),
        Supervisor(name: "Susanne Bech", place: "Nordsjællands Hospital, Onkologisk Afdeling"),
        Supervisor(name: "Lone Frederiksen", place: "Hospice Søndergård"),
        Supervisor(name: "Karin Poulsen", place: "Københavns Kommune, Hjemmesygeplejen"),
        Supervisor(name: "Helle Thomsen", place: "Bispebjerg Hospital, Lungemedicinsk Afdeling"),
        Supervisor(name: "Anders Vestergaard", place: "Gentofte Hospital, Palliativ Enhed"),
    ]

    static func load(persistence: Persistence, now: Date = Date()) async throws {
        let (users, offers) = try await persistence.readEach { db in
            (try await UserRepository.list(on: db), try await OfferRepository.list(on: db))
        }
        guard let educator = users.first(where: { $0.roles.contains(.educator) }) else { return }
        let author = RecordAuthor(userId: educator.id, name: educator.name)
        let today = LocalDate(now, in: DanishCalendar.timeZone)
        let homeCareNurse = users.first { $0.username == "hjemmepleje" }
        try await persistence.write { tx in
            let offerId = try await specialistEducation(offers, author: author, now: now, on: tx)
            let own = try await homeCareNurse.asyncMap { try await CohortRepository.employeeNumber(userId: $0.id, on: tx) } ?? nil
            let others = try await CohortRepository.candidates(limit: CohortLimit.members, on: tx).filter { $0 != own }
            let nurses = Array(([own].compactMap { $0 } + others).prefix(CohortLimit.members))
            guard !nurses.isEmpty else { return }
            let cohortId = try await CohortRepository.create(
                ValidCohort(offerId: offerId, name: name, startsOn: startsOn), author: author, now: now, on: tx)
            guard let stages = try await CohortRepository.find(id: cohortId, on: tx)?.stages else { return }
            for (index, number) in nurses.enumerated() {
                guard
                    let memberId = try await CohortRepository.addMember(
                        cohortId: cohortId, employeeNumber: number, supervisor: supervisors[index % supervisors.count], author: author, now: now,
                        on: tx)
                else { continue }
                var progress = Dictionary(uniqueKeysWithValues: stages.map { ($0.id, SpecialistEducation.expectedStatus(of: $0.stage, on: today)) })
                if index == interrupted, let current = stages.first(where: { progress[$0.id] == .inProgress }) { progress[current.id] = .interrupted }
                _ = try await CohortRepository.setProgress(cohortId: cohortId, memberId: memberId, progress, author: author, now: now, on: tx)
            }
        }
    }

    /// The catalogue's specialist education at the specialised level, or one made for the cohort
    /// when the demo has none.
    static func specialistEducation(_ offers: [LearningOffer], author: RecordAuthor, now: Date, on tx: WriteTransaction) async throws -> UUID {
        if let found = offers.first(where: { $0.offer.format == .specialistEducation && $0.offer.levels.contains(.specialised) }) {
            return found.id
        }
        let draft = OfferDraft(
            title: "Specialuddannelse i kræftsygepleje", format: "specialistEducation", levels: ["C", "specialised"], professions: ["nurse"],
            duration: "1½ år")
        return try await OfferRepository.create(try draft.validated(), author: author, now: now, on: tx).id
    }
}
