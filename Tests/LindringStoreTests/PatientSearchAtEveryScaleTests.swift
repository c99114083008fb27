import Foundation
import LindringCore
import LindringTestSupport
import SQLKit
import Testing

@testable import LindringStore

/// Which way a search by name goes, the trigram index's candidates or the name-ordered walk,
/// depends on how many candidates there are for the size of the table (issue 19): an absolute
/// threshold, tuned on the full region, sent the common names of a smaller table through the index.
@Suite struct PatientSearchAtEveryScaleTests {
    let today = LocalDate("2026-11-23")!

    @Test func theIndexIsReadForFewerCandidatesTheSmallerTheTable() {
        let enough = PatientNameIndex.enough(among:)
        // a page's worth of candidates is always read from the index, whatever the table
        #expect(enough(0) == PatientNameIndex.page)
        #expect(enough(1_230) == PatientNameIndex.page)
        // more names, more candidates worth reading; never more than `enough`
        #expect(enough(10_230) > enough(1_230))
        #expect(enough(100_230) > enough(10_230))
        #expect(enough(100_000_000) == PatientNameIndex.enough)
        // the load's searches at a tenth of the region: "aase" and "holm" walk (they did not)
        #expect(427 > enough(10_230))
        #expect(834 > enough(10_230))
        #expect(834 <= PatientNameIndex.enough, "what the absolute threshold read from the index")
        // at the full region: "holm" walks as before, a first and last name together walks, three names read the index
        #expect(8_334 > enough(100_230))
        #expect(379 > enough(100_230))
        #expect(253 <= enough(100_230))
        // at a hundredth: every name part of the load walks
        #expect(52 > enough(1_230))
    }

    @Test func aSearchTakesTheIndexOrTheWalkByTheTableSizeWithTheSameAnswer() async throws {
        try await TestDatabase.withPersistence { persistence in
            let db = persistence.outsideWriter
            let sql = persistence.sql
            let rhPal = try #require(try await UnitRepository.find(code: "RH-PAL", on: db)).id
            let homeCare = try #require(try await UnitRepository.find(code: "HJ-101", on: db)).id
            let other = try #require(try await UnitRepository.find(code: "BOH-PAL", on: db)).id
            // given: patients of three units named Quistorff Zeuthen, with and without consent and care teams
            var facts: [UUID: (name: String, registering: UUID, team: Set<UUID>, consent: SharingConsent)] = [:]
            for (n, (first, unit, consent, team)) in [
                ("Ane", rhPal, SharingConsent.given, [rhPal, homeCare]), ("Bo", rhPal, .declined, []),
                ("Cai", other, .given, [other, rhPal]), ("Dan", other, .declined, [other, rhPal]),
                ("Eva", homeCare, .notAsked, [homeCare, rhPal]), ("Finn", other, .given, []),
            ].enumerated() {
                let name = "\(first) Quistorff Zeuthen"
                let draft = try PatientDraft(cpr: "0101\(40 + n)1234", name: name, diagnosisGroup: "cancer", sharingConsent: consent.rawValue)
                    .validated(today: today)
                let id = try await PatientRepository.create(draft, registeringUnitId: unit, recordedBy: nil, on: db)
                if let keyWorker = team.first {
                    var plan = PlanContent()
                    plan.careTeam =
                        [CareTeamMember(unitId: keyWorker, role: .keyWorker)] + team.dropFirst().map { CareTeamMember(unitId: $0, role: .homeCare) }
                    plan.resuscitation = .doNotAttempt
                    plan.decidedBy = "Læge Ida Holm"
                    _ = try await PlanRepository.create(patientId: id, plan, author: PlanAuthor(userId: nil, name: "Test", unitId: keyWorker), on: db)
                }
                facts[id] = (name, unit, Set(team), consent)
            }
            let requesters = [
                PatientRequester(roles: [.clinician], unitId: rhPal), PatientRequester(roles: [.clinician], unitId: homeCare),
                PatientRequester(roles: [.clinician], unitId: other), PatientRequester(roles: [.advisor], unitId: nil),
            ]
            func check(_ term: String) async throws {
                for requester in requesters {
                    let expected = facts.filter { _, p in
                        PatientAccessPolicy.read(
                            requester, PatientAccessFacts(registeringUnitId: p.registering, careTeamUnitIds: p.team, consent: p.consent)
                        ).isAllowed
                    }.sorted { ($0.value.name, $0.key.uuidString) < ($1.value.name, $1.key.uuidString) }.map(\.key)
                    #expect(try await PatientRepository.search(term, requester: requester, on: db).map(\.id) == expected, "\(term) \(requester)")
                }
            }
            guard TestDatabase.postgresURL == nil else {
                // PostgreSQL has no trigram index: every search walks
                #expect(try await PatientNameIndex.candidates(for: ["quistorff"], on: sql) == nil)
                try await check("quistorff")
                try await check("zeuthen")
                return
            }
            // when: the names share their parts with more than a page of others in a small table
            try await sql.raw(
                """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(literal: PatientNameIndex.page))
                INSERT INTO patient_names (name_folded, patient_id) SELECT 'quistorff zeuthen ' || i, 'none' FROM n
                """
            ).run()
            // then: the walk, with the answer the access policy gives
            #expect(try await PatientNameIndex.candidates(for: ["quistorff"], on: sql) == nil)
            try await check("quistorff")
            // when: the table grows a hundredfold, with names that share nothing with them
            try await sql.raw(
                """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(literal: 100 * PatientNameIndex.page))
                INSERT INTO patient_names (name_folded, patient_id) SELECT 'ib marie testrup ' || i, 'none' FROM n
                """
            ).run()
            // then: the same number of candidates is few for that table, read from the index, with the same answer
            // (a part of the name not asked before: "quistorff" is remembered as common for ten minutes)
            #expect(try await PatientNameIndex.candidates(for: ["zeuthen"], on: sql) != nil)
            try await check("zeuthen")
            #expect(PatientNameIndex.common.contains("quistorff"))
            #expect(!PatientNameIndex.common.contains("zeuthen"))
        }
    }
}
