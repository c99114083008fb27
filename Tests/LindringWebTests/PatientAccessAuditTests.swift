import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import NIOCore
import SQLKit
import Testing

@testable import LindringStore
@testable import LindringWeb

/// Every refusal and every patient shown is audited; a CPR number's existence is not confirmed
/// beyond what the user may know; the advisory line's records stop naming a patient who withdrew
/// consent (issue 17, items 2, 3 and 6).
@Suite struct PatientAccessAuditTests {
    func entries(_ app: TestApp, patient: UUID, action: String? = nil) async throws -> [AuditEntry] {
        try await AuditLog.search(AuditFilter(patientId: patient, action: action), limit: 50, on: app.persistence.snapshot)
    }

    @Test(arguments: [Role.socialWorker, .finance, .educator, .auditor, .administrator])
    func aRoleWithoutClinicalAccessOpeningAPatientIsRefusedAndAudited(role: Role) async throws {
        try await TestApp.run { app in
            // given
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL")
            let user = try await app.createUser("ikkeklinisk", roles: [role], unit: "RH-PAL")
            let session = try await app.login("ikkeklinisk")
            let token = try await app.apiToken(for: user)
            // when
            let page = try await app.get("/patients/\(patient)", session)
            let history = try await app.get("/patients/\(patient)/plan/versions", session)
            let api = try await app.client.execute(uri: "/api/v1/patients/\(patient)", method: .get, headers: [.authorization: "Bearer \(token)"])
            // then
            #expect(page.status == .forbidden && history.status == .forbidden && api.status == .forbidden)
            let refusals = try await entries(app, patient: patient).filter { $0.record.username == "ikkeklinisk" }
            #expect(refusals.count == 3)
            #expect(refusals.allSatisfy { $0.record.outcome == .denied })
        }
    }

    @Test func aSearchRecordsEveryPatientItShowed() async throws {
        try await TestApp.run { app in
            // given
            let first = try await app.createPatientWithPlan(registeredBy: "RH-PAL", name: "Søren Søgbar", cpr: "0101401234")
            let second = try await app.createPatientWithPlan(registeredBy: "RH-PAL", name: "Sørine Søgbar", cpr: "0202402345")
            let hidden = try await app.createPatientWithPlan(registeredBy: "HGH-PAL", name: "Sørine Skjult", cpr: "0303403456")
            let nurse = try await app.createUser("pal", roles: [.clinician], unit: "RH-PAL")
            // when
            let page = try await app.get("/patients?q=s%C3%B8gbar", try await app.login("pal"))
            let token = try await app.apiToken(for: nurse)
            let api = try await app.client.execute(uri: "/api/v1/patients?q=s%C3%B8gbar", method: .get, headers: [.authorization: "Bearer \(token)"])
            // then
            #expect(page.status == .ok && api.status == .ok)
            #expect(try await entries(app, patient: first, action: "patient.search").count == 2)
            #expect(try await entries(app, patient: second, action: "patient.search").count == 2)
            #expect(try await entries(app, patient: hidden, action: "patient.search").isEmpty)
        }
    }

    @Test func aCPRNumberIsSearchedForInTheBodyNeverInTheAddress() async throws {
        try await TestApp.run { app in
            // given
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", cpr: "0101401234")
            let nurse = try await app.createUser("pal", roles: [.clinician], unit: "RH-PAL")
            let token = try await app.apiToken(for: nurse)
            // when
            let inAddress = try await app.client.execute(
                uri: "/api/v1/patients?q=010140-1234", method: .get, headers: [.authorization: "Bearer \(token)"])
            let inBody = try await app.client.execute(
                uri: "/api/v1/patients/search", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"q":"010140-1234"}"#))
            let form = try await app.post("/patients", try await app.login("pal"), form: ["q": "0101401234"])
            // then
            #expect(inAddress.status == .unprocessableContent)
            #expect(inAddress.text.contains("\"q\""))
            #expect(inBody.status == .ok)
            #expect((try inBody.json()["items"] as? [[String: Any]])?.first?["id"] as? String == patient.uuidString)
            #expect(form.status == .ok && form.text.contains("href=\"/patients/\(patient)\""))
        }
    }

    @Test func registeringAKnownCPRNumberIsAuditedAndTellsOnlyWhatTheUserMayKnow() async throws {
        try await TestApp.run { app in
            // given: a patient another hospital registered
            let patient = try await app.createPatientWithPlan(registeredBy: "HGH-PAL", name: "Olga Oprettet", cpr: "0101401234")
            let nurse = try await app.createUser("pal", roles: [.clinician], unit: "RH-PAL")
            _ = try await app.createUser("hgh", roles: [.clinician], unit: "HGH-PAL")
            let form = ["cpr": "010140-1234", "name": "Olga Igen", "diagnosisGroup": "cancer", "sharingConsent": "given"]
            // when
            let outsider = try await app.post("/patients/new", try await app.login("pal"), form: form)
            let token = try await app.apiToken(for: nurse)
            let api = try await app.client.execute(
                uri: "/api/v1/patients", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"cpr":"0101401234","name":"Olga Igen","diagnosisGroup":"cancer","sharingConsent":"given"}"#))
            let treating = try await app.post("/patients/new", try await app.login("hgh"), form: form)
            // then
            #expect(outsider.status == .conflict)
            #expect(!outsider.text.contains("Olga Oprettet") && !outsider.text.contains("Palliativt Team, Herlev"))
            #expect(outsider.text.contains("/patients/\(patient)/break-glass"))
            #expect(!outsider.text.contains("href=\"/patients/\(patient)\""))
            #expect(api.status == .conflict)
            #expect(!api.text.contains(patient.uuidString))
            #expect(treating.status == .conflict)
            #expect(treating.text.contains("href=\"/patients/\(patient)\""))
            let attempts = try await entries(app, patient: patient, action: "patient.register.duplicate")
            #expect(attempts.count == 3)
            #expect(attempts.filter { $0.record.outcome == .denied }.count == 2)
            #expect(try await PatientRepository.count(on: app.persistence.snapshot) == 1)
        }
    }

    @Test func theLineStopsNamingAPatientWhoWithdrewConsentOnceItsWorkIsDone() async throws {
        try await TestApp.run { app in
            // given: a contact about a consenting patient, its follow-up done, then consent withdrawn
            let patient = try await app.createPatientWithPlan(registeredBy: "HJ-101", name: "Tove Trukket")
            let advisor = try await app.createUser("nattevagt", roles: [.advisor], unit: "PAL-247")
            let token = try await app.apiToken(for: advisor)
            let body = AdvisoryTests.contactJSON.replacingOccurrences(of: "PATIENT", with: patient.uuidString)
                .replacingOccurrences(of: "2026-11-23T20:14:00Z", with: ISO8601DateFormatter().string(from: Date().addingTimeInterval(-600)))
                .replacingOccurrences(of: "2026-11-23T20:24:00Z", with: ISO8601DateFormatter().string(from: Date().addingTimeInterval(-60)))
            let created = try await app.client.execute(
                uri: "/api/v1/contacts", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                body: ByteBuffer(string: body))
            #expect(created.status == .created)
            let contactId = try #require(try created.json()["id"] as? String)
            let session = try await app.login("nattevagt")
            let open = try await app.get("/advisory/contacts/\(contactId)", session)
            #expect(open.text.contains("Tove Trukket"), "named while consent stands")
            try await app.persistence.write { try await $0.sql.raw("UPDATE patients SET sharing_consent = 'declined'").run() }
            let inProgress = try await app.get("/advisory/contacts/\(contactId)", session)
            #expect(inProgress.text.contains("Tove Trukket"), "still named while its follow-up is open")
            try await app.persistence.write { try await $0.sql.raw("UPDATE follow_ups SET status = 'done'").run() }
            // when
            let page = try await app.get("/advisory/contacts/\(contactId)", session)
            let board = try await app.get("/advisory/board", session)
            let handover = try await app.get("/advisory/handover", session)
            let api = try await app.client.execute(uri: "/api/v1/contacts/\(contactId)", method: .get, headers: [.authorization: "Bearer \(token)"])
            // then: the line's record stays, the name goes
            #expect(page.status == .ok && page.text.contains("Tilse i morgen"))
            for (name, response) in [("page", page), ("board", board), ("handover", handover), ("api", api)] {
                #expect(!response.text.contains("Tove"), "\(name) names the patient: \(Self.around("Tove", in: response.text))")
            }
            #expect(page.text.contains("/patients/\(patient)/break-glass"))
            #expect(try api.json()["patientWithheld"] as? Bool == true)
            // and after breaking the glass, the contact names the patient again
            _ = try await app.post("/patients/\(patient)/break-glass", session, form: ["reason": "Opkald fra pårørende om den tidligere rådgivning"])
            #expect(try await app.get("/advisory/contacts/\(contactId)", session).text.contains("Tove Trukket"))
        }
    }

    static func around(_ needle: String, in text: String) -> String {
        guard let range = text.range(of: needle) else { return "" }
        let start = text.index(range.lowerBound, offsetBy: -150, limitedBy: text.startIndex) ?? text.startIndex
        return String(text[start..<range.upperBound])
    }
}
