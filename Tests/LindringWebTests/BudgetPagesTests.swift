import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// The budget in the browser: the initiative form (a split of 90 % is refused with what was typed
/// kept), the print view in the region's layout, the comparison, an allocation entered on its form
/// and a year of actuals imported from the finance system's CSV.
@Suite struct BudgetPagesTests {
    /// The form as a finance officer fills it in: the grid by column position, Danish decimal commas.
    static var form: [String: String] {
        [
            "title": "Opruste uddannelsen af læger og sygeplejersker i palliation", "proposedBy": "Administrationen",
            "purpose": "Flere med basal palliation.", "priceLevel": "2026-pl", "firstYear": "2026", "status": "draft",
            "lines[y0][0]": "1,2", "lines[y1][0]": "1,2", "lines[y2][0]": "1,2", "lines[y3][0]": "1,2",
            "lines[y0][1]": "0,4", "lines[y1][1]": "0,3", "lines[y2][1]": "0,3", "lines[y3][1]": "0,3", "lines[y0][2]": "0,2",
            "fte[y0]": "2", "funds[fund][0]": "health", "funds[sharePercent][0]": "90",
            "sdgs[goal][0]": "3", "sdgs[effect][0]": "positive", "sdgs[text][0]": "Sundhed",
        ]
    }

    @Test func aFinanceOfficerEntersAnInitiativeAndCannotSaveASplitOfNinetyPercent() async throws {
        try await TestApp.run { app in
            _ = try await app.createUser("oekonomi", roles: [.finance], unit: nil)
            let session = try await app.login("oekonomi")
            // when the form is sent with the fund split at 90 %
            let refused = try await app.post("/budget/initiatives", session, form: Self.form)
            // then it comes back with the error at the split and everything typed, and nothing is stored
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("andelene skal give præcis 100 %") && refused.text.contains("Opruste uddannelsen af læger"))
            #expect(refused.text.contains(#"id="lines[0].amounts.2026" type="text" value="1,2""#))
            #expect(try await app.persistence.readEach { try await InitiativeRepository.list(on: $0) }.isEmpty)
            // when the split is made whole
            var form = Self.form
            form["funds[sharePercent][0]"] = "66,7"
            form["funds[fund][1]"] = "social"
            form["funds[sharePercent][1]"] = "33,3"
            let saved = try await app.post("/budget/initiatives", session, form: form)
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers[.location])
            // then its page shows the totals per year computed, in Danish numbers
            let page = try await app.get(location, session)
            #expect(page.text.contains(#"<td class="number" id="total-2026">1,8</td>"#) && page.text.contains(#"id="total-all">6,3</td>"#))
            // and the print view is the region's layout with the total in million kroner
            let id = String(location.split(separator: "/")[2].prefix { $0 != "?" })
            let print = try await app.get("/budget/initiatives/\(id)/print", session)
            #expect(print.status == .ok && print.text.contains("Region Hovedstaden · Budgetforslag") && print.text.contains("6,3 mio. kr."))
            // an edit on a version someone else has saved since is refused with what was typed kept
            var stale = form
            stale["baseVersion"] = "1"
            stale["title"] = "Første ændring"
            #expect(try await app.post("/budget/initiatives/\(id)/edit", session, form: stale).status == .seeOther)
            stale["title"] = "Anden ændring"
            let conflict = try await app.post("/budget/initiatives/\(id)/edit", session, form: stale)
            #expect(conflict.status == .conflict && conflict.text.contains("Anden ændring"))
            // two initiatives side by side
            let second = try await app.post("/budget/initiatives", session, form: form)
            let secondId = String(try #require(second.headers[.location]).split(separator: "/")[2].prefix { $0 != "?" })
            let compare = try await app.get("/budget/compare?id=\(id)&id=\(secondId)", session)
            #expect(compare.text.contains("Alle valgte") && compare.text.contains("12,6"))
        }
    }

    @Test func anAllocationIsEnteredAndAYearOfActualsImportedFromCSV() async throws {
        try await TestApp.run { app in
            _ = try await app.createUser("oekonomi", roles: [.finance], unit: nil)
            let session = try await app.login("oekonomi")
            // the palliation package: 2.6 million in 2025, 2.5 in 2026
            let form = [
                "name": "Palliationspakken 2025", "organisation": "Region Hovedstaden", "decidedOn": "2024-09-19", "firstYear": "2025",
                "parts[code][0]": "24-7", "parts[name][0]": "Rådgivning døgnet rundt", "parts[activity][0]": "advisoryLine",
                "parts[salaries.y0][0]": "1600000", "parts[salaries.y1][0]": "1500000", "parts[fte.y0][0]": "2",
                "parts[code][1]": "PABU", "parts[name][1]": "Socialrådgivning", "parts[activity][1]": "paediatricSocialWork",
                "parts[salaries.y0][1]": "1000000", "parts[salaries.y1][1]": "1000000.5",
            ]
            // øre in a budget is refused, naming the cell
            let refused = try await app.post("/budget/allocations", session, form: form)
            #expect(refused.status == .unprocessableContent && refused.text.contains(#"id="parts[1].budgets.2026.salaries""#))
            #expect(refused.text.contains("har for mange decimaler"))
            var fixed = form
            fixed["parts[salaries.y1][1]"] = "1000000"
            let created = try await app.post("/budget/allocations", session, form: fixed)
            #expect(created.status == .seeOther)
            let path = String(try #require(created.headers[.location]).prefix { $0 != "?" })
            // a file with a bad line is refused whole, naming the line
            let bad = try await app.post(
                "\(path)/import", session, form: ["csv": "month;part;costType;amount\n2025-01;24-7;salaries;1\n2025-02;XX;salaries;1\n"])
            #expect(bad.status == .unprocessableContent && bad.text.contains("Linje 3"))
            let allocationId = UUID(uuidString: String(path.split(separator: "/").last!))!
            #expect(try await app.persistence.readEach { try await AllocationRepository.actuals(allocationId: allocationId, on: $0) }.isEmpty)
            // a year of actuals
            var csv = "month;part;costType;amount\n"
            for month in 1...12 { csv += String(format: "2025-%02d;24-7;salaries;125000\n2025-%02d;PABU;salaries;80000,25\n", month, month) }
            let imported = try await app.post("\(path)/import", session, form: ["csv": csv])
            #expect(imported.status == .seeOther)
            let shown = try await app.get(try #require(imported.headers[.location]), session)
            #expect(shown.text.contains("24 linjer bogført"))
            // the year's follow-up: spent, expected, and the cost per advisory contact beside the line's activity
            let page = try await app.get("\(path)?year=2025", session)
            #expect(page.text.contains(#"id="actual-to-date">2.460.003 kr."#))
            #expect(page.text.contains("Henvendelser") && page.text.contains("Pris pr. enhed"))
        }
    }
}
