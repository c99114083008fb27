import Foundation
import LindringCore
import LindringStore
import SQLKit

/// Screening for the demo: ESAS-r answered every week or two by some patients (so the trend
/// charts have a line, a few recent ones red), and SPICT-DK checklists from hospital
/// departments, palliative teams and home care, including patients not yet given a plan.
enum DemoScreening {
    static func load(persistence: Persistence) async throws {
        guard try await persistence.readEach({ try await SPICTRepository.count(on: $0) }) == 0 else { return }
        let units = try await persistence.readEach { try await UnitRepository.list(includeInactive: false, on: $0) }
        let screeningUnits = ["RH-ONK", "HGH-ONK", "RH-PAL", "HGH-PAL", "BFH-PAL", "HJ-101", "HJ-147"].compactMap { code in
            units.first { $0.code == code }
        }
        let patients = try await persistence.readEach { try await PatientRepository.firstByCPR(limit: 90, on: $0) }
            .map { (id: $0.id, cancer: $0.diagnosisGroup == DiagnosisGroup.cancer.rawValue) }
        let unplanned = try await unplannedPatients(persistence, units: units)
        let now = Date()
        try await persistence.write { tx in
            var random = DemoPatients.Generator(state: 5_11_2026)
            for (index, patient) in patients.prefix(40).enumerated() {
                // Symptoms easing over the weeks since the team took over; every eighth patient worse again lately.
                let weeks = 3 + index % 4
                for week in 0..<weeks {
                    let worse = index % 8 == 0 && week == weeks - 1
                    let base = worse ? 8 : max(1, 5 - week)
                    let answers = esasAnswers(around: base, random: &random)
                    let score = try Instrument.esasR.score(answers)
                    let at = now.addingTimeInterval(-Double((weeks - 1 - week) * 7 * 86_400 + Int.random(in: 3_600...40_000, using: &random)))
                    _ = try await AssessmentRepository.create(
                        patientId: patient.id, instrument: .esasR, respondent: week % 2 == 0 ? .patient : .staff,
                        answers: AnswerJSON.stored(answers), score: score, takenAt: at,
                        recordedBy: (nil, "Sygeplejerske Bo Berg"), on: tx)
                }
            }
            for (index, patient) in (patients.map { ($0.id, $0.cancer, true) } + unplanned.map { ($0.id, $0.cancer, false) }).enumerated() {
                let unit = screeningUnits[index % screeningUnits.count]
                // Palliative needs found more often in cancer than otherwise, as the region fears.
                let positive = Int.random(in: 0..<10, using: &random) < (patient.1 ? 7 : 4)
                let groups = patient.1 ? [SPICT.ConditionGroup.cancer] : [SPICT.ConditionGroup.allCases.dropFirst().randomElement(using: &random)!]
                let checklist = try SPICTChecklist(
                    SPICTDraft(
                        generalIndicators: positive
                            ? ["decliningPerformance", "dependentOnOthers", "weightLoss"].shuffled(using: &random).prefix(2).map { $0 } : [],
                        clinicalIndicators: positive ? groups.flatMap { Array($0.indicators.prefix(1)) } : [],
                        wouldBeSurprised: !positive, conclusion: positive ? "palliativeNeeds" : "noPalliativeNeeds",
                        actions: positive ? (patient.2 ? ["startSharedPlan"] : ["talkWithPatientAndRelatives"]) : ["none"]))
                _ = try await SPICTRepository.create(
                    patientId: patient.0, unitId: unit.id, checklist: checklist, cancer: patient.1,
                    assessedAt: now.addingTimeInterval(-Double(Int.random(in: 86_400...300 * 86_400, using: &random))),
                    recordedBy: (nil, "Læge Ida Holm"), on: tx)
            }
        }
    }

    /// ESAS-r answers around a symptom level: each of the nine symptoms within one of it (0–10); "other" unanswered.
    static func esasAnswers(around level: Int, random: inout DemoPatients.Generator) -> [String: AnswerValue] {
        var answers: [String: AnswerValue] = [:]
        for item in Instrument.esasR.items.map(\.id) where item != "other" {
            answers[item] = .integer(min(10, max(0, level + Int.random(in: -1...1, using: &random))))
        }
        return answers
    }

    /// Patients screened in hospital departments who have no plan yet: their own CPR range
    /// (index 50 million on in DemoPatients' scheme), so they never meet the demo patients.
    static func unplannedPatients(_ persistence: Persistence, units: [OrgUnit]) async throws -> [(id: UUID, cancer: Bool)] {
        let departments = units.filter { $0.kind == .hospitalDepartment }
        guard !departments.isEmpty else { return [] }
        let today = LocalDate(Date(), in: DanishCalendar.timeZone)
        let groups: [DiagnosisGroup] = [.heart, .lung, .dementia, .kidney, .frailty, .neurological, .cancer, .liver]
        return try await persistence.write { tx in
            var created: [(id: UUID, cancer: Bool)] = []
            for index in 0..<30 {
                let serial = 2000 + index
                let group = groups[index % groups.count]
                let patient = try PatientDraft(
                    cpr: String(format: "1512%02d%04d", 30 + index, serial),
                    name: "\(DemoPatients.firstNames[(index + 7) % DemoPatients.firstNames.count]) Screeningsen",
                    municipalityCode: ["101", "147", "151", "153", "155"][index % 5], diagnosisGroup: group.rawValue,
                    sharingConsent: SharingConsent.given.rawValue
                ).validated(today: today)
                let id = try await PatientRepository.create(
                    patient, registeringUnitId: departments[index % departments.count].id, recordedBy: nil, on: tx)
                created.append((id, group == .cancer))
            }
            return created
        }
    }
}
