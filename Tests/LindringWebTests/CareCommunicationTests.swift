import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// MedCom CareCommunication: an administrator gives units their SOR code and EAN number, a nurse
/// composes a message to the patient's GP from the plan, the Bundle passes the local checks and
/// is served as FHIR JSON; an operator records it sent; a reply repeats the earlier segment.
@Suite struct CareCommunicationTests {
    /// Gives a unit its messaging codes through the API, as an administrator does.
    static func address(_ app: TestApp, _ code: String, sor: String, ean: String, phone: String? = nil, admin: String) async throws -> String {
        let unit = try #require(try await UnitRepository.find(code: code, on: app.persistence.outsideWriter))
        let got = try await app.send(.get, "/api/v1/units/\(unit.id)", token: admin)
        var body = try got.json()
        body["sorCode"] = sor
        body["eanCode"] = ean
        if let phone { body["dayPhone"] = phone }
        let put = try await app.send(.put, "/api/v1/units/\(unit.id)", json: body, token: admin, headers: [.ifMatch: got.headers[.eTag] ?? "*"])
        #expect(put.status == .ok, "\(put.text)")
        #expect(try put.json()["eanCode"] as? String == ean)
        return unit.id.uuidString
    }

    /// An administrator (whose token is returned) gives the palliative team everything a sender
    /// needs and the home-care unit its codes (whose id is returned).
    static func codedSenderAndHomeCare(_ app: TestApp) async throws -> (admin: String, homeCare: String) {
        let admin = try await app.apiToken(for: try await app.createUser("anne", roles: [.administrator], unit: "REGION-H"))
        _ = try await address(app, "RH-PAL", sor: "123456789012345", ean: "5790000123456", phone: "35 45 35 45", admin: admin)
        return (admin, try await address(app, "HJ-101", sor: "987654321", ean: "5790000654321", admin: admin))
    }

    @Test func aNurseSendsACareCommunicationToTheGP() async throws {
        try await TestApp.run { app in
            // given units with their codes, a patient of the team and a nurse
            let (admin, homeCare) = try await Self.codedSenderAndHomeCare(app)
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL")
            let nurse = try await app.apiToken(for: try await app.createUser("karen", roles: [.clinician], unit: "RH-PAL"))
            // when the nurse composes a message
            let text = "Morfin 5 mg s.c. efter behov. Ring til os ved <uro> & smerter."
            let created = try await app.send(
                .post, "/api/v1/patients/\(patient)/care-communications", json: ["receiverUnitId": homeCare, "text": text], token: nurse)
            // then it is in the outbox, ready, and its Bundle passes every local check
            #expect(created.status == .created, "\(created.text)")
            let body = try created.json()
            let id = try #require(body["id"] as? String)
            #expect(body["status"] as? String == "ready" && (body["problems"] as? [String]) == [])
            let bundle = try await app.send(.get, "/api/v1/outbox/\(id)/bundle", token: nurse)
            #expect(bundle.status == .ok && bundle.headers[.contentType]?.hasPrefix("application/fhir+json") == true)
            #expect(CareCommunicationCheck.problems(in: Data(bundle.text.utf8)).isEmpty)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(bundle.text.utf8)) as? [String: Any])
            #expect(json["type"] as? String == "message")
            #expect(bundle.text.contains("urn:oid:1.2.208.176.1.2") && bundle.text.contains("0101401234") && bundle.text.contains("new-message"))
            // an operator records it sent; it cannot be sent twice
            let operatorToken = admin
            let sent = try await app.send(.post, "/api/v1/outbox/\(id)/status", json: ["status": "sent"], token: operatorToken)
            #expect(try sent.status == .ok && sent.json()["status"] as? String == "sent")
            let again = try await app.send(.post, "/api/v1/outbox/\(id)/status", json: ["status": "sent"], token: operatorToken)
            #expect(again.status == .conflict)
            // the operator sees no patient content: the Bundle is refused
            #expect(try await app.send(.get, "/api/v1/outbox/\(id)/bundle", token: operatorToken).status == .forbidden)
            // a reply repeats the earlier segment, with activity reply-message
            let reply = try await app.send(.post, "/api/v1/outbox/\(id)/replies", json: ["text": "Tak, vi kommer i aften."], token: nurse)
            #expect(reply.status == .created, "\(reply.text)")
            let replyId = try #require(try reply.json()["id"] as? String)
            let replyBundle = try await app.send(.get, "/api/v1/outbox/\(replyId)/bundle", token: nurse)
            #expect(CareCommunicationCheck.problems(in: Data(replyBundle.text.utf8)).isEmpty)
            #expect(replyBundle.text.contains("reply-message") && replyBundle.text.contains("Morfin 5 mg"))
            // the conversation keeps its Communication identifier
            #expect(
                CareCommunicationBundle.communicationIdentifier(in: Data(replyBundle.text.utf8)) != nil
                    && CareCommunicationBundle.communicationIdentifier(in: Data(replyBundle.text.utf8))
                        == CareCommunicationBundle.communicationIdentifier(in: Data(bundle.text.utf8))
            )
        }
    }

    @Test func aReceiverWithoutCodesIsRefusedNamingTheUnitAndNothingIsStored() async throws {
        try await TestApp.run { app in
            let admin = try await app.apiToken(for: try await app.createUser("anne", roles: [.administrator], unit: "REGION-H"))
            _ = try await Self.address(app, "RH-PAL", sor: "123456789012345", ean: "5790000123456", admin: admin)
            let gp = try #require(try await UnitRepository.find(code: "HJ-147", on: app.persistence.outsideWriter))
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL")
            let nurse = try await app.apiToken(for: try await app.createUser("karen", roles: [.clinician], unit: "RH-PAL"))
            let response = try await app.send(
                .post, "/api/v1/patients/\(patient)/care-communications", json: ["receiverUnitId": gp.id.uuidString, "text": "Hej"],
                token: nurse)
            #expect(response.status == .unprocessableContent)
            let problem = try response.json()
            #expect((problem["detail"] as? String)?.contains(gp.name) == true)
            #expect((problem["errors"] as? [[String: Any]])?.first?["field"] as? String == "receiverUnitId")
            let stored = try await app.persistence.readEach { try await OutboxRepository.forPatient(patient, on: $0) }
            #expect(stored.isEmpty)
            // a bad EAN is refused by the unit register
            let got = try await app.send(.get, "/api/v1/units/\(gp.id)", token: admin)
            var body = try got.json()
            body["eanCode"] = "57900"
            let put = try await app.send(.put, "/api/v1/units/\(gp.id)", json: body, token: admin, headers: [.ifMatch: "*"])
            #expect(put.status == .unprocessableContent)
        }
    }

    @Test func theNurseComposesFromThePlanPageAndAnOperatorSeesOnlyTheEnvelope() async throws {
        try await TestApp.run { app in
            let (_, homeCare) = try await Self.codedSenderAndHomeCare(app)
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", careTeam: ["HJ-101"])
            try await app.createUser("karen", roles: [.clinician], unit: "RH-PAL")
            let nurse = try await app.login("karen")
            // the plan page offers the message, and the form puts the care team's home care first
            let plan = try await app.get("/patients/\(patient)", nurse)
            #expect(plan.text.contains("/patients/\(patient)/care-communications/new"))
            let form = try await app.get("/patients/\(patient)/care-communications/new", nurse)
            #expect(form.status == .ok && form.text.contains("<option value=\"\(homeCare)\" selected"))
            // an empty text is refused, the receiver kept
            let refused = try await app.post(
                "/patients/\(patient)/care-communications/new", nurse, form: ["receiverUnitId": homeCare, "status": "ready"])
            #expect(refused.status == .unprocessableContent && refused.text.contains("id=\"text-error\""))
            let saved = try await app.post(
                "/patients/\(patient)/care-communications/new", nurse, form: ["receiverUnitId": homeCare, "text": "Se planen", "status": "ready"])
            let location = try #require(saved.headers[.location])
            let page = try await app.get(location, nurse)
            #expect(page.status == .ok && page.text.contains("Se planen") && page.text.contains("FHIR"))
            // an administrator (the operator) sees the envelope but neither patient nor text
            _ = try await app.createUser("olga", roles: [.administrator], unit: "REGION-H")
            let operatorSession = try await app.login("olga")
            let envelope = try await app.get(location.components(separatedBy: "?").first!, operatorSession)
            #expect(envelope.status == .ok && !envelope.text.contains("Se planen") && !envelope.text.contains("Åse"))
            #expect(envelope.text.contains("value=\"sent\""))
        }
    }

    @Test func aDraftIsReadiedByItsAuthorAndARoleWithoutClinicalAccessIsRefusedInTheLog() async throws {
        try await TestApp.run { app in
            let (_, homeCare) = try await Self.codedSenderAndHomeCare(app)
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL")
            try await app.createUser("karen", roles: [.clinician], unit: "RH-PAL")
            let nurse = try await app.login("karen")
            let saved = try await app.post(
                "/patients/\(patient)/care-communications/new", nurse, form: ["receiverUnitId": homeCare, "text": "Kladde", "status": "draft"])
            let path = try #require(saved.headers[.location]?.components(separatedBy: "?").first)
            // the draft's page offers "ready", and the button readies it
            let page = try await app.get(path, nurse)
            #expect(page.text.contains("name=\"status\" value=\"ready\""))
            let readied = try await app.post(path + "/status", nurse, form: ["status": "ready"])
            #expect(readied.status == .seeOther || readied.status == .found)
            #expect(try await app.get(path, nurse).text.contains("Klar"))
            // finance may not open it, and the refusal is in the patient's access log
            try await app.createUser("ole", roles: [.finance], unit: "REGION-H")
            let finance = try await app.login("ole")
            #expect(try await app.get(path, finance).status == .forbidden)
            let denied = try await app.persistence.read { tx in
                try await tx.sql.raw(
                    "SELECT COUNT(*) AS n FROM audit_entries WHERE patient_id = \(bind: patient) AND outcome = 'denied' AND action = 'careCommunication.read'"
                ).first()?.decode(column: "n", as: Int.self)
            }
            #expect(denied == 1)
        }
    }
}
