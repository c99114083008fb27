import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// The working group's register: a member keeps meetings (attendees by sector), recommendations
/// linked to an indicator, decisions and the communication pathways, on the forms and through the
/// API; a refused form keeps what was typed, a stale save is refused, other roles see nothing, the
/// pathways show as help where they are set for, and every change is audited.
@Suite struct WorkingGroupRegisterTests {
    static var meetingForm: [String: String] {
        [
            "kind": "meeting", "title": "Arbejdsgruppemøde 4/2026", "date": "2026-12-10", "text": "1. Udskrivelser\n2. Indikatorer",
            "minutes": "", "attendees[name][0]": "Lene Lund", "attendees[sector][0]": "region", "attendees[name][1]": "Per Holm",
            "attendees[sector][1]": "municipality", "attendees[name][2]": "Birgitte Dahl", "attendees[sector][2]": "generalPractice",
            "attendees[name][3]": "", "attendees[sector][3]": "",
        ]
    }

    static var recommendation: [String: Any] {
        [
            "kind": "recommendation", "title": "Første kontakt inden for 10 dage", "text": "Visitationen ringer inden for to hverdage.",
            "owner": "De palliative teams", "dueDate": "2027-03-01", "status": "agreed", "indicator": "firstContactWithin10Days",
        ]
    }

    static func actions(_ app: TestApp, entity: String) async throws -> [String] {
        try await app.persistence.read { tx in
            try await tx.sql.raw("SELECT action FROM audit_entries WHERE entity_id = \(bind: entity) ORDER BY seq").all().map {
                try $0.decode(column: "action", as: String.self)
            }
        }
    }

    static func id(_ location: String?) throws -> String {
        String(try #require(location).split(separator: "/").last!.prefix { $0 != "?" })
    }

    @Test func aMemberRecordsAMeetingWithAttendeesBySectorAndItsDecision() async throws {
        try await TestApp.run { app in
            // given a member of the working group
            try await app.createUser("agnete", roles: [.workingGroup])
            let session = try await app.login("agnete")
            // when she opens the form for a meeting: the meeting's fields only
            let blank = try await app.get("/working-group/items/new?kind=meeting", session)
            #expect(blank.status == .ok && blank.text.contains(#"name="attendees[sector][0]""#) && !blank.text.contains(#"name="dueDate""#))
            // and saves it with three attendees and a blank row
            let saved = try await app.post("/working-group/items/new", session, form: Self.meetingForm)
            #expect(saved.status == .seeOther)
            let meetingId = try Self.id(saved.headers[.location])
            // then its page lists the attendees by sector
            let page = try await app.get("/working-group/items/\(meetingId)", session)
            #expect(page.text.contains("Sektorer til stede: Region, Kommune, Almen praksis") && page.text.contains("Per Holm"))
            // a decision taken at the meeting is listed on the meeting's page
            let decision = try await app.post(
                "/working-group/items/new", session,
                form: ["kind": "decision", "title": "Fælles skabelon vedtaget", "date": "2026-12-10", "text": "Besluttet.", "meetingId": meetingId])
            #expect(decision.status == .seeOther)
            #expect(try await app.get("/working-group/items/\(meetingId)", session).text.contains("Fælles skabelon vedtaget"))
            // a decision naming a meeting that is not in the register is refused
            let unknown = try await app.post(
                "/working-group/items/new", session,
                form: ["kind": "decision", "title": "X", "date": "2026-12-10", "text": "Y", "meetingId": UUID().uuidString])
            #expect(unknown.status == .unprocessableContent)
            // and each change is in the audit log
            #expect(try await Self.actions(app, entity: meetingId) == ["workingGroup.item.create"])
        }
    }

    @Test func aRefusedFormKeepsWhatWasTypedAndAStaleEditIsRefused() async throws {
        try await TestApp.run { app in
            try await app.createUser("agnete", roles: [.workingGroup])
            let session = try await app.login("agnete")
            // when a recommendation is sent without its owner
            var form = [
                "kind": "recommendation", "title": "Ønsket dødssted i planen", "text": "Drøftes ved første samtale.", "owner": "",
                "dueDate": "2027-02-01", "status": "agreed", "indicator": "placeOfDeathConcordance",
            ]
            let refused = try await app.post("/working-group/items/new", session, form: form)
            // then it comes back with the error at the owner and everything typed, and nothing is stored
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"id="owner-error""#) && refused.text.contains(#"value="Ønsket dødssted i planen""#))
            #expect(refused.text.contains(#"<option value="placeOfDeathConcordance" selected="selected">Døde på det ønskede sted</option>"#))
            #expect(try await app.persistence.readEach { try await RegisterItemRepository.list(on: $0) }.isEmpty)
            // when the owner is given, it is saved and linked to its indicator on the indicators page
            form["owner"] = "Almen praksis"
            let saved = try await app.post("/working-group/items/new", session, form: form)
            let id = try Self.id(saved.headers[.location])
            let page = try await app.get("/working-group/items/\(id)", session)
            #expect(page.text.contains(#"href="/indicators?indicator=placeOfDeathConcordance""#))
            // an edit on top of a version someone else saved since is refused with what was typed kept
            var edit = form
            edit["baseVersion"] = "1"
            edit["status"] = "inProgress"
            #expect(try await app.post("/working-group/items/\(id)/edit", session, form: edit).status == .seeOther)
            edit["title"] = "Min ændring"
            let stale = try await app.post("/working-group/items/\(id)/edit", session, form: edit)
            #expect(stale.status == .conflict && stale.text.contains("Min ændring") && stale.text.contains(#"name="baseVersion" value="2""#))
            // the page shows both versions and what the second changed
            let history = try await app.get("/working-group/items/\(id)", session)
            #expect(history.text.contains("Version 2") && history.text.contains("ændrede status"))
            #expect(try await Self.actions(app, entity: id) == ["workingGroup.item.create", "workingGroup.item.update"])
        }
    }

    @Test func theAPIKeepsVersionsAndRefusesAStaleSave() async throws {
        try await TestApp.run { app in
            let member = try await app.apiToken(for: try await app.createUser("agnete", roles: [.workingGroup]))
            // when a recommendation linked to an indicator is created
            let created = try await app.send(.post, "/api/v1/working-group/items", json: Self.recommendation, token: member)
            #expect(created.status == .created, "\(created.text)")
            #expect(created.headers[.eTag] == "\"v1\"")
            let body = try created.json()
            #expect(body["indicator"] as? String == "firstContactWithin10Days" && body["owner"] as? String == "De palliative teams")
            #expect(body["minutes"] is NSNull && (body["attendees"] as? [Any])?.isEmpty == true && body["overdue"] as? Bool == false)
            let id = try #require(body["id"] as? String)
            // then a save on the version read is the next; one on the old version is refused
            var changed = Self.recommendation
            changed["status"] = "done"
            let put = try await app.send(.put, "/api/v1/working-group/items/\(id)", json: changed, token: member, headers: [.ifMatch: "\"v1\""])
            #expect(try put.status == .ok && put.json()["version"] as? Int == 2)
            let stale = try await app.send(
                .put, "/api/v1/working-group/items/\(id)", json: Self.recommendation, token: member, headers: [.ifMatch: "\"v1\""])
            #expect(stale.status == .preconditionFailed)
            // a bad field is named
            var bad = Self.recommendation
            bad["indicator"] = "happiness"
            let refused = try await app.send(.post, "/api/v1/working-group/items", json: bad, token: member)
            #expect(try refused.status == .unprocessableContent && BudgetAPITests.fields(refused) == ["indicator"])
            // the list filters by kind and status
            let done = try await app.send(.get, "/api/v1/working-group/items?kind=recommendation&status=done", token: member)
            #expect((try done.json()["items"] as? [[String: Any]])?.count == 1)
            let none = try await app.send(.get, "/api/v1/working-group/items?kind=meeting", token: member)
            #expect((try none.json()["items"] as? [[String: Any]])?.isEmpty == true)
            #expect(try await app.send(.get, "/api/v1/working-group/items?status=open", token: member).status == .unprocessableContent)
            #expect(try await Self.actions(app, entity: id) == ["workingGroup.item.create", "workingGroup.item.update"])
        }
    }

    @Test func theOverviewMarksOverdueRecommendations() async throws {
        try await TestApp.run { app in
            let user = try await app.createUser("agnete", roles: [.workingGroup])
            let member = try await app.apiToken(for: user)
            var overdue = Self.recommendation
            overdue["title"] = "Forsinket anbefaling"
            overdue["dueDate"] = "2020-01-01"
            #expect(try await app.send(.post, "/api/v1/working-group/items", json: overdue, token: member).status == .created)
            #expect(try await app.send(.post, "/api/v1/working-group/items", json: Self.recommendation, token: member).status == .created)
            let session = try await app.login("agnete")
            let page = try await app.get("/working-group", session)
            #expect(page.status == .ok && page.text.contains(#"<tr class="overdue"><td>01.01.2020</td>"#))
            #expect(page.text.contains("Overskredet") && page.text.contains("Første kontakt inden for 10 dage"))
            let filtered = try await app.get("/working-group?kind=recommendation&status=done", session)
            #expect(filtered.text.contains("Punkter i registret (0)"))
        }
    }

    @Test func otherRolesCannotReachTheRegister() async throws {
        try await TestApp.run { app in
            let clinician = try await app.createUser("klinik", roles: [.clinician])
            let token = try await app.apiToken(for: clinician)
            let session = try await app.login("klinik")
            for path in ["/working-group", "/working-group/items/new?kind=meeting", "/working-group/pathways", "/working-group/pathways/new"] {
                #expect(try await app.get(path, session).status == .forbidden, "\(path)")
            }
            #expect(try await app.post("/working-group/items/new", session, form: Self.meetingForm).status == .forbidden)
            #expect(try await app.send(.get, "/api/v1/working-group/items", token: token).status == .forbidden)
            #expect(try await app.send(.post, "/api/v1/working-group/items", json: Self.recommendation, token: token).status == .forbidden)
            #expect(try await app.send(.get, "/api/v1/working-group/pathways", token: token).status == .forbidden)
        }
    }

    static func pathway(_ situation: String, pages: [String]) -> [String: Any] {
        ["situation": situation, "from": "Hospitalsafdelingen", "to": "Hjemmesygeplejen", "how": "Telefon", "within": "Samme dag", "pages": pages]
    }

    @Test func aPathwayShowsAsHelpOnThePagesItIsSetFor() async throws {
        try await TestApp.run { app in
            // given three pathways, one for each page
            let member = try await app.apiToken(for: try await app.createUser("agnete", roles: [.workingGroup]))
            var ids: [String] = []
            for (situation, page) in [("Situation A", "contactForm"), ("Situation B", "plan"), ("Situation C", "inbox")] {
                let created = try await app.send(.post, "/api/v1/working-group/pathways", json: Self.pathway(situation, pages: [page]), token: member)
                #expect(created.status == .created, "\(created.text)")
                ids.append(try #require(try created.json()["id"] as? String))
            }
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL")
            try await app.createUser("nattevagt", roles: [.advisor], unit: "PAL-247")
            try await app.createUser("klinik", roles: [.clinician])
            let advisor = try await app.login("nattevagt")
            let clinician = try await app.login("klinik")
            // when the pages are opened, then each shows its own pathway and no other
            let pages = [
                ("/advisory/contacts/new", advisor, "Situation A"), ("/patients/\(patient.uuidString)", clinician, "Situation B"),
                ("/inbox", clinician, "Situation C"),
            ]
            for (path, session, shown) in pages {
                let page = try await app.get(path, session)
                #expect(page.status == .ok && page.text.contains(#"<details class="pathway-panel""#), "\(path)")
                for situation in ["Situation A", "Situation B", "Situation C"] {
                    #expect(page.text.contains(situation) == (situation == shown), "\(situation) on \(path)")
                }
            }
            // a pathway changed on the form moves to another page; one deleted shows nowhere
            let session = try await app.login("agnete")
            let edit = try await app.get("/working-group/pathways/\(ids[0])/edit", session)
            #expect(edit.text.contains(#"value="Situation A""#))
            let moved = try await app.post(
                "/working-group/pathways/\(ids[0])/edit", session,
                pairs: [
                    ("situation", "Situation A"), ("from", "Hjemmesygeplejen"), ("to", "Egen læge"), ("how", "Telefon"), ("within", "Straks"),
                    ("pages[]", "inbox"), ("pages[]", "plan"), ("order", "5"),
                ])
            #expect(moved.status == .seeOther)
            // a save on top of the version before is refused, on the form (409, what was typed kept) and in the API (412)
            let stale = try await app.post(
                "/working-group/pathways/\(ids[0])/edit", session,
                form: ["situation": "Min udgave", "from": "A", "to": "B", "how": "Telefon", "within": "Straks", "baseVersion": "1"])
            #expect(stale.status == .conflict && stale.text.contains(#"value="Min udgave""#) && stale.text.contains(#"name="baseVersion" value="2""#))
            let staleAPI = try await app.send(
                .put, "/api/v1/working-group/pathways/\(ids[0])", json: Self.pathway("Situation A", pages: ["plan"]), token: member,
                headers: [.ifMatch: "\"v1\""])
            #expect(staleAPI.status == .preconditionFailed)
            #expect(try await app.get("/inbox", clinician).text.contains("Situation A"))
            #expect(!(try await app.get("/advisory/contacts/new", advisor).text.contains("pathway-panel")))
            let refused = try await app.post("/working-group/pathways", session, form: ["situation": "Uden resten", "pages[]": "plan"])
            #expect(refused.status == .unprocessableContent && refused.text.contains(#"value="Uden resten""#))
            let deleted = try await app.post("/working-group/pathways/\(ids[1])/edit", session, form: ["intent": "delete"])
            #expect(deleted.status == .seeOther)
            #expect(!(try await app.get("/patients/\(patient.uuidString)", clinician).text.contains("Situation B")))
            #expect(try await app.send(.delete, "/api/v1/working-group/pathways/\(ids[2])", token: member).status == .noContent)
            #expect(try await app.send(.delete, "/api/v1/working-group/pathways/\(ids[2])", token: member).status == .notFound)
            // every change has its audit entry
            #expect(try await Self.actions(app, entity: ids[0]) == ["workingGroup.pathway.create", "workingGroup.pathway.update"])
            #expect(try await Self.actions(app, entity: ids[1]) == ["workingGroup.pathway.create", "workingGroup.pathway.delete"])
            #expect(try await Self.actions(app, entity: ids[2]) == ["workingGroup.pathway.create", "workingGroup.pathway.delete"])
        }
    }
}
