import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import NIOCore
import Testing

@testable import LindringStore
@testable import LindringWeb

@Suite struct AdvisoryTests {
    static let contactJSON =
        #"{"startedAt":"2026-11-23T20:14:00Z","endedAt":"2026-11-23T20:24:00Z","callerRole":"relative","reasons":["dyspnoea"],"triage":"routine","outcome":"needsFollowUp","stayedAtHome":true,"followUp":{"text":"Tilse i morgen"},"patientId":"PATIENT"}"#

    func postJSON(_ app: TestApp, _ uri: String, _ body: String, token: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields = headers
        fields[.authorization] = "Bearer \(token)"
        fields[.contentType] = "application/json"
        return try await app.client.execute(uri: uri, method: .post, headers: fields, body: ByteBuffer(string: body))
    }

    @Test func aContactFromTheAPIGoesToTheKeyWorkersUnitAndARetryCreatesNothing() async throws {
        try await TestApp.run { app in
            // given: a patient whose key worker is the home care, and an advisor
            let patient = try await app.createPatientWithPlan(registeredBy: "HJ-101")
            let advisor = try await app.createUser("nattevagt", roles: [.advisor], unit: "PAL-247")
            let token = try await app.apiToken(for: advisor)
            let body = Self.contactJSON.replacingOccurrences(of: "PATIENT", with: patient.uuidString)
            // when
            let first = try await postJSON(app, "/api/v1/contacts", body, token: token, headers: [.idempotencyKey: "call-1"])
            let retry = try await postJSON(app, "/api/v1/contacts", body, token: token, headers: [.idempotencyKey: "call-1"])
            // then
            #expect(first.status == .created)
            let created = try first.json()
            #expect(created["outsideWorkingHours"] as? Bool == true)
            #expect(try retry.json()["id"] as? String == created["id"] as? String)
            let homeCare = try #require(try await UnitRepository.find(code: "HJ-101", on: app.persistence.snapshot))
            let followUps = try await FollowUpRepository.list(.init(unitId: homeCare.id, status: .open), on: app.persistence.snapshot)
            #expect(followUps.count == 1, "one follow-up, not two")
            #expect(followUps.first?.dueAt == ISO8601Instant.parse("2026-11-24T09:00:00Z"))
            // and the home-care nurse sees it in the inbox, and marks it done
            let hjem = try await app.createUser("hjem", roles: [.clinician], unit: "HJ-101")
            let nurse = try await app.login("hjem")
            // the navigation's inbox count takes in the open follow-up with the unread plan changes
            func badge() async throws -> (shown: String, unread: Int) {
                (
                    try await app.get("/", nurse).text,
                    try await InboxRepository.items(unitId: homeCare.id, userId: hjem.id, on: app.persistence.snapshot).filter { !$0.read }.count
                )
            }
            let before = try await badge()
            #expect(before.shown.contains("Indbakke (\(before.unread + 1))"))
            // but not in another unit's
            _ = try await app.createUser("anden", roles: [.clinician], unit: "PAL-247")
            #expect(!(try await app.get("/", try await app.login("anden")).text.contains("Indbakke (")))
            let inbox = try await app.get("/inbox", nurse)
            #expect(inbox.text.contains("id=\"inbox-follow-ups\"") && inbox.text.contains("Tilse i morgen"))
            let done = try await app.post("/follow-ups/\(followUps[0].id)/done", nurse, form: ["returnTo": "/inbox"])
            #expect(done.status == .seeOther)
            #expect(try await FollowUpRepository.list(.init(unitId: homeCare.id, status: .open), on: app.persistence.snapshot).isEmpty)
            let after = try await badge()
            #expect(after.unread == 0 ? !after.shown.contains("Indbakke (") : after.shown.contains("Indbakke (\(after.unread))"))
        }
    }

    @Test func simultaneousRetriesWithOneKeyCreateOneContact() async throws {
        try await TestApp.run { app in
            let advisor = try await app.createUser("nattevagt", roles: [.advisor], unit: "PAL-247")
            let token = try await app.apiToken(for: advisor)
            let body =
                #"{"startedAt":"2026-11-23T20:14:00Z","endedAt":"2026-11-23T20:24:00Z","callerRole":"gp","reasons":["pain"],"triage":"routine","outcome":"resolved"}"#
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<6 {
                    group.addTask { try await postJSON(app, "/api/v1/contacts", body, token: token, headers: [.idempotencyKey: "same-call"]).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 1 && statuses.filter { $0 == .ok }.count == 5, "\(statuses)")
            #expect(
                try await ContactRepository.list(from: LocalDate("2026-11-23")!, to: LocalDate("2026-11-23")!, on: app.persistence.snapshot).count
                    == 1)
        }
    }

    @Test(arguments: [
        (#"{"startedAt":"2026-11-23T20:14:00Z","callerRole":"neighbour","reasons":["pain"],"triage":"routine","outcome":"resolved"}"#, "callerRole"),
        (#"{"startedAt":"2026-11-23T20:14:00Z","callerRole":"","reasons":["pain"],"triage":"routine","outcome":"resolved"}"#, "callerRole"),
        (#"{"startedAt":"last night","callerRole":"gp","reasons":["pain"],"triage":"routine","outcome":"resolved"}"#, "startedAt"),
        (
            #"{"startedAt":"2026-11-23T20:14:00Z","endedAt":"2026-11-23T20:00:00Z","callerRole":"gp","reasons":["pain"],"triage":"routine","outcome":"resolved"}"#,
            "endedAt"
        ),
        (#"{"startedAt":"2026-11-23T20:14:00Z","callerRole":"gp","reasons":["pain"],"triage":"soon","outcome":"resolved"}"#, "triage"),
        (
            #"{"startedAt":"2026-11-23T20:14:00Z","callerRole":"gp","reasons":["pain"],"triage":"routine","outcome":"needsFollowUp","followUp":{"text":"x"}}"#,
            "followUp.unitId"
        ),
        // instants that name a field that does not exist (issue 17): year 1, year -1, 30 February, offset +99:00, hour 24
        (#"{"startedAt":"0001-11-23T20:14:00Z","callerRole":"gp","reasons":["pain"],"triage":"routine","outcome":"resolved"}"#, "startedAt"),
        (#"{"startedAt":"-0001-11-23T20:14:00Z","callerRole":"gp","reasons":["pain"],"triage":"routine","outcome":"resolved"}"#, "startedAt"),
        (#"{"startedAt":"2026-02-30T20:14:00Z","callerRole":"gp","reasons":["pain"],"triage":"routine","outcome":"resolved"}"#, "startedAt"),
        (#"{"startedAt":"2026-11-23T20:14:00+99:00","callerRole":"gp","reasons":["pain"],"triage":"routine","outcome":"resolved"}"#, "startedAt"),
        (
            #"{"startedAt":"2026-11-23T20:14:00Z","endedAt":"2026-11-23T24:00:00Z","callerRole":"gp","reasons":["pain"],"triage":"routine","outcome":"resolved"}"#,
            "endedAt"
        ),
        (
            #"{"startedAt":"2026-11-23T20:14:00Z","callerRole":"gp","reasons":["pain"],"triage":"routine","outcome":"needsFollowUp","followUp":{"text":"x","unitId":"UNIT","dueAt":"2026-02-30T09:00:00Z"}}"#,
            "followUp.dueAt"
        ),
    ])
    func badContactsAreRefusedWithTheFieldAndNothingIsStored(body: String, field: String) async throws {
        try await TestApp.run { app in
            let advisor = try await app.createUser("nattevagt", roles: [.advisor], unit: "PAL-247")
            let unit = try #require(try await UnitRepository.find(code: "PAL-247", on: app.persistence.snapshot))
            let response = try await postJSON(
                app, "/api/v1/contacts", body.replacingOccurrences(of: "UNIT", with: unit.id.uuidString),
                token: try await app.apiToken(for: advisor))
            #expect(response.status == .unprocessableContent)
            let errors = try #require(try response.json()["errors"] as? [[String: Any]])
            #expect(errors.contains { $0["field"] as? String == field }, "\(errors)")
            #expect(
                try await ContactRepository.list(from: LocalDate("2026-01-01")!, to: LocalDate("2026-12-31")!, on: app.persistence.snapshot).isEmpty)
            #expect(try await app.persistence.sql.raw("SELECT COUNT(*) AS n FROM contacts").first()?.decode(column: "n", as: Int.self) == 0)
        }
    }

    @Test func anIdempotencyKeyReusedWithAnotherBodyIsRefusedAndOnlyATrueReplayAnswersTheFirstContact() async throws {
        try await TestApp.run { app in
            // given: a contact created with a key
            let advisor = try await app.createUser("nattevagt", roles: [.advisor], unit: "PAL-247")
            let token = try await app.apiToken(for: advisor)
            let body =
                #"{"startedAt":"2026-11-23T20:14:00Z","endedAt":"2026-11-23T20:24:00Z","callerRole":"gp","reasons":["pain"],"triage":"routine","outcome":"resolved"}"#
            let first = try await postJSON(app, "/api/v1/contacts", body, token: token, headers: [.idempotencyKey: "call-7"])
            // when: the same key with another body, then with the first body again (its keys in another order)
            let changed = try await postJSON(
                app, "/api/v1/contacts", body.replacingOccurrences(of: #""gp""#, with: #""relative""#), token: token,
                headers: [.idempotencyKey: "call-7"])
            let replay = try await postJSON(
                app, "/api/v1/contacts",
                #"{"outcome":"resolved","triage":"routine","reasons":["pain"],"callerRole":"gp","endedAt":"2026-11-23T20:24:00Z","startedAt":"2026-11-23T20:14:00Z"}"#,
                token: token, headers: [.idempotencyKey: "call-7"])
            // then: 201, a problem naming the key, and 200 with the first contact; one contact stored, as first sent
            #expect(first.status == .created)
            #expect(changed.status == .unprocessableContent)
            #expect(changed.headers[.contentType] == "application/problem+json")
            let errors = try #require(try changed.json()["errors"] as? [[String: Any]])
            #expect(errors.map { $0["field"] as? String } == ["Idempotency-Key"])
            #expect(replay.status == .ok)
            #expect(try replay.json()["id"] as? String == first.json()["id"] as? String)
            let stored = try await ContactRepository.list(from: LocalDate("2026-11-23")!, to: LocalDate("2026-11-23")!, on: app.persistence.snapshot)
            #expect(stored.map(\.callerRole) == [.gp])
        }
    }

    @Test func anUnknownPatientIs404AndOnlyAdvisorsDocumentContacts() async throws {
        try await TestApp.run { app in
            let advisor = try await app.createUser("nattevagt", roles: [.advisor], unit: "PAL-247")
            let clinician = try await app.createUser("klin", roles: [.clinician])
            let body = Self.contactJSON.replacingOccurrences(of: "PATIENT", with: UUID().uuidString)
            #expect(try await postJSON(app, "/api/v1/contacts", body, token: try await app.apiToken(for: advisor)).status == .notFound)
            #expect(try await postJSON(app, "/api/v1/contacts", body, token: try await app.apiToken(for: clinician)).status == .forbidden)
            let stats = try await app.get(
                "/api/v1/advisory/statistics?from=2026-11-01&to=2026-11-30",
                headers: [.authorization: "Bearer \(try await app.apiToken(for: clinician))"])
            #expect(stats.status == .forbidden)
        }
    }

    @Test func theFormLooksUpThePatientKeepsWhatWasTypedAndSavesOnce() async throws {
        try await TestApp.run { app in
            // given
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL")
            try await app.createUser("nattevagt", roles: [.advisor], unit: "PAL-247")
            let session = try await app.login("nattevagt")
            let form = try await app.get("/advisory/contacts/new", session)
            let contactId = try #require(form.text.components(separatedBy: "name=\"contactId\" value=\"").dropFirst().first?.prefix(36)).description
            var fields = [
                "contactId": contactId, "startedAt": "2026-11-23T21:14", "endedAt": "2026-11-23T21:24", "callerRole": "relative",
                "callerName": "Hanne",
                "patientQuery": "0101401234", "intent": "find",
            ]
            // when: Enter in the search field
            let found = try await app.post("/advisory/contacts/new", session, form: fields)
            // then: the patient is offered, what was typed is kept, and the search is audited for this contact
            #expect(found.status == .ok)
            #expect(found.text.contains("value=\"\(patient.uuidString)\"") && found.text.contains("value=\"Hanne\""))
            // when: the patient is chosen
            fields["intent"] = nil
            fields["selectPatient"] = patient.uuidString
            let chosen = try await app.post("/advisory/contacts/new", session, form: fields)
            #expect(chosen.text.contains("id=\"chosen-patient\""))
            let audit = try await AuditLog.search(AuditFilter(patientId: patient), limit: 10, on: app.persistence.snapshot)
            #expect(audit.contains { $0.record.action == "patient.read" && $0.record.purpose?.contains("contact:\(contactId)") == true })
            // when: saved without a triage, then with one, twice
            fields["selectPatient"] = nil
            fields["patientId"] = patient.uuidString
            fields["intent"] = "save"
            var pairs = fields.map { ($0.key, $0.value) } + [("reasons[]", "dyspnoea"), ("outcome", "resolved"), ("csrf", session.csrf)]
            let refused = try await app.post("/advisory/contacts/new", pairs: pairs, cookie: session.cookie)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("form-error") && refused.text.contains("value=\"Hanne\""))
            pairs.append(("triage", "routine"))
            let saved = try await app.post("/advisory/contacts/new", pairs: pairs, cookie: session.cookie)
            let again = try await app.post("/advisory/contacts/new", pairs: pairs, cookie: session.cookie)
            // then
            #expect(saved.status == .seeOther && again.status == .seeOther)
            #expect(saved.headers[.location]?.hasPrefix("/advisory/contacts/\(contactId)") == true)
            let stored = try await ContactRepository.list(from: LocalDate("2026-11-23")!, to: LocalDate("2026-11-23")!, on: app.persistence.snapshot)
            #expect(stored.map(\.id.uuidString) == [contactId])
            let page = try await app.get("/advisory/contacts/\(contactId)", session)
            #expect(page.text.contains("Åndenød") && page.text.contains("id=\"propose-plan-change\""))
        }
    }

    @Test func anAdvisorProposesAPlanChangeFromAContact() async throws {
        try await TestApp.run { app in
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL")
            let declined = try await app.createPatientWithPlan(registeredBy: "RH-PAL", name: "Bent Nej", cpr: "0202451234", consent: "declined")
            let advisor = try await app.createUser("nattevagt", roles: [.advisor], unit: "PAL-247")
            let session = try await app.login("nattevagt")
            let draft = ContactDraft(
                startedAt: "2026-11-23T20:00:00Z", endedAt: "2026-11-23T20:10:00Z", callerRole: "gp", patientId: patient.uuidString,
                reasons: ["dying"],
                triage: "information", outcome: "resolved")
            let contactId = try await ContactRepository.create(
                try draft.validated(.init(now: Date(), knownUnitIds: [])),
                author: RecordAuthor(userId: advisor.id, name: advisor.name), on: app.persistence.outsideWriter
            ).id
            // without a contact the advisor may not change the plan
            #expect(try await app.get("/patients/\(patient)/plan/edit", session).status == .forbidden)
            let form = try await app.get("/patients/\(patient)/plan/edit?contact=\(contactId)", session)
            #expect(form.status == .ok && form.text.contains("name=\"contactId\""))
            let unit = try #require(try await UnitRepository.find(code: "RH-PAL", on: app.persistence.snapshot))
            let saved = try await app.post(
                "/patients/\(patient)/plan/edit", session,
                form: [
                    "contactId": contactId.uuidString, "baseVersion": "1", "careTeam[unitId][0]": unit.id.uuidString,
                    "careTeam[role][0]": "keyWorker",
                    "resuscitation": "doNotAttempt", "decidedBy": "Egen læge, telefonisk", "decisionDate": "2026-11-23",
                    "preferredPlaceOfCare": "home", "preferredPlaceOfDeath": "home", "prognosis": "days", "status": "active",
                ])
            #expect(saved.status == .seeOther, "\(saved.text.prefix(2000))")
            let versions = try await PlanRepository.versions(patientId: patient, on: app.persistence.snapshot)
            #expect(versions.first?.version == 2 && versions.first?.contactId == contactId)
            #expect(versions.first?.content.resuscitation == .doNotAttempt)
            // a contact about another patient does not open this patient's plan; one who declined sharing stays closed
            #expect(try await app.get("/patients/\(declined)/plan/edit?contact=\(contactId)", session).status == .notFound)
            var aboutDeclined = draft
            aboutDeclined.patientId = declined.uuidString
            let declinedContact = try await ContactRepository.create(
                try aboutDeclined.validated(.init(now: Date(), knownUnitIds: [])),
                author: RecordAuthor(userId: advisor.id, name: advisor.name),
                on: app.persistence.outsideWriter
            ).id
            #expect(try await app.get("/patients/\(declined)/plan/edit?contact=\(declinedContact)", session).status == .forbidden)
        }
    }

    @Test func theBoardIsToldWhenAColleagueSavesAContact() async throws {
        let events = AdvisoryEvents(heartbeat: .seconds(60))
        let stream = events.subscribe()
        #expect(events.subscriberCount == 1)
        events.publish("contact")
        var iterator = stream.makeAsyncIterator()
        #expect(await iterator.next() == "contact")
        let run = Task { try await events.run() }
        run.cancel()
        _ = try? await run.value
    }
}
