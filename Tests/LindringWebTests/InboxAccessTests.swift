import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import NIOCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// The unit inbox shows a patient and a plan's changes only to a unit that may read the patient
/// when the inbox is read, and audits every patient it shows (issue 17, item 1).
@Suite struct InboxAccessTests {
    func saveForm(_ app: TestApp, team: [(code: String, role: String)], base: Int, extra: [String: String] = [:]) async throws -> [String: String] {
        var form = [
            "status": "active", "prognosis": "unknown", "preferredPlaceOfCare": "notDiscussed", "preferredPlaceOfDeath": "notDiscussed",
            "baseVersion": String(base),
        ]
        for (index, member) in team.enumerated() {
            form["careTeam[role][\(index)]"] = member.role
            form["careTeam[unitId][\(index)]"] = try #require(try await UnitRepository.find(code: member.code, on: app.persistence.snapshot)).id
                .uuidString
        }
        return form.merging(extra) { _, new in new }
    }

    @Test func aUnitWhosePatientDeclinedSharingSeesNoNameAndNoChanges() async throws {
        try await TestApp.run { app in
            // given: a patient who declined sharing, with home care on the team
            let patient = try await app.createPatientWithPlan(
                registeredBy: "RH-PAL", careTeam: ["HJ-101"], name: "Vera Hemmelig", consent: "declined")
            try await app.createUser("pal", roles: [.clinician], unit: "RH-PAL")
            let nurse = try await app.createUser("hjem", roles: [.clinician], unit: "HJ-101")
            let pal = try await app.login("pal")
            let saved = try await app.post(
                "/patients/\(patient)/plan/edit", pal,
                form: try await saveForm(
                    app, team: [("RH-PAL", "keyWorker"), ("HJ-101", "homeCare")], base: 1, extra: ["whatMattersMost": "At komme hjem til haven"]))
            #expect(saved.status == .seeOther)
            // when
            let session = try await app.login("hjem")
            let page = try await app.get("/inbox", session)
            let token = try await app.apiToken(for: nurse)
            let api = try await app.client.execute(uri: "/api/v1/inbox", method: .get, headers: [.authorization: "Bearer \(token)"])
            // then
            #expect(page.status == .ok)
            #expect(!page.text.contains("Vera"))
            #expect(!page.text.contains("haven"))
            #expect(!page.text.contains("/patients/\(patient)"))
            #expect(page.text.contains("Palliativt Team, Rigshospitalet"), "the notice names the unit to ask")
            let item = try #require((try api.json()["items"] as? [[String: Any]])?.first)
            #expect(item["withheld"] as? Bool == true)
            #expect(item["patientId"] is NSNull)
            #expect(item["patientName"] is NSNull)
            #expect((item["changes"] as? [Any])?.isEmpty == true)
            #expect(!api.text.contains("Vera") && !api.text.contains("haven"))
            let audit = try await AuditLog.search(AuditFilter(patientId: patient, action: "inbox.read"), limit: 10, on: app.persistence.snapshot)
            #expect(audit.isEmpty, "nothing about the patient was shown")
        }
    }

    @Test func aUnitTakenOffTheTeamIsToldSoWithoutTheChanges() async throws {
        try await TestApp.run { app in
            // given: home care on the team of a patient who consented
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", careTeam: ["HJ-101"], name: "Karl Flyttet")
            try await app.createUser("pal", roles: [.clinician], unit: "RH-PAL")
            try await app.createUser("hjem", roles: [.clinician], unit: "HJ-101")
            let pal = try await app.login("pal")
            // when: the palliative team takes home care off the team and writes what matters most
            let saved = try await app.post(
                "/patients/\(patient)/plan/edit", pal,
                form: try await saveForm(
                    app, team: [("RH-PAL", "keyWorker")], base: 1, extra: ["whatMattersMost": "Hospice i Valby"]))
            let page = try await app.get("/inbox", try await app.login("hjem"))
            // then
            #expect(saved.status == .seeOther)
            #expect(page.text.contains("taget ud af behandlerteamet"))
            #expect(!page.text.contains("Karl"))
            #expect(!page.text.contains("Valby"))
            let hj = try #require(try await UnitRepository.find(code: "HJ-101", on: app.persistence.snapshot))
            let stored = try await InboxRepository.items(unitId: hj.id, userId: UUID(), on: app.persistence.snapshot)
            #expect(stored.first?.removedFromTeam == true)
            #expect(stored.first?.changes.isEmpty == true, "the removed unit's item does not even store the diff")
        }
    }

    @Test func everyPatientTheInboxShowsIsAudited() async throws {
        try await TestApp.run { app in
            // given
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", careTeam: ["HJ-101"])
            try await app.createUser("pal", roles: [.clinician], unit: "RH-PAL")
            let nurse = try await app.createUser("hjem", roles: [.clinician], unit: "HJ-101")
            let pal = try await app.login("pal")
            _ = try await app.post(
                "/patients/\(patient)/plan/edit", pal,
                form: try await saveForm(
                    app, team: [("RH-PAL", "keyWorker"), ("HJ-101", "homeCare")], base: 1, extra: ["whatMattersMost": "Ro og musik"]))
            // when
            let page = try await app.get("/inbox", try await app.login("hjem"))
            let token = try await app.apiToken(for: nurse)
            let api = try await app.client.execute(uri: "/api/v1/inbox", method: .get, headers: [.authorization: "Bearer \(token)"])
            // then
            #expect(page.text.contains("Åse Prøvesen"))
            #expect(page.text.contains("Ro og musik"))
            #expect(api.text.contains("Ro og musik"))
            let audit = try await AuditLog.search(AuditFilter(patientId: patient, action: "inbox.read"), limit: 10, on: app.persistence.snapshot)
            #expect(audit.count == 2)
            #expect(audit.allSatisfy { $0.record.username == "hjem" && $0.record.purpose == "careTeam: inbox" && $0.record.outcome == .allowed })
        }
    }

    @Test func aPageOfTheInboxAuditsOnlyThePatientsOnIt() async throws {
        try await TestApp.run { app in
            // given: two plan changes for home care, the older about the first patient
            let older = try await app.createPatientWithPlan(registeredBy: "RH-PAL", careTeam: ["HJ-101"], name: "Første Patient", cpr: "0101401234")
            let newer = try await app.createPatientWithPlan(registeredBy: "RH-PAL", careTeam: ["HJ-101"], name: "Anden Patient", cpr: "0202402345")
            try await app.createUser("pal", roles: [.clinician], unit: "RH-PAL")
            let nurse = try await app.createUser("hjem", roles: [.clinician], unit: "HJ-101")
            let pal = try await app.login("pal")
            for patient in [older, newer] {
                _ = try await app.post(
                    "/patients/\(patient)/plan/edit", pal,
                    form: try await saveForm(
                        app, team: [("RH-PAL", "keyWorker"), ("HJ-101", "homeCare")], base: 1, extra: ["whatMattersMost": "Ro"]))
            }
            // when: a page of one
            let token = try await app.apiToken(for: nurse)
            let api = try await app.client.execute(uri: "/api/v1/inbox?limit=1", method: .get, headers: [.authorization: "Bearer \(token)"])
            // then
            let body = try api.json()
            #expect((body["items"] as? [[String: Any]])?.first?["patientId"] as? String == newer.uuidString)
            #expect(body["next"] is String)
            #expect(
                try await AuditLog.search(AuditFilter(patientId: newer, action: "inbox.read"), limit: 10, on: app.persistence.snapshot).count == 1)
            #expect(
                try await AuditLog.search(AuditFilter(patientId: older, action: "inbox.read"), limit: 10, on: app.persistence.snapshot).isEmpty,
                "the item read only to know a next page exists is neither shown nor audited")
        }
    }
}
