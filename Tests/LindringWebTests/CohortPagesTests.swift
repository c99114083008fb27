import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// Specialist-education cohorts in the browser's pages, without script: the offer page leads to
/// its cohorts, an educator starts one, adds nurses (a refused one re-rendered as typed, the field
/// named) and saves a nurse's row of statuses and supervisor with one button.
@Suite struct CohortPagesTests {
    @Test func anEducatorStartsACohortAddsANurseAndSavesHerRow() async throws {
        try await TestApp.run { app in
            let setup = try await CohortAPITests.setUp(app)
            let educator = try await app.login("underviser")
            // the offer page leads to the cohorts
            let offerPage = try await app.get("/learning/offers/\(setup.offerId)", educator)
            #expect(offerPage.text.contains("/learning/offers/\(setup.offerId)/cohorts"))
            let list = try await app.get("/learning/offers/\(setup.offerId)/cohorts", educator)
            #expect(list.status == .ok && list.text.contains("Hold 2026–2027") && list.text.contains("02.02.2026–01.08.2027"))
            // a refused cohort keeps what was typed
            let refused = try await app.post(
                "/learning/offers/\(setup.offerId)/cohorts", educator, form: ["name": "Hold 2028–2029", "startsOn": "2028-02-31"])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"value="Hold 2028–2029""#) && refused.text.contains(#"id="startsOn-error""#))
            let created = try await app.post(
                "/learning/offers/\(setup.offerId)/cohorts", educator, form: ["name": "Hold 2028–2029", "startsOn": "2028-02-07"])
            #expect(created.status == .seeOther)
            let cohortPath = try #require(created.headers[.location]?.split(separator: "?").first.map(String.init))
            // a doctor is refused as typed, the field named
            let doctor = try await app.post("\(cohortPath)/members", educator, form: ["employeeNumber": "2001", "supervisorName": "Birgitte Holm"])
            #expect(doctor.status == .unprocessableContent)
            #expect(doctor.text.contains(#"value="2001""#) && doctor.text.contains(#"value="Birgitte Holm""#))
            #expect(doctor.text.contains(#"id="employeeNumber-error""#) && doctor.text.contains("er ikke sygeplejerske ifølge personaleregistret"))
            let added = try await app.post("\(cohortPath)/members", educator, form: ["employeeNumber": "1002", "supervisorName": "Birgitte Holm"])
            #expect(added.status == .seeOther && added.headers[.location]?.hasSuffix("notice=added") == true)
            // the grid: stages as columns with their dates, the nurse as a row with a select per stage
            let grid = try await app.get(cohortPath, educator).text
            #expect(grid.contains("Bodil Berg") && grid.contains("Teori 1") && grid.contains("07.02.2028"))
            #expect(grid.components(separatedBy: "<select").count - 1 == 6)
            let form = try #require(
                grid.range(of: #"/learning/cohorts/[0-9A-Fa-f-]{36}/members/[0-9A-Fa-f-]{36}/progress"#, options: .regularExpression))
            let stageFields = grid.matches(of: /name="(stage-[0-9a-f-]{36})"/).map { String($0.1) }
            #expect(stageFields.count == 6)
            // when: the first stage is completed, the second in progress, and her supervisor's place given
            let saved = try await app.post(
                String(grid[form]), educator,
                pairs: [(stageFields[0], "completed"), (stageFields[1], "inProgress")] + stageFields.dropFirst(2).map { ($0, "notStarted") }
                    + [("supervisorName", "Birgitte Holm"), ("supervisorPlace", "Herlev Hospital")])
            #expect(saved.status == .seeOther && saved.headers[.location]?.hasSuffix("notice=saved") == true)
            // then
            let after = try await app.get(cohortPath, educator).text
            #expect(after.contains(#"value="completed" selected"#) && after.contains(#"value="inProgress" selected"#))
            #expect(after.contains(#"value="Herlev Hospital""#))
            // a bad status is refused with the row as typed
            let bad = try await app.post(String(grid[form]), educator, pairs: [(stageFields[0], "done"), ("supervisorName", "Birgitte Holm")])
            #expect(bad.status == .unprocessableContent && bad.text.contains("Status: er ikke et gyldigt valg"))
        }
    }

    @Test func aFullCohortSaysSoInsteadOfOfferingTheForm() async throws {
        try await TestApp.run { app in
            let setup = try await CohortAPITests.setUp(app)
            let unit = try #require(try await UnitRepository.find(code: "HJ-101", on: app.persistence.outsideWriter))
            let nurses = (1...25).map {
                StaffMember(
                    employeeNumber: "N\($0)", name: "Sygeplejerske \($0)", unitCode: "HJ-101", profession: .nurse, startDate: LocalDate("2020-01-01")!
                )
            }
            let cohortId = try #require(UUID(uuidString: setup.cohortId))
            try await app.persistence.write { tx in
                _ = try await StaffRegisterRepository.importMembers(nurses, unitIds: ["HJ-101": unit.id], on: tx)
                for nurse in nurses {
                    _ = try await CohortRepository.addMember(
                        cohortId: cohortId, employeeNumber: nurse.employeeNumber, supervisor: Supervisor(),
                        author: RecordAuthor(userId: UUID(), name: "U"),
                        on: tx)
                }
            }
            let educator = try await app.login("underviser")
            let page = try await app.get("/learning/cohorts/\(setup.cohortId)", educator)
            #expect(
                page.text.contains("25 af 25 sygeplejersker") && page.text.contains("Holdet er fuldt") && !page.text.contains(#"id="employeeNumber""#)
            )
            let refused = try await app.post("/learning/cohorts/\(setup.cohortId)/members", educator, form: ["employeeNumber": "N1"])
            #expect(refused.status == .unprocessableContent)
        }
    }
}
