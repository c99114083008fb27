import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import NIOCore
import Testing

@testable import LindringStore
@testable import LindringWeb

@Suite struct InstrumentsAPITests {
    @Test func theScoreEndpointScoresAndNamesEveryBadAnswer() async throws {
        try await TestApp.run { app in
            let user = try await app.createUser("karen", roles: [.clinician])
            let token = try await app.apiToken(for: user)
            func score(_ id: String, _ body: String) async throws -> TestResponse {
                try await app.client.execute(
                    uri: "/api/v1/instruments/\(id)/score", method: .post,
                    headers: [.authorization: "Bearer \(token)", .contentType: "application/json"], body: ByteBuffer(string: body))
            }
            let scored = try await score(
                "eortc-qlq-c15-pal",
                #"{"answers":{"q1":2,"q2":3,"q3":2,"q4":2,"q5":3,"q6":1,"q7":3,"q8":2,"q9":2,"q10":4,"q11":2,"q12":2,"q13":2,"q14":3,"q15":4}}"#)
            #expect(scored.status == .ok)
            let result = try scored.json()
            let scores = try #require(result["scores"] as? [String: Any])
            #expect(scores["FA"] as? Double == 44.44 && scores["PF2"] as? Double == 33.33 && scores["QL"] as? Double == 50)
            #expect(result["trafficLight"] as? String == "red")
            let missing = try await score("ipos", #"{"answers":{"pain":1}}"#).json()
            #expect((missing["scores"] as? [String: Any])?["total"] is NSNull)
            let refused = try await score("esas-r", #"{"answers":{"pain":2.5,"nausea":"3","hiccups":1,"anxiety":11}}"#)
            #expect(refused.status == .unprocessableContent)
            let fields = Set((try refused.json()["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
            #expect(fields == ["answers.pain", "answers.nausea", "answers.hiccups", "answers.anxiety"])
            #expect(try await score("phq-9", #"{"answers":{}}"#).status == .notFound)
            let questionnaire = try await app.get("/api/v1/instruments/ipos/questionnaire", headers: [.authorization: "Bearer \(token)"])
            #expect(questionnaire.headers[.contentType] == "application/fhir+json")
            let fhir = try questionnaire.json()
            #expect(fhir["resourceType"] as? String == "Questionnaire")
            #expect((fhir["item"] as? [[String: Any]])?.map { $0["linkId"] as? String }.prefix(2) == ["pain", "shortnessOfBreath"])
        }
    }
}

@Suite struct AssessmentsAPITests {
    @Test func aRedScreeningIsStoredScoredAndReachesTheKeyWorkersInbox() async throws {
        try await TestApp.run { app in
            // given: a patient registered by the palliative team, with home care as key worker
            let patient = try await app.createPatientWithPlan(registeredBy: "HJ-101", careTeam: ["RH-PAL"])
            let nurse = try await app.createUser("karen", roles: [.clinician], unit: "RH-PAL")
            let stranger = try await app.createUser("bodil", roles: [.clinician], unit: "BOH-PAL")
            func post(_ token: String, _ id: UUID, _ body: String) async throws -> TestResponse {
                try await app.client.execute(
                    uri: "/api/v1/patients/\(id)/assessments", method: .post,
                    headers: [.authorization: "Bearer \(token)", .contentType: "application/json"], body: ByteBuffer(string: body))
            }
            let token = try await app.apiToken(for: nurse)
            let body =
                #"{"instrument":"esas-r","respondent":"patient","answers":{"pain":8,"tiredness":5,"drowsiness":2,"nausea":0,"appetite":3,"shortnessOfBreath":4,"depression":1,"anxiety":6,"wellbeing":5}}"#
            // when
            let created = try await post(token, patient, body)
            // then
            #expect(created.status == .created)
            let result = try created.json()
            #expect(result["trafficLight"] as? String == "red")
            #expect((result["scores"] as? [String: Any])?["total"] as? Double == 34)
            try await app.createUser("hjem", roles: [.clinician], unit: "HJ-101")
            let inbox = try await app.get("/inbox", try await app.login("hjem"))
            #expect(inbox.text.contains("Rødt screeningsresultat (ESAS-r)"))
            let listed = try await app.get("/api/v1/patients/\(patient)/assessments", headers: [.authorization: "Bearer \(token)"])
            #expect((try listed.json()["items"] as? [[String: Any]])?.count == 1)
            // and bad input or no access stores nothing
            #expect(try await post(token, patient, #"{"instrument":"phq-9","respondent":"patient","answers":{}}"#).status == .unprocessableContent)
            #expect(try await post(token, patient, #"{"instrument":"ipos","respondent":"cat","answers":{"pain":9}}"#).status == .unprocessableContent)
            #expect(try await post(try await app.apiToken(for: stranger), patient, body).status == .forbidden)
            #expect(try await post(token, UUID(), body).status == .notFound)
            #expect(try await AssessmentRepository.list(patientId: patient, on: app.persistence.snapshot).count == 1)
            // and the care team sees the colour on the plan summary and the trend on the screening page
            let session = try await app.login("karen")
            #expect(try await app.get("/patients/\(patient)", session).text.contains("light light-red"))
            let screening = try await app.get("/patients/\(patient)/screening", session)
            #expect(screening.status == .ok && screening.text.contains("<svg class=\"chart trend\"") && screening.text.contains(": 34</title>"))
            let bodil = try await app.login("bodil")
            #expect(try await app.get("/patients/\(patient)/screening", bodil).status == .forbidden)
            // and the summary shows the newest screening's colour only
            let calm =
                #"{"instrument":"esas-r","respondent":"patient","answers":{"pain":0,"tiredness":0,"drowsiness":0,"nausea":0,"appetite":0,"shortnessOfBreath":0,"depression":0,"anxiety":0,"wellbeing":0}}"#
            #expect(try await post(token, patient, calm).status == .created)
            let summary = try await app.get("/patients/\(patient)", session).text
            #expect(summary.contains("light light-green") && !summary.contains("light light-red"))
        }
    }
}

@Suite struct SelfReportTests {
    @Test func aPatientAnswersOnceFromHomeAndTheLinkCannotBeUsedAgain() async throws {
        try await TestApp.run { app in
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", name: "Åse Prøvesen", cpr: "0101401234")
            let nurse = try await app.createUser("karen", roles: [.clinician], unit: "RH-PAL")
            let token = try await app.apiToken(for: nurse)
            let created = try await app.client.execute(
                uri: "/api/v1/patients/\(patient)/self-report-links", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"instrument":"esas-r"}"#))
            #expect(created.status == .created)
            let url = try #require(try created.json()["url"] as? String)
            let path = try #require(URL(string: url)?.path)
            #expect(path.hasPrefix("/r/") && path.count > 40, "a token of at least 128 bits")
            // the page greets by first name and shows nothing else about the patient
            let page = try await app.get(path)
            #expect(page.status == .ok && page.text.contains("Hej Åse") && !page.text.contains("Prøvesen") && !page.text.contains("010140"))
            // one screen at a time: the welcome, then question 1 with the answers so far carried along
            let first = try await app.post(path, form: ["step": "-1", "go": "next"])
            #expect(first.text.contains("Spørgsmål 1 af") && first.text.contains("name=\"a[pain]\""))
            // the same URL takes JSON; a red answer reaches the key worker's inbox
            func send(_ body: String) async throws -> TestResponse {
                try await app.client.execute(uri: path, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
            }
            #expect(try await send(#"{"answers":{"pain":11}}"#).status == .unprocessableContent)
            #expect(try await send(#"{"answers":{"pain":9,"nausea":2}}"#).status == .created)
            #expect(try await send(#"{"answers":{"pain":1}}"#).status == .gone)
            #expect(try await app.get(path).status == .gone)
            let stored = try await AssessmentRepository.list(patientId: patient, on: app.persistence.snapshot)
            #expect(stored.count == 1 && stored.first?.respondent == .patient && stored.first?.score.trafficLight == .red)
            let inbox = try await app.get("/inbox", try await app.login("karen"))
            #expect(inbox.text.contains("Rødt screeningsresultat"))
            // unknown and expired links
            #expect(try await app.get("/r/not-a-token").status == .notFound)
            let expired = try await SelfReportLinkRepository.create(
                patientId: patient, instrument: .ipos, expiresAt: Date().addingTimeInterval(-60),
                createdBy: nil, on: app.persistence.outsideWriter)
            #expect(try await app.get("/r/\(expired.token)").status == .gone)
        }
    }

    @Test func theFormStoresOnlyOnTheLastScreen() async throws {
        try await TestApp.run { app in
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL")
            let link = try await SelfReportLinkRepository.create(
                patientId: patient, instrument: .eortcQLQC15PAL, expiresAt: Date().addingTimeInterval(3600),
                createdBy: nil, on: app.persistence.outsideWriter)
            let path = "/r/\(link.token)"
            var form = (1...15).reduce(into: [String: String]()) { $0["a[q\($1)]"] = $1 == 15 ? "4" : "2" }
            form["step"] = "13"
            form["go"] = "next"
            #expect(try await app.post(path, form: form).text.contains("Spørgsmål 15 af 15"))
            #expect(try await AssessmentRepository.list(patientId: patient, on: app.persistence.snapshot).isEmpty)
            form["step"] = "14"
            form["go"] = "send"
            #expect(try await app.post(path, form: form).status == .created)
            let stored = try await AssessmentRepository.list(patientId: patient, on: app.persistence.snapshot)
            #expect(stored.first?.score.scores["QL"] == 50)
        }
    }
}

@Suite struct RedScreeningOnTheBoardTests {
    @Test func aRedResultOutsideWorkingHoursShowsOnTheAdvisoryBoard() async throws {
        try await TestApp.run { app in
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", name: "Åse Prøvesen")
            let nurse = try await app.createUser("karen", roles: [.clinician], unit: "RH-PAL")
            try await app.createUser("nattevagt", roles: [.advisor], unit: "PAL-247")
            // the latest instant in the past day outside working hours
            var at = Date().addingTimeInterval(-3600)
            if !WorkingHours.at(at).outsideWorkingHours {
                at = try #require(DanishCalendar.instant(LocalDate(Date(), in: DanishCalendar.timeZone), hour: 7))
            }
            let body = #"{"instrument":"ipos","respondent":"staff","at":"AT","answers":{"pain":4}}"#.replacingOccurrences(
                of: "AT", with: ISO8601Instant.format(at))
            let created = try await app.client.execute(
                uri: "/api/v1/patients/\(patient)/assessments", method: .post,
                headers: [.authorization: "Bearer \(try await app.apiToken(for: nurse))", .contentType: "application/json"],
                body: ByteBuffer(string: body))
            #expect(created.status == .created)
            let board = try await app.get("/advisory", try await app.login("nattevagt"))
            #expect(board.text.contains("id=\"red-screenings\"") && board.text.contains("Åse Prøvesen"))
        }
    }
}

@Suite struct ThresholdsTests {
    @Test func anAdministratorsBandsColourNewScreeningsAndAreAudited() async throws {
        try await TestApp.run { app in
            let admin = try await app.createUser("anne", roles: [.administrator])
            let nurse = try await app.createUser("karen", roles: [.clinician])
            let adminToken = try await app.apiToken(for: admin), nurseToken = try await app.apiToken(for: nurse)
            func put(_ token: String, _ body: String) async throws -> TestResponse {
                try await app.client.execute(
                    uri: "/api/v1/instruments/esas-r/thresholds", method: .put,
                    headers: [.authorization: "Bearer \(token)", .contentType: "application/json"], body: ByteBuffer(string: body))
            }
            func light() async throws -> String? {
                let scored = try await app.client.execute(
                    uri: "/api/v1/instruments/esas-r/score", method: .post,
                    headers: [.authorization: "Bearer \(nurseToken)", .contentType: "application/json"],
                    body: ByteBuffer(string: #"{"answers":{"pain":8}}"#))
                return try scored.json()["trafficLight"] as? String
            }
            #expect(try await light() == "red")
            // a clinician may read but not set them
            #expect(try await put(nurseToken, #"{"bands":{"items":{"mild":1,"moderate":6,"severe":9}}}"#).status == .forbidden)
            let refused = try await put(adminToken, #"{"bands":{"items":{"mild":1,"moderate":9,"severe":6}}}"#)
            #expect(refused.status == .unprocessableContent)
            #expect((try refused.json()["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String } == ["bands.items.severe"])
            #expect(try await light() == "red")
            // when
            let saved = try await put(adminToken, #"{"bands":{"items":{"mild":1,"moderate":6,"severe":9}}}"#)
            // then
            #expect(saved.status == .ok)
            #expect(try saved.json()["updatedBy"] as? String == admin.name)
            #expect(try await light() == "amber")
            let shown = try await app.get("/api/v1/instruments/esas-r/thresholds", headers: [.authorization: "Bearer \(nurseToken)"]).json()
            let group = try #require((shown["groups"] as? [[String: Any]])?.first)
            #expect((group["bands"] as? [String: Int])?["severe"] == 9 && (group["defaults"] as? [String: Int])?["severe"] == 7)
            let audit = try await AuditLog.search(
                AuditFilter(username: "anne", action: "instrumentThresholds.update"), limit: 5, on: app.persistence.snapshot)
            #expect(audit.count == 1 && audit.first?.record.entityId == "esas-r")
        }
    }

    @Test func theFormKeepsWhatWasTypedWhenRefusedAndRestoresDefaults() async throws {
        try await TestApp.run { app in
            _ = try await app.createUser("anne", roles: [.administrator])
            _ = try await app.createUser("karen", roles: [.clinician])
            let admin = try await app.login("anne")
            #expect(try await app.get("/screening/thresholds?instrument=eortc-qlq-c15-pal", try await app.login("karen")).status == .forbidden)
            let refused = try await app.post(
                "/screening/thresholds", admin,
                form: [
                    "instrument": "eortc-qlq-c15-pal", "bands[items][mild]": "2", "bands[items][moderate]": "3", "bands[items][severe]": "4",
                    "bands[qualityOfLife][mild]": "3", "bands[qualityOfLife][moderate]": "4", "bands[qualityOfLife][severe]": "x",
                ])
            #expect(refused.status == .unprocessableContent)
            let html = String(buffer: refused.body)
            #expect(html.contains(#"value="x""#) && html.contains("#bands.qualityOfLife.severe"))
            #expect(try await InstrumentThresholdRepository.find(.eortcQLQC15PAL, on: app.persistence.snapshot).updatedAt == nil)
            let saved = try await app.post(
                "/screening/thresholds", admin,
                form: [
                    "instrument": "eortc-qlq-c15-pal", "bands[items][mild]": "2", "bands[items][moderate]": "3", "bands[items][severe]": "4",
                    "bands[qualityOfLife][mild]": "5", "bands[qualityOfLife][moderate]": "3", "bands[qualityOfLife][severe]": "1",
                ])
            #expect(saved.status == .seeOther)
            let stored = try await InstrumentThresholdRepository.find(.eortcQLQC15PAL, on: app.persistence.snapshot)
            #expect(stored.thresholds.bands["qualityOfLife"] == SeverityBands(mild: 5, moderate: 3, severe: 1))
            _ = try await app.post("/screening/thresholds", admin, form: ["instrument": "eortc-qlq-c15-pal", "reset": "1"])
            #expect(try await InstrumentThresholdRepository.find(.eortcQLQC15PAL, on: app.persistence.snapshot).thresholds == InstrumentThresholds())
        }
    }
}

@Suite struct InstrumentWordingTests {
    @Test func theRegionsLicensedWordingReplacesOurDanishLabelsAndABadFileStopsStartUp() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wording-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("good.json"), bad = directory.appendingPathComponent("bad.json")
        try Data(#"{"eortc-qlq-c15-pal": {"q1": "Licenseret tekst til spørgsmål 1"}}"#.utf8).write(to: good)
        try Data(#"{"eortc-qlq-c15-pal": {"q99": "x"}}"#.utf8).write(to: bad)
        let config = try AppConfig.fromEnvironment(["INSTRUMENT_WORDING_FILE": good.path])
        #expect(config.instrumentWording.item(.eortcQLQC15PAL, "q1") == ("Licenseret tekst til spørgsmål 1", "Trouble with a long walk"))
        #expect(config.instrumentWording.item(.eortcQLQC15PAL, "q2").da == "Besvær med en kort gåtur udenfor")
        let fhir = FHIRQuestionnaire.json(.eortcQLQC15PAL, wording: config.instrumentWording)
        #expect((fhir["item"] as? [[String: Any]])?.first?["text"] as? String == "Licenseret tekst til spørgsmål 1")
        #expect(throws: AppConfig.Invalid.self) { try AppConfig.fromEnvironment(["INSTRUMENT_WORDING_FILE": bad.path]) }
        #expect(throws: AppConfig.Invalid.self) {
            try AppConfig.fromEnvironment(["INSTRUMENT_WORDING_FILE": directory.appendingPathComponent("none").path])
        }
    }
}
