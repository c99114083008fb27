import Foundation
import LindringCore
import LindringTestSupport
import Testing

@testable import LindringStore
@testable import LindringWeb

@Suite struct BreakGlassReviewTests {
    /// Bodil (another unit's clinician) breaks the glass for the patient and opens the record.
    static func brokenGlass(_ app: TestApp) async throws -> UUID {
        let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL")
        try await app.createUser("bodil", roles: [.clinician], unit: "BOH-PAL")
        let bodil = try await app.login("bodil")
        _ = try await app.post("/patients/\(patient)/break-glass", bodil, form: ["reason": "Akut tilkaldt i weekenden, patienten er dårlig"])
        _ = try await app.get("/patients/\(patient)", bodil)
        return patient
    }

    static func grantId(_ html: String) throws -> String {
        let match = try #require(html.firstMatch(of: #/action="/audit/break-glass/([0-9a-fA-F-]{36})/review"/#))
        return String(match.output.1)
    }

    @Test func theAuditorSeesWhoBrokeTheGlassHowLongItWasUsedAndRecordsAReview() async throws {
        try await TestApp.run { app in
            // given
            let patient = try await Self.brokenGlass(app)
            try await app.createUser("rita", roles: [.auditor], unit: nil)
            let auditor = try await app.login("rita")
            let before = try await AuditLog.search(AuditFilter(), limit: 1000, on: app.persistence.snapshot)
            // when
            let list = try await app.get("/audit/break-glass", auditor)
            let grant = try Self.grantId(list.text)
            let noNote = try await app.post("/audit/break-glass/\(grant)/review", auditor, form: ["status": "needsFollowUp", "note": ""])
            let saved = try await app.post(
                "/audit/break-glass/\(grant)/review", auditor,
                form: ["status": "needsFollowUp", "note": "Spørg afdelingen om tilkaldet", "filters": "status=unreviewed&evil=1"])
            let followUps = try await app.get("/audit/break-glass?status=needsFollowUp", auditor)
            let unreviewed = try await app.get("/audit/break-glass?status=unreviewed", auditor)
            let accessLog = try await app.get("/patients/\(patient)/access-log", auditor)
            // then
            #expect(list.text.contains("Test bodil"), "the user's full name")
            #expect(list.text.contains("Palliativt"), "the user's unit")
            #expect(list.text.contains("Ikke gennemgået"))
            #expect(list.text.contains("I brug i"), "how long the access was used")
            #expect(list.text.contains("Sessionen kan stadig bruge adgangen"))
            #expect(noNote.status == .unprocessableContent, "a follow-up needs a note")
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/audit/break-glass?status=unreviewed#grant-\(grant.lowercased())")
            #expect(followUps.text.contains("Spørg afdelingen om tilkaldet"))
            #expect(followUps.text.contains("Skal følges op"))
            #expect(followUps.text.contains("af Test rita"))
            #expect(!unreviewed.text.contains("Akut tilkaldt i weekenden"))
            #expect(accessLog.text.contains("Brød glasset (nødadgang)"), "the patient's access log speaks plainly too")
            #expect(!accessLog.text.contains("<code>patient.read</code>"))
            let reviews = try await AuditLog.search(
                AuditFilter(patientId: patient, action: "breakGlass.review"), limit: 5, on: app.persistence.snapshot)
            #expect(reviews.count == 1)
            #expect(reviews.first?.record.purpose == "needsFollowUp", "the note, free text, stays out of the log")
            // the entries there were are unchanged: the log was appended to, never updated
            let after = try await AuditLog.search(AuditFilter(), limit: 1000, on: app.persistence.snapshot)
            let unchanged = Dictionary(uniqueKeysWithValues: after.map { ($0.sequence, $0.record) })
            #expect(before.allSatisfy { unchanged[$0.sequence] == $0.record })
            let verified = try await AuditLog.verify(on: app.persistence.snapshot, key: TestDatabase.auditKey)
            #expect(verified.problem == nil)
        }
    }

    @Test func onlyAuditorsMayReviewABreakTheGlassAccess() async throws {
        try await TestApp.run { app in
            // given
            _ = try await Self.brokenGlass(app)
            try await app.createUser("anne", roles: [.administrator], unit: nil)
            try await app.createUser("rita", roles: [.auditor], unit: nil)
            let grant = try Self.grantId(try await app.get("/audit/break-glass", try await app.login("rita")).text)
            let admin = try await app.login("anne")
            // when
            let list = try await app.get("/audit/break-glass", admin)
            let refused = try await app.post("/audit/break-glass/\(grant)/review", admin, form: ["status": "reviewed"])
            // then
            #expect(list.status == .ok)
            #expect(!list.text.contains("/review\""), "no review form for an administrator")
            #expect(refused.status == .forbidden)
        }
    }

    @Test func theBreakTheGlassListIsFilteredByPeriodAndUser() async throws {
        try await TestApp.run { app in
            // given
            _ = try await Self.brokenGlass(app)
            try await app.createUser("rita", roles: [.auditor], unit: nil)
            let auditor = try await app.login("rita")
            // when
            let otherUser = try await app.get("/audit/break-glass?username=karen", auditor)
            let sameUser = try await app.get("/audit/break-glass?username=bodil", auditor)
            let longAgo = try await app.get("/audit/break-glass?from=2001-01-01&to=2001-12-31", auditor)
            let badDate = try await app.get("/audit/break-glass?from=igår", auditor)
            // then
            #expect(!otherUser.text.contains("Akut tilkaldt"))
            #expect(sameUser.text.contains("Akut tilkaldt"))
            #expect(!longAgo.text.contains("Akut tilkaldt"))
            #expect(badDate.status == .unprocessableContent)
        }
    }
}
