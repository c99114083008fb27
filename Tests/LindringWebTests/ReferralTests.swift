import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// Referrals to specialised palliative care: recorded by the patient's team through the API and
/// the form, with the plan's access and audit; bad input names the field and stores nothing.
@Suite struct ReferralTests {
    static func unitId(_ app: TestApp, _ code: String) async throws -> String {
        try #require(try await UnitRepository.find(code: code, on: app.persistence.outsideWriter)).id.uuidString
    }

    @Test func theTeamRecordsAReferralAndItsFirstContact() async throws {
        try await TestApp.run { app in
            // given a patient of the palliative team, and a nurse of the team
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL")
            let token = try await app.apiToken(for: try await app.createUser("karen", roles: [.clinician], unit: "RH-PAL"))
            let referral: [String: Any] = [
                "receivedOn": "2026-11-02", "referringUnitId": try await Self.unitId(app, "RH-ONK"),
                "receivingUnitId": try await Self.unitId(app, "RH-PAL"), "diagnosisGroup": "cancer", "status": "received",
            ]
            // when the referral is recorded
            let created = try await app.send(.post, "/api/v1/patients/\(patient)/referrals", json: referral, token: token)
            // then it is stored, waiting
            #expect(created.status == .created, "\(created.text)")
            let body = try created.json()
            let id = try #require(body["id"] as? String)
            #expect(body["status"] as? String == "received" && body["daysToFirstContact"] is NSNull)
            // and when the first contact is recorded eight days later
            var reached = referral
            reached["status"] = "firstContact"
            reached["firstContactOn"] = "2026-11-10"
            reached["discussedAtConference"] = true
            reached["conferenceOn"] = "2026-11-12"
            let put = try await app.send(.put, "/api/v1/referrals/\(id)", json: reached, token: token, headers: [.ifMatch: "\"v1\""])
            #expect(put.status == .ok, "\(put.text)")
            #expect(try put.json()["daysToFirstContact"] as? Int == 8)
            // a save on top of the first version is refused
            let stale = try await app.send(.put, "/api/v1/referrals/\(id)", json: reached, token: token, headers: [.ifMatch: "\"v1\""])
            #expect(stale.status == .preconditionFailed)
            // and every access is in the patient's audit log
            let actions = try await app.persistence.read { tx in
                try await tx.sql.raw("SELECT action FROM audit_entries WHERE patient_id = \(bind: patient) ORDER BY seq").all()
                    .map { try $0.decode(column: "action", as: String.self) }
            }
            // (the stale save was refused after the gate allowed it: the refusal rolled its entry back)
            #expect(actions.filter { $0.hasPrefix("referral.") } == ["referral.create", "referral.update"])
        }
    }

    @Test(arguments: [
        (["status": "firstContact"], "firstContactOn", "required"),
        (["status": "notReached"], "notReachedReason", "required"),
        (["status": "received", "firstContactOn": "2026-11-05"], "firstContactOn", "notAllowedWithStatus"),
        (["status": "firstContact", "firstContactOn": "2026-10-30"], "firstContactOn", "beforeStart"),
        (["status": "received", "discussedAtConference": "yes"], "", ""),
        (["status": "received", "conferenceOn": "2026-11-05"], "conferenceOn", "notAllowedWithStatus"),
        (["status": "waiting"], "status", "invalidChoice"),
        (["status": "received", "receivedOn": "2099-01-01"], "receivedOn", "inFuture"),
    ])
    func aBadReferralNamesTheFieldAndStoresNothing(change: [String: String], field: String, code: String) async throws {
        try await TestApp.run { app in
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL")
            let token = try await app.apiToken(for: try await app.createUser("karen", roles: [.clinician], unit: "RH-PAL"))
            var referral: [String: Any] = [
                "receivedOn": "2026-11-02", "referringUnitId": try await Self.unitId(app, "RH-ONK"),
                "receivingUnitId": try await Self.unitId(app, "RH-PAL"), "diagnosisGroup": "cancer",
            ]
            for (key, value) in change { referral[key] = value }
            let response = try await app.send(.post, "/api/v1/patients/\(patient)/referrals", json: referral, token: token)
            if field.isEmpty {
                // a boolean as text is not the body's shape
                #expect(response.status == .badRequest)
            } else {
                #expect(response.status == .unprocessableContent, "\(response.text)")
                let errors = try response.json()["errors"] as? [[String: Any]] ?? []
                #expect(errors.contains { $0["field"] as? String == field && $0["code"] as? String == code }, "\(errors)")
            }
            let stored = try await app.persistence.readEach { try await ReferralRepository.forPatient(patient, on: $0) }
            #expect(stored.isEmpty)
        }
    }

    @Test func aUnitOutsideTheCareTeamIsRefusedAndTheRefusalAudited() async throws {
        try await TestApp.run { app in
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", consent: "declined")
            let token = try await app.apiToken(for: try await app.createUser("hanne", roles: [.clinician], unit: "HJ-101"))
            let referral: [String: Any] = [
                "receivedOn": "2026-11-02", "referringUnitId": try await Self.unitId(app, "RH-ONK"),
                "receivingUnitId": try await Self.unitId(app, "RH-PAL"), "diagnosisGroup": "cancer", "status": "received",
            ]
            let response = try await app.send(.post, "/api/v1/patients/\(patient)/referrals", json: referral, token: token)
            #expect(response.status == .forbidden)
            let denied = try await app.persistence.read { tx in
                try await tx.sql.raw("SELECT outcome FROM audit_entries WHERE action = 'referral.create'").all()
                    .map { try $0.decode(column: "outcome", as: String.self) }
            }
            #expect(denied == ["denied"])
        }
    }

    @Test func theFormRecordsAReferralAndARefusedFormKeepsWhatWasTyped() async throws {
        try await TestApp.run { app in
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL")
            try await app.createUser("karen", roles: [.clinician], unit: "RH-PAL")
            let session = try await app.login("karen")
            let form = try await app.get("/patients/\(patient)/referrals/new", session)
            #expect(form.status == .ok)
            #expect(form.text.contains("name=\"status\""))
            let fields: [String: String] = [
                "receivedOn": "2026-11-02", "referringUnitId": try await Self.unitId(app, "RH-ONK"),
                "receivingUnitId": try await Self.unitId(app, "RH-PAL"), "diagnosisGroup": "cancer", "status": "firstContact",
            ]
            let refused = try await app.post("/patients/\(patient)/referrals/new", session, form: fields)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("value=\"2026-11-02\"") && refused.text.contains("id=\"firstContactOn-error\""))
            var complete = fields
            complete["firstContactOn"] = "2026-11-04"
            let saved = try await app.post("/patients/\(patient)/referrals/new", session, form: complete)
            #expect(saved.status == .seeOther || saved.status == .found)
            let page = try await app.get("/patients/\(patient)", session)
            #expect(page.text.contains("id=\"referrals\"") && page.text.contains("04.11.2026") == false && page.text.contains("02.11.2026"))
        }
    }
}
