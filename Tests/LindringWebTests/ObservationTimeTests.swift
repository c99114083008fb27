import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import NIOCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// When a screening or a SPICT-DK checklist was taken (issue 17, item 9): an instant that does
/// not exist, or one before the patient was born, is refused naming `at`, and nothing is stored.
@Suite struct ObservationTimeTests {
    static let bodies = [
        "assessments": #"{"instrument":"ipos","respondent":"staff","at":"AT","answers":{"pain":1}}"#,
        "spict": #"{"wouldBeSurprised":true,"conclusion":"noPalliativeNeeds","actions":["none"],"at":"AT"}"#,
    ]

    @Test(arguments: ["assessments", "spict"])
    func anObservationBeforeBirthOrAtAnInstantThatDoesNotExistIsRefusedNamingAt(kind: String) async throws {
        try await TestApp.run { app in
            // given: a patient born on 1 January 1940, and a nurse on the care team
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", cpr: "0101401234")
            let token = try await app.apiToken(for: try await app.createUser("karen", roles: [.clinician], unit: "RH-PAL"))
            func post(at: String) async throws -> TestResponse {
                try await app.client.execute(
                    uri: "/api/v1/patients/\(patient)/\(kind)", method: .post,
                    headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                    body: ByteBuffer(string: try #require(Self.bodies[kind]).replacingOccurrences(of: "AT", with: at)))
            }
            // when
            var refusals: [String: (HTTPResponse.Status, [String])] = [:]
            for at in ["1939-12-31T12:00:00Z", "0001-06-01T12:00:00Z", "-0001-06-01T12:00:00Z", "2026-02-30T12:00:00Z", "2026-11-23T12:00:00+99:00"] {
                let response = try await post(at: at)
                let errors = (try? response.json()["errors"] as? [[String: Any]]) ?? []
                refusals[at] = (response.status, errors.compactMap { $0["field"] as? String })
            }
            let onTheBirthday = try await post(at: "1940-01-01T12:00:00+01:00")
            // then
            for (at, refusal) in refusals {
                #expect(refusal.0 == .unprocessableContent && refusal.1 == ["at"], "\(kind) at \(at): \(refusal)")
            }
            #expect(onTheBirthday.status == .created)
            let stored =
                kind == "spict"
                ? try await SPICTRepository.list(patientId: patient, on: app.persistence.snapshot).count
                : try await AssessmentRepository.list(patientId: patient, on: app.persistence.snapshot).count
            #expect(stored == 1)
        }
    }
}
