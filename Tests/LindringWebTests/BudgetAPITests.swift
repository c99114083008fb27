import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// The budget through the API: finance proposes an initiative and sees its totals computed,
/// bad amounts are refused naming the field with nothing stored, an initiative is re-projected to
/// another price level, an allocation takes actuals (JSON and the finance system's CSV) and is
/// followed up beside the activity Lindring measures. Clinicians see none of it.
@Suite struct BudgetAPITests {
    static var initiative: [String: Any] {
        [
            "title": "Opruste uddannelsen af læger og sygeplejersker i palliation", "proposedBy": "Administrationen",
            "purpose": "Flere med basal palliation.", "remarks": "Administrationen anbefaler forslaget.", "priceLevel": "2026-pl",
            "firstYear": 2026,
            "lines": [
                ["type": "salaries", "amounts": ["2026": "1.2", "2027": "1.2", "2028": "1.2", "2029": "1.2"]],
                ["type": "otherOperations", "amounts": ["2026": "0.4", "2027": "0.3", "2028": "0.3", "2029": "0.3"]],
                ["type": "establishment", "amounts": ["2026": "0.2"]],
            ],
            "fte": ["2026": "2.0", "2027": "2.0", "2028": "2.0", "2029": "2.0"],
            "funds": [["fund": "health", "sharePercent": "66.7"], ["fund": "social", "sharePercent": "33.3"]],
            "commitmentBudgetable": false, "scalable": true, "scalingNote": "Et hold kan udskydes.", "agreementText": "Partierne er enige.",
            "sdgs": [["goal": 3, "effect": "positive", "text": "Sundhed og trivsel"]], "status": "draft",
        ]
    }

    static func fields(_ response: TestResponse) throws -> [String] {
        (try response.json()["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
    }

    @Test func financeProposesAnInitiativeAndTheTotalsAreComputed() async throws {
        try await TestApp.run { app in
            // given a finance officer
            let officer = try await app.createUser("oekonomi", roles: [.finance], unit: nil)
            let finance = try await app.apiToken(for: officer)
            // when the seed's initiative is proposed
            let created = try await app.send(.post, "/api/v1/budget/initiatives", json: Self.initiative, token: finance)
            // then its totals per year, overall and per fund are computed, amounts as decimal text
            #expect(created.status == .created, "\(created.text)")
            let body = try created.json()
            #expect(body["totalsByYear"] as? [String: String] == ["2026": "1.8", "2027": "1.5", "2028": "1.5", "2029": "1.5"])
            #expect(body["total"] as? String == "6.3" && body["priceLevel"] as? String == "2026-pl" && body["version"] as? Int == 1)
            let byFund = try #require(body["byFund"] as? [String: [String: String]])
            #expect(byFund["health"] == ["2026": "1.2", "2027": "1.0", "2028": "1.0", "2029": "1.0"])
            #expect(byFund["social"] == ["2026": "0.6", "2027": "0.5", "2028": "0.5", "2029": "0.5"])
            let lines = try #require(body["lines"] as? [[String: Any]])
            #expect(lines.last?["amounts"] as? [String: String] == ["2026": "0.2", "2027": "0.0", "2028": "0.0", "2029": "0.0"])
            #expect((body["sdgs"] as? [[String: Any]])?.first?["goal"] as? Int == 3)
            let id = try #require(body["id"] as? String)
            // a change is the next version; a save on top of an old one is refused
            var changed = Self.initiative
            changed["status"] = "submitted"
            changed["lines"] = [["type": "salaries", "amounts": ["2026": "-0.4"]]]
            let put = try await app.send(.put, "/api/v1/budget/initiatives/\(id)", json: changed, token: finance, headers: [.ifMatch: "\"v1\""])
            #expect(try put.status == .ok && put.json()["version"] as? Int == 2)
            #expect(try put.json()["total"] as? String == "-0.4" && put.json()["status"] as? String == "submitted")
            let stale = try await app.send(
                .put, "/api/v1/budget/initiatives/\(id)", json: Self.initiative, token: finance, headers: [.ifMatch: "\"v1\""])
            #expect(stale.status == .preconditionFailed)
            let versions = try await app.persistence.readEach { try await InitiativeRepository.versions(id: UUID(uuidString: id)!, on: $0) }
            #expect(versions.map(\.version) == [2, 1] && versions[0].changed == ["lines", "status"] && versions[0].savedBy == officer.name)
            // the list has it
            let list = try await app.send(.get, "/api/v1/budget/initiatives", token: finance)
            #expect((try list.json()["items"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test(arguments: [
        ("funds", #"{"funds": [{"fund": "health", "sharePercent": "90"}]}"#),
        ("funds", #"{"funds": [{"fund": "health", "sharePercent": "66.7"}, {"fund": "social", "sharePercent": "34.3"}]}"#),
        ("lines[0].amounts.2026", #"{"lines": [{"type": "salaries", "amounts": {"2026": "1.25"}}]}"#),
        ("lines[0].amounts.2031", #"{"lines": [{"type": "salaries", "amounts": {"2031": "1.2"}}]}"#),
        ("fte.2027", #"{"fte": {"2027": "-1"}}"#),
        ("priceLevel", #"{"priceLevel": "2026"}"#),
    ])
    func badInputIsRefusedNamingTheFieldAndNothingIsStored(field: String, change: String) async throws {
        try await TestApp.run { app in
            let finance = try await app.apiToken(for: try await app.createUser("oekonomi", roles: [.finance], unit: nil))
            let changed = try #require(try JSONSerialization.jsonObject(with: Data(change.utf8)) as? [String: Any])
            let body = Self.initiative.merging(changed) { _, new in new }
            let refused = try await app.send(.post, "/api/v1/budget/initiatives", json: body, token: finance)
            #expect(refused.status == .unprocessableContent)
            #expect(try Self.fields(refused) == [field], "\(refused.text)")
            #expect(try await app.persistence.readEach { try await InitiativeRepository.list(on: $0) }.isEmpty)
        }
    }

    @Test func aPriceLevelHasAnIndexAndAnInitiativeIsReprojected() async throws {
        try await TestApp.run { app in
            let finance = try await app.apiToken(for: try await app.createUser("oekonomi", roles: [.finance], unit: nil))
            let id = try #require(
                try await app.send(.post, "/api/v1/budget/initiatives", json: Self.initiative, token: finance).json()["id"] as? String)
            // a level without an index cannot be moved to
            let early = try await app.send(.post, "/api/v1/budget/initiatives/\(id)/reproject", json: ["toPriceLevel": "2027-pl"], token: finance)
            #expect(try early.status == .unprocessableContent && Self.fields(early) == ["toPriceLevel"])
            // finance enters the indices; an unknown level is refused
            for (level, index) in [("2026-pl", 100.0), ("2027-pl", 104.3)] {
                let put = try await app.send(.put, "/api/v1/budget/price-levels/\(level)", json: ["index": index], token: finance)
                #expect(put.status == .ok, "\(put.text)")
            }
            let set = try await app.send(.put, "/api/v1/budget/price-levels/2027-pl", json: ["index": 104.3], token: finance)
            #expect(try set.json()["index"] as? String == "104.3")
            let unknown = try await app.send(.put, "/api/v1/budget/price-levels/next-year", json: ["index": 104.3], token: finance)
            #expect(try unknown.status == .unprocessableContent && Self.fields(unknown) == ["name"])
            // when re-projected: each line × 104.3 / 100 rounded to one decimal, totals from the rounded lines
            let moved = try await app.send(.post, "/api/v1/budget/initiatives/\(id)/reproject", json: ["toPriceLevel": "2027-pl"], token: finance)
            #expect(moved.status == .ok, "\(moved.text)")
            let body = try moved.json()
            #expect(body["priceLevel"] as? String == "2027-pl" && body["version"] as? Int == 2)
            // 1.2 → 1.25 → 1.3; 0.4 → 0.42 → 0.4; 0.3 → 0.31 → 0.3; 0.2 → 0.21 → 0.2
            #expect(body["totalsByYear"] as? [String: String] == ["2026": "1.9", "2027": "1.6", "2028": "1.6", "2029": "1.6"])
            #expect(body["total"] as? String == "6.7")
            // an index typed ten times too high would carry a line past the form's limit: refused, nothing saved
            var large = Self.initiative
            large["lines"] = [["type": "salaries", "amounts": ["2026": "9000.0"]]]
            let big = try #require(try await app.send(.post, "/api/v1/budget/initiatives", json: large, token: finance).json()["id"] as? String)
            _ = try await app.send(.put, "/api/v1/budget/price-levels/2028-pl", json: ["index": 1043], token: finance)
            let tooFar = try await app.send(.post, "/api/v1/budget/initiatives/\(big)/reproject", json: ["toPriceLevel": "2028-pl"], token: finance)
            #expect(try tooFar.status == .unprocessableContent && Self.fields(tooFar) == ["toPriceLevel"])
            #expect(try await app.send(.get, "/api/v1/budget/initiatives/\(big)", token: finance).json()["version"] as? Int == 1)
            #expect(try await app.send(.get, "/api/v1/budget/initiatives", token: finance).status == .ok)
        }
    }

    @Test func amountsMayBeSentAsNumbersTextOrNullAndASubmittedInitiativeSaysWhereTheMoneyComesFrom() async throws {
        try await TestApp.run { app in
            let finance = try await app.apiToken(for: try await app.createUser("oekonomi", roles: [.finance], unit: nil))
            var mixed = Self.initiative
            mixed["lines"] = [["type": "salaries", "amounts": ["2026": 1.2, "2027": "1,2", "2028": NSNull()]]]
            let created = try await app.send(.post, "/api/v1/budget/initiatives", json: mixed, token: finance)
            #expect(created.status == .created, "\(created.text)")
            #expect(try created.json()["totalsByYear"] as? [String: String] == ["2026": "1.2", "2027": "1.2", "2028": "0.0", "2029": "0.0"])
            var unfinanced = Self.initiative
            unfinanced["funds"] = []
            unfinanced["status"] = "submitted"
            let refused = try await app.send(.post, "/api/v1/budget/initiatives", json: unfinanced, token: finance)
            #expect(try refused.status == .unprocessableContent && Self.fields(refused) == ["funds"])
            unfinanced["status"] = "draft"
            #expect(try await app.send(.post, "/api/v1/budget/initiatives", json: unfinanced, token: finance).status == .created)
        }
    }

    @Test func onlyFinanceWritesAdministratorsAndAuditorsReadClinciansSeeNothing() async throws {
        try await TestApp.run { app in
            let finance = try await app.apiToken(for: try await app.createUser("oekonomi", roles: [.finance], unit: nil))
            _ = try await app.send(.post, "/api/v1/budget/initiatives", json: Self.initiative, token: finance)
            for (name, role) in [("admin2", Role.administrator), ("revisor", .auditor)] {
                let token = try await app.apiToken(for: try await app.createUser(name, roles: [role], unit: nil))
                #expect(try await app.send(.get, "/api/v1/budget/initiatives", token: token).status == .ok)
                #expect(try await app.send(.post, "/api/v1/budget/initiatives", json: Self.initiative, token: token).status == .forbidden)
            }
            let clinician = try await app.apiToken(for: try await app.createUser("klinik", roles: [.clinician]))
            #expect(try await app.send(.get, "/api/v1/budget/initiatives", token: clinician).status == .forbidden)
            #expect(try await app.send(.get, "/api/v1/budget/allocations", token: clinician).status == .forbidden)
            let session = try await app.login("klinik")
            #expect(try await app.get("/budget", session).status == .forbidden)
        }
    }

    static var package: [String: Any] {
        [
            "name": "Palliationspakken 2025", "organisation": "Region Hovedstaden", "successor": "Region Østdanmark", "successorFrom": "2027-01-01",
            "decidedOn": "2024-09-19",
            "parts": [
                [
                    "code": "24-7", "name": "Rådgivning døgnet rundt", "activity": "advisoryLine",
                    "budgets": ["2025": ["salaries": "1450000", "otherOperations": "150000"], "2026": ["salaries": "1500000"]],
                    "fte": ["2025": "2.0"],
                ],
                [
                    "code": "PABU", "name": "Socialrådgivning", "activity": "paediatricSocialWork",
                    "budgets": ["2025": ["salaries": "800000"], "2026": ["salaries": "800000"]],
                ],
                [
                    "code": "ARB", "name": "Arbejdsgruppe", "activity": "workingGroup",
                    "budgets": ["2025": ["otherOperations": "200000"], "2026": ["otherOperations": "200000"]],
                ],
            ],
        ]
    }

    @Test func anAllocationTakesActualsAndIsFollowedUpBesideItsActivity() async throws {
        try await TestApp.run { app in
            let finance = try await app.apiToken(for: try await app.createUser("oekonomi", roles: [.finance], unit: nil))
            let created = try await app.send(.post, "/api/v1/budget/allocations", json: Self.package, token: finance)
            #expect(created.status == .created, "\(created.text)")
            #expect(try created.json()["budgetByYear"] as? [String: String] == ["2025": "2600000", "2026": "2500000"])
            let id = try #require(try created.json()["id"] as? String)
            // a year of the finance system's export
            var csv = "month;part;costType;amount\n"
            for month in 1...12 {
                csv += String(format: "2025-%02d;24-7;salaries;120000,50\n2025-%02d;PABU;salaries;66666,67\n", month, month)
            }
            let imported = try await app.client.execute(
                uri: "/api/v1/budget/allocations/\(id)/actuals", method: .post,
                headers: [.authorization: "Bearer \(finance)", .contentType: "text/csv"],
                body: ByteBuffer(string: csv))
            #expect(try imported.status == .ok && imported.json()["recorded"] as? Int == 24, "\(imported.text)")
            // a file with bad lines imports nothing and names each line
            let bad = "month,part,costType,amount\n2026-01,24-7,salaries,1\n2026-01,XX,salaries,1\n2026-02,24-7,wages,1.001\n"
            let refused = try await app.client.execute(
                uri: "/api/v1/budget/allocations/\(id)/actuals", method: .post,
                headers: [.authorization: "Bearer \(finance)", .contentType: "text/csv"],
                body: ByteBuffer(string: bad))
            #expect(refused.status == .unprocessableContent)
            let errors = try #require(try refused.json()["errors"] as? [[String: Any]])
            #expect(
                errors.compactMap { $0["line"] as? Int } == [3, 4, 4]
                    && errors.compactMap { $0["field"] as? String } == ["part", "costType", "amount"])
            // actuals as JSON, with the FTE filled
            let entered = try await app.send(
                .post, "/api/v1/budget/allocations/\(id)/actuals",
                json: [
                    "actuals": [["month": "2026-01", "part": "24-7", "costType": "salaries", "amount": "125000"]],
                    "fte": [["month": "2026-01", "part": "24-7", "fte": "1.8"]],
                ],
                token: finance)
            #expect(try entered.status == .ok && entered.json()["recorded"] as? Int == 1)
            // when 2025 is followed up
            let followUp = try await app.send(.get, "/api/v1/budget/allocations/\(id)/follow-up?year=2025", token: finance)
            #expect(followUp.status == .ok, "\(followUp.text)")
            let body = try followUp.json()
            // then the year's actuals, the expected year-end and the months are exact
            #expect(body["budget"] as? String == "2600000" && body["actualToDate"] as? String == "2240006.04")
            #expect(body["expectedYearEnd"] as? String == "2240006.04" && body["lastRecordedMonth"] as? String == "2025-12")
            let parts = try #require(body["parts"] as? [[String: Any]])
            let line = try #require(parts.first)
            #expect(line["actualToDate"] as? String == "1440006" && line["fteBudgeted"] as? String == "2.0")
            let months = try #require(line["months"] as? [[String: Any]])
            #expect(months[0]["budget"] as? String == "133333.33" && months[0]["actual"] as? String == "120000.50")
            // the advisory line's activity is measured (none in this database: zero contacts, no cost per contact)
            let indicators = try #require(line["indicators"] as? [[String: Any]])
            #expect(indicators.first?["indicator"] as? String == "advisory.contacts" && indicators.first?["status"] as? String == "measured")
            #expect(line["costPerUnitOf"] as? String == "advisory.contacts" && line["costPerUnit"] is NSNull)
            // the working group's indicators for the region: measured, and a month without referrals has no share, never 0 %
            let group = try #require(parts.last?["indicators"] as? [[String: Any]])
            #expect(group.map { $0["indicator"] as? String } == ["workingGroup.firstContactWithin10Days", "workingGroup.placeOfDeathConcordance"])
            #expect(group.first?["status"] as? String == "measured" && (group.first?["months"] as? [Any])?.allSatisfy { $0 is NSNull } == true)
            // a year outside the allocation's is refused
            #expect(try await app.send(.get, "/api/v1/budget/allocations/\(id)/follow-up?year=2031", token: finance).status == .unprocessableContent)
        }
    }
}
