import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// `POST /api/v1/learning/staff/import`: the HR system's CSV, re-imported without duplicates,
/// refused whole with every bad line named.
@Suite struct StaffImportTests {
    func upload(_ app: TestApp, _ csv: String, token: String, contentType: String = "text/csv; charset=utf-8") async throws -> TestResponse {
        try await app.client.execute(
            uri: "/api/v1/learning/staff/import", method: .post,
            headers: [.authorization: "Bearer \(token)", .contentType: contentType], body: ByteBuffer(string: csv))
    }

    @Test func aReimportUpdatesAndABadFileImportsNothing() async throws {
        try await TestApp.run { app in
            let educator = try await app.apiToken(for: try await app.createUser("underviser", roles: [.educator], unit: nil))
            let header = "employeeNumber,name,unitCode,profession,startDate\n"
            let first = try await upload(
                app, header + "1001,Mette Hansen,HJ-101,nurse,2019-08-01\n1002,Ib Jensen,RH-PAL,doctor,2021-02-15\n", token: educator)
            #expect(first.status == .ok)
            #expect(try first.json()["created"] as? Int == 2)
            // the next export: Mette moved to RH-PAL, a new helper started
            let second = try await upload(
                app, header + "1001,Mette Hansen,RH-PAL,nurse,2019-08-01\n1003,Eva Ek,HJ-101,socialAndHealthCareHelper,2026-11-01\n", token: educator)
            // Ib is no longer in the export: he left
            #expect(try second.json()["created"] as? Int == 1 && second.json()["updated"] as? Int == 1 && second.json()["removed"] as? Int == 1)
            #expect(try await app.persistence.read { try await StaffRegisterRepository.count(on: $0) } == 2)
            // a file with bad lines: 422 naming them, nothing stored
            let bad = try await upload(app, header + "1004,Ny,HJ-101,nurse,2026-01-01\n1005,,XX,pilot,i går\n", token: educator)
            #expect(bad.status == .unprocessableContent)
            let errors = try bad.json()["errors"] as? [[String: Any]] ?? []
            #expect(errors.compactMap { $0["line"] as? Int } == [3, 3, 3, 3])
            #expect(errors.compactMap { $0["field"] as? String } == ["name", "unitCode", "profession", "startDate"])
            #expect(try await app.persistence.read { try await StaffRegisterRepository.count(on: $0) } == 2)
            // an export saved as Latin-1 ("ANSI") is refused, not stored with its æ, ø and å lost
            var latin1 = ByteBuffer(string: header + "1006,S")
            latin1.writeBytes([0xF8])  // "ø" in Latin-1
            latin1.writeString("ren,HJ-101,nurse,2026-01-01\n")
            let ansi = try await app.client.execute(
                uri: "/api/v1/learning/staff/import", method: .post, headers: [.authorization: "Bearer \(educator)", .contentType: "text/csv"],
                body: latin1)
            #expect(ansi.status == .unprocessableContent)
            // only CSV, and only for educators and administrators
            #expect(try await upload(app, header, token: educator, contentType: "application/json").status == .unsupportedMediaType)
            let nurse = try await app.apiToken(for: try await app.createUser("sygeplejerske", roles: [.clinician], unit: "HJ-101"))
            #expect(try await upload(app, header, token: nurse).status == .forbidden)
        }
    }
}
