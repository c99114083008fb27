import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// Issue 18, items 2 and 4: the day team reads the night's call it follows up, the patient's
/// page lists the advisory contacts, and a patient not asked about sharing is no dead end on the line.
@Suite struct AdvisoryDayTeamTests {
    /// A contact about `patient` documented by `advisor`, with a follow-up for `followUpUnit` when given.
    func contact(
        _ app: TestApp, patient: UUID, by advisor: User, at start: String = "2026-11-23T20:00:00Z", followUpUnit: String? = nil,
        situation: String = "Uro og smerter i nat", recommendation: String = "Giv morfin 5 mg s.c., ring igen om en time"
    ) async throws -> UUID {
        let db = app.persistence.outsideWriter
        let unit = try await followUpUnit.asyncMap { try #require(try await UnitRepository.find(code: $0, on: db)) }
        let end = ISO8601Instant.format(ISO8601Instant.parse(start)!.addingTimeInterval(600))
        let draft = ContactDraft(
            startedAt: .iso8601(start), endedAt: .iso8601(end), callerRole: "relative", patientId: patient.uuidString, reasons: ["pain"],
            situation: situation, recommendation: recommendation, triage: "routine",
            outcome: unit == nil ? "resolved" : "needsFollowUp",
            followUp: unit.map { .init(unitId: $0.id.uuidString, text: "Tilse i morgen") })
        let valid = try draft.validated(.init(now: Date(), knownUnitIds: Set(unit.map { [$0.id] } ?? [])))
        return try await app.persistence.write { tx in
            try await ContactRepository.create(valid, author: RecordAuthor(userId: advisor.id, name: advisor.name), on: tx).id
        }
    }

    func contactReads(_ app: TestApp, _ contact: UUID) async throws -> [AuditRecord] {
        try await AuditLog.search(AuditFilter(action: "contact.read"), limit: 50, on: app.persistence.snapshot).map(\.record)
            .filter { $0.entityId == contact.uuidString }
    }

    // MARK: item 2

    @Test func theUnitAFollowUpIsSentToReadsTheContactAudited() async throws {
        try await TestApp.run { app in
            // given: a patient not asked about sharing, registered by the hospital; last night's call left a follow-up for home care
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", consent: "notAsked")
            let advisor = try await app.createUser("nattevagt", roles: [.advisor], unit: "PAL-247")
            let contact = try await contact(app, patient: patient, by: advisor, followUpUnit: "HJ-101")
            let homeCare = try await app.createUser("hjem", roles: [.clinician], unit: "HJ-101")
            let nurse = try await app.login("hjem")
            // when: "Se kontakten" from the inbox, and the same through the API
            let page = try await app.get("/advisory/contacts/\(contact)", nurse)
            let api = try await app.get("/api/v1/contacts/\(contact)", headers: [.authorization: "Bearer \(try await app.apiToken(for: homeCare))"])
            // then
            #expect(page.status == .ok)
            #expect(page.text.contains("Giv morfin 5 mg s.c.") && page.text.contains("Uro og smerter i nat"))
            #expect(!page.text.contains("href=\"/advisory/contacts/new\""), "home care documents no contacts")
            #expect(api.status == .ok)
            #expect(try api.json()["recommendation"] as? String == "Giv morfin 5 mg s.c., ring igen om en time")
            let reads = try await contactReads(app, contact)
            #expect(reads.count == 2)
            #expect(reads.allSatisfy { $0.patientId == patient && $0.outcome == .allowed && $0.purpose == "followUpUnit" })
        }
    }

    @Test func careTeamUnitsReadThePatientsContactsUnlessThePatientDeclinedSharing() async throws {
        try await TestApp.run { app in
            // given: home care is on both patients' care teams; one patient declined sharing
            let shared = try await app.createPatientWithPlan(registeredBy: "RH-PAL", careTeam: ["HJ-101"])
            let declined = try await app.createPatientWithPlan(
                registeredBy: "RH-PAL", careTeam: ["HJ-101"], name: "Bent Nej", cpr: "0202451234",
                consent: "declined")
            let advisor = try await app.createUser("nattevagt", roles: [.advisor], unit: "PAL-247")
            let aboutShared = try await contact(app, patient: shared, by: advisor)
            let aboutDeclined = try await contact(app, patient: declined, by: advisor)
            try await app.createUser("hjem", roles: [.clinician], unit: "HJ-101")
            let nurse = try await app.login("hjem")
            // when
            let allowed = try await app.get("/advisory/contacts/\(aboutShared)", nurse)
            let refused = try await app.get("/advisory/contacts/\(aboutDeclined)", nurse)
            // then
            #expect(allowed.status == .ok && allowed.text.contains("Giv morfin 5 mg s.c."))
            #expect(try await contactReads(app, aboutShared).map(\.purpose) == ["careTeam"])
            #expect(refused.status == .forbidden && !refused.text.contains("Giv morfin"))
            let denied = try await contactReads(app, aboutDeclined)
            #expect(denied.count == 1 && denied.first?.outcome == .denied && denied.first?.patientId == declined)
        }
    }

    @Test func otherUnitsAndRolesWithoutClinicalAccessAreRefusedTheContact() async throws {
        try await TestApp.run { app in
            // given
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL")
            let advisor = try await app.createUser("nattevagt", roles: [.advisor], unit: "PAL-247")
            let contact = try await contact(app, patient: patient, by: advisor, followUpUnit: "HJ-101")
            try await app.createUser("onko", roles: [.clinician], unit: "RH-ONK")
            try await app.createUser("social", roles: [.socialWorker], unit: "HJ-101")
            // when
            let otherUnit = try await app.get("/advisory/contacts/\(contact)", try await app.login("onko"))
            let socialWorker = try await app.get("/advisory/contacts/\(contact)", try await app.login("social"))
            // then
            #expect(otherUnit.status == .forbidden && socialWorker.status == .forbidden)
            #expect(!otherUnit.text.contains("Giv morfin") && !socialWorker.text.contains("Giv morfin"))
            #expect(try await contactReads(app, contact).contains { $0.outcome == .denied && $0.patientId == patient })
        }
    }

    @Test func thePatientPageListsTheAdvisoryContactsNewestFirstWithTriageAndAdvice() async throws {
        try await TestApp.run { app in
            // given: two calls about the patient, and one about another patient
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", careTeam: ["HJ-101"])
            let other = try await app.createPatientWithPlan(registeredBy: "RH-PAL", name: "Anden Patient", cpr: "0202451234")
            let advisor = try await app.createUser("nattevagt", roles: [.advisor], unit: "PAL-247")
            let older = try await contact(app, patient: patient, by: advisor, at: "2026-11-22T21:00:00Z", recommendation: "Ældre råd om kvalme")
            let newer = try await contact(app, patient: patient, by: advisor, at: "2026-11-23T02:30:00Z", recommendation: "Nyere råd om smerter")
            let elsewhere = try await contact(app, patient: other, by: advisor, recommendation: "Råd til en anden patient")
            try await app.createUser("hjem", roles: [.clinician], unit: "HJ-101")
            let nurse = try await app.login("hjem")
            // when
            let page = try await app.get("/patients/\(patient)", nurse)
            // then
            let text = page.text
            let section = try #require(text.range(of: "id=\"advisory-contacts\"")).lowerBound
            let newerAt = try #require(text.range(of: "Nyere råd om smerter")).lowerBound
            let olderAt = try #require(text.range(of: "Ældre råd om kvalme")).lowerBound
            #expect(section < newerAt && newerAt < olderAt, "newest first")
            #expect(text.contains("href=\"/advisory/contacts/\(newer)\"") && text.contains("href=\"/advisory/contacts/\(older)\""))
            #expect(text.contains("triage-badge triage-routine") && text.contains("Kontakter til rådgivningslinjen"))
            #expect(!text.contains("Råd til en anden patient") && !text.contains("/advisory/contacts/\(elsewhere)"))
            // and the listed contacts open for the care team
            #expect(try await app.get("/advisory/contacts/\(newer)", nurse).status == .ok)
            // and the print leaves them out
            #expect(!(try await app.get("/patients/\(patient)/print", nurse).text.contains("Nyere råd om smerter")))
        }
    }

    @Test func aFollowUpShowsTheSBARItCameFrom() async throws {
        try await TestApp.run { app in
            // given
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", careTeam: ["HJ-101"])
            let advisor = try await app.createUser("nattevagt", roles: [.advisor], unit: "PAL-247")
            _ = try await contact(app, patient: patient, by: advisor, followUpUnit: "HJ-101")
            try await app.createUser("hjem", roles: [.clinician], unit: "HJ-101")
            let nurse = try await app.login("hjem")
            // when
            let list = try await app.get("/follow-ups", nurse)
            let inbox = try await app.get("/inbox", nurse)
            // then: the advice in short, the whole SBAR a click away
            for page in [list, inbox] {
                #expect(
                    page.text.contains(
                        "<details class=\"sbar-summary\"><summary><strong>SBAR</strong> · Giv morfin 5 mg s.c., ring igen om en time</summary>"))
                #expect(page.text.contains("Uro og smerter i nat") && page.text.contains("Tilse i morgen"))
            }
        }
    }

    // MARK: item 4

    static let notAskedCPR = "0303501234"

    func contactForm(_ app: TestApp, _ session: TestApp.Session, query: String = "") async throws -> (contactId: String, page: TestResponse) {
        let form = try await app.get("/advisory/contacts/new" + query, session)
        let contactId = try #require(form.text.components(separatedBy: "name=\"contactId\" value=\"").dropFirst().first?.prefix(36)).description
        return (contactId, form)
    }

    @Test func theContactFormOffersBreakingTheGlassOnAnExactCPRAndComesBackToTheContactToLinkThePatient() async throws {
        try await TestApp.run { app in
            // given: a patient not asked about sharing, and a night nurse documenting a call
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", name: "Ikke Spurgt", cpr: Self.notAskedCPR, consent: "notAsked")
            try await app.createUser("nattevagt", roles: [.advisor], unit: "PAL-247")
            let session = try await app.login("nattevagt")
            let (contactId, _) = try await contactForm(app, session)
            var fields = [
                "contactId": contactId, "startedAt": "2026-11-23T21:14", "endedAt": "2026-11-23T21:24", "callerRole": "relative",
                "patientQuery": Self.notAskedCPR, "intent": "find",
            ]
            // when: the exact CPR number is looked up
            let found = try await app.post("/advisory/contacts/new", session, form: fields)
            // then: the patient is not shown, but breaking the glass is offered, leading back to this contact
            #expect(found.status == .ok && !found.text.contains("Ikke Spurgt"))
            let back = "/advisory/contacts/new?contact=\(contactId)&patient=\(patient)"
            let link = "/patients/\(patient)/break-glass?returnTo=" + TestApp.encode(back).replacingOccurrences(of: "%2F", with: "/")
            #expect(
                found.text.contains("id=\"break-glass-offer\"")
                    && found.text.contains("href=\"\(link.replacingOccurrences(of: "&", with: "&amp;"))\""))
            let search = try #require(try await AuditLog.search(AuditFilter(action: "patient.search"), limit: 5, on: app.persistence.snapshot).first)
            #expect(search.record.patientId == patient && search.record.outcome == .denied)
            // and a name finds nothing to break the glass for
            fields["patientQuery"] = "Spurgt"
            #expect(!(try await app.post("/advisory/contacts/new", session, form: fields).text.contains("break-glass-offer")))
            // and linking the patient without breaking the glass is refused
            let save = [
                "contactId": contactId, "startedAt": "2026-11-23T21:14", "endedAt": "2026-11-23T21:24", "callerRole": "relative",
                "patientId": patient.uuidString, "reasons[]": "pain", "triage": "routine", "outcome": "resolved", "intent": "save",
            ]
            #expect(try await app.post("/advisory/contacts/new", session, form: save).status == .forbidden)
            // and a patient linked without access offers it too
            #expect(try await app.get(back, session).text.contains("href=\"\(link.replacingOccurrences(of: "&", with: "&amp;"))\""))
            // when: the glass is broken through the offered link
            let breakForm = try await app.get(link, session)
            #expect(breakForm.text.contains("name=\"returnTo\" value=\"\(back.replacingOccurrences(of: "&", with: "&amp;"))\""))
            let broke = try await app.post(
                "/patients/\(patient)/break-glass", session,
                form: ["reason": "Pårørende ringer om akutte smerter i nat", "returnTo": back])
            // then: back at the same contact with the patient chosen, and the call can be linked
            #expect(broke.status == .seeOther && broke.headers[.location] == back)
            let reopened = try await app.get(back, session)
            #expect(reopened.text.contains("name=\"contactId\" value=\"\(contactId)\"") && reopened.text.contains("id=\"chosen-patient\""))
            #expect(reopened.text.contains("Ikke Spurgt"))
            let saved = try await app.post("/advisory/contacts/new", session, form: save)
            #expect(saved.status == .seeOther, "\(saved.text.prefix(500))")
            let id = try #require(UUID(uuidString: contactId))
            let stored = try #require(try await ContactRepository.find(id: id, on: app.persistence.snapshot))
            #expect(stored.patientId == patient)
        }
    }

    @Test func aPatientTheUserHoldsAGrantForIsOfferedToLinkFromTheSearch() async throws {
        try await TestApp.run { app in
            // given: the nurse broke the glass for the patient earlier in this session
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", name: "Ikke Spurgt", cpr: Self.notAskedCPR, consent: "notAsked")
            try await app.createUser("nattevagt", roles: [.advisor], unit: "PAL-247")
            let session = try await app.login("nattevagt")
            _ = try await app.post("/patients/\(patient)/break-glass", session, form: ["reason": "Pårørende ringer om akutte smerter i nat"])
            let (contactId, _) = try await contactForm(app, session)
            // when
            let found = try await app.post(
                "/advisory/contacts/new", session,
                form: [
                    "contactId": contactId, "startedAt": "2026-11-23T21:14",
                    "patientQuery": Self.notAskedCPR, "intent": "find",
                ])
            // then: the patient may be linked, no second break of the glass asked for
            #expect(found.text.contains("name=\"selectPatient\" value=\"\(patient)\""))
            #expect(!found.text.contains("id=\"break-glass\""))
        }
    }

    @Test(arguments: ["https://evil.example/", "//evil.example/", "/\\evil.example", "/login?next=/x", "javascript:alert(1)"])
    func breakingTheGlassReturnsOnlyToAPathOnThisSite(returnTo: String) async throws {
        try await TestApp.run { app in
            // given
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", consent: "notAsked")
            try await app.createUser("nattevagt", roles: [.advisor], unit: "PAL-247")
            let session = try await app.login("nattevagt")
            // when
            let form = try await app.get("/patients/\(patient)/break-glass?returnTo=\(TestApp.encode(returnTo))", session)
            let broke = try await app.post(
                "/patients/\(patient)/break-glass", session, form: ["reason": "Akut opkald om natten", "returnTo": returnTo])
            // then
            #expect(form.text.contains("name=\"returnTo\" value=\"/patients/\(patient)\""))
            #expect(broke.status == .seeOther && broke.headers[.location] == "/patients/\(patient)")
        }
    }
}
