import Foundation
import LindringCore
import Testing

@testable import LindringStore
@testable import LindringWeb

@Suite struct AuditSearchTests {
    @Test func theAuditorFindsAPatientByCPRNumberSentInTheFormAndSeesWhoDidWhatInWords() async throws {
        try await TestApp.run { app in
            // given a nurse of the registering unit opened the patient's record
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL")
            try await app.createUser("karen", roles: [.clinician], unit: "RH-PAL")
            try await app.createUser("rita", roles: [.auditor], unit: nil)
            let karen = try await app.login("karen")
            _ = try await app.get("/patients/\(patient)", karen)
            let auditor = try await app.login("rita")
            // when
            let found = try await app.post("/audit", auditor, form: ["patient": "010140-1234"])
            // then
            #expect(found.status == .ok)
            #expect(found.text.contains("Åbnede patientens journal"))
            #expect(found.text.contains("Test karen"), "the user's full name")
            #expect(found.text.contains("Palliativt"), "the user's unit")
            #expect(found.text.contains("Patientens registrerende enhed"))
            #expect(found.text.contains("Åse Prøvesen"))
            #expect(!found.text.contains(">patient.read<"), "no developer code as the action")
            #expect(!found.text.contains("patient=010140"), "no link carries the CPR number")
            let searches = try await AuditLog.search(AuditFilter(username: "rita", action: "audit.search"), limit: 5, on: app.persistence.snapshot)
            #expect(searches.first?.record.patientId == patient, "the search is in the patient's access log")
            #expect(searches.first?.record.purpose == "patients=1", "never the CPR number")
        }
    }

    @Test func aCPRNumberInTheAuditSearchsAddressIsRefused() async throws {
        try await TestApp.run { app in
            // given
            try await app.createPatientWithPlan(registeredBy: "RH-PAL")
            try await app.createUser("rita", roles: [.auditor], unit: nil)
            let auditor = try await app.login("rita")
            // when
            let refused = try await app.get("/audit?patient=0101401234", auditor)
            // then
            #expect(refused.status == .unprocessableContent)
            #expect(!refused.text.contains("0101401234"))
            #expect(!refused.text.contains("Åse Prøvesen"))
        }
    }

    @Test func theAuditorFindsPatientsByNameAndEachFoundPatientsLogShowsTheSearch() async throws {
        try await TestApp.run { app in
            // given two patients share a surname, a third does not
            let first = try await app.createPatientWithPlan(registeredBy: "RH-PAL", name: "Åse Prøvesen", cpr: "0101401234")
            let second = try await app.createPatientWithPlan(registeredBy: "RH-PAL", name: "Bent Prøvesen", cpr: "0202402345")
            let other = try await app.createPatientWithPlan(registeredBy: "RH-PAL", name: "Carl Andersen", cpr: "0303403456")
            try await app.createUser("karen", roles: [.clinician], unit: "RH-PAL")
            try await app.createUser("rita", roles: [.auditor], unit: nil)
            let karen = try await app.login("karen")
            for id in [first, second, other] { _ = try await app.get("/patients/\(id)", karen) }
            let auditor = try await app.login("rita")
            // when
            let found = try await app.post("/audit", auditor, form: ["patient": "prøvesen", "action": "patient.read"])
            // then
            #expect(found.status == .ok)
            #expect(found.text.contains("Åse Prøvesen") && found.text.contains("Bent Prøvesen"))
            #expect(!found.text.contains("Carl Andersen"))
            let shown = try await AuditLog.search(AuditFilter(username: "rita", action: "audit.search"), limit: 10, on: app.persistence.snapshot)
            #expect(Set(shown.compactMap(\.record.patientId)) == [first, second])
            #expect(!shown.contains { ($0.record.purpose ?? "").lowercased().contains("prøvesen") }, "never the name typed")
        }
    }

    @Test func everyActionTheCodeWritesHasWordsInBothLanguages() throws {
        // given every action string written in the sources
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        let pattern = try Regex(#"(?:auditRecord|shownRecords|commandLineRecord)\("([a-zA-Z.]+)"|action: "([a-zA-Z]+\.[a-zA-Z.]+)""#)
        var actions: Set<String> = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        for case let file as URL in files where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: pattern) {
                if let name = (match.output[1].substring ?? match.output[2].substring) { actions.insert(String(name)) }
            }
        }
        actions.formUnion(FollowUpStatus.allCases.map { "followup.\($0.rawValue)" })
        #expect(actions.count > 30)
        // when / then
        for action in actions.sorted() {
            #expect(AuditWording.knownActions.contains(action), "\(action) is missing from AuditWording.knownActions")
            for language in Language.allCases {
                #expect(AuditWording.action(Localizer(language), action) != action, "\(action) has no words in \(language)")
            }
        }
    }

    static let purposes: [(stored: String?, danish: String)] = [
        (nil, "–"),
        ("careTeam", "Patientens behandlerteam"),
        ("advisoryLine: inbox", "Rådgivningslinjen (patienten har givet samtykke): indbakken"),
        ("breakTheGlass: Akut tilkaldt om natten", "Nødadgang: Akut tilkaldt om natten"),
        ("0 hits", "Ingen resultater"),
        ("1 hits", "1 resultat"),
        ("12 hits", "12 resultater"),
        ("contact:6F1C2E0A-0000-4000-8000-000000000001: 3 hits", "Rådgivningskontakt 6f1c2e0a: 3 resultater"),
        (
            "advisoryLine: contact:6F1C2E0A-0000-4000-8000-000000000001",
            "Rådgivningslinjen (patienten har givet samtykke): rådgivningskontakt 6f1c2e0a"
        ),
        ("contact:6F1C2E0A-0000-4000-8000-000000000001", "Rådgivningskontakt 6f1c2e0a"),
        ("username=karen", "Søgning: brugeren karen"),
        ("patients=2 username=karen", "Søgning: patient efter CPR-nummer eller navn (2 fundet), brugeren karen"),
        ("needsFollowUp", "Skal følges op"),
        ("something new", "something new"),
    ]

    @Test(arguments: purposes.indices) func aPurposeIsShownInWordsOrAsItIs(_ index: Int) {
        // given
        let row = Self.purposes[index]
        // when
        let text = AuditWording.purpose(Localizer(.danish), row.stored)
        // then
        #expect(text == row.danish)
    }
}
