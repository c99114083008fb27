import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// The working group's indicators through the API and the page: counted from referrals and
/// plans, grouped by municipality, with the patients behind them only for those who may see them.
@Suite struct IndicatorTests {
    /// Three referred patients in Copenhagen (101): one reached in 4 days who died at home as
    /// wished, one reached in 12 days, one who died waiting; and one in Frederiksberg (147)
    /// who declined (left out).
    static func seed(_ app: TestApp) async throws -> [UUID] {
        let db = app.persistence.outsideWriter
        let team = try #require(try await UnitRepository.find(code: "RH-PAL", on: db)).id
        let oncology = try #require(try await UnitRepository.find(code: "RH-ONK", on: db)).id
        let specs: [(cpr: String, municipality: String, status: ReferralStatus, reason: NotReachedReason?, first: String?, death: String?)] = [
            ("0101401234", "101", .firstContact, nil, "2026-03-06", "2026-04-01"),
            ("0202402345", "101", .firstContact, nil, "2026-03-14", nil),
            ("0303403456", "101", .received, nil, nil, "2026-03-05"),
            ("0404404567", "147", .notReached, .declined, nil, nil),
        ]
        var ids: [UUID] = []
        for spec in specs {
            let id = try await app.createPatientWithPlan(
                registeredBy: "RH-PAL", name: "Patient \(spec.cpr.prefix(4))", cpr: spec.cpr, municipalityCode: spec.municipality)
            try await app.persistence.write { tx in
                _ = try await ReferralRepository.create(
                    patientId: id,
                    ValidReferral(
                        receivedOn: LocalDate("2026-03-02")!, referringUnitId: oncology, receivingUnitId: team, diagnosisGroup: .cancer,
                        status: spec.status, notReachedReason: spec.reason, firstContactOn: spec.first.flatMap(LocalDate.init)), author: "Test",
                    on: tx)
                if let death = spec.death {
                    var plan = try #require(try await PlanRepository.find(patientId: id, on: tx))
                    plan.content.status = .ended
                    plan.content.endReason = .died
                    plan.content.dateOfDeath = LocalDate(death)
                    plan.content.placeOfDeath = .home
                    plan.content.preferredPlaceOfDeath = .home
                    _ = try await PlanRepository.update(
                        patientId: id, plan.content, basedOn: plan.version, author: PlanAuthor(userId: nil, name: "Test", unitId: team), on: tx)
                }
            }
            ids.append(id)
        }
        return ids
    }

    static func row(_ rows: [[String: Any]], _ indicator: String, _ group: String) -> [String: Any]? {
        rows.first { $0["indicator"] as? String == indicator && $0["group"] as? String == group }
    }

    @Test func theApiAnswersOneRowPerIndicatorAndGroup() async throws {
        try await TestApp.run { app in
            _ = try await Self.seed(app)
            let token = try await app.apiToken(for: try await app.createUser("agnete", roles: [.workingGroup], unit: nil))
            let response = try await app.get(
                "/api/v1/indicators?from=2026-03-01&to=2026-04-30&by=municipality", headers: [.authorization: "Bearer \(token)"])
            #expect(response.status == .ok, "\(response.text)")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [[String: Any]])
            // reached: two of three (the one who died waiting counts against; the one who declined is left out)
            let reached = try #require(Self.row(rows, "referralsReached", "101"))
            #expect(reached["numerator"] as? Int == 2 && reached["denominator"] as? Int == 3 && reached["standard"] as? Double == 80)
            #expect(reached["share"] as? Double == 66.7)
            #expect(Self.row(rows, "referralsReached", "147") == nil)
            // within 10 days: one of the two reached
            let tenDays = try #require(Self.row(rows, "firstContactWithin10Days", "101"))
            #expect(tenDays["numerator"] as? Int == 1 && tenDays["denominator"] as? Int == 2 && tenDays["standard"] as? Double == 90)
            // died at home as wished: both deaths
            let concordance = try #require(Self.row(rows, "placeOfDeathConcordance", "101"))
            #expect(concordance["numerator"] as? Int == 2 && concordance["denominator"] as? Int == 2)
            // deaths with specialised contact: the one reached before death
            let deaths = try #require(Self.row(rows, "deathsWithSpecialisedContact", "101"))
            #expect(deaths["numerator"] as? Int == 1 && deaths["denominator"] as? Int == 2)
            // a bad grouping is named
            let bad = try await app.get("/api/v1/indicators?by=region", headers: [.authorization: "Bearer \(token)"])
            #expect(bad.status == .unprocessableContent)
        }
    }

    @Test func theDrillDownShowsOnlyPatientsTheUserMayReadAndTheRestAsACount() async throws {
        try await TestApp.run { app in
            _ = try await Self.seed(app)
            try await app.createUser("karen", roles: [.clinician], unit: "RH-PAL")
            try await app.createUser("agnete", roles: [.workingGroup], unit: nil)
            let query = "from=2026-03-01&to=2026-04-30&by=municipality&group=101"
            // the team's nurse sees the three patients by name
            let nurse = try await app.login("karen")
            let page = try await app.get("/indicators/referralsReached/patients?\(query)", nurse)
            #expect(page.status == .ok)
            #expect(page.text.contains("Patient 0101") && page.text.contains("Patient 0303") && !page.text.contains("Patient 0404"))
            // the working group's chair sees counts only
            let chair = try await app.login("agnete")
            let counts = try await app.get("/indicators/referralsReached/patients?\(query)", chair)
            #expect(counts.status == .ok && !counts.text.contains("Patient 0101") && counts.text.contains("3"))
            // and each patient the nurse saw has an entry in their access log
            let entries = try await app.persistence.read { tx in
                try await tx.sql.raw("SELECT COUNT(*) AS n FROM audit_entries WHERE action = 'indicator.patients' AND patient_id IS NOT NULL")
                    .first()?.decode(column: "n", as: Int.self)
            }
            #expect(entries == 3)
            // and each drill-down has its own entry with the counts, the chair's too
            let lists = try await app.persistence.read { tx in
                try await tx.sql.raw("SELECT purpose FROM audit_entries WHERE action = 'indicator.patients' AND patient_id IS NULL ORDER BY seq")
                    .all().map { try $0.decode(column: "purpose", as: String.self) }
            }
            #expect(lists == ["3 shown, 0 not", "0 shown, 3 not"])
            // the page itself shows the 10-day share against its standard, and a CSV
            let indicators = try await app.get("/indicators?\(query)&indicator=firstContactWithin10Days", chair)
            #expect(indicators.status == .ok && indicators.text.contains("50,0 %") && indicators.text.contains("90,0 %"))
            let csv = try await app.get("/indicators.csv?\(query)&lang=en", chair)
            #expect(csv.text.contains("firstContactWithin10Days,101,1,2,50"))
        }
    }

    @Test func aSocialWorkerMayNotSeeTheIndicators() async throws {
        try await TestApp.run { app in
            try await app.createUser("sofie", roles: [.socialWorker], unit: "PABU")
            let session = try await app.login("sofie")
            #expect(try await app.get("/indicators", session).status == .forbidden)
        }
    }
}
