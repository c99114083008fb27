import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// Specialist-education cohorts through the API and the pages: an educator starts a cohort, adds
/// nurses by employee number and sets their progress; a nurse sees her own row; a completed
/// education counts in the coverage report.
@Suite struct CohortAPITests {
    /// The staff register: three nurses (one of them the Lindring user `anna`, 1001) and a doctor.
    static let register = """
        employeeNumber,name,unitCode,profession,startDate
        1001,Anna Andersen,HJ-101,nurse,2019-01-01
        1002,Bodil Berg,RH-PAL,nurse,2019-01-01
        1003,Camilla Crone,RH-PAL,nurse,2019-01-01
        2001,Dorte Dahl,RH-PAL,doctor,2019-01-01
        """

    struct Setup: @unchecked Sendable {
        var educator: String
        var offerId: String
        var cohortId: String
        var cohort: [String: Any]
    }

    static func setUp(_ app: TestApp) async throws -> Setup {
        let educator = try await app.apiToken(for: try await app.createUser("underviser", roles: [.educator], unit: nil))
        let imported = try await app.client.execute(
            uri: "/api/v1/learning/staff/import", method: .post, headers: [.authorization: "Bearer \(educator)", .contentType: "text/csv"],
            body: ByteBuffer(string: register))
        #expect(imported.status == .ok)
        let offer = try await app.send(
            .post, "/api/v1/learning/offers",
            json: ["title": "Specialuddannelse i kræftsygepleje", "format": "specialistEducation", "levels": ["specialised", "C"]], token: educator)
        let offerId = try #require(try offer.json()["id"] as? String)
        let made = try await app.send(
            .post, "/api/v1/learning/cohorts", json: ["offerId": offerId, "name": "Hold 2026–2027", "startsOn": "2026-02-02"], token: educator)
        #expect(made.status == .created)
        let cohort = try made.json()
        return Setup(educator: educator, offerId: offerId, cohortId: try #require(cohort["id"] as? String), cohort: cohort)
    }

    static func fields(_ response: TestResponse) throws -> [String] {
        (try response.json()["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
    }

    static func codes(_ response: TestResponse) throws -> [String] {
        (try response.json()["errors"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    @Test func anEducatorStartsACohortAddsNursesAndTheCompletedEducationCountsInCoverage() async throws {
        try await TestApp.run { app in
            let setup = try await Self.setUp(app)
            let (educator, cohortId) = (setup.educator, setup.cohortId)
            // the cohort comes with its six stages, dated
            let stages = try #require(setup.cohort["stages"] as? [[String: Any]])
            #expect(stages.compactMap { $0["name"] as? String } == ["Teori 1", "Klinik 1", "Teori 2", "Klinik 2", "Teori 3", "Klinik 3"])
            #expect(stages.first?["startsOn"] as? String == "2026-02-02" && setup.cohort["endsOn"] as? String == "2027-08-01")
            #expect(setup.cohort["capacity"] as? Int == 25 && (setup.cohort["members"] as? [Any])?.isEmpty == true)
            // a nurse by her employee number, with her supervisor
            let members = "/api/v1/learning/cohorts/\(cohortId)/members"
            let added = try await app.send(.post, members, json: ["employeeNumber": 1001, "supervisorName": "Birgitte Holm"], token: educator)
            #expect(added.status == .created)
            let member = try added.json()
            #expect(member["name"] as? String == "Anna Andersen" && member["supervisorName"] as? String == "Birgitte Holm")
            #expect((member["progress"] as? [[String: Any]])?.allSatisfy { $0["status"] as? String == "notStarted" } == true)
            let memberId = try #require(member["id"] as? String)
            // refusals name the field: not in the register, not a nurse, already in, badly typed
            for (number, code) in [("9999", "notFound"), ("2001", "notANurse"), ("1001", "duplicate"), ("10 01", "invalidFormat")] {
                let refused = try await app.send(.post, members, json: ["employeeNumber": number], token: educator)
                #expect(refused.status == .unprocessableContent)
                #expect(try Self.fields(refused) == ["employeeNumber"] && Self.codes(refused) == [code])
            }
            // the supervisor's place is set later
            let supervised = try await app.send(
                .put, "\(members)/\(memberId)", json: ["supervisorName": "Birgitte Holm", "supervisorPlace": "Rigshospitalet, afsnit 5073"],
                token: educator)
            #expect(try supervised.status == .ok && supervised.json()["supervisorPlace"] as? String == "Rigshospitalet, afsnit 5073")
            // a bad status is named, and an unknown stage is not found
            let stageIds = stages.compactMap { $0["id"] as? String }
            let bad = try await app.send(.put, "\(members)/\(memberId)/stages/\(stageIds[0])", json: ["status": "done"], token: educator)
            #expect(try bad.status == .unprocessableContent && Self.fields(bad) == ["status"])
            let unknown = try await app.send(.put, "\(members)/\(memberId)/stages/\(UUID())", json: ["status": "completed"], token: educator)
            #expect(unknown.status == .notFound)
            let notJSON = try await app.send(.put, "\(members)/\(memberId)/stages/\(stageIds[0])", json: ["status": 3], token: educator)
            #expect(notJSON.status == .badRequest)
            // the coverage report counts no specialised nurse yet
            func completedNurses() async throws -> Int? {
                let report = try await app.send(.get, "/api/v1/learning/coverage?by=profession&level=specialised", token: educator).json()
                return (report["rows"] as? [[String: Any]])?.first { $0["key"] as? String == "nurse" }?["completed"] as? Int
            }
            #expect(try await completedNurses() == 0)
            // when: every stage is completed
            var last: [String: Any] = [:]
            for stageId in stageIds {
                let set = try await app.send(.put, "\(members)/\(memberId)/stages/\(stageId)", json: ["status": "completed"], token: educator)
                #expect(set.status == .ok)
                last = try set.json()
            }
            // then: she has completed the education, and coverage counts her
            #expect(last["completed"] as? Bool == true)
            #expect(try await completedNurses() == 1)
            // every change is audited against the cohort
            let actions = try await app.persistence.read { tx in
                try await tx.sql.raw("SELECT action FROM audit_entries WHERE entity_id = \(bind: cohortId)").all().map {
                    try $0.decode(column: "action", as: String.self)
                }
            }
            #expect(
                Set(actions) == ["learning.cohort.create", "learning.cohort.member.add", "learning.cohort.supervisor", "learning.cohort.progress"])
        }
    }

    @Test func aNurseSeesHerOwnRowOthersAreRefused() async throws {
        try await TestApp.run { app in
            let setup = try await Self.setUp(app)
            let members = "/api/v1/learning/cohorts/\(setup.cohortId)/members"
            for number in ["1001", "1002"] {
                #expect(try await app.send(.post, members, json: ["employeeNumber": number], token: setup.educator).status == .created)
            }
            let anna = try await app.createUser("anna", roles: [.clinician], unit: "HJ-101")
            let colleague = try await app.createUser("kollega", roles: [.clinician], unit: "HJ-101")
            try await app.persistence.write { try await CoverageRepository.setEmployeeNumber("1001", userId: anna.id, on: $0) }
            let annas = try await app.apiToken(for: anna)
            let others = try await app.apiToken(for: colleague)
            // anna sees her own row only
            let own = try await app.send(.get, "/api/v1/learning/cohorts/\(setup.cohortId)", token: annas)
            #expect(own.status == .ok)
            #expect((try own.json()["members"] as? [[String: Any]])?.compactMap { $0["employeeNumber"] as? String } == ["1001"])
            // a colleague outside the cohort may not look, and neither may change anything
            #expect(try await app.send(.get, "/api/v1/learning/cohorts/\(setup.cohortId)", token: others).status == .forbidden)
            #expect(try await app.send(.post, members, json: ["employeeNumber": "1003"], token: annas).status == .forbidden)
            let offer = ["offerId": setup.offerId, "name": "Hold", "startsOn": "2028-02-07"]
            #expect(try await app.send(.post, "/api/v1/learning/cohorts", json: offer, token: annas).status == .forbidden)
            // the cohort page likewise
            #expect(try await app.get("/learning/cohorts/\(setup.cohortId)", try await app.login("kollega")).status == .forbidden)
            let page = try await app.get("/learning/cohorts/\(setup.cohortId)", try await app.login("anna"))
            #expect(page.status == .ok && page.text.contains("Anna Andersen") && !page.text.contains("Bodil Berg") && !page.text.contains("<select"))
        }
    }

    @Test func aCohortNeedsASpecialistEducationAndBadInputIsNamed() async throws {
        try await TestApp.run { app in
            let setup = try await Self.setUp(app)
            let course = try await app.send(.post, "/api/v1/learning/offers", json: ["title": "Kursus", "format": "course"], token: setup.educator)
            let courseId = try #require(try course.json()["id"] as? String)
            let wrongOffer = try await app.send(
                .post, "/api/v1/learning/cohorts", json: ["offerId": courseId, "name": "Hold", "startsOn": "2026-02-02"], token: setup.educator)
            #expect(try wrongOffer.status == .unprocessableContent && Self.fields(wrongOffer) == ["offerId"])
            let bad = try await app.send(
                .post, "/api/v1/learning/cohorts", json: ["offerId": UUID().uuidString, "name": "", "startsOn": "2026-02-31"], token: setup.educator)
            #expect(try bad.status == .unprocessableContent && Self.fields(bad) == ["name", "startsOn"])
            let noOffer = try await app.send(
                .post, "/api/v1/learning/cohorts", json: ["offerId": UUID().uuidString, "name": "Hold", "startsOn": "2026-02-02"],
                token: setup.educator)
            #expect(try noOffer.status == .unprocessableContent && Self.codes(noOffer) == ["notFound"])
            #expect(try await app.send(.get, "/api/v1/learning/cohorts/\(UUID())", token: setup.educator).status == .notFound)
            let path = "/api/v1/learning/cohorts/\(UUID())/members"
            #expect(try await app.send(.post, path, json: ["employeeNumber": "1001"], token: setup.educator).status == .notFound)
            // nothing half-stored: the refused cohorts are not listed
            let offerId = try #require(UUID(uuidString: setup.offerId))
            let listed = try await app.persistence.read { try await CohortRepository.list(offerId: offerId, on: $0) }
            #expect(listed.count == 1)
        }
    }
}
