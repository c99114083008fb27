import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import NIOCore
import Testing

@testable import LindringStore
@testable import LindringWeb

@Suite struct APITests {
    func bearer(_ token: String, json: Bool = false) -> HTTPFields {
        var fields: HTTPFields = [.authorization: "Bearer \(token)"]
        if json { fields[.contentType] = "application/json" }
        return fields
    }

    @Test func withoutATokenTheAPIAnswers401ProblemJSON() async throws {
        try await TestApp.run { app in
            let response = try await app.get("/api/v1/units")
            #expect(response.status == .unauthorized)
            #expect(response.headers[.contentType] == "application/problem+json")
            let problem = try response.json()
            #expect(problem["status"] as? Int == 401)
            #expect(problem["title"] as? String == "Unauthorized")
            #expect(try await app.get("/api/v1/units", headers: bearer("lnd_not-a-token")).status == .unauthorized)
            let post = try await app.client.execute(
                uri: "/api/v1/units", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: "{}"))
            #expect(post.status == .unauthorized)
        }
    }

    @Test func unitsArePagedWithLimitAndCursor() async throws {
        try await TestApp.run { app in
            // given
            let user = try await app.createUser("karen", roles: [.clinician])
            let token = try await app.apiToken(for: user)
            // when
            var codes: [String] = []
            var cursor: String? = nil
            repeat {
                let uri = "/api/v1/units?limit=20" + (cursor.map { "&cursor=\(TestApp.encode($0))" } ?? "")
                let page = try await app.get(uri, headers: bearer(token)).json()
                codes += (page["items"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
                cursor = page["next"] as? String
            } while cursor != nil
            // then
            #expect(codes.count == 52)
            #expect(codes == codes.sorted())
            let bad = try await app.get("/api/v1/units?limit=0", headers: bearer(token))
            #expect(bad.status == .unprocessableContent)
            #expect((try bad.json()["errors"] as? [[String: Any]])?.first?["field"] as? String == "limit")
        }
    }

    @Test func revokedTokenStopsWorking() async throws {
        try await TestApp.run { app in
            // given
            let admin = try await app.createUser("anne", roles: [.administrator])
            let token = try await app.apiToken(for: admin)
            #expect(try await app.get("/api/v1/me", headers: bearer(token)).status == .ok)
            let session = try await app.login("anne")
            let id = try #require(try await ApiTokenRepository.list(on: app.persistence.snapshot).first?.id)
            // when
            let revoked = try await app.post("/api-tokens/\(id)/revoke", session, form: [:])
            // then
            #expect(revoked.status == .seeOther)
            #expect(try await app.get("/api/v1/me", headers: bearer(token)).status == .unauthorized)
        }
    }

    @Test func anAuthorizationHeaderThatIsNotABearerTokenIsRefused() async throws {
        try await TestApp.run { app in
            let nurse = try await app.createUser("nils", roles: [.clinician])
            let token = try await app.apiToken(for: nurse)
            #expect(try await app.get("/api/v1/me", headers: bearer(token)).status == .ok)
            for header in ["Basic \(token)", "Bearer", "Bearer ", token, "Bearer " + token + String(repeating: "x", count: 200)] {
                #expect(try await app.get("/api/v1/me", headers: [.authorization: header]).status == .unauthorized, "\(header.prefix(12))")
            }
        }
    }

    @Test func aDeactivatedUsersTokenStopsWorking() async throws {
        try await TestApp.run { app in
            // given
            let nurse = try await app.createUser("nina", roles: [.clinician])
            let token = try await app.apiToken(for: nurse)
            let me = try await app.get("/api/v1/me", headers: bearer(token))
            #expect(me.status == .ok)
            #expect(try me.json()["username"] as? String == "nina")
            // when
            try await UserRepository.setActive(userId: nurse.id, false, on: app.persistence.outsideWriter)
            // then
            #expect(try await app.get("/api/v1/me", headers: bearer(token)).status == .unauthorized)
        }
    }

    @Test func unitsAreCreatedAndChangedWithConditionalRequests() async throws {
        try await TestApp.run { app in
            let admin = try await app.createUser("anne", roles: [.administrator])
            let token = try await app.apiToken(for: admin)
            let body = #"{"code":"API-1","name":"Hjemmesygeplejen Syd","kind":"homeCare","sector":"municipality"}"#
            // when created
            let created = try await app.client.execute(
                uri: "/api/v1/units", method: .post, headers: bearer(token, json: true), body: ByteBuffer(string: body))
            #expect(created.status == .created)
            let id = try #require(try created.json()["id"] as? String)
            let etag = try #require(created.headers[.eTag])
            // then a second with the same code conflicts
            let duplicate = try await app.client.execute(
                uri: "/api/v1/units", method: .post, headers: bearer(token, json: true), body: ByteBuffer(string: body))
            #expect(duplicate.status == .conflict)
            // and a change needs If-Match
            let changed = #"{"code":"API-1","name":"Hjemmesygeplejen Nord","kind":"homeCare","sector":"municipality"}"#
            let missing = try await app.client.execute(
                uri: "/api/v1/units/\(id)", method: .put, headers: bearer(token, json: true), body: ByteBuffer(string: changed))
            #expect(missing.status == .preconditionRequired)
            var conditional = bearer(token, json: true)
            conditional[.ifMatch] = etag
            let ok = try await app.client.execute(uri: "/api/v1/units/\(id)", method: .put, headers: conditional, body: ByteBuffer(string: changed))
            #expect(ok.status == .ok)
            let stale = try await app.client.execute(
                uri: "/api/v1/units/\(id)", method: .put, headers: conditional, body: ByteBuffer(string: changed))
            #expect(stale.status == .preconditionFailed)
            #expect(stale.headers[.contentType] == "application/problem+json")
        }
    }

    @Test(arguments: [
        ("{\"code\":\"\",\"name\":\"x\",\"kind\":\"hospice\",\"sector\":\"hospice\"}", 422),
        ("{not json", 400),
        ("[1,2,3]", 400),
        ("{\"code\":\"A'; DROP TABLE units;--\",\"name\":\"x\",\"kind\":\"hospice\",\"sector\":\"hospice\"}", 422),
    ])
    func badBodiesGetProblemsAndStoreNothing(body: String, status: Int) async throws {
        try await TestApp.run { app in
            let admin = try await app.createUser("anne", roles: [.administrator])
            let token = try await app.apiToken(for: admin)
            let response = try await app.client.execute(
                uri: "/api/v1/units", method: .post, headers: bearer(token, json: true), body: ByteBuffer(string: body))
            #expect(response.status.code == status)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(try await UnitRepository.count(on: app.persistence.snapshot) == 52)
            let wrongType = try await app.client.execute(uri: "/api/v1/units", method: .post, headers: bearer(token), body: ByteBuffer(string: body))
            #expect(wrongType.status == .unsupportedMediaType)
        }
    }

    @Test func onlyAdministratorsChangeUnitsThroughTheAPI() async throws {
        try await TestApp.run { app in
            let clinician = try await app.createUser("karen", roles: [.clinician])
            let token = try await app.apiToken(for: clinician)
            let response = try await app.client.execute(
                uri: "/api/v1/units", method: .post, headers: bearer(token, json: true),
                body: ByteBuffer(string: #"{"code":"X","name":"x","kind":"hospice","sector":"hospice"}"#))
            #expect(response.status == .forbidden)
            #expect(response.headers[.contentType] == "application/problem+json")
        }
    }

    @Test func auditSearchIsForAuditorsAndAdministratorsOnly() async throws {
        try await TestApp.run { app in
            // given
            try await app.createUser("karen", roles: [.clinician])
            _ = try await app.login("karen")
            let auditor = try await app.createUser("rita", roles: [.auditor])
            let clinicianToken = try await app.apiToken(
                for: try #require(try await UserRepository.find(username: "karen", on: app.persistence.snapshot)))
            let token = try await app.apiToken(for: auditor)
            // when
            let refused = try await app.get("/api/v1/audit", headers: bearer(clinicianToken))
            let entries = try await app.get("/api/v1/audit?username=karen&from=2000-01-01", headers: bearer(token)).json()
            let badDate = try await app.get("/api/v1/audit?from=yesterday", headers: bearer(token))
            // then
            #expect(refused.status == .forbidden)
            let items = try #require(entries["items"] as? [[String: Any]])
            #expect(items.contains { $0["action"] as? String == "auth.login" })
            for key in ["at", "username", "role", "action", "entityType", "entityId", "patientId", "purpose", "outcome"] {
                #expect(items.allSatisfy { $0.keys.contains(key) }, "every entry carries \(key)")
            }
            #expect(badDate.status == .unprocessableContent)
            // and the search itself is in the log
            let searches = try await AuditLog.search(AuditFilter(username: "rita", action: "audit.search"), limit: 10, on: app.persistence.snapshot)
            #expect(searches.count == 1, "the rejected search ran no query")
        }
    }

    @Test func unknownAPIPathsAnswerProblem404() async throws {
        try await TestApp.run { app in
            let user = try await app.createUser("karen", roles: [.clinician])
            let token = try await app.apiToken(for: user)
            let response = try await app.get("/api/v1/nothing-here", headers: bearer(token))
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "application/problem+json")
            let missing = try await app.get("/api/v1/units/\(UUID())", headers: bearer(token))
            #expect(missing.status == .notFound)
        }
    }
}

@Suite struct WorkingHoursAPITests {
    @Test func answersWhetherAnInstantIsOutsideWorkingHours() async throws {
        try await TestApp.run { app in
            let user = try await app.createUser("raad", roles: [.advisor], unit: "PAL-247")
            let token = try await app.apiToken(for: user)
            let headers: HTTPFields = [.authorization: "Bearer \(token)"]
            let christmas = try await app.get("/api/v1/calendar/working-hours?at=2026-12-24T10:00:00Z", headers: headers).json()
            #expect(christmas["outsideWorkingHours"] as? Bool == true)
            #expect(christmas["holiday"] as? String == "Juleaftensdag")
            let monday = try await app.get("/api/v1/calendar/working-hours?at=2026-11-23T09:00:00%2B01:00", headers: headers).json()
            #expect(monday["outsideWorkingHours"] as? Bool == false)
            #expect(monday.keys.contains("holiday"))
            #expect(try await app.get("/api/v1/calendar/working-hours?at=tomorrow", headers: headers).status == .unprocessableContent)
            #expect(try await app.get("/api/v1/calendar/working-hours?at=2026-12-24T10:00:00Z").status == .unauthorized)
        }
    }
}

@Suite struct DeadlineAPITests {
    @Test func answersTheDueDayAndNamesEachBadParameter() async throws {
        try await TestApp.run { app in
            let user = try await app.createUser("sofie", roles: [.socialWorker])
            let headers: HTTPFields = [.authorization: "Bearer \(try await app.apiToken(for: user))"]
            // a letter's six working days before Christmas, then four weeks ending on New Year's Eve
            let due = try await app.get("/api/v1/calendar/deadline?from=2026-12-03&amount=20&unit=workingDays", headers: headers)
            #expect(due.status == .ok)
            #expect(try due.json() as NSDictionary == ["due": "2027-01-06"])
            let monthEnd = try await app.get("/api/v1/calendar/deadline?from=2026-01-31&amount=1&unit=months", headers: headers).json()
            #expect(monthEnd["due"] as? String == "2026-03-02")
            let bad = try await app.get("/api/v1/calendar/deadline?from=2026-12-03&amount=three&unit=weeks", headers: headers)
            #expect(bad.status == .unprocessableContent)
            let fields = (try bad.json()["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
            #expect(fields == ["amount"])
            let missing = try await app.get("/api/v1/calendar/deadline?amount=3", headers: headers)
            let named = (try missing.json()["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
            #expect(missing.status == .unprocessableContent && named == ["from", "unit"])
            #expect(try await app.get("/api/v1/calendar/deadline?from=2026-12-03&amount=1&unit=days").status == .unauthorized)
        }
    }
}

@Suite struct OpenAPITests {
    @Test func documentDescribesEveryRegisteredEndpoint() async throws {
        try await TestApp.run { app in
            // given
            let admin = try await app.createUser(
                "anne", roles: [.administrator, .clinician, .advisor, .auditor, .socialWorker, .educator, .workingGroup])
            let token = try await app.apiToken(for: admin)
            let unit = try #require(try await UnitRepository.find(code: "RH", on: app.persistence.snapshot))
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL")
            let contact = try ContactDraft(
                startedAt: "2026-11-23T20:00:00Z", endedAt: "2026-11-23T20:10:00Z", callerRole: "gp", reasons: ["pain"], triage: "routine",
                outcome: "resolved"
            )
            .validated(.init(now: Date(), knownUnitIds: []))
            let contactId = try await ContactRepository.create(
                contact, author: RecordAuthor(userId: admin.id, name: admin.name),
                on: app.persistence.outsideWriter
            ).id
            let family = try FamilyDraft(
                childPatientId: patient.uuidString, conditionGroup: "2", municipalityCode: "101", parents: [.init(name: "Mor", relation: "parent")],
                keyWorkerId: admin.id.uuidString
            ).validated(.init(teamUserIds: [admin.id]))
            let familyId = try await FamilyRepository.create(
                family, teamUnitId: try #require(admin.unitId), author: RecordAuthor(userId: admin.id, name: admin.name),
                on: app.persistence.outsideWriter)
            let offer = try await OfferRepository.create(
                try OfferDraft(title: "Basal palliation", format: "workshop").validated(), author: RecordAuthor(userId: admin.id, name: admin.name),
                on: app.persistence.outsideWriter)
            let starts = Date(timeIntervalSinceNow: 86_400)
            let sessionId = try await LearningSessionRepository.create(
                offerId: offer.id, ValidLearningSession(startsAt: starts, endsAt: starts + 3600, capacity: 10, place: "Online"),
                author: RecordAuthor(userId: admin.id, name: admin.name), on: app.persistence.outsideWriter)
            let course = try #require(try await OfferRepository.list(on: app.persistence.snapshot).first { $0.offer.format == .eLearning })
            let moduleId = try #require(try await ModuleRepository.list(offerId: course.id, on: app.persistence.snapshot).first?.id)
            let cohortId = try await app.persistence.write { tx in
                let education = try await OfferRepository.create(
                    try OfferDraft(title: "Specialuddannelse", format: "specialistEducation").validated(),
                    author: RecordAuthor(userId: admin.id, name: admin.name), on: tx)
                return try await CohortRepository.create(
                    ValidCohort(offerId: education.id, name: "Hold", startsOn: LocalDate("2026-02-02")!),
                    author: RecordAuthor(userId: admin.id, name: admin.name), on: tx)
            }
            // a staffed unit, for its competence matrix
            let staffedUnit = unit
            try await app.persistence.write { tx in
                _ = try await StaffRegisterRepository.importMembers(
                    [
                        StaffMember(
                            employeeNumber: "1", name: "Anna", unitCode: staffedUnit.code, profession: .nurse, startDate: LocalDate("2020-01-01")!)
                    ],
                    unitIds: [staffedUnit.code: staffedUnit.id], on: tx)
            }
            // an initiative and an allocation, for the budget's GETs
            let author = RecordAuthor(userId: admin.id, name: admin.name)
            let (initiativeId, allocationId) = try await app.persistence.write { tx in
                let allocation = AllocationDraft(
                    name: "Pakken", organisation: "Region Hovedstaden", decidedOn: "2024-09-19",
                    parts: [.init(code: "24-7", name: "Rådgivning", activity: "advisoryLine", budgets: ["2025": ["salaries": "1"]])])
                return (
                    try await InitiativeRepository.create(
                        try InitiativeDraft(title: "T", proposedBy: "A", purpose: "P", priceLevel: "2026-pl", firstYear: "2026").validated(),
                        author: author, on: tx),
                    try await AllocationRepository.create(try allocation.validated(), draft: allocation, author: author, on: tx)
                )
            }
            // an item of the working group's register, for its GET
            let itemId = try await app.persistence.write { tx in
                try await RegisterItemRepository.create(
                    ValidRegisterItem(kind: .meeting, title: "Møde", date: LocalDate("2026-12-10")), author: author, on: tx)
            }
            // issue 23's records, by the part of the path that names them
            let teamUnit = try #require(admin.unitId)
            let referral = try await app.persistence.write { tx in
                try await ReferralRepository.create(
                    patientId: patient,
                    ValidReferral(
                        receivedOn: LocalDate("2026-11-02")!, referringUnitId: unit.id, receivingUnitId: teamUnit, diagnosisGroup: .cancer,
                        status: .received), author: "Anne", on: tx)
            }
            let outboxId = UUID()
            try await app.persistence.write { tx in
                try await OutboxRepository.create(
                    OutboxItem(
                        id: outboxId, patientId: patient, contactId: nil, senderUnitId: teamUnit, receiverUnitId: unit.id, repliesTo: nil,
                        activity: .newMessage, status: .draft, messageId: UUID(), payloadId: UUID(), text: "Hej", authorName: "Anne",
                        authorRole: nil, authorPhone: nil, bundle: "{}", problems: [], createdAt: Date(), statusAt: Date(), statusBy: "Anne"),
                    on: tx)
            }
            let issue23Ids: [String: String] = ["api/v1/referrals": referral.id.uuidString, "api/v1/outbox": outboxId.uuidString]
            // when
            let response = try await app.get("/api/v1/openapi.json")
            let document = try response.json()
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            // then
            #expect(document["openapi"] as? String == "3.1.0")
            let endpoints = APIController(services: try app.services()).endpoints
            #expect(Set(paths.keys) == Set(endpoints.map(\.path.pattern)))
            for endpoint in endpoints {
                let operation = try #require(
                    paths[endpoint.path.pattern]?[endpoint.method.rawValue.lowercased()] as? [String: Any],
                    "\(endpoint.method) \(endpoint.path) is documented")
                let responses = try #require(operation["responses"] as? [String: Any])
                for code in ["401", "403"] { #expect(responses[code] != nil, "\(endpoint.operationId) documents \(code)") }
                if endpoint.method == .get {
                    // every documented GET is served
                    let fallback: any CustomStringConvertible =
                        endpoint.path.pattern.contains("budget/initiatives")
                        ? initiativeId
                        : endpoint.path.pattern.contains("budget/allocations")
                            ? allocationId
                            : endpoint.path.pattern.contains("learning/offers")
                                ? offer.id
                                : endpoint.path.pattern.contains("learning/modules")
                                    ? moduleId
                                    : endpoint.path.pattern.contains("learning/sessions")
                                        ? sessionId
                                        : endpoint.path.pattern.contains("families")
                                            ? familyId
                                            : endpoint.path.pattern.contains("patients")
                                                ? patient
                                                : endpoint.path.pattern.contains("contacts")
                                                    ? contactId
                                                    : endpoint.path.pattern.contains("instruments")
                                                        ? "esas-r" : endpoint.path.pattern.contains("learning/cohorts") ? cohortId : unit.id
                    let id = issue23Ids.first { endpoint.path.pattern.contains($0.key) }?.value ?? fallback.description
                    let query = endpoint.path == Routes.API.learningMatrix ? "?unit=\(unit.id)" : Self.queries[endpoint.path.pattern] ?? ""
                    let itemOrId: any CustomStringConvertible = endpoint.path.pattern.contains("working-group/items") ? itemId : id
                    let served = try await app.get(endpoint.path(itemOrId) + query, headers: [.authorization: "Bearer \(token)"])
                    #expect(served.status == .ok, "GET \(endpoint.path)")
                }
            }
        }
    }

    /// The query a GET needs to be answered 200.
    static let queries: [String: String] = [
        Routes.API.patients.pattern: "?q=prøve".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!,
        Routes.API.workingHours.pattern: "?at=2026-11-23T09:00:00Z",
        Routes.API.advisoryStatistics.pattern: "?from=2026-11-01&to=2026-11-30",
        Routes.API.deadline.pattern: "?from=2026-12-03&amount=1&unit=days",
    ]
}
