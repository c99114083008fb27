import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import NIOCore
import SQLKit
import Testing

@testable import LindringStore
@testable import LindringWeb

/// Issue 18, item 9: the inbox is grouped by patient, critical changes are marked, changes read in
/// words, and clinicians have "Mine patienter" with what needs attention first.
@Suite struct InboxWorklistTests {
    func planForm(_ app: TestApp, base: Int, homeCareNightPhone: String, extra: [String: String] = [:]) async throws -> [String: String] {
        let db = app.persistence.outsideWriter
        let pal = try #require(try await UnitRepository.find(code: "RH-PAL", on: db)),
            home = try #require(try await UnitRepository.find(code: "HJ-101", on: db))
        return [
            "status": "active", "prognosis": "unknown", "preferredPlaceOfCare": "notDiscussed", "preferredPlaceOfDeath": "notDiscussed",
            "baseVersion": String(base), "careTeam[role][0]": "keyWorker", "careTeam[unitId][0]": pal.id.uuidString,
            "careTeam[role][1]": "homeCare", "careTeam[unitId][1]": home.id.uuidString, "careTeam[outOfHoursPhone][0]": "",
            "careTeam[outOfHoursPhone][1]": homeCareNightPhone,
            "medications[drug][0]": "Morfin", "medications[strength][0]": "10 mg/ml", "medications[dose][0]": "2,5 mg",
            "medications[route][0]": "sc", "medications[indication][0]": "pain",
        ]
        .merging(extra) { _, new in new }
    }

    /// The text of each patient's group on the inbox page, by the patient's id.
    func groups(_ html: String) -> [String] {
        html.components(separatedBy: "<li class=\"inbox-patient").dropFirst().map { String($0) }
    }

    @Test func theInboxShowsOnePatientOnceWithCriticalChangesMarkedAndNumbersInWords() async throws {
        try await TestApp.run { app in
            // given: two versions of one patient's plan (a new night phone; then DNR and a higher dose), one of another's
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", careTeam: ["HJ-101"], name: "Karen Kritisk")
            let other = try await app.createPatientWithPlan(registeredBy: "RH-PAL", careTeam: ["HJ-101"], name: "Ole Rolig", cpr: "0202402345")
            try await app.createUser("pal", roles: [.clinician], unit: "RH-PAL")
            try await app.createUser("hjem", roles: [.clinician], unit: "HJ-101")
            let pal = try await app.login("pal")
            #expect(
                try await app.post("/patients/\(patient)/plan/edit", pal, form: try await planForm(app, base: 1, homeCareNightPhone: "33 66 99 99"))
                    .status == .seeOther)
            #expect(
                try await app.post(
                    "/patients/\(patient)/plan/edit", pal,
                    form: try await planForm(
                        app, base: 2, homeCareNightPhone: "33 66 00 01",
                        extra: ["resuscitation": "doNotAttempt", "decidedBy": "Overlæge Ida Holm", "medications[dose][0]": "5 mg"])
                ).status == .seeOther)
            var wish = try await planForm(app, base: 1, homeCareNightPhone: "33 66 99 99", extra: ["whatMattersMost": "Haven"])
            wish = wish.filter { !$0.key.hasPrefix("medications") }
            #expect(try await app.post("/patients/\(other)/plan/edit", pal, form: wish).status == .seeOther)
            let nurse = try await app.login("hjem")
            // when
            let page = try await app.get("/inbox", nurse)
            // then: one group per patient, the newest first
            #expect(page.status == .ok)
            let groups = groups(page.text)
            #expect(groups.count == 2)
            #expect(groups[0].contains("Ole Rolig") && groups[1].contains("Karen Kritisk"))
            let karen = groups[1]
            #expect(karen.contains("3 ulæste"), "the first version and two changes")
            #expect(karen.contains("Kritisk: genoplivning, anticiperende medicin"))
            #expect(karen.contains("Hjemmesygepleje: Hjemmeplejen, København Kommune, telefon, vagt: 33 66 99 99 → 33 66 00 01"))
            #expect(karen.contains("telefon, vagt: 33 66 99 99 → 33 66 00 01"))
            #expect(karen.contains("Anticiperende medicin, Morfin (Smerter), dosis: 2,5 mg → 5 mg"))
            #expect(karen.contains("<li class=\"critical\"><span class=\"critical-tag\">Kritisk</span>Genoplivning: – → Ingen genoplivning (DNR)"))
            #expect(karen.contains("s.c.") && !karen.contains(" sc,"), "routes in words")
            #expect(!groups[0].contains("Kritisk:"), "a changed wish is not critical, nor is a new plan's key worker")

            // when: the nurse marks Karen's changes read
            let marked = try await app.post("/inbox/patients/\(patient)/read", nurse, form: [:])
            let after = try await app.get("/inbox", nurse)
            // then: only Karen's are read
            #expect(marked.status == .seeOther)
            let regrouped = self.groups(after.text)
            #expect(regrouped[0].contains("Ole Rolig") && regrouped[0].contains("2 ulæste"))
            #expect(regrouped[1].contains("Karen Kritisk") && !regrouped[1].contains("ulæste") && !regrouped[1].contains("Kritisk: "))
        }
    }

    @Test func theInboxAPIListsTheCriticalTopicsAndMedicationsAsStructuredValues() async throws {
        try await TestApp.run { app in
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", careTeam: ["HJ-101"])
            try await app.createUser("pal", roles: [.clinician], unit: "RH-PAL")
            let nurse = try await app.createUser("hjem", roles: [.clinician], unit: "HJ-101")
            let pal = try await app.login("pal")
            #expect(
                try await app.post("/patients/\(patient)/plan/edit", pal, form: try await planForm(app, base: 1, homeCareNightPhone: "33 66 99 99"))
                    .status == .seeOther)
            // when
            let api = try await app.get("/api/v1/inbox", headers: [.authorization: "Bearer \(try await app.apiToken(for: nurse))"])
            // then
            let items = try #require(try api.json()["items"] as? [[String: Any]])
            let newest = try #require(items.first)
            #expect(newest["criticalTopics"] as? [String] == ["medication"])
            let added = try #require((newest["changes"] as? [[String: Any]])?.first { $0["field"] as? String == "medications" })
            let value = try #require(added["after"] as? [String: Any])
            #expect(value["type"] as? String == "medication")
            #expect((value["value"] as? [String: Any])?["route"] as? String == "sc")
        }
    }

    @Test func myPatientsPutsFollowUpsRedScreeningsAndChangesFirstAndShowsOnlyWhatTheUnitMayRead() async throws {
        try await TestApp.run { app in
            // given: home care is on five care teams
            let changed = try await app.createPatientWithPlan(registeredBy: "RH-PAL", careTeam: ["HJ-101"], name: "Anna Ændret", cpr: "0101401234")
            let red = try await app.createPatientWithPlan(registeredBy: "RH-PAL", careTeam: ["HJ-101"], name: "Bent Rød", cpr: "0202402345")
            let called = try await app.createPatientWithPlan(registeredBy: "RH-PAL", careTeam: ["HJ-101"], name: "Cecilie Ringet", cpr: "0303403456")
            let quiet = try await app.createPatientWithPlan(registeredBy: "RH-PAL", careTeam: ["HJ-101"], name: "Dorte Stille", cpr: "0404404567")
            let declined = try await app.createPatientWithPlan(
                registeredBy: "RH-PAL", careTeam: ["HJ-101"], name: "Erik Hemmelig", cpr: "0505401678",
                consent: "declined")
            let elsewhere = try await app.createPatientWithPlan(registeredBy: "RH-PAL", name: "Frida Andetsteds", cpr: "0606402789")
            let pal = try await app.createUser("pal", roles: [.clinician], unit: "RH-PAL")
            let homeCare = try await app.createUser("hjem", roles: [.clinician], unit: "HJ-101")
            let advisor = try await app.createUser("nattevagt", roles: [.advisor], unit: "PAL-247")
            // the plans were made before the week began: only what follows is news
            let old = Date().addingTimeInterval(-8 * 24 * 3600)
            try await app.persistence.write { tx in
                try await tx.sql.raw("UPDATE inbox_items SET created_at = \(bind: old)").run()
            }
            _ = try await app.post(
                "/patients/\(changed)/plan/edit", try await app.login("pal"),
                form: try await planForm(
                    app, base: 1, homeCareNightPhone: "33 66 99 99", extra: ["resuscitation": "doNotAttempt", "decidedBy": "Overlæge Ida Holm"]))
            let body = try JSONSerialization.data(withJSONObject: [
                "instrument": "esas-r", "respondent": "staff", "answers": StaffScreeningFormTests.redAnswers,
            ])
            let stored = try await app.client.execute(
                uri: "/api/v1/patients/\(red)/assessments", method: .post,
                headers: [.authorization: "Bearer \(try await app.apiToken(for: pal))", .contentType: "application/json"],
                body: ByteBuffer(data: body))
            #expect(stored.status == .created)
            _ = try await AdvisoryDayTeamTests().contact(
                app, patient: called, by: advisor,
                at: ISO8601Instant.format(Date().addingTimeInterval(-3600)), followUpUnit: "HJ-101")
            _ = try await AdvisoryDayTeamTests().contact(
                app, patient: declined, by: advisor,
                at: ISO8601Instant.format(Date().addingTimeInterval(-3600)), followUpUnit: "HJ-101")
            // when
            let page = try await app.get("/my-patients", try await app.login("hjem"))
            // then
            #expect(page.status == .ok)
            let attention = try #require(page.text.components(separatedBy: "id=\"worklist-all\"").first)
            let all = try #require(page.text.components(separatedBy: "id=\"worklist-all\"").last)
            let order = ["Cecilie Ringet", "Bent Rød", "Anna Ændret"].map { attention.range(of: $0)?.lowerBound }
            #expect(order.allSatisfy { $0 != nil } && order.map { $0! } == order.map { $0! }.sorted(), "follow-up, then red screening, then change")
            #expect(!attention.contains("Dorte Stille"))
            #expect(
                attention.contains("1 åben opfølgning") && attention.contains("Rød screening (ESAS-r)") && attention.contains("Kritisk: genoplivning")
            )
            let names = ["Anna Ændret", "Bent Rød", "Cecilie Ringet", "Dorte Stille"].map { all.range(of: $0)?.lowerBound }
            #expect(names.allSatisfy { $0 != nil } && names.map { $0! } == names.map { $0! }.sorted(), "all patients by name")
            #expect(!page.text.contains("Erik Hemmelig") && !page.text.contains("Frida Andetsteds"))
            let audited = try await AuditLog.search(AuditFilter(action: "worklist.read"), limit: 50, on: app.persistence.snapshot).map(\.record)
            #expect(Set(audited.compactMap(\.patientId)) == [changed, red, called, quiet])
            #expect(audited.allSatisfy { $0.username == "hjem" && $0.purpose == "careTeam: worklist" })
            _ = (declined, elsewhere, homeCare)
        }
    }

    @Test func myPatientsIsForStaffOfAUnitAndRefusesABadCursor() async throws {
        try await TestApp.run { app in
            try await app.createUser("revisor", roles: [.auditor], unit: nil)
            let refused = try await app.get("/my-patients", try await app.login("revisor"))
            #expect(refused.status == .forbidden)
            try await app.createUser("hjem", roles: [.clinician], unit: "HJ-101")
            let bad = try await app.get("/my-patients?after=not-an-id", try await app.login("hjem"))
            #expect(bad.status == .badRequest)
        }
    }
}
