import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// Issue 20 through the API: a social worker's case, an application with its deadlines, the
/// worklist; who may see how much; bad input named field by field.
@Suite struct FamiliesAPITests {
    struct Team {
        let socialWorker: User
        let token: String
        let child: UUID
    }

    func team(_ app: TestApp) async throws -> Team {
        let socialWorker = try await app.createUser("sofie", roles: [.socialWorker], unit: "PABU")
        let child = try await app.createPatientWithPlan(registeredBy: "PABU", careTeam: ["HJ-101"], name: "Alma Barn", cpr: "0102154321")
        return Team(socialWorker: socialWorker, token: try await app.apiToken(for: socialWorker), child: child)
    }

    func family(_ team: Team, parents: [[String: Any]]? = nil, siblings: [[String: Any]] = []) -> [String: Any] {
        [
            "childPatientId": team.child.uuidString, "conditionGroup": "1", "municipalityCode": "101", "keyWorkerId": team.socialWorker.id.uuidString,
            "parents": parents ?? [["name": "Mette Barn", "relation": "parent", "phone": "20304050", "livesWithChild": true, "holdsCustody": true]],
            "siblings": siblings,
        ]
    }

    func fields(_ response: TestResponse) throws -> [String] {
        (try response.json()["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
    }

    @Test func aSocialWorkerRecordsAnApplicationAndSeesItsDeadlinesOnTheWorklist() async throws {
        try await TestApp.run { app in
            let team = try await team(app)
            // given: a case with a sibling sent as a number
            let created = try await app.send(.post, "/api/v1/families", json: family(team, siblings: [["name": "Ida", "age": 9]]), token: team.token)
            #expect(created.status == .created)
            let answer = try created.json()
            let id = try #require(answer["id"] as? String)
            #expect(answer["restricted"] as? Bool == false && (answer["siblings"] as? [[String: Any]])?.first?["age"] as? Int == 9)
            #expect(created.headers[.location] == "/api/v1/families/\(id)" && created.headers[.eTag] == "\"v1\"")
            // when: a § 87 application submitted a month ago (40 working days by default) and a refusal by letter
            let today = SocialWorkService.today()
            let submitted = today.adding(days: -30)
            let application = try await app.send(
                .post, "/api/v1/families/\(id)/applications",
                json: ["benefit": "bl87", "authority": "municipality", "submittedOn": submitted.description],
                token: team.token)
            #expect(application.status == .created)
            let stored = try application.json()
            let applicationId = try #require(stored["id"] as? String)
            let bl87 = try #require(BenefitCatalogue.seed.first { $0.code == "bl87" }).deadline
            #expect(stored["processingDueOn"] as? String == Deadlines.due(from: submitted, amount: bl87.amount, unit: bl87.unit).description)
            let sentOn = today.adding(days: -26)
            let decided = try await app.send(
                .put, "/api/v1/applications/\(applicationId)",
                json: ["decidedOn": sentOn.description, "outcome": "refused", "sentVia": "letter", "sentOn": sentOn.description], token: team.token)
            #expect(decided.status == .ok)
            let decision = try decided.json()
            let received = Deadlines.receivedOn(sentOn: sentOn, via: .letter)
            #expect(decision["benefit"] as? String == "bl87" && decision["submittedOn"] as? String == submitted.description)
            #expect(decision["receivedOn"] as? String == received.description)
            #expect(decision["appealDueOn"] as? String == Deadlines.appealDueOn(receivedOn: received).description)
            // then: a refusal sent by digital post 26 days ago is due for appeal within the week, and is on the worklist
            let digital = try await app.send(
                .post, "/api/v1/families/\(id)/applications",
                json: [
                    "benefit": "bl86", "submittedOn": submitted.description, "decidedOn": sentOn.description, "outcome": "refused",
                    "sentVia": "digitalPost", "sentOn": sentOn.description,
                ], token: team.token)
            let digitalId = try #require(try digital.json()["id"] as? String)
            let worklist = try await app.send(.get, "/api/v1/social-work/worklist?mine=true", token: team.token)
            let items = try #require(try worklist.json()["items"] as? [[String: Any]])
            #expect(
                items.contains {
                    $0["kind"] as? String == "appealDue" && $0["applicationId"] as? String == digitalId && $0["childName"] as? String == "Alma Barn"
                })
            // and the family's GET lists both applications; a stale If-Match is 412, none is 428
            let read = try await app.send(.get, "/api/v1/families/\(id)", token: team.token)
            #expect((try read.json()["applications"] as? [[String: Any]])?.count == 2)
            let stale = try await app.send(.put, "/api/v1/families/\(id)", json: family(team), token: team.token, headers: [.ifMatch: "\"v0\""])
            #expect(stale.status == .preconditionFailed)
            let unconditional = try await app.send(.put, "/api/v1/families/\(id)", json: family(team), token: team.token)
            #expect(unconditional.status == .preconditionRequired)
            let changed = try await app.send(.put, "/api/v1/families/\(id)", json: family(team), token: team.token, headers: [.ifMatch: "\"v1\""])
            #expect(changed.status == .ok && changed.headers[.eTag] == "\"v2\"")
        }
    }

    @Test func anotherUnitsDoctorIsRefusedAndAuditedTheCareTeamSeesTheBasicFacts() async throws {
        try await TestApp.run { app in
            let team = try await team(app)
            let id = try #require(
                try await app.send(.post, "/api/v1/families", json: family(team), token: team.token).json()["id"] as? String)
            let doctor = try await app.createUser("doktor", roles: [.clinician], unit: "RH-PAL")
            let refused = try await app.send(.get, "/api/v1/families/\(id)", token: try await app.apiToken(for: doctor))
            #expect(refused.status == .forbidden)
            let entries = try await AuditLog.search(
                AuditFilter(patientId: team.child, username: "doktor"), limit: 10, on: app.persistence.outsideWriter)
            #expect(entries.map(\.record.action) == ["family.read"] && entries.first?.record.outcome == .denied)
            // the child's home care (care team) sees that there is a case, and whom to call
            let homeCare = try await app.createUser("hjemmepleje", roles: [.clinician], unit: "HJ-101")
            let basics = try await app.send(.get, "/api/v1/families/\(id)", token: try await app.apiToken(for: homeCare)).json()
            #expect(basics["restricted"] as? Bool == true && basics["keyWorkerName"] as? String == "Test sofie")
            #expect(basics["parents"] == nil && basics["applications"] == nil)
            // finance may not list cases
            let finance = try await app.createUser("oekonomi", roles: [.finance], unit: nil)
            #expect(try await app.send(.get, "/api/v1/families", token: try await app.apiToken(for: finance)).status == .forbidden)
            // a social worker of another team may not open a case for the child
            let other = try await app.createUser("anden", roles: [.socialWorker], unit: "RH-PAL")
            let opened = try await app.send(.post, "/api/v1/families", json: family(team), token: try await app.apiToken(for: other))
            #expect(opened.status == .forbidden)
        }
    }

    @Test func theTeamsDoctorsAndNursesFindTheFamiliesFromTheirHomePage() async throws {
        try await TestApp.run { app in
            let team = try await team(app)
            _ = try await app.send(.post, "/api/v1/families", json: family(team), token: team.token)
            _ = try await app.createUser("sygeplejerske", roles: [.clinician], unit: "PABU")
            let nurse = try await app.login("sygeplejerske")
            let home = try await app.get("/", nurse)
            #expect(home.text.contains("1 familie får støtte af teamets socialrådgivere.") && home.text.contains(#"href="/social-work""#))
            let families = try await app.get("/social-work", nurse)
            #expect(families.status == .ok && families.text.contains("Alma Barn"))
            // a clinician of a unit without families is not offered them
            _ = try await app.createUser("doktor", roles: [.clinician], unit: "RH-PAL")
            #expect(try await app.get("/", try await app.login("doktor")).text.contains("Teamets familier") == false)
        }
    }

    @Test func badInputIsNamedFieldByFieldAndNothingIsStored() async throws {
        try await TestApp.run { app in
            let team = try await team(app)
            let twice = try await app.send(
                .post, "/api/v1/families",
                json: family(
                    team,
                    parents: [
                        ["name": "Mette Barn", "relation": "parent", "phone": "20304050"],
                        ["name": "mette  barn", "relation": "parent", "phone": "20 30 40 50"],
                    ],
                    siblings: [["name": "Ida"]]), token: team.token)
            #expect(twice.status == .unprocessableContent)
            #expect(try fields(twice) == ["parents[1].name", "siblings[0].age"], "\(twice.text)")
            #expect((try await app.send(.get, "/api/v1/families", token: team.token).json()["items"] as? [Any])?.isEmpty == true)
            let id = try #require(try await app.send(.post, "/api/v1/families", json: family(team), token: team.token).json()["id"] as? String)
            let bad = try await app.send(
                .post, "/api/v1/families/\(id)/applications",
                json: [
                    "benefit": "bl999", "submittedOn": "2026-11-10", "decidedOn": "2026-11-01", "outcome": "refused", "sentVia": "letter",
                    "sentOn": "2026-11-02",
                ],
                token: team.token)
            #expect(bad.status == .unprocessableContent)
            #expect(try Set(fields(bad)) == ["benefit", "decidedOn"])
            let beforeSubmission = try await app.send(
                .post, "/api/v1/families/\(id)/applications",
                json: [
                    "benefit": "bl86", "submittedOn": "2026-11-10", "decidedOn": "2026-11-01", "outcome": "refused", "sentVia": "letter",
                    "sentOn": "2026-11-02",
                ],
                token: team.token)
            let codes = (try beforeSubmission.json()["errors"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
            #expect(try fields(beforeSubmission) == ["decidedOn"] && codes == ["beforeSubmission"])
            #expect((try await app.send(.get, "/api/v1/families/\(id)", token: team.token).json()["applications"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func theTeamLeadAndFinanceSeeCaseloadPerFundedFTEWithoutNames() async throws {
        try await TestApp.run { app in
            let team = try await team(app)
            #expect(try await app.send(.post, "/api/v1/families", json: family(team), token: team.token).status == .created)
            let finance = try await app.createUser("oekonomi", roles: [.finance], unit: nil)
            let report = try await app.send(
                .get, "/api/v1/social-work/capacity?from=2024-01-01&to=2026-12-31", token: try await app.apiToken(for: finance))
            #expect(report.status == .ok && !report.text.contains("Alma"))
            let months = try #require(try report.json()["months"] as? [[String: Any]])
            #expect(months.count == 36 && months.first?["month"] as? String == "2024-01")
            #expect(months.first?["fundedFTE"] as? Double == 0.4 && months[12]["fundedFTE"] as? Double == 1.5)
            let thisMonth = String(SocialWorkService.today().description.prefix(7))
            #expect(months.first { $0["month"] as? String == thisMonth }?["openFamilies"] as? Int == 1)
            #expect(months.first { $0["month"] as? String == thisMonth }?["caseloadPerFTE"] as? Double == 0.7)
            // a clinician of another unit may not; the team lead changes the funding from 2027
            let doctor = try await app.createUser("doktor", roles: [.clinician], unit: "RH-PAL")
            #expect(try await app.send(.get, "/api/v1/social-work/capacity", token: try await app.apiToken(for: doctor)).status == .forbidden)
            let session = try await app.login("sofie")
            let saved = try await app.post("/social-work/capacity/funding", session, form: ["fundingFrom": "2027-01-01", "fundingFte": "2,0"])
            #expect(saved.status == .seeOther)
            let bad = try await app.post("/social-work/capacity/funding", session, form: ["fundingFrom": "2027-01-01", "fundingFte": "to"])
            #expect(bad.status == .unprocessableContent && bad.text.contains("value=\"to\""))
            let funding = try await app.send(.get, "/api/v1/social-work/capacity", token: team.token).json()["funding"] as? [[String: Any]]
            #expect(funding?.map { $0["fte"] as? Double } == [0.4, 1.5, 2] && funding?[1]["to"] as? String == "2026-12-31")
            let page = try await app.get("/social-work/capacity?from=2024-01-01&to=2026-12-31", try await app.login("oekonomi"))
            #expect(page.status == .ok && page.text.contains("Sager pr. årsværk") && page.text.contains("<svg"))
        }
    }

    @Test func aMeetingsLostEarningsBecomeASingleDayApplicationInOneClickAndLateDecisionsReachTheWorklist() async throws {
        try await TestApp.run { app in
            let team = try await team(app)
            let family = try await app.send(.post, "/api/v1/families", json: family(team), token: team.token).json()
            let id = try #require(family["id"] as? String)
            let mother = try #require((family["parents"] as? [[String: Any]])?.first?["id"] as? String)
            let today = SocialWorkService.today()
            // given: a meeting three weeks ago, a decision due a week ago, the mother lost a day's earnings
            let meeting = try await app.send(
                .post, "/api/v1/families/\(id)/meetings",
                json: [
                    "heldOn": today.adding(days: -21).description, "participants": ["Mor", "Sagsbehandler, Københavns Kommune"],
                    "decisions": [["text": "Kommunen bevilger aflastning", "owner": "Sagsbehandler", "dueOn": today.adding(days: -7).description]],
                    "lostEarningsParentIds": [mother],
                ], token: team.token)
            #expect(meeting.status == .created)
            let meetingId = try #require(try meeting.json()["id"] as? String)
            let worklist = try await app.send(.get, "/api/v1/social-work/worklist", token: team.token).json()["items"] as? [[String: Any]]
            #expect(
                worklist?.contains {
                    $0["kind"] as? String == "meetingDecisionOverdue" && $0["decision"] as? String == "Kommunen bevilger aflastning"
                } == true)
            // when: one click on the meeting
            let session = try await app.login("sofie")
            let form = ["meetingId": meetingId, "parentId": mother]
            let clicked = try await app.post("/social-work/families/\(id)/lost-earnings", session, form: form)
            #expect(clicked.status == .seeOther)
            // then: a § 87 single-day application for the mother, linked; a second click makes none
            let read = try await app.send(.get, "/api/v1/families/\(id)", token: team.token).json()
            let applications = try #require(read["applications"] as? [[String: Any]])
            #expect(
                applications.map { $0["benefit"] as? String } == ["bl87-meeting"]
                    && applications.first?["submittedOn"] as? String == today.description)
            let lost = ((read["meetings"] as? [[String: Any]])?.first?["lostEarnings"] as? [[String: Any]])?.first
            #expect(lost?["applicationId"] as? String == applications.first?["id"] as? String)
            #expect(try await app.post("/social-work/families/\(id)/lost-earnings", session, form: form).status == .conflict)
            // a meeting dated before nothing: a decision due before the meeting is refused, named
            let bad = try await app.send(
                .post, "/api/v1/families/\(id)/meetings",
                json: [
                    "heldOn": today.description, "participants": ["Mor"],
                    "decisions": [["text": "x", "owner": "y", "dueOn": today.adding(days: -1).description]],
                ],
                token: team.token)
            #expect(try bad.status == .unprocessableContent && fields(bad) == ["decisions[0].dueOn"])
        }
    }

    @Test func afterTheDeathTheCaseShowsEachParentsLeaveAndPlannedConversationsReachTheWorklist() async throws {
        try await TestApp.run { app in
            let team = try await team(app)
            let id = try #require(try await app.send(.post, "/api/v1/families", json: family(team), token: team.token).json()["id"] as? String)
            let session = try await app.login("sofie")
            let death = SocialWorkService.today().adding(days: -3)
            // a date that cannot be read: the case again, with what was typed and the field named
            let refused = try await app.post("/social-work/families/\(id)/death", session, form: ["deathOn": "i går"])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"name="deathOn""#) && refused.text.contains(#"value="i går""#))
            #expect(refused.text.contains(#"id="deathOn-error""#))
            #expect(try await app.post("/social-work/families/\(id)/death", session, form: ["deathOn": death.description]).status == .seeOther)
            let unplanned = try await app.post("/social-work/families/\(id)/conversations", session, form: ["withWhom": "Mette Barn"])
            #expect(unplanned.status == .unprocessableContent)
            #expect(unplanned.text.contains(#"id="plannedOn-error""#) && unplanned.text.contains(#"<option value="Mette Barn" selected="selected""#))
            let planned = SocialWorkService.today().adding(days: 2)
            let plan = ["withWhom": "Mette Barn", "plannedOn": planned.description]
            #expect(try await app.post("/social-work/families/\(id)/conversations", session, form: plan).status == .seeOther)
            // then: the case is in bereavement follow-up, with the mother's leave from the day after the death
            #expect(try await app.send(.get, "/api/v1/families/\(id)", token: team.token).json()["status"] as? String == "bereavement")
            let page = try await app.get("/social-work/families/\(id)", session)
            let leave = Bereavement.leave(afterDeathOn: death)
            #expect(page.text.contains("\(leave.lowerBound.danish)–\(leave.upperBound.danish)"))
            #expect(page.text.contains(Bereavement.plejevederlagLastDay(afterDeathOn: death).danish))
            let items = try await app.send(.get, "/api/v1/social-work/worklist", token: team.token).json()["items"] as? [[String: Any]]
            #expect(items?.contains { $0["kind"] as? String == "bereavementConversation" && $0["decision"] as? String == "Mette Barn" } == true)
        }
    }

    @Test func consultationAndTeachingAreRecordedExactlyAndReportedPerMunicipalityAndYear() async throws {
        try await TestApp.run { app in
            let team = try await team(app)
            let session = try await app.login("sofie")
            let today = SocialWorkService.today().description
            let form = [
                "kind": "teaching", "organisation": "Valby Skole", "municipalityCode": "101", "topic": "Når en klassekammerat er alvorligt syg",
                "heldOn": today, "hours": "1,5", "participantCount": "24",
            ]
            #expect(try await app.post("/social-work/consultations", session, form: form).status == .seeOther)
            var bad = form
            bad["hours"] = "1,1"
            let refused = try await app.post("/social-work/consultations", session, form: bad)
            #expect(refused.status == .unprocessableContent && refused.text.contains("value=\"1,1\""))
            let page = try await app.get("/social-work/consultations", session)
            #expect(page.text.contains("København") && page.text.contains("<td>1,5</td>") && page.text.contains("<td>24</td>"))
            let months = try await app.send(.get, "/api/v1/social-work/capacity", token: team.token).json()["months"] as? [[String: Any]]
            #expect(months?.last?["teachingHours"] as? Double == 1.5 && months?.last?["teaching"] as? Int == 1)
        }
    }

    @Test func administratorsKeepTheCatalogueAndEachMunicipalitysPublishedTimesWhichNewApplicationsFollow() async throws {
        try await TestApp.run { app in
            let team = try await team(app)
            let id = try #require(try await app.send(.post, "/api/v1/families", json: family(team), token: team.token).json()["id"] as? String)
            try await app.createUser("admin", roles: [.administrator], unit: nil)
            let admin = try await app.login("admin")
            // Copenhagen (the family's municipality) publishes 20 working days for § 86; § 89 is no longer offered
            let set = ["municipalityCode": "101", "benefitCode": "bl86", "municipalAmount": "20", "municipalUnit": "workingDays", "intent": "set"]
            #expect(try await app.post("/social-work/benefits/municipal", admin, form: set).status == .seeOther)
            var bad = set
            bad["municipalAmount"] = "-3"
            #expect(try await app.post("/social-work/benefits/municipal", admin, form: bad).status == .unprocessableContent)
            let bl89 = try #require(BenefitCatalogue.seed.first { $0.code == "bl89" }).deadline
            let withdraw = ["code": "bl89", "amount": String(bl89.amount), "unit": bl89.unit.rawValue]
            #expect(try await app.post("/social-work/benefits", admin, form: withdraw).status == .seeOther)
            // then: a new § 86 application in Copenhagen is due in 20 working days; § 89 is refused
            let submitted = SocialWorkService.today().adding(days: -1)
            let bl86 = try await app.send(
                .post, "/api/v1/families/\(id)/applications", json: ["benefit": "bl86", "submittedOn": submitted.description], token: team.token)
            #expect(try bl86.json()["processingDueOn"] as? String == Deadlines.due(from: submitted, amount: 20, unit: .workingDays).description)
            let refused = try await app.send(
                .post, "/api/v1/families/\(id)/applications", json: ["benefit": "bl89", "submittedOn": submitted.description], token: team.token)
            #expect(try refused.status == .unprocessableContent && fields(refused) == ["benefit"])
            // and the form no longer offers it
            let form = try await app.get("/social-work/families/\(id)/applications/new", try await app.login("sofie"))
            #expect(form.text.contains(#"<option value="bl86""#) && !form.text.contains(#"<option value="bl89""#))
            // social workers may not change the catalogue
            #expect(try await app.get("/social-work/benefits", try await app.login("sofie")).status == .forbidden)
        }
    }

    @Test func needsAreAssessedOverTheDomainsAndTheirChangeIsShownOverTime() async throws {
        try await TestApp.run { app in
            let team = try await team(app)
            let id = try #require(try await app.send(.post, "/api/v1/families", json: family(team), token: team.token).json()["id"] as? String)
            let session = try await app.login("sofie")
            let domains = NeedsDomain.allCases.map(\.rawValue)
            func form(_ on: LocalDate, _ ratings: [String: (String, String?, String?)]) -> [String: String] {
                var form = ["assessedOn": on.description]
                for (index, domain) in domains.enumerated() {
                    form["needs[domain][\(index)]"] = domain
                    let (rating, plan, owner) = ratings[domain] ?? ("", nil, nil)
                    form["needs[rating][\(index)]"] = rating
                    form["needs[plan][\(index)]"] = plan ?? ""
                    form["needs[owner][\(index)]"] = owner ?? ""
                }
                return form
            }
            let today = SocialWorkService.today()
            let first = form(today.adding(days: -30), ["transport": ("some", nil, nil), "siblings": ("considerable", "Søskendegruppe", "Sofie")])
            #expect(try await app.post("/social-work/families/\(id)/needs/new", session, form: first).status == .seeOther)
            // a severe need without a plan is refused, named, with what was typed kept
            let unplanned = form(today, ["transport": ("severe", nil, nil)])
            let refused = try await app.post("/social-work/families/\(id)/needs/new", session, form: unplanned)
            let transport = try #require(domains.firstIndex(of: "transport"))
            #expect(refused.status == .unprocessableContent && refused.text.contains("id=\"needs[\(transport)].plan-error\""))
            let second = form(today, ["transport": ("severe", "Kørsel til hospitalet § 90", "Sofie"), "siblings": ("some", nil, nil)])
            #expect(try await app.post("/social-work/families/\(id)/needs/new", session, form: second).status == .seeOther)
            let page = try await app.get("/social-work/families/\(id)", session)
            #expect(page.text.contains("Alvorligt</strong><span class=\"hint\"> (steget)"))
            #expect(page.text.contains("Noget</strong><span class=\"hint\"> (faldet)") && page.text.contains("needs-history"))
        }
    }
}
