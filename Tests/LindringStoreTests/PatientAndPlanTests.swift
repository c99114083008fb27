import Foundation
import LindringCore
import LindringTestSupport
import SQLKit
import Testing

@testable import LindringStore

@Suite struct PatientAndPlanTests {
    let today = LocalDate("2026-11-23")!

    func units(_ persistence: Persistence) async throws -> (registering: UUID, homeCare: UUID, other: UUID) {
        let db = persistence.outsideWriter
        return (
            try #require(try await UnitRepository.find(code: "RH-PAL", on: db)).id,
            try #require(try await UnitRepository.find(code: "HJ-101", on: db)).id,
            try #require(try await UnitRepository.find(code: "BOH-PAL", on: db)).id
        )
    }

    func patient(_ name: String, cpr: String, consent: String = "given") throws -> ValidPatient {
        try PatientDraft(cpr: cpr, name: name, diagnosisGroup: "cancer", sharingConsent: consent).validated(today: today)
    }

    func plan(keyWorker: UUID, others: [UUID] = []) -> PlanContent {
        var plan = PlanContent()
        plan.careTeam = [CareTeamMember(unitId: keyWorker, role: .keyWorker)] + others.map { CareTeamMember(unitId: $0, role: .homeCare) }
        plan.resuscitation = .doNotAttempt
        plan.decidedBy = "Læge Ida Holm"
        return plan
    }

    @Test func searchFoldsNamesAndShowsOnlyPatientsTheRequesterMaySee() async throws {
        try await TestDatabase.withPersistence { persistence in
            let db = persistence.outsideWriter
            let u = try await units(persistence)
            // given
            let aase = try await PatientRepository.create(
                try patient("Åse Prøvesen", cpr: "0101401234"), registeringUnitId: u.registering, recordedBy: nil, on: db)
            _ = try await PatientRepository.create(
                try patient("Aage Eksempel", cpr: "0202451234", consent: "declined"), registeringUnitId: u.registering, recordedBy: nil, on: db)
            try await PlanRepository.create(
                patientId: aase, plan(keyWorker: u.registering, others: [u.homeCare]),
                author: PlanAuthor(userId: nil, name: "Test", unitId: u.registering), on: db)
            // when
            let registering = try await PatientRepository.search(
                "aase", requester: PatientRequester(roles: [.clinician], unitId: u.registering), on: db)
            let homeCare = try await PatientRepository.search(
                "PRØVESEN", requester: PatientRequester(roles: [.clinician], unitId: u.homeCare), on: db)
            let stranger = try await PatientRepository.search("aase", requester: PatientRequester(roles: [.clinician], unitId: u.other), on: db)
            let advisor = try await PatientRepository.search("aa", requester: PatientRequester(roles: [.advisor], unitId: u.other), on: db)
            let byCPR = try await PatientRepository.search(
                "010140-1234", requester: PatientRequester(roles: [.clinician], unitId: u.homeCare), on: db)
            // then
            #expect(registering.map(\.name) == ["Åse Prøvesen"])
            #expect(homeCare.map(\.name) == ["Åse Prøvesen"])
            #expect(homeCare.first?.planStatus == .active)
            #expect(stranger.isEmpty)
            #expect(advisor.map(\.name) == ["Åse Prøvesen"], "advisors see consenting patients only")
            #expect(byCPR.map(\.id) == [aase])
        }
    }

    @Test func searchByNameFindsWhatAPlainScanFindsWhicheverWayTheDatabaseLooks() async throws {
        try await TestDatabase.withPersistence { persistence in
            let db = persistence.outsideWriter
            let u = try await units(persistence)
            let requester = PatientRequester(roles: [.clinician], unitId: u.registering)
            // given: patients of the unit, and one of another unit with the same names
            let names = ["Åse Prøvesen", "Bodil Juul", "Bo Holm", "Ida Holmgaard", "Egon Lind", "Lise Lindholm", "Karl Juul-Hansen"]
            var ids: [String: UUID] = [:]
            for (n, name) in names.enumerated() {
                ids[name] = try await PatientRepository.create(
                    try patient(name, cpr: "0101\(40 + n)1234"), registeringUnitId: u.registering,
                    recordedBy: nil, on: db)
            }
            _ = try await PatientRepository.create(try patient("Bodil Juul", cpr: "0101601234"), registeringUnitId: u.other, recordedBy: nil, on: db)
            func found(_ query: String) async throws -> [String] {
                try await PatientRepository.search(query, requester: requester, on: db).map(\.name)
            }
            func scan(_ query: String) -> [String] {
                let terms = NameSearch.terms(query)
                return names.filter { name in terms.allSatisfy { NameSearch.fold(name).contains($0) } }.sorted()
            }
            // when and then: rare names, short terms (no trigram), and words in either order
            for query in ["juul", "bodil juul", "juul bodil", "holm", "lind", "bo", "bo holm", "aase", "prøvesen", "lindholm", "xyz", "es"] {
                #expect(try await found(query) == scan(query), "\(query)")
            }
            // a corrected name is found under the new name only
            let corrected = try patient("Egon Lindberg-Skov", cpr: "0101441234")
            try await PatientRepository.update(id: try #require(ids["Egon Lind"]), corrected, recordedBy: nil, on: db)
            #expect(try await found("skov") == ["Egon Lindberg-Skov"])
            #expect(try await found("egon lind") == ["Egon Lindberg-Skov"])
        }
    }

    @Test func everySearchPlanListsWhatTheAccessPolicyAllowsInNameOrder() async throws {
        try await TestDatabase.withPersistence { persistence in
            let db = persistence.outsideWriter
            let u = try await units(persistence)
            let author = PlanAuthor(userId: nil, name: "Test", unitId: u.registering)
            // given: patients of several units, consents and care teams, all named Holm ("Bo Holm" twice)
            var facts: [UUID: (name: String, registering: UUID, team: Set<UUID>, consent: SharingConsent)] = [:]
            func add(_ name: String, _ cpr: String, by unit: UUID, consent: SharingConsent, team: [UUID]) async throws -> UUID {
                let id = try await PatientRepository.create(
                    try patient(name, cpr: cpr, consent: consent.rawValue), registeringUnitId: unit, recordedBy: nil, on: db)
                if let keyWorker = team.first {
                    _ = try await PlanRepository.create(
                        patientId: id, plan(keyWorker: keyWorker, others: Array(team.dropFirst())), author: author, on: db)
                }
                facts[id] = (name, unit, Set(team), consent)
                return id
            }
            let ane = try await add("Ane Holm", "0101401234", by: u.registering, consent: .given, team: [u.registering, u.homeCare])
            _ = try await add("Bo Holm", "0101411234", by: u.registering, consent: .declined, team: [u.registering, u.homeCare])
            _ = try await add("Bo Holm", "0101421234", by: u.homeCare, consent: .given, team: [])
            let cai = try await add("Cai Holm", "0101431234", by: u.other, consent: .given, team: [u.other, u.homeCare])
            let dan = try await add("Dan Holm", "0101441234", by: u.other, consent: .notAsked, team: [u.other, u.registering])
            _ = try await add("Eva Holm", "0101451234", by: u.registering, consent: .given, team: [])
            let requesters = [
                PatientRequester(roles: [.clinician], unitId: u.registering), PatientRequester(roles: [.clinician], unitId: u.homeCare),
                PatientRequester(roles: [.clinician], unitId: u.other), PatientRequester(roles: [.advisor], unitId: nil),
                PatientRequester(roles: [.advisor, .clinician], unitId: u.homeCare),
            ]
            func expected(_ requester: PatientRequester, _ term: String) -> [UUID] {
                facts.filter { id, p in
                    NameSearch.fold(p.name).contains(term)
                        && PatientAccessPolicy.read(
                            requester, PatientAccessFacts(registeringUnitId: p.registering, careTeamUnitIds: p.team, consent: p.consent)
                        ).isAllowed
                }.sorted { ($0.value.name, $0.key.uuidString) < ($1.value.name, $1.key.uuidString) }.map(\.key)
            }
            // "holm" takes the name-ordered walks (remembered as common); "olm" the trigram index on SQLite
            PatientNameIndex.common.insert("holm")
            PatientNameIndex.common.insert("skov")
            func check(_ term: String) async throws {
                for requester in requesters {
                    let all = try await PatientRepository.search(term, requester: requester, on: db).map(\.id)
                    #expect(all == expected(requester, term), "\(term) \(requester)")
                    // and page by page, two at a time
                    var paged: [UUID] = []
                    var after: (name: String, id: UUID)?
                    while true {
                        let page = try await PatientRepository.search(term, requester: requester, limit: 2, after: after, on: db)
                        paged += page.map(\.id)
                        guard page.count == 2, let last = page.last else { break }
                        after = (last.name, last.id)
                    }
                    #expect(paged == all, "\(term) \(requester), paged")
                }
            }
            try await check("holm")
            try await check("olm")
            // when: a name is corrected, a care team shrinks, and a patient declines sharing
            try await PatientRepository.update(id: cai, try patient("Cai Skov", cpr: "0101431234"), recordedBy: nil, on: db)
            facts[cai]?.name = "Cai Skov"
            let current = try #require(try await PlanRepository.find(patientId: ane, on: db))
            _ = try await PlanRepository.update(patientId: ane, plan(keyWorker: u.registering), basedOn: current.version, author: author, on: db)
            facts[ane]?.team = [u.registering]
            // then: every plan follows
            try await check("holm")
            try await check("skov")
            try await PatientRepository.update(id: cai, try patient("Cai Skov", cpr: "0101431234", consent: "declined"), recordedBy: nil, on: db)
            facts[cai]?.consent = .declined
            try await check("skov")
            #expect(
                try await PatientRepository.search("skov", requester: requesters[1], on: db).isEmpty, "declined: the care team no longer finds Cai")
            // a care-team row moved by hand from the registering unit to another
            try await persistence.sql.update("plan_care_team").set("unit_id", to: SQLBind(u.registering))
                .where("patient_id", .equal, SQLBind(cai)).where("unit_id", .equal, SQLBind(u.other)).run()
            facts[cai]?.team = [u.homeCare, u.registering]
            try await PatientRepository.update(id: cai, try patient("Cai Skov", cpr: "0101431234", consent: "given"), recordedBy: nil, on: db)
            facts[cai]?.consent = .given
            try await check("skov")
            // a CPR number is one patient: after it, nothing
            let byCPR = try await PatientRepository.search("0101431234", requester: requesters[0], on: db)
            #expect(byCPR.map(\.id) == [cai])
            #expect(try await PatientRepository.search("0101431234", requester: requesters[0], after: (byCPR[0].name, cai), on: db).isEmpty)
            // a registering unit mended by hand, to a unit on the patient's care team
            try await persistence.sql.update("patients").set("registering_unit_id", to: SQLBind(u.registering)).where("id", .equal, SQLBind(dan))
                .run()
            facts[dan]?.registering = u.registering
            try await check("holm")
        }
    }

    @Test func careTeamsStoredBeforeTheUnitNameOrderGetTheirCopiesAndTheMigrationReverts() async throws {
        try await TestDatabase.withPersistence { persistence in
            // A migration's own kind of connection, one of FluentKit's; the test's writes on the same one
            let migrations = persistence.database
            let db = WriteTransaction(migrations.sql)
            let u = try await units(persistence)
            // given: the schema before M0022, and a patient with a care team stored under it
            try await M0022_CreateUnitNameOrder().revert(on: migrations)
            let id = try await PatientRepository.create(
                try patient("Åse Prøvesen", cpr: "0101401234"), registeringUnitId: u.registering, recordedBy: nil, on: db)
            try await PlanRepository.create(
                patientId: id, plan(keyWorker: u.registering, others: [u.homeCare]),
                author: PlanAuthor(userId: nil, name: "Test", unitId: u.registering), on: db)
            // when
            try await M0022_CreateUnitNameOrder().prepare(on: migrations)
            // then
            let rows = try await persistence.sql.select().columns("unit_id", "patient_name", "patient_name_folded", "registering_unit")
                .from("plan_care_team").where("patient_id", .equal, SQLBind(id)).all()
            var copies: [UUID: String] = [:]
            for row in rows {
                copies[try row.decode(column: "unit_id", as: UUID.self)] =
                    "\(try row.decode(column: "patient_name", as: String.self))|"
                    + "\(try row.decode(column: "patient_name_folded", as: String.self))|\(try row.decode(column: "registering_unit", as: Bool.self))"
            }
            #expect(copies == [u.registering: "Åse Prøvesen|aase proevesen|true", u.homeCare: "Åse Prøvesen|aase proevesen|false"])
            PatientNameIndex.common.insert("proevesen")
            #expect(
                try await PatientRepository.search("prøvesen", requester: PatientRequester(roles: [.clinician], unitId: u.homeCare), on: db).map(\.id)
                    == [id])
        }
    }

    @Test(.enabled(if: TestDatabase.postgresURL == nil, "the trigram index is SQLite's"))
    func theTrigramIndexIsAskedOnlyWhenItNarrowsTheSearch() async throws {
        try await TestDatabase.withPersistence { persistence in
            let sql = persistence.sql
            let u = try await units(persistence)
            _ = try await PatientRepository.create(
                try patient("Bodil Juul", cpr: "0101401234"), registeringUnitId: u.registering, recordedBy: nil, on: persistence.outsideWriter)
            #expect(try await PatientNameIndex.candidates(for: ["juul"], on: sql) != nil)
            #expect(try await PatientNameIndex.candidates(for: ["bo"], on: sql) == nil, "two letters make no trigram")
            #expect(try await PatientNameIndex.candidates(for: ["bo", "juul"], on: sql) != nil)
            // given more candidates than `enough`: the name-ordered walk is used, with the same answer
            try await sql.raw(
                """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i <= \(literal: PatientNameIndex.enough))
                INSERT INTO patient_names (name_folded, patient_id) SELECT 'juul ' || i, 'none' FROM n
                """
            ).run()
            #expect(try await PatientNameIndex.candidates(for: ["juul"], on: sql) == nil)
            let found = try await PatientRepository.search(
                "juul", requester: PatientRequester(roles: [.clinician], unitId: u.registering), on: persistence.snapshot)
            #expect(found.map(\.name) == ["Bodil Juul"])
            // and it is remembered: without the extra names the walk is still chosen, with the same answer
            try await sql.raw("DELETE FROM patient_names WHERE patient_id = 'none'").run()
            #expect(PatientNameIndex.common.contains("juul"))
            #expect(try await PatientNameIndex.candidates(for: ["juul"], on: sql) == nil)
            let again = try await PatientRepository.search(
                "juul", requester: PatientRequester(roles: [.clinician], unitId: u.registering), on: persistence.snapshot)
            #expect(again.map(\.name) == ["Bodil Juul"])
        }
    }

    @Test func commonNamePartsAreForgottenInTimeAndBounded() {
        let parts = CommonNameParts(capacity: 2, rememberFor: 60)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        parts.insert("holm", now: start)
        #expect(parts.contains("holm", now: start.addingTimeInterval(59)))
        #expect(!parts.contains("holm", now: start.addingTimeInterval(60)))
        parts.insert("skov", now: start)
        parts.insert("aase", now: start)
        #expect(!parts.contains("holm", now: start), "full: the set starts again")
        #expect(parts.contains("aase", now: start))
    }

    @Test func aCPRNumberIsRegisteredOnce() async throws {
        try await TestDatabase.withPersistence { persistence in
            let u = try await units(persistence)
            _ = try await PatientRepository.create(
                try patient("Bent Prøve", cpr: "0101401234"), registeringUnitId: u.registering, recordedBy: nil, on: persistence.outsideWriter)
            let failure = await #expect(throws: ValidationFailure.self) {
                _ = try await PatientRepository.create(
                    try patient("Bent Igen", cpr: "010140-1234"), registeringUnitId: u.registering, recordedBy: nil, on: persistence.outsideWriter)
            }
            #expect(failure?.code(for: "cpr") == .alreadyTaken)
        }
    }

    @Test func everySaveIsAVersionAndAStaleSaveIsRefused() async throws {
        try await TestDatabase.withPersistence { persistence in
            let db = persistence.outsideWriter
            let u = try await units(persistence)
            let id = try await PatientRepository.create(
                try patient("Carl Prøve", cpr: "0303501234"), registeringUnitId: u.registering, recordedBy: nil, on: db)
            let author = PlanAuthor(userId: nil, name: "Sygeplejerske A", unitId: u.registering)
            // given
            let first = try await PlanRepository.create(patientId: id, plan(keyWorker: u.registering, others: [u.homeCare]), author: author, on: db)
            var changed = first.content
            changed.preferredPlaceOfDeath = .home
            // when
            let saved = try await PlanRepository.update(patientId: id, changed, basedOn: 1, author: author, on: db)
            var other = first.content
            other.prognosis = .weeks
            // then
            #expect(saved.plan.version == 2)
            #expect(saved.changes == [PlanChange(field: "preferredPlaceOfDeath", before: .code("notDiscussed"), after: .code("home"))])
            await #expect(throws: StalePlanVersion.self) {
                _ = try await PlanRepository.update(patientId: id, other, basedOn: 1, author: author, on: db)
            }
            let versions = try await PlanRepository.versions(patientId: id, on: db)
            #expect(versions.map(\.version) == [2, 1])
            #expect(versions.last?.content == first.content)
            // and the home-care unit, not the author's, got an inbox item for each version
            let inbox = try await InboxRepository.items(unitId: u.homeCare, userId: UUID(), on: db)
            #expect(inbox.map(\.planVersion) == [2, 1])
            #expect(try await InboxRepository.items(unitId: u.registering, userId: UUID(), on: db).isEmpty)
            // and reading them all clears the count for one user only (the unit has no follow-ups, so the badge is the unread items)
            // a clinician of the unit, signed in
            let clinician = { @Sendable (username: String, unitCode: String) async throws -> (user: User, session: Session) in
                let user = try await UserRepository.create(
                    try UserDraft(
                        username: username, name: username, profession: "nurse", unitCode: unitCode,
                        roles: ["clinician"]
                    ).validated(), passwordHash: "x", on: db)
                return (user, try await SessionRepository.create(userId: user.id, timeouts: SessionTimeouts(), on: db))
            }
            let badge = { @Sendable (session: Session) async throws -> Int? in
                try await SessionRepository.findWithUser(token: session.token, timeouts: SessionTimeouts(), on: db)?.unreadInbox
            }
            let (reader, session) = try await clinician("reader", "HJ-101")
            let (_, colleaguesSession) = try await clinician("colleague", "HJ-101")
            #expect(try await badge(session) == 2)
            try await InboxRepository.markAllRead(unitId: u.homeCare, userId: reader.id, on: db)
            #expect(try await badge(session) == 0)
            #expect(try await badge(colleaguesSession) == 2)
            // and another unit's staff count only their own unit's items
            let registeringCode = try #require(try await UnitRepository.find(id: u.registering, on: db)).code
            #expect(try await badge(try await clinician("registering", registeringCode).session) == 0)
            let page = try await InboxRepository.items(unitId: u.homeCare, userId: reader.id, limit: 1, on: db)
            let rest = try await InboxRepository.items(
                unitId: u.homeCare, userId: reader.id, limit: 5,
                before: (page[0].createdAt, page[0].id), on: db)
            #expect(rest.map(\.planVersion) == [1])
        }
    }
}
