import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import NIOCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// Issue 18, item 10: staff enter a screening on one page, scored and audited as through the API.
@Suite struct StaffScreeningFormTests {
    static let redAnswers = [
        "pain": 8, "tiredness": 5, "drowsiness": 2, "nausea": 0, "appetite": 3, "shortnessOfBreath": 4, "depression": 1,
        "anxiety": 6, "wellbeing": 5,
    ]

    static func form(_ answers: [String: Int], respondent: String = "staff", at: String? = nil) -> [String: String] {
        var form = Dictionary(uniqueKeysWithValues: answers.map { ("answers[\($0.key)]", String($0.value)) })
        form["instrument"] = "esas-r"
        form["respondent"] = respondent
        if let at { form["at"] = at }
        return form
    }

    @Test func aNurseOnTheCareTeamEntersAnESASRScoredAsTheAPIScoresIt() async throws {
        try await TestApp.run { app in
            // given: home care is the key worker; the palliative team's nurse is on the care team
            let patient = try await app.createPatientWithPlan(registeredBy: "HJ-101", careTeam: ["RH-PAL"])
            let nurse = try await app.createUser("karen", roles: [.clinician], unit: "RH-PAL")
            try await app.createUser("hjem", roles: [.clinician], unit: "HJ-101")
            let session = try await app.login("karen")
            let page = try await app.get("/patients/\(patient)/screening/new?instrument=esas-r", session)
            #expect(page.status == .ok)
            #expect(page.text.contains("name=\"answers[pain]\"") && page.text.contains("Smerte") && page.text.contains("id=\"save-screening\""))
            #expect(try await app.get("/patients/\(patient)/screening", session).text.contains("/patients/\(patient)/screening/new?instrument=ipos"))

            // when: the nurse saves the form, and the same answers go through the API
            let saved = try await app.post(
                "/patients/\(patient)/screening/new?instrument=esas-r", session,
                form: Self.form(Self.redAnswers, at: "2026-11-20T14:30"))
            let body = try JSONSerialization.data(withJSONObject: ["instrument": "esas-r", "respondent": "staff", "answers": Self.redAnswers])
            let api = try await app.client.execute(
                uri: "/api/v1/patients/\(patient)/assessments", method: .post,
                headers: [.authorization: "Bearer \(try await app.apiToken(for: nurse))", .contentType: "application/json"],
                body: ByteBuffer(data: body))

            // then: stored with the same scores, severities and colour, at the time given
            #expect(saved.status == .seeOther && saved.headers[.location] == "/patients/\(patient)/screening?notice=saved")
            #expect(api.status == .created)
            let stored = try await AssessmentRepository.list(patientId: patient, on: app.persistence.snapshot)
            #expect(stored.count == 2)
            let fromForm = try #require(stored.first { $0.takenAt == DanishCalendar.instant(LocalDate("2026-11-20")!, hour: 14, minute: 30) })
            let fromAPI = try #require(stored.first { $0.id != fromForm.id })
            #expect(fromForm.score == fromAPI.score && fromForm.answers == fromAPI.answers)
            #expect(fromForm.score.trafficLight == .red && fromForm.score.scores["total"] == 34 && fromForm.respondent == .staff)
            #expect(fromForm.recordedByName == "Test karen")
            // audited as the API audits it
            let audit = try await AuditLog.search(
                AuditFilter(patientId: patient, action: "assessment.create"), limit: 10, on: app.persistence.snapshot)
            #expect(audit.count == 2 && audit.allSatisfy { $0.record.username == "karen" && $0.record.purpose?.contains("esas-r red") == true })
            // the red result is in the key worker's inbox
            let inbox = try await app.get("/inbox", try await app.login("hjem"))
            #expect(inbox.text.components(separatedBy: "Rødt screeningsresultat (ESAS-r)").count - 1 == 2)
            // and the plan summary's latest-screening line offers a new one
            #expect(try await app.get("/patients/\(patient)", session).text.contains("/patients/\(patient)/screening/new\""))
        }
    }

    @Test func aMissingOrOutOfRangeAnswerKeepsTheFormWith422() async throws {
        try await TestApp.run { app in
            // given
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", cpr: "0101401234")
            try await app.createUser("karen", roles: [.clinician], unit: "RH-PAL")
            let session = try await app.login("karen")
            var answers = Self.redAnswers
            answers["nausea"] = nil
            answers["pain"] = 11

            // when: no answer on nausea, 11 on pain, no respondent
            var form = Self.form(answers)
            form["respondent"] = nil
            let refused = try await app.post("/patients/\(patient)/screening/new?instrument=esas-r", session, form: form)
            // and a time before the patient was born (1 January 1940)
            let early = try await app.post(
                "/patients/\(patient)/screening/new?instrument=esas-r", session,
                form: Self.form(Self.redAnswers, at: "1939-12-31T12:00"))
            // and a value that is not a number
            var odd = Self.form(Self.redAnswers)
            odd["answers[anxiety]"] = "mange"
            let notANumber = try await app.post("/patients/\(patient)/screening/new?instrument=esas-r", session, form: odd)

            // then: each answered 422 with the errors by the items' labels and what was typed kept
            #expect(refused.status == .unprocessableContent)
            #expect(
                refused.text.contains("href=\"#answers.nausea\"") && refused.text.contains("href=\"#answers.pain\"")
                    && refused.text.contains("href=\"#respondent\""))
            #expect(refused.text.contains("id=\"answers.nausea-error\"") && refused.text.contains("id=\"answers.pain-error\""))
            #expect(refused.text.contains("name=\"answers[tiredness]\" value=\"5\" checked"))
            #expect(early.status == .unprocessableContent && early.text.contains("href=\"#at\"") && early.text.contains("value=\"1939-12-31T12:00\""))
            #expect(early.text.contains("name=\"respondent\" value=\"staff\" checked"))
            #expect(notANumber.status == .unprocessableContent && notANumber.text.contains("href=\"#answers.anxiety\""))
            #expect(try await AssessmentRepository.list(patientId: patient, on: app.persistence.snapshot).isEmpty)
        }
    }

    @Test func anotherUnitsClinicianIsRefusedAndTheGateAuditsIt() async throws {
        try await TestApp.run { app in
            // given: a patient of the palliative team at Rigshospitalet
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL")
            try await app.createUser("bodil", roles: [.clinician], unit: "BOH-PAL")
            let session = try await app.login("bodil")

            // when
            let page = try await app.get("/patients/\(patient)/screening/new?instrument=ipos", session)
            let saved = try await app.post("/patients/\(patient)/screening/new?instrument=esas-r", session, form: Self.form(Self.redAnswers))

            // then
            #expect(page.status == .forbidden && saved.status == .forbidden)
            #expect(try await AssessmentRepository.list(patientId: patient, on: app.persistence.snapshot).isEmpty)
            let denied = try await AuditLog.search(AuditFilter(username: "bodil"), limit: 20, on: app.persistence.snapshot)
                .filter { $0.record.patientId == patient && $0.record.outcome == .denied }
            #expect(Set(denied.map(\.record.action)) == ["assessment.form", "assessment.create"])
            #expect(try await app.get("/patients/\(patient)/screening/new?instrument=phq-9", session).status == .notFound)
        }
    }
}
