import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import NIOCore
import Testing

@testable import LindringStore
@testable import LindringWeb

@Suite struct PatientPlanTests {
    /// The form fields that submit the plan as it is, plus changes.
    func planForm(_ app: TestApp, keyWorker: String, homeCare: String, base: Int?, extra: [String: String] = [:]) async throws -> [String: String] {
        let db = app.persistence.outsideWriter
        var form = [
            "careTeam[role][0]": "keyWorker",
            "careTeam[unitId][0]": try #require(try await UnitRepository.find(code: keyWorker, on: db)).id.uuidString,
            "careTeam[role][1]": "homeCare", "careTeam[unitId][1]": try #require(try await UnitRepository.find(code: homeCare, on: db)).id.uuidString,
            "status": "active", "prognosis": "unknown", "preferredPlaceOfCare": "notDiscussed", "preferredPlaceOfDeath": "notDiscussed",
        ]
        if let base { form["baseVersion"] = String(base) }
        return form.merging(extra) { _, new in new }
    }

    @Test func homeCareNurseOnTheCareTeamReadsAndUpdatesThePlan() async throws {
        try await TestApp.run { app in
            // given
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", careTeam: ["HJ-101"])
            try await app.createUser("hanne", roles: [.clinician], unit: "HJ-101")
            let session = try await app.login("hanne")
            // when
            let summary = try await app.get("/patients/\(patient)", session)
            let saved = try await app.post(
                "/patients/\(patient)/plan/edit", session,
                form: try await planForm(
                    app, keyWorker: "RH-PAL", homeCare: "HJ-101", base: 1,
                    extra: [
                        "preferredPlaceOfDeath": "home", "medications[drug][0]": "Morfin", "medications[strength][0]": "10 mg/ml",
                        "medications[dose][0]": "5 mg",
                        "medications[route][0]": "sc", "medications[indication][0]": "pain", "medications[availableInHome][]": "0",
                    ]))
            // then
            #expect(summary.status == .ok)
            #expect(summary.text.contains("Åse Prøvesen"))
            #expect(saved.status == .seeOther)
            let plan = try #require(try await PlanRepository.find(patientId: patient, on: app.persistence.snapshot))
            #expect(plan.version == 2)
            #expect(plan.content.preferredPlaceOfDeath == .home)
            #expect(plan.content.medications.first?.drug == "Morfin")
            // the key worker's unit is told, the author's own unit is not
            let rhPal = try #require(try await UnitRepository.find(code: "RH-PAL", on: app.persistence.snapshot))
            let items = try await InboxRepository.items(unitId: rhPal.id, userId: UUID(), on: app.persistence.snapshot)
            #expect(items.first?.planVersion == 2)
            #expect(items.first?.changes.contains { $0.field == "preferredPlaceOfDeath" } == true)
            let audit = try await AuditLog.search(AuditFilter(patientId: patient), limit: 10, on: app.persistence.snapshot)
            #expect(audit.contains { $0.record.action == "plan.update" && $0.record.purpose == "careTeam" })
        }
    }

    @Test func clinicianOfAnotherUnitIsRefusedUntilBreakingTheGlassWhichTheAuditorSees() async throws {
        try await TestApp.run { app in
            // given
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL")
            try await app.createUser("bodil", roles: [.clinician], unit: "BOH-PAL")
            try await app.createUser("rita", roles: [.auditor], unit: nil)
            let session = try await app.login("bodil")
            // when
            let refused = try await app.get("/patients/\(patient)", session)
            let search = try await app.post("/patients", session, form: ["q": "010140-1234"])
            let inAddress = try await app.get("/patients?q=010140-1234", session)
            let noReason = try await app.post("/patients/\(patient)/break-glass", session, form: ["reason": ""])
            let broke = try await app.post(
                "/patients/\(patient)/break-glass", session, form: ["reason": "Akut tilkaldt i weekenden, patienten er dårlig"])
            let allowed = try await app.get("/patients/\(patient)", session)
            let cannotEdit = try await app.get("/patients/\(patient)/plan/edit", session)
            // then
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("/patients/\(patient)/break-glass"))
            #expect(search.text.contains("/patients/\(patient)/break-glass"))
            #expect(inAddress.status == .unprocessableContent, "a CPR number is searched for by POST, never in the address")
            #expect(!inAddress.text.contains("/patients/\(patient)/break-glass"))
            #expect(!search.text.contains("Åse"), "a restricted match shows no name")
            #expect(noReason.status == .unprocessableContent)
            #expect(broke.status == .seeOther)
            #expect(allowed.status == .ok)
            #expect(cannotEdit.status == .forbidden, "breaking the glass gives reading only")
            let audit = try await AuditLog.search(AuditFilter(patientId: patient), limit: 20, on: app.persistence.snapshot)
            #expect(audit.contains { $0.record.action == "patient.read" && $0.record.outcome == .denied && $0.record.username == "bodil" })
            #expect(audit.contains { $0.record.action == "patient.read" && $0.record.purpose == "breakTheGlass" })
            let auditor = try await app.login("rita")
            let review = try await app.get("/audit/break-glass", auditor)
            #expect(review.text.contains("Akut tilkaldt i weekenden"))
            let accessLog = try await app.get("/patients/\(patient)/access-log", auditor)
            #expect(accessLog.status == .ok)
            #expect(accessLog.text.contains(">bodil<"))
        }
    }

    @Test func theSecondOfTwoEditorsSeesTheConflictAndKeepsTheirInput() async throws {
        try await TestApp.run { app in
            // given two nurses opened the plan at version 1
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", careTeam: ["HJ-101"])
            try await app.createUser("karen", roles: [.clinician], unit: "RH-PAL")
            try await app.createUser("hanne", roles: [.clinician], unit: "HJ-101")
            let karen = try await app.login("karen")
            let hanne = try await app.login("hanne")
            // when Karen saves first
            let first = try await app.post(
                "/patients/\(patient)/plan/edit", karen,
                form: try await planForm(
                    app, keyWorker: "RH-PAL", homeCare: "HJ-101", base: 1,
                    extra: ["resuscitation": "doNotAttempt", "decidedBy": "Læge Ida Holm"]))
            let second = try await app.post(
                "/patients/\(patient)/plan/edit", hanne,
                form: try await planForm(
                    app, keyWorker: "RH-PAL", homeCare: "HJ-101", base: 1,
                    extra: ["whatMattersMost": "At komme hjem til hunden"]))
            // then
            #expect(first.status == .seeOther)
            #expect(second.status == .conflict)
            #expect(second.text.contains("Test karen"), "names who changed it")
            #expect(second.text.contains("Ingen genoplivning"), "shows what they changed")
            #expect(second.text.contains("At komme hjem til hunden"), "keeps what Hanne typed")
            #expect(second.text.contains("name=\"baseVersion\" value=\"2\""))
            let plan = try #require(try await PlanRepository.find(patientId: patient, on: app.persistence.snapshot))
            #expect(plan.version == 2)
            #expect(plan.content.whatMattersMost == nil, "nothing was silently overwritten")
        }
    }

    @Test func badPlanInputIsExplainedAndNothingIsStored() async throws {
        try await TestApp.run { app in
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL")
            try await app.createUser("karen", roles: [.clinician], unit: "RH-PAL")
            let session = try await app.login("karen")
            let twoKeyWorkers = try await app.post(
                "/patients/\(patient)/plan/edit", session,
                form: try await planForm(
                    app, keyWorker: "RH-PAL", homeCare: "HJ-101", base: 1,
                    extra: ["careTeam[role][1]": "keyWorker"]))
            let futureDeath = try await app.post(
                "/patients/\(patient)/plan/edit", session,
                form: try await planForm(
                    app, keyWorker: "RH-PAL", homeCare: "HJ-101", base: 1,
                    extra: ["status": "ended", "endReason": "died", "dateOfDeath": "2999-01-01", "placeOfDeath": "home"]))
            #expect(twoKeyWorkers.status == .unprocessableContent)
            #expect(twoKeyWorkers.text.contains(Catalog.danish["validation.keyWorkerNotUnique"]!))
            #expect(futureDeath.status == .unprocessableContent)
            #expect(try await PlanRepository.find(patientId: patient, on: app.persistence.snapshot)?.version == 1)
        }
    }

    @Test func theErrorSummaryNamesARowsFieldByItsLabelsNeverByItsKey() async throws {
        try await TestApp.run { app in
            // given
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL")
            try await app.createUser("karen", roles: [.clinician], unit: "RH-PAL")
            let session = try await app.login("karen")
            // when: a medication without its drug, and a home-care row with a bad night phone
            let refused = try await app.post(
                "/patients/\(patient)/plan/edit", session,
                form: try await planForm(
                    app, keyWorker: "RH-PAL", homeCare: "HJ-101", base: 1,
                    extra: [
                        "medications[strength][0]": "10 mg/ml", "medications[dose][0]": "5 mg", "medications[route][0]": "sc",
                        "medications[indication][0]": "pain",
                        "careTeam[outOfHoursPhone][0]": "", "careTeam[outOfHoursPhone][1]": "abc",
                    ]))
            // then
            let summary = try #require(
                refused.text.components(separatedBy: "class=\"form-error\"").dropFirst().first?.components(separatedBy: "</ul>").first)
            #expect(refused.status == .unprocessableContent)
            #expect(summary.contains("Medicin 1, præparat: skal udfyldes"), "\(summary)")
            #expect(summary.contains("Teammedlem 2, telefon, vagt"), "\(summary)")
            #expect(!summary.contains(">medications[0].drug") && !summary.contains(">careTeam[1]"), "no keys in the visible text")
        }
    }

    @Test func registeringAPatientChecksTheCPRAndEscapesHostileNames() async throws {
        try await TestApp.run { app in
            try await app.createUser("karen", roles: [.clinician], unit: "RH-PAL")
            let session = try await app.login("karen")
            let invalid = try await app.post("/patients/new", session, form: ["cpr": "320140-1234", "name": "Bent", "diagnosisGroup": "cancer"])
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.text.contains("value=\"320140-1234\""))
            let hostile = "<script>alert(1)</script>'; DROP TABLE patients;--"
            let created = try await app.post(
                "/patients/new", session,
                form: [
                    "cpr": "0505501234", "name": hostile, "diagnosisGroup": "lung",
                    "sharingConsent": "given", "relatives[name][0]": hostile, "relatives[relation][0]": "søn",
                ])
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location]).components(separatedBy: "?").first!
            for path in [location, "/patients?q=drop", location + "/access-log"] {
                let page = try await app.get(path, session)
                #expect(page.status == .ok, "\(path)")
                #expect(!page.text.contains("<script>alert(1)"), "\(path)")
            }
        }
    }
}

@Suite struct PatientAPITests {
    func headers(_ token: String, json: Bool = true) -> HTTPFields {
        var h: HTTPFields = [.authorization: "Bearer \(token)"]
        if json { h[.contentType] = "application/json" }
        return h
    }

    @Test func plansAreCreatedReadAndChangedWithETags() async throws {
        try await TestApp.run { app in
            // given
            let karen = try await app.createUser("karen", roles: [.clinician], unit: "RH-PAL")
            let token = try await app.apiToken(for: karen)
            let unit = try #require(try await UnitRepository.find(code: "RH-PAL", on: app.persistence.snapshot))
            // when a patient is registered
            let created = try await app.client.execute(
                uri: "/api/v1/patients", method: .post, headers: headers(token),
                body: ByteBuffer(string: #"{"cpr":"060650-1234","name":"Dorte Demosen","diagnosisGroup":"heart","sharingConsent":"given"}"#))
            #expect(created.status == .created)
            let id = try #require(try created.json()["id"] as? String)
            let bad = try await app.client.execute(
                uri: "/api/v1/patients", method: .post, headers: headers(token),
                body: ByteBuffer(string: #"{"cpr":"999999-9999","name":"","diagnosisGroup":"heart"}"#))
            #expect(bad.status == .unprocessableContent)
            // and gets a plan
            let plan =
                #"{"careTeam":[{"unitId":"\#(unit.id)","role":"keyWorker"}],"preferredPlaceOfDeath":"home","resuscitation":"doNotAttempt","decidedBy":"Læge A"}"#
            let posted = try await app.client.execute(
                uri: "/api/v1/patients/\(id)/plan", method: .post, headers: headers(token), body: ByteBuffer(string: plan))
            #expect(posted.status == .created)
            let got = try await app.get("/api/v1/patients/\(id)/plan", headers: headers(token, json: false))
            let etag = try #require(got.headers[.eTag])
            // then a change needs If-Match
            var body = try got.json()
            body["preferredPlaceOfDeath"] = "hospice"
            let changed = ByteBuffer(data: try JSONSerialization.data(withJSONObject: body))
            let missing = try await app.client.execute(uri: "/api/v1/patients/\(id)/plan", method: .put, headers: headers(token), body: changed)
            #expect(missing.status == .preconditionRequired)
            var conditional = headers(token)
            conditional[.ifMatch] = etag
            let ok = try await app.client.execute(uri: "/api/v1/patients/\(id)/plan", method: .put, headers: conditional, body: changed)
            #expect(ok.status == .ok)
            #expect(ok.headers[.eTag] == "\"v2\"")
            let stale = try await app.client.execute(uri: "/api/v1/patients/\(id)/plan", method: .put, headers: conditional, body: changed)
            #expect(stale.status == .preconditionFailed)
            #expect(stale.headers[.contentType] == "application/problem+json")
            let versions = try await app.get("/api/v1/patients/\(id)/plan/versions", headers: headers(token, json: false)).json()
            #expect((versions["items"] as? [[String: Any]])?.count == 2)
        }
    }

    @Test func anotherUnitGetsAProblem403AndTheRefusalIsAudited() async throws {
        try await TestApp.run { app in
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL")
            let bo = try await app.createUser("bodil", roles: [.clinician], unit: "BOH-PAL")
            let token = try await app.apiToken(for: bo)
            let response = try await app.get("/api/v1/patients/\(patient)/plan", headers: headers(token, json: false))
            #expect(response.status == .forbidden)
            #expect(response.headers[.contentType] == "application/problem+json")
            let search = try await app.get("/api/v1/patients?q=aase", headers: headers(token, json: false)).json()
            #expect((search["items"] as? [Any])?.isEmpty == true)
            let denied = try await AuditLog.search(AuditFilter(patientId: patient), limit: 10, on: app.persistence.snapshot)
            #expect(denied.contains { $0.record.outcome == .denied && $0.record.username == "bodil" })
        }
    }
}

@Suite struct PlanSaveWithoutAPlanTests {
    @Test func aFormSavedOnAVersionOfAPlanThePatientDoesNotHaveIs404NotAServerError() async throws {
        try await TestApp.run { app in
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", withPlan: false)
            try await app.createUser("pal", roles: [.clinician], unit: "RH-PAL")
            let unit = try #require(try await UnitRepository.find(code: "RH-PAL", on: app.persistence.snapshot))
            // when: the form claims to change version 3
            let saved = try await app.post(
                "/patients/\(patient)/plan/edit", try await app.login("pal"),
                form: [
                    "status": "active", "prognosis": "unknown", "preferredPlaceOfCare": "notDiscussed", "preferredPlaceOfDeath": "notDiscussed",
                    "baseVersion": "3", "careTeam[role][0]": "keyWorker", "careTeam[unitId][0]": unit.id.uuidString,
                ])
            // then
            #expect(saved.status == .notFound)
        }
    }
}
