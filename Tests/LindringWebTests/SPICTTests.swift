import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import NIOCore
import Testing

@testable import LindringStore
@testable import LindringWeb

@Suite struct SPICTWebTests {
    static let positive =
        #"{"generalIndicators":["decliningPerformance"],"clinicalIndicators":["lungOxygen"],"wouldBeSurprised":false,"conclusion":"palliativeNeeds","actions":["talkWithPatientAndRelatives"]}"#
    static let negative = #"{"wouldBeSurprised":true,"conclusion":"noPalliativeNeeds","actions":["none"]}"#

    @Test func checklistsCountInTheOverviewCancerAndNonCancerApart() async throws {
        try await TestApp.run { app in
            // given: at the oncology department, two cancer patients (one with a plan) and one with lung disease
            let nurse = try await app.createUser("karen", roles: [.clinician], unit: "RH-ONK")
            let token = try await app.apiToken(for: nurse)
            let withPlan = try await app.createPatientWithPlan(registeredBy: "RH-ONK", name: "Ane Plan", cpr: "0101401234", municipalityCode: "101")
            let noPlan = try await app.createPatientWithPlan(
                registeredBy: "RH-ONK", name: "Bo Uden", cpr: "0202451234", municipalityCode: "101",
                withPlan: false)
            let lung = try await app.createPatientWithPlan(
                registeredBy: "RH-ONK", name: "Carl Lunge", cpr: "0303501234", diagnosisGroup: "lung",
                municipalityCode: "147", withPlan: false)
            func post(_ patient: UUID, _ body: String) async throws -> TestResponse {
                try await app.client.execute(
                    uri: "/api/v1/patients/\(patient)/spict", method: .post,
                    headers: [.authorization: "Bearer \(token)", .contentType: "application/json"], body: ByteBuffer(string: body))
            }
            // when
            let created = try await post(withPlan, Self.positive)
            _ = try await post(noPlan, Self.positive)
            _ = try await post(noPlan, Self.negative)
            _ = try await post(lung, Self.negative)
            // then
            #expect(created.status == .created)
            let body = try created.json()
            #expect(body["conditionGroups"] as? [String] == ["respiratory"] && body["cancer"] as? Bool == true)
            let refused = try await post(lung, #"{"wouldBeSurprised":"maybe","conclusion":"palliativeNeeds","actions":[]}"#)
            #expect(refused.status == .badRequest || refused.status == .unprocessableContent)
            let missingAction = try await post(lung, #"{"wouldBeSurprised":false,"conclusion":"palliativeNeeds","actions":[]}"#)
            #expect(missingAction.status == .unprocessableContent)
            let listed = try await app.get("/api/v1/patients/\(noPlan)/spict", headers: [.authorization: "Bearer \(token)"]).json()
            #expect((listed["items"] as? [[String: Any]])?.count == 2)

            let overview = try await app.get("/api/v1/screening/early-identification?by=department", headers: [.authorization: "Bearer \(token)"])
            #expect(overview.status == .ok)
            let report = try overview.json()
            let group = try #require((report["groups"] as? [[String: Any]])?.first)
            #expect(group["name"] as? String == "Onkologisk Klinik, Rigshospitalet")
            let cancer = try #require(group["cancer"] as? [String: Any]), other = try #require(group["nonCancer"] as? [String: Any])
            #expect(cancer["screened"] as? Int == 2 && cancer["positive"] as? Int == 2 && cancer["withPlan"] as? Int == 1)
            #expect(cancer["positiveShare"] as? Double == 100 && cancer["withPlanShare"] as? Double == 50)
            #expect(other["screened"] as? Int == 1 && other["positive"] as? Int == 0 && other["withPlanShare"] is NSNull)
            let byMunicipality = try await app.get(
                "/api/v1/screening/early-identification?by=municipality", headers: [.authorization: "Bearer \(token)"]
            ).json()
            #expect(
                (byMunicipality["groups"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == [
                    "Frederiksberg Kommune", "København Kommune",
                ])
            let total = try #require(byMunicipality["total"] as? [String: Any])
            #expect((total["cancer"] as? [String: Any])?["screened"] as? Int == 2)
            #expect(
                try await app.get("/api/v1/screening/early-identification?by=street", headers: [.authorization: "Bearer \(token)"]).status
                    == .unprocessableContent)
        }
    }

    @Test func onlyTheCareTeamRecordsAndOnlyPermittedRolesSeeTheOverview() async throws {
        try await TestApp.run { app in
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL")
            let stranger = try await app.createUser("bodil", roles: [.clinician], unit: "BOH-PAL")
            let socialWorker = try await app.createUser("sofie", roles: [.socialWorker])
            let refused = try await app.client.execute(
                uri: "/api/v1/patients/\(patient)/spict", method: .post,
                headers: [.authorization: "Bearer \(try await app.apiToken(for: stranger))", .contentType: "application/json"],
                body: ByteBuffer(string: Self.positive))
            #expect(refused.status == .forbidden)
            #expect(try await SPICTRepository.list(patientId: patient, on: app.persistence.snapshot).isEmpty)
            #expect(
                try await app.get(
                    "/api/v1/screening/early-identification", headers: [.authorization: "Bearer \(try await app.apiToken(for: socialWorker))"]
                )
                .status == .forbidden)
        }
    }

    @Test func theFormKeepsTheTicksWhenRefusedAndStartingAPlanOpensThePlanForm() async throws {
        try await TestApp.run { app in
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-ONK", withPlan: false)
            _ = try await app.createUser("karen", roles: [.clinician], unit: "RH-ONK")
            let session = try await app.login("karen")
            #expect(try await app.get("/patients/\(patient)/spict/new", session).status == .ok)
            let refused = try await app.post(
                "/patients/\(patient)/spict/new",
                pairs: [
                    ("csrf", session.csrf), ("generalIndicators[]", "weightLoss"), ("clinicalIndicators[]", "dementiaFalls"),
                    ("conclusion", "palliativeNeeds"),
                    ("actions[]", "none"), ("actions[]", "startSharedPlan"),
                ], cookie: session.cookie)
            #expect(refused.status == .unprocessableContent)
            let html = String(buffer: refused.body)
            #expect(html.contains(#"id="clinical-dementiaFalls" name="clinicalIndicators[]" value="dementiaFalls" checked"#))
            #expect(html.contains("#wouldBeSurprised") && html.contains("#actions"))
            #expect(try await SPICTRepository.list(patientId: patient, on: app.persistence.snapshot).isEmpty)
            let saved = try await app.post(
                "/patients/\(patient)/spict/new",
                pairs: [
                    ("csrf", session.csrf), ("generalIndicators[]", "weightLoss"), ("wouldBeSurprised", "no"), ("conclusion", "palliativeNeeds"),
                    ("actions[]", "startSharedPlan"),
                ], cookie: session.cookie)
            #expect(saved.status == .seeOther && saved.headers[.location] == "/patients/\(patient)/plan/new")
            let page = String(buffer: try await app.get("/patients/\(patient)/screening", session).body)
            #expect(page.contains("spict-list") && page.contains("Betydeligt vægttab"))
        }
    }
}
