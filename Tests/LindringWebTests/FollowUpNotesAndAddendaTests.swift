import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Logging
import NIOCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// Issue 18, item 11: the handover opens on the shift that just ended; "Udført" and "Annullér"
/// take a short note, kept with who and when; a saved contact gets addenda, dated and signed.
@Suite struct FollowUpNotesAndAddendaTests {
    let day = AdvisoryDayTeamTests()

    /// A contact with a follow-up for home care (HJ-101), by an advisor of the advisory line.
    func contactWithFollowUp(_ app: TestApp) async throws -> (contact: UUID, followUp: UUID, advisor: User) {
        let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL")
        let advisor = try await app.createUser("nattevagt", roles: [.advisor], unit: "PAL-247")
        let contact = try await day.contact(app, patient: patient, by: advisor, followUpUnit: "HJ-101")
        let followUp = try #require(try await FollowUpRepository.list(.init(contactId: contact), on: app.persistence.snapshot).first)
        return (contact, followUp.id, advisor)
    }

    /// A second patient's contact with a follow-up for home care.
    func anotherFollowUp(_ app: TestApp, by advisor: User) async throws -> (contact: UUID, followUp: FollowUp) {
        let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", name: "Bent Andersen", cpr: "0202451234")
        let contact = try await day.contact(app, patient: patient, by: advisor, followUpUnit: "HJ-101")
        return (contact, try #require(try await FollowUpRepository.list(.init(contactId: contact), on: app.persistence.snapshot).first))
    }

    func postJSON(_ app: TestApp, _ uri: String, _ body: String?, token: String) async throws -> TestResponse {
        var fields: HTTPFields = [.authorization: "Bearer \(token)"]
        if body != nil { fields[.contentType] = "application/json" }
        return try await app.client.execute(uri: uri, method: .post, headers: fields, body: body.map { ByteBuffer(string: $0) })
    }

    func audit(_ app: TestApp, _ action: String) async throws -> [AuditRecord] {
        try await AuditLog.search(AuditFilter(action: action), limit: 50, on: app.persistence.snapshot).map(\.record)
    }

    // MARK: notes on closing a follow-up

    @Test func aCancellationWithoutANoteComesBackWithTheErrorAndLeavesTheFollowUpOpen() async throws {
        try await TestApp.run { app in
            // given
            let (contact, followUp, _) = try await contactWithFollowUp(app)
            try await app.createUser("hjem", roles: [.clinician], unit: "HJ-101")
            let nurse = try await app.login("hjem")
            // when: "Annullér" with the note left empty (a browser without script)
            let refused = try await app.post("/follow-ups/\(followUp)/cancel", nurse, form: ["note": "  ", "returnTo": "/inbox"])
            // then: 422, the form again naming the note, and nothing changed
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Notat: skal udfyldes") && refused.text.contains("id=\"note-\(followUp.uuidString.lowercased())\""))
            #expect(refused.text.contains("name=\"returnTo\" value=\"/inbox\""))
            #expect(try await FollowUpRepository.find(id: followUp, on: app.persistence.snapshot)?.status == .open)
            #expect(try await audit(app, "followup.cancelled").isEmpty)
            // when: with a reason
            let cancelled = try await app.post(
                "/follow-ups/\(followUp)/cancel", nurse, form: ["note": " Indlagt på hospice i går ", "returnTo": "/inbox"])
            // then: stored with who and when, and shown with the contact's follow-up
            #expect(cancelled.status == .seeOther && cancelled.headers[.location] == "/inbox?notice=saved")
            let stored = try #require(try await FollowUpRepository.find(id: followUp, on: app.persistence.snapshot))
            #expect(stored.status == .cancelled && stored.closedNote == "Indlagt på hospice i går" && stored.closedByName == "Test hjem")
            #expect(stored.closedAt != nil)
            let page = try await app.get("/advisory/contacts/\(contact)", nurse)
            #expect(page.text.contains(HTMLEscaping.escape("Indlagt på hospice i går")) && page.text.contains("Annulleret – Test hjem"))
            // and the audit entry carries no note
            let entries = try await audit(app, "followup.cancelled")
            #expect(entries.count == 1 && entries.allSatisfy { !($0.purpose ?? "").contains("hospice") })
        }
    }

    @Test func doneTakesANoteOrNone() async throws {
        try await TestApp.run { app in
            // given two follow-ups
            let first = try await contactWithFollowUp(app)
            let (_, secondFollowUp) = try await anotherFollowUp(app, by: first.advisor)
            try await app.createUser("hjem", roles: [.clinician], unit: "HJ-101")
            let nurse = try await app.login("hjem")
            // when
            let plain = try await app.post("/follow-ups/\(first.followUp)/done", nurse, form: ["note": "", "returnTo": "/follow-ups"])
            let noted = try await app.post(
                "/follow-ups/\(secondFollowUp.id)/done", nurse, form: ["note": "Tilset.\nSmerterne er lettet.", "returnTo": "/follow-ups"])
            // then
            #expect(plain.status == .seeOther && noted.status == .seeOther)
            #expect(try await FollowUpRepository.find(id: first.followUp, on: app.persistence.snapshot)?.closedNote == nil)
            #expect(
                try await FollowUpRepository.find(id: secondFollowUp.id, on: app.persistence.snapshot)?.closedNote == "Tilset.\nSmerterne er lettet.")
            let done = try await app.get("/follow-ups?status=done", nurse)
            #expect(done.text.contains("class=\"closing-note prewrap\">Tilset.\nSmerterne er lettet.</p>"))
        }
    }

    @Test func anOpenFollowUpOffersTheNoteBesideItsButtons() async throws {
        try await TestApp.run { app in
            // given
            let (contact, followUp, _) = try await contactWithFollowUp(app)
            try await app.createUser("hjem", roles: [.clinician], unit: "HJ-101")
            // when
            let page = try await app.get("/advisory/contacts/\(contact)", try await app.login("hjem"))
            // then: one form, the note labelled, "Annullér" sending to cancel
            let id = followUp.uuidString.lowercased()
            #expect(page.text.contains("<label for=\"note-\(id)\">Notat</label>"))
            #expect(page.text.contains("maxlength=\"500\""))
            #expect(page.text.contains("formaction=\"/follow-ups/\(followUp)/cancel\""))
            #expect(page.text.contains("data-requires-note=\"Skriv kort, hvorfor opfølgningen annulleres.\""))
        }
    }

    @Test func theAPIClosesWithANoteAndACancellationNeedsOne() async throws {
        try await TestApp.run { app in
            // given
            let first = try await contactWithFollowUp(app)
            let (second, secondFollowUp) = try await anotherFollowUp(app, by: first.advisor)
            let token = try await app.apiToken(for: try await app.createUser("hjem", roles: [.clinician], unit: "HJ-101"))
            // when
            let noBody = try await postJSON(app, "/api/v1/follow-ups/\(first.followUp)/done", nil, token: token)
            let withoutReason = try await postJSON(app, "/api/v1/follow-ups/\(secondFollowUp.id)/cancel", "{}", token: token)
            let tooLong = try await postJSON(
                app, "/api/v1/follow-ups/\(secondFollowUp.id)/cancel",
                #"{"note":"\#(String(repeating: "x", count: 501))"}"#, token: token)
            let cancelled = try await postJSON(app, "/api/v1/follow-ups/\(secondFollowUp.id)/cancel", #"{"note":"Døde i nat"}"#, token: token)
            // then
            #expect(noBody.status == .ok)
            #expect(try noBody.json()["closedNote"] is NSNull)
            #expect(withoutReason.status == .unprocessableContent)
            let errors = try #require(try withoutReason.json()["errors"] as? [[String: Any]])
            #expect(errors.first?["field"] as? String == "note" && errors.first?["code"] as? String == "required")
            #expect(tooLong.status == .unprocessableContent)
            #expect(cancelled.status == .ok)
            let json = try cancelled.json()
            #expect(json["status"] as? String == "cancelled" && json["closedNote"] as? String == "Døde i nat")
            // and the contact carries it
            let advisorToken = try await app.apiToken(for: first.advisor)
            let contact = try await app.get("/api/v1/contacts/\(second)", headers: [.authorization: "Bearer \(advisorToken)"]).json()
            #expect((contact["followUps"] as? [[String: Any]])?.first?["closedNote"] as? String == "Døde i nat")
        }
    }

    @Test func notesAndAddendaAreNeverLogged() async throws {
        let logs = CapturedLogs()
        var logger = Logger(label: "lindring") { _ in logs.handler() }
        logger.logLevel = .debug
        try await TestApp.run({ $0.logLevel = .debug }, logger: logger) { app in
            // given
            let (contact, followUp, _) = try await contactWithFollowUp(app)
            let advisor = try await app.login("nattevagt")
            // when
            _ = try await app.post("/follow-ups/\(followUp)/cancel", advisor, form: ["note": "Hemmelig-note-7731", "returnTo": "/advisory"])
            _ = try await app.post("/advisory/contacts/\(contact)/addenda", advisor, form: ["text": "Hemmelig-tilføjelse-4411"])
            // then
            #expect(try await FollowUpRepository.find(id: followUp, on: app.persistence.snapshot)?.closedNote == "Hemmelig-note-7731")
            #expect(!logs.text.contains("Hemmelig-note-7731") && !logs.text.contains("Hemmelig-tilføjelse-4411"))
            let everything = try await AuditLog.search(AuditFilter(), limit: 500, on: app.persistence.snapshot).map(\.record)
            #expect(everything.allSatisfy { !($0.purpose ?? "").contains("Hemmelig") })
        }
    }

    // MARK: the handover

    @Test func theHandoverOpensOnTheShiftThatJustEndedAndListsWhatItClosedWithNotes() async throws {
        try await TestApp.run { app in
            // given a follow-up closed now, with a note
            let (_, followUp, _) = try await contactWithFollowUp(app)
            let advisor = try await app.login("nattevagt")
            _ = try await app.post("/follow-ups/\(followUp)/done", advisor, form: ["note": "Talt med datteren", "returnTo": "/advisory"])
            let now = Date()
            let t = Localizer(.danish)
            let pattern = ShiftPattern.standard
            // when
            let opened = try await app.get("/advisory/handover", advisor)
            let running = pattern.occurrence(at: now)
            let current = try await app.get("/advisory/handover?date=\(running.date)&shift=\(running.code)", advisor)
            // then: the default is the shift that just ended, the next one is the running shift
            let ended = pattern.handoverDefault(at: now)
            #expect(opened.status == .ok)
            #expect(opened.text.contains(HTMLEscaping.escape("Vagtoverlevering: " + RotaViews.label(t, ended))), "\(ended)")
            #expect(
                opened.text.contains("?date=\(running.date)&amp;shift=\(running.code)\">Igangværende vagt →")
                    || opened.text.contains("?date=\(running.date)&shift=\(running.code)\">Igangværende vagt →"))
            #expect(opened.text.contains("Overleveringen viser den vagt, der netop er slut."))
            // and the running shift lists the follow-up it closed, with its note
            #expect(current.text.contains("Opfølgninger afsluttet i vagten (1)") && current.text.contains("Talt med datteren"))
            #expect(!current.text.contains("Overleveringen viser den vagt, der netop er slut."))
            #expect(opened.text.contains("Opfølgninger afsluttet i vagten (0)"))
        }
    }

    // MARK: addenda

    @Test func anAdvisorAddsAnAddendumKeptDatedAndSignedInThePageAndTheAPI() async throws {
        try await TestApp.run { app in
            // given
            let (contact, _, advisorUser) = try await contactWithFollowUp(app)
            let advisor = try await app.login("nattevagt")
            let unit = try #require(try await UnitRepository.find(code: "PAL-247", on: app.persistence.snapshot))
            // when: two addenda, one through the form and one through the API
            let added = try await app.post(
                "/advisory/contacts/\(contact)/addenda", advisor, form: ["text": "Datter ringede tilbage kl. 03:\nsmerterne er lettet."])
            let token = try await app.apiToken(for: advisorUser)
            let api = try await postJSON(app, "/api/v1/contacts/\(contact)/addenda", #"{"text":"Egen læge orienteret."}"#, token: token)
            // then
            #expect(added.status == .seeOther && added.headers[.location] == "/advisory/contacts/\(contact)?notice=saved#addenda")
            #expect(api.status == .created)
            let created = try api.json()
            #expect(created["text"] as? String == "Egen læge orienteret.")
            #expect((created["author"] as? [String: Any])?["name"] as? String == "Test nattevagt")
            #expect((created["author"] as? [String: Any])?["unit"] as? String == unit.name)
            // the page shows both, oldest first, each signed with name and unit
            let page = try await app.get("/advisory/contacts/\(contact)", advisor).text
            let first = try #require(page.range(of: "smerterne er lettet."))
            let second = try #require(page.range(of: HTMLEscaping.escape("Egen læge orienteret.")))
            #expect(first.lowerBound < second.lowerBound)
            #expect(page.contains("Tilføjelser (2)"))
            #expect(page.contains(HTMLEscaping.escape("af Test nattevagt, \(unit.name)")))
            // the API's contact carries them
            let json = try await app.get("/api/v1/contacts/\(contact)", headers: [.authorization: "Bearer \(token)"]).json()
            let addenda = try #require(json["addenda"] as? [[String: Any]])
            #expect(addenda.map { $0["text"] as? String } == ["Datter ringede tilbage kl. 03:\nsmerterne er lettet.", "Egen læge orienteret."])
            #expect(addenda.allSatisfy { $0["createdAt"] is String && ($0["author"] as? [String: Any])?["unit"] as? String == unit.name })
            // and each is audited as its own action, allowed, without its text
            let entries = try await audit(app, "contact.addendum")
            #expect(
                entries.count == 2
                    && entries.allSatisfy { $0.outcome == .allowed && $0.entityId == contact.uuidString && $0.purpose == "advisoryLine" })
        }
    }

    @Test func anEmptyAddendumComesBackWithTheTextAndStoresNothing() async throws {
        try await TestApp.run { app in
            let (contact, _, _) = try await contactWithFollowUp(app)
            let advisor = try await app.login("nattevagt")
            let long = String(repeating: "a", count: ContactAddendumText.maxLength + 1)
            // when
            let empty = try await app.post("/advisory/contacts/\(contact)/addenda", advisor, form: ["text": "   "])
            let tooLong = try await app.post("/advisory/contacts/\(contact)/addenda", advisor, form: ["text": long])
            // then
            #expect(empty.status == .unprocessableContent && empty.text.contains("Tilføj til kontakten: skal udfyldes"))
            #expect(tooLong.status == .unprocessableContent && tooLong.text.contains(long))
            #expect(try await ContactRepository.find(id: contact, on: app.persistence.snapshot)?.addenda.isEmpty == true)
            #expect(try await audit(app, "contact.addendum").isEmpty)
        }
    }

    @Test func whoMayNotWriteOrReadTheContactIsRefusedAnAddendumAuditedAsAReadIs() async throws {
        try await TestApp.run { app in
            // given: home care reads the contact (its follow-up) but documents no contacts; another unit may not read it
            let (contact, _, _) = try await contactWithFollowUp(app)
            let homeCare = try await app.createUser("hjem", roles: [.clinician], unit: "HJ-101")
            try await app.createUser("onko", roles: [.clinician], unit: "RH-ONK")
            try await app.createUser("social", roles: [.socialWorker], unit: "HJ-101")
            let nurse = try await app.login("hjem")
            // when
            let reader = try await app.post("/advisory/contacts/\(contact)/addenda", nurse, form: ["text": "Tilset"])
            let stranger = try await app.post("/advisory/contacts/\(contact)/addenda", try await app.login("onko"), form: ["text": "Tilset"])
            let social = try await app.post("/advisory/contacts/\(contact)/addenda", try await app.login("social"), form: ["text": "Tilset"])
            let api = try await postJSON(
                app, "/api/v1/contacts/\(contact)/addenda", #"{"text":"Tilset"}"#, token: try await app.apiToken(for: homeCare))
            let unknown = try await postJSON(
                app, "/api/v1/contacts/\(UUID())/addenda", #"{"text":"Tilset"}"#,
                token: try await app.apiToken(for: homeCare))
            // then
            #expect(reader.status == .forbidden && stranger.status == .forbidden && social.status == .forbidden && api.status == .forbidden)
            #expect(unknown.status == .notFound)
            #expect(try await ContactRepository.find(id: contact, on: app.persistence.snapshot)?.addenda.isEmpty == true)
            let denied = try await audit(app, "contact.addendum")
            #expect(denied.count == 3 && denied.allSatisfy { $0.outcome == .denied && $0.entityId == contact.uuidString && $0.patientId != nil })
            #expect(Set(denied.compactMap(\.username)) == ["hjem", "onko"])
            // and the page offers home care no form
            #expect(!(try await app.get("/advisory/contacts/\(contact)", nurse).text.contains("action=\"/advisory/contacts/\(contact)/addenda\"")))
        }
    }
}
