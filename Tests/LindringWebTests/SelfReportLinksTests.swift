import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import NIOCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// Issue 18, item 12: the links a patient has not answered yet are listed and can be taken back;
/// after a severe answer the patient is told whom to call now; the trend charts have axes, dates
/// and bands.
@Suite struct SelfReportLinksTests {
    /// The token of the link the page shows once.
    static func token(in html: String) throws -> String {
        let start = try #require(html.range(of: "id=\"self-report-url\" value=\""))
        let url = String(html[start.upperBound...].prefix { $0 != "\"" })
        return try #require(url.components(separatedBy: "/r/").last)
    }

    static func api(_ app: TestApp, _ method: HTTPRequest.Method, _ uri: String, token: String) async throws -> TestResponse {
        try await app.client.execute(uri: uri, method: method, headers: [.authorization: "Bearer \(token)"])
    }

    @Test func aNurseSeesTheLinkWaitingRevokesItAndThePatientIsToldItNoLongerWorks() async throws {
        try await TestApp.run { app in
            // given: a link the key worker's nurse made on the screening page
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", name: "Åse Prøvesen", cpr: "0101401234")
            try await app.createUser("karen", roles: [.clinician], unit: "RH-PAL")
            try await app.createUser("hjem", roles: [.clinician], unit: "HJ-101")
            try await app.createUser("revisor", roles: [.auditor], unit: "RH-PAL")
            let session = try await app.login("karen")
            let made = try await app.post("/patients/\(patient)/screening/links", session, form: ["instrument": "esas-r"])
            #expect(made.status == .created && made.text.contains("id=\"copy-self-report-url\"") && made.text.contains("data-copied=\"Kopieret\""))
            let token = try Self.token(in: made.text)
            let link = try #require(try await SelfReportLinkRepository.outstanding(patientId: patient, on: app.persistence.snapshot).first)
            let revoke = "/patients/\(patient)/screening/links/\(link.id)/revoke"

            // then: the screening page lists it: what, when, by whom, until when, and a way to take it back
            let page = try await app.get("/patients/\(patient)/screening", session).text
            let listed = try #require(page.components(separatedBy: "id=\"outstanding-links\"").last)
            #expect(listed.contains("ESAS-r") && listed.contains("Test karen") && listed.contains(Timestamps.displayMinutes(link.expiresAt)))
            #expect(listed.contains("action=\"\(revoke)\"") && listed.contains(">Tilbagekald<"))

            // when: someone who may not make links tries to revoke it: home care off the care team, an auditor
            let outsider = try await app.post(revoke, try await app.login("hjem"), form: [:])
            let auditor = try await app.post(revoke, try await app.login("revisor"), form: [:])
            // then: refused, the refusal on the patient's record, and the link still works
            #expect(outsider.status == .forbidden && auditor.status == .forbidden)
            let refusals = try await AuditLog.search(
                AuditFilter(patientId: patient, action: "selfReportLink.revoke"), limit: 10, on: app.persistence.snapshot)
            #expect(refusals.map(\.record.outcome) == [.denied] && refusals.first?.record.username == "hjem")
            #expect(try await app.get("/r/\(token)").status == .ok)

            // when: the nurse revokes it (without the CSRF token first)
            #expect(try await app.post(revoke, form: [:], cookie: session.cookie).status == .forbidden)
            let revoked = try await app.post(revoke, session, form: [:])

            // then: it is gone from the list, the revocation is audited as its own action
            #expect(revoked.status == .seeOther && revoked.headers[.location] == "/patients/\(patient)/screening?notice=linkRevoked")
            let after = try await app.get("/patients/\(patient)/screening?notice=linkRevoked", session).text
            #expect(after.contains("Linket er tilbagekaldt.") && after.contains("Ingen links venter på svar.") && !after.contains(revoke))
            let entries = try await AuditLog.search(
                AuditFilter(patientId: patient, action: "selfReportLink.revoke"), limit: 10, on: app.persistence.snapshot)
            #expect(entries.count == 2 && entries.first?.record.username == "karen" && entries.first?.record.outcome == .allowed)
            #expect(entries.first?.record.purpose == "registeringUnit: esas-r")
            #expect(AuditWording.action(Localizer(.danish), "selfReportLink.revoke") == "Tilbagekaldte et spørgeskemalink til patienten")

            // and the patient opening it gets the page an expired link gets, and nothing about her
            let opened = try await app.get("/r/\(token)")
            #expect(opened.status == .gone && opened.text.contains("Linket virker ikke længere"))
            #expect(!opened.text.contains("Åse") && !opened.text.contains("Prøvesen"))
            let expired = try await SelfReportLinkRepository.create(
                patientId: patient, instrument: .esasR, expiresAt: Date().addingTimeInterval(-60),
                createdBy: nil, on: app.persistence.outsideWriter)
            #expect(try await app.get("/r/\(expired.token)").text == opened.text.replacingOccurrences(of: token, with: expired.token))
            // and answers sent to it anyway are refused, nothing stored
            let sent = try await app.client.execute(
                uri: "/r/\(token)", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"answers":{"pain":9}}"#))
            #expect(sent.status == .gone)
            #expect(try await AssessmentRepository.list(patientId: patient, on: app.persistence.snapshot).isEmpty)

            // when: revoking it again
            let again = try await app.post(revoke, session, form: [:])
            // then: nothing changes and the nurse is told why
            #expect(again.headers[.location] == "/patients/\(patient)/screening?notice=linkNotRevoked")
            #expect(
                try await app.get("/patients/\(patient)/screening?notice=linkNotRevoked", session).text.contains(
                    "Linket virkede ikke længere i forvejen"))
            #expect(
                try await AuditLog.search(AuditFilter(patientId: patient, action: "selfReportLink.revoke"), limit: 10, on: app.persistence.snapshot)
                    .count == 2)
        }
    }

    @Test func onlyLinksThatStillWorkAreOutstandingInThePageAndTheAPI() async throws {
        try await TestApp.run { app in
            // given: four links: used, expired, revoked, and one that still works
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL")
            let nurse = try await app.createUser("karen", roles: [.clinician], unit: "RH-PAL")
            let db = app.persistence.outsideWriter
            let later = Date().addingTimeInterval(3600)
            let used = try await SelfReportLinkRepository.create(patientId: patient, instrument: .ipos, expiresAt: later, createdBy: nurse.id, on: db)
            #expect(try await SelfReportLinkRepository.claim(linkId: used.link.id, assessmentId: UUID(), on: db) == .claimed)
            _ = try await SelfReportLinkRepository.create(
                patientId: patient, instrument: .ipos, expiresAt: Date().addingTimeInterval(-1), createdBy: nurse.id, on: db)
            let revoked = try await SelfReportLinkRepository.create(
                patientId: patient, instrument: .ipos, expiresAt: later, createdBy: nurse.id, on: db)
            #expect(
                try await app.persistence.write {
                    try await SelfReportLinkRepository.revoke(linkId: revoked.link.id, patientId: patient, by: nurse.id, on: $0)
                } != nil)
            let live = try await SelfReportLinkRepository.create(
                patientId: patient, instrument: .eortcQLQC15PAL, expiresAt: later, createdBy: nurse.id, on: db)
            // a link claimed after it was revoked is refused as revoked, one used twice as used
            #expect(try await SelfReportLinkRepository.claim(linkId: revoked.link.id, assessmentId: UUID(), on: db) == .revoked)
            #expect(try await SelfReportLinkRepository.claim(linkId: used.link.id, assessmentId: UUID(), on: db) == .used)
            let token = try await app.apiToken(for: nurse)

            // when
            let outstanding = try await SelfReportLinkRepository.outstanding(patientId: patient, on: db)
            let listed = try await Self.api(app, .get, "/api/v1/patients/\(patient)/self-report-links", token: token)

            // then: only the one that works, in the API with who made it and never its address
            #expect(outstanding.map(\.id) == [live.link.id] && outstanding.first?.createdByName == "Test karen")
            #expect(listed.status == .ok)
            let items = try #require(try listed.json()["items"] as? [[String: Any]])
            #expect(
                items.count == 1 && items.first?["id"] as? String == live.link.id.uuidString
                    && items.first?["createdByName"] as? String == "Test karen")
            #expect(items.first?["url"] == nil && items.first?["instrument"] as? String == "eortc-qlq-c15-pal")
            #expect(try await AuditLog.search(AuditFilter(patientId: patient, action: "selfReportLink.list"), limit: 5, on: db).count == 1)

            // when: the API revokes the used link and the live one
            let refused = try await Self.api(app, .post, "/api/v1/patients/\(patient)/self-report-links/\(used.link.id)/revoke", token: token)
            let done = try await Self.api(app, .post, "/api/v1/patients/\(patient)/self-report-links/\(live.link.id)/revoke", token: token)
            let elsewhere = try await Self.api(app, .post, "/api/v1/patients/\(patient)/self-report-links/not-a-uuid/revoke", token: token)
            // then
            #expect(refused.status == .notFound && elsewhere.status == .notFound && done.status == .ok)
            #expect(try done.json()["id"] as? String == live.link.id.uuidString)
            #expect(try await app.get("/r/\(live.token)").status == .gone)
            #expect(try await SelfReportLinkRepository.outstanding(patientId: patient, on: db).isEmpty)
            // and a link made through the API carries its id, for revoking
            let made = try await app.client.execute(
                uri: "/api/v1/patients/\(patient)/self-report-links", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"instrument":"ipos"}"#))
            let madeId = try #require(try made.json()["id"] as? String)
            #expect(try await SelfReportLinkRepository.outstanding(patientId: patient, on: db).map(\.id.uuidString) == [madeId])
            // and the OpenAPI document describes the two new operations
            let document = try await app.get("/api/v1/openapi.json").text
            #expect(
                document.contains("\"listSelfReportLinks\"") && document.contains("\"revokeSelfReportLink\"")
                    && document.contains("\"OutstandingSelfReportLink\""))
        }
    }

    /// The last screen of an ESAS-r with the given answers, as the patient's phone sends it.
    static func send(_ app: TestApp, _ token: String, _ answers: [String: Int]) async throws -> TestResponse {
        var form = Dictionary(uniqueKeysWithValues: answers.map { ("a[\($0.key)]", String($0.value)) })
        form["step"] = String(SelfReportViews.questions(.esasR).count - 1)
        form["go"] = "send"
        return try await app.post("/r/\(token)", form: form)
    }

    @Test func afterASevereAnswerThePatientIsToldWhomToCallNowAndAfterMildOnesOnlyThanked() async throws {
        try await TestApp.run { app in
            // given: the key worker's unit and the advisory line have numbers in the register
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", careTeam: ["HJ-101"], name: "Åse Prøvesen", cpr: "0101401234")
            try await KeyWorkerPhoneTests().setNumbers(app, unit: "RH-PAL", day: "35 45 00 01", night: "35 45 00 02")
            try await KeyWorkerPhoneTests().setNumbers(app, unit: "PAL-247", day: nil, night: "38 64 00 00")
            let db = app.persistence.outsideWriter
            let severe = try await SelfReportLinkRepository.create(
                patientId: patient, instrument: .esasR, expiresAt: Date().addingTimeInterval(3600), createdBy: nil, on: db)
            let mild = try await SelfReportLinkRepository.create(
                patientId: patient, instrument: .esasR, expiresAt: Date().addingTimeInterval(3600), createdBy: nil, on: db)

            // when: pain 9 (severe under the default bands)
            let page = try await Self.send(app, severe.token, ["pain": 9, "tiredness": 3])

            // then: thanked, and told plainly to call now, with numbers to tap and 112
            #expect(page.status == .created)
            let text = page.text
            #expect(text.contains("Tak for dine svar") && text.contains("id=\"call-now\"") && text.contains("Ring til os nu"))
            #expect(text.contains("Palliativt Team, Rigshospitalet"))
            #expect(text.contains("href=\"tel:35450001\"") || text.contains("href=\"tel:35450002\""))
            // the other number with its hours, each number kept on one line
            #expect(text.contains("35\u{00A0}45\u{00A0}00\u{00A0}01") && text.contains("35\u{00A0}45\u{00A0}00\u{00A0}02"))
            #expect(text.contains("href=\"tel:38640000\"") && text.contains("Rådgivning om lindrende behandling"))
            #expect(text.contains("href=\"tel:112\""))
            // and nothing about the patient
            #expect(!text.contains("Åse") && !text.contains("Prøvesen") && !text.contains("010140"))
            // stored red, as a screening made red by the region's bands
            #expect(try await AssessmentRepository.list(patientId: patient, on: db).first?.score.trafficLight == .red)

            // when: mild answers
            let thanks = try await Self.send(app, mild.token, ["pain": 2, "tiredness": 3])
            // then: the plain thanks
            #expect(
                thanks.status == .created && thanks.text.contains("Tak for dine svar")
                    && thanks.text.contains("Svarene er sendt til dit behandlerteam"))
            #expect(!thanks.text.contains("tel:") && !thanks.text.contains("call-now"))
        }
    }

    @Test func theScreeningPageChartsHaveAxesDatesBandsAndDanishNumbers() async throws {
        try await TestApp.run { app in
            // given: two EORTC screenings a week apart, the second with severe fatigue
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL")
            let nurse = try await app.createUser("karen", roles: [.clinician], unit: "RH-PAL")
            let session = try await app.login("karen")
            let calm = (1...15).reduce(into: [String: AnswerValue]()) { $0["q\($1)"] = .integer($1 == 15 ? 5 : 1) }
            var worse = calm
            (worse["q7"], worse["q11"]) = (.integer(4), .integer(3))
            for (answers, date) in [(calm, "2025-11-26"), (worse, "2025-12-03")] {
                let score = try Instrument.eortcQLQC15PAL.score(answers)
                _ = try await app.persistence.write { tx in
                    try await AssessmentRepository.create(
                        patientId: patient, instrument: .eortcQLQC15PAL, respondent: .staff, answers: AnswerJSON.stored(answers),
                        score: score, takenAt: DanishCalendar.instant(LocalDate(date)!, hour: 10)!,
                        recordedBy: (nurse.id, nurse.name), on: tx)
                }
            }
            // and an ESAS-r with only pain answered
            let esas: [String: AnswerValue] = ["pain": .integer(3)]
            let esasScore = try Instrument.esasR.score(esas)
            _ = try await app.persistence.write { tx in
                try await AssessmentRepository.create(
                    patientId: patient, instrument: .esasR, respondent: .staff, answers: AnswerJSON.stored(esas),
                    score: esasScore, takenAt: Date(), recordedBy: (nurse.id, nurse.name), on: tx)
            }
            // when
            let page = try await app.get("/patients/\(patient)/screening", session).text
            // then: an item nobody answered says so rather than showing empty axes
            #expect(page.components(separatedBy: "Ikke besvaret endnu.").count - 1 == Instrument.esasR.items.count - 1)
            // the y axis labelled, the dates under the x axis, the item bands and a legend for them
            #expect(
                page.contains("class=\"axis y-tick\">100<") && page.contains("class=\"axis x-tick\">26. nov.<")
                    && page.contains("class=\"axis x-tick\">3. dec.<"))
            #expect(
                page.contains("class=\"band band-severe\"") && page.contains("class=\"band-legend\"")
                    && page.contains("class=\"dot severity-severe\""))
            // the red result opens the item charts
            #expect(page.contains("<details class=\"item-trends\" open=\"open\">"))
            // fatigue (q7 4, q11 3) is 88,89: Danish everywhere (table, dots, summary), never 88.89
            #expect(page.contains(">88,9<") && page.contains(": 88,9</title>") && page.contains("Seneste: 88,9.") && !page.contains("88.9"))
        }
    }
}
