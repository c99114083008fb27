import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// The home page says what is the user's today, by role, and says plainly what Lindring does not
/// yet cover (issue 18, items 11 and 14).
@Suite struct HomeWorkTests {
    @Test func aClinicianSeesHerUnitsInboxAndWhoIsOnCall() async throws {
        try await TestApp.run { app in
            // given: a plan change for home care
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", careTeam: ["HJ-101"])
            try await app.createUser("pal", roles: [.clinician], unit: "RH-PAL")
            try await app.createUser("hjem", roles: [.clinician], unit: "HJ-101")
            _ = try await app.post(
                "/patients/\(patient)/plan/edit", try await app.login("pal"),
                form: [
                    "careTeam[role][0]": "keyWorker",
                    "careTeam[unitId][0]": try #require(try await UnitRepository.find(code: "RH-PAL", on: app.persistence.snapshot)).id.uuidString,
                    "careTeam[role][1]": "homeCare",
                    "careTeam[unitId][1]": try #require(try await UnitRepository.find(code: "HJ-101", on: app.persistence.snapshot)).id.uuidString,
                    "whatMattersMost": "Haven", "baseVersion": "1",
                ])
            // when
            let home = try await app.get("/", try await app.login("hjem"))
            // then
            #expect(home.text.contains("2 ulæste ændringer og åbne opfølgninger til jeres enhed"), "the first version and the change")
            #expect(home.text.contains("class=\"on-duty\""), "who is on call on the advisory line")
            #expect(home.text.contains("href=\"/inbox\""))
        }
    }

    @Test(arguments: [
        (Role.socialWorker, "frister at følge op på i dine familier"), (.educator, "planlæg hold og se tilmeldinger"),
        (.finance, "Budgetinitiativer på regionens skema, bevillingerne og forbruget"),
    ])
    func aRoleIsToldWhatItsModuleHasOrThatItIsComing(role: Role, text: String) async throws {
        try await TestApp.run { app in
            // given
            try await app.createUser("bruger", roles: [role], unit: "PABU")
            // when
            let home = try await app.get("/", try await app.login("bruger"))
            // then
            #expect(home.status == .ok)
            #expect(home.text.contains(text))
            #expect(!home.text.contains("class=\"on-duty\""), "no patient work, no advisory rota")
        }
    }
}
