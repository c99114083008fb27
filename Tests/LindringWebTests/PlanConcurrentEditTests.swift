import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import NIOCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// Two people change one plan at the same time (issue 18, item 1): home care changes its night
/// phone in the care team while the hospital nurse changes only what matters most. Neither change
/// may be lost, and a field the nurse did not touch never counts as hers.
@Suite struct PlanConcurrentEditTests {
    static let newNightPhone = "33 66 00 01"

    /// The edit form's fields as the browser would send them back: every input, selected option and
    /// text area, blanks included.
    static func formFields(_ html: String) -> [(String, String)] {
        var fields: [(String, String)] = []
        func attribute(_ name: String, in tag: Substring) -> String? {
            guard let range = tag.range(of: " \(name)=\"") else { return nil }
            return String(tag[range.upperBound...].prefix { $0 != "\"" })
        }
        func unescape(_ text: String) -> String {
            text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(
                of: "&gt;", with: ">"
            )
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
        }
        let form = html[html.range(of: "<form method=\"post\"")!.lowerBound...]
        var rest = form[...]
        while let open = rest.range(of: "<") {
            let tag = rest[open.lowerBound...].prefix { $0 != ">" }
            rest = rest[tag.endIndex...]
            if tag.hasPrefix("<input"), let name = attribute("name", in: tag) {
                let type = attribute("type", in: tag) ?? "text"
                if type == "checkbox" || type == "radio", !tag.contains(" checked") { continue }
                if type == "submit" { continue }
                fields.append((name, unescape(attribute("value", in: tag) ?? "")))
            } else if tag.hasPrefix("<select"), let name = attribute("name", in: tag) {
                let body = rest[..<rest.range(of: "</select>")!.lowerBound]
                var selected = ""
                var options = body[...]
                while let option = options.range(of: "<option") {
                    let optionTag = options[option.lowerBound...].prefix { $0 != ">" }
                    if optionTag.contains(" selected") { selected = attribute("value", in: optionTag) ?? "" }
                    options = options[optionTag.endIndex...]
                }
                fields.append((name, unescape(selected)))
            } else if tag.hasPrefix("<textarea"), let name = attribute("name", in: tag) {
                let body = rest.dropFirst()[..<rest.range(of: "</textarea>")!.lowerBound]
                fields.append((name, unescape(String(body))))
            } else if tag.hasPrefix("</form") {
                break
            }
        }
        return fields
    }

    static func setting(_ fields: [(String, String)], _ name: String, to value: String) -> [(String, String)] {
        fields.contains { $0.0 == name } ? fields.map { $0.0 == name ? (name, value) : $0 } : fields + [(name, value)]
    }

    @Test func aCareTeamPhoneAndAnotherFieldChangedAtOnceBothSurviveInTheBrowser() async throws {
        try await TestApp.run { app in
            // given: both open the plan (version 1)
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", careTeam: ["HJ-101"])
            try await app.createUser("hjem", roles: [.clinician], unit: "HJ-101")
            try await app.createUser("pal", roles: [.clinician], unit: "RH-PAL")
            let homeCare = try await app.login("hjem"), hospital = try await app.login("pal")
            let homeCareForm = Self.formFields(try await app.get("/patients/\(patient)/plan/edit", homeCare).text)
            let hospitalForm = Self.formFields(try await app.get("/patients/\(patient)/plan/edit", hospital).text)
            let homeCareRole = try #require(homeCareForm.first { $0.0.hasPrefix("careTeam[") && $0.1 == "homeCare" }?.0)
            let nightField = homeCareRole.replacingOccurrences(of: "[role]", with: "[outOfHoursPhone]")
            // when: home care saves its night phone, then the hospital saves what matters most
            let first = try await app.post(
                "/patients/\(patient)/plan/edit",
                pairs: Self.setting(
                    Self.setting(homeCareForm, nightField, to: Self.newNightPhone),
                    "csrf", to: homeCare.csrf), cookie: homeCare.cookie)
            let second = try await app.post(
                "/patients/\(patient)/plan/edit",
                pairs: Self.setting(
                    Self.setting(hospitalForm, "whatMattersMost", to: "At se havet igen"),
                    "csrf", to: hospital.csrf), cookie: hospital.cookie)
            // then: the hospital is shown the colleague's change, with no false "you both changed"
            #expect(first.status == .seeOther)
            #expect(second.status == .conflict)
            #expect(!second.text.contains("I har begge ændret"), "the hospital did not touch the care team")
            #expect(second.text.contains(Self.newNightPhone), "the form now carries the colleague's number")
            // when: she saves the form as shown
            let third = try await app.post(
                "/patients/\(patient)/plan/edit", pairs: Self.setting(Self.formFields(second.text), "csrf", to: hospital.csrf),
                cookie: hospital.cookie)
            // then: both changes are in the plan
            #expect(third.status == .seeOther)
            let plan = try #require(try await PlanRepository.find(patientId: patient, on: app.persistence.snapshot))
            #expect(plan.content.whatMattersMost == "At se havet igen")
            #expect(plan.content.careTeam.first { $0.role == .homeCare }?.outOfHoursPhone == Self.newNightPhone)
        }
    }

    @Test func theAPIRefusesAStaleSaveAndBothChangesSurviveTheRetry() async throws {
        try await TestApp.run { app in
            // given
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", careTeam: ["HJ-101"])
            let homeCare = try await app.apiToken(for: try await app.createUser("hjem", roles: [.clinician], unit: "HJ-101"))
            let hospital = try await app.apiToken(for: try await app.createUser("pal", roles: [.clinician], unit: "RH-PAL"))
            func get(_ token: String) async throws -> (body: [String: Any], etag: String) {
                let response = try await app.get("/api/v1/patients/\(patient)/plan", headers: [.authorization: "Bearer \(token)"])
                return (try response.json(), try #require(response.headers[.eTag]))
            }
            func put(_ token: String, _ body: [String: Any], etag: String) async throws -> TestResponse {
                try await app.client.execute(
                    uri: "/api/v1/patients/\(patient)/plan", method: .put,
                    headers: [.authorization: "Bearer \(token)", .contentType: "application/json", .ifMatch: etag],
                    body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: body)))
            }
            var homeCarePlan = try await get(homeCare)
            var hospitalPlan = try await get(hospital)
            // when
            var team = try #require(homeCarePlan.body["careTeam"] as? [[String: Any]])
            for index in team.indices where team[index]["role"] as? String == "homeCare" { team[index]["outOfHoursPhone"] = Self.newNightPhone }
            homeCarePlan.body["careTeam"] = team
            let first = try await put(homeCare, homeCarePlan.body, etag: homeCarePlan.etag)
            hospitalPlan.body["whatMattersMost"] = "At se havet igen"
            let stale = try await put(hospital, hospitalPlan.body, etag: hospitalPlan.etag)
            var fresh = try await get(hospital)
            fresh.body["whatMattersMost"] = "At se havet igen"
            let retried = try await put(hospital, fresh.body, etag: fresh.etag)
            // then
            #expect(first.status == .ok && stale.status == .preconditionFailed && retried.status == .ok)
            let plan = try #require(try await PlanRepository.find(patientId: patient, on: app.persistence.snapshot))
            #expect(plan.content.whatMattersMost == "At se havet igen")
            #expect(plan.content.careTeam.first { $0.role == .homeCare }?.outOfHoursPhone == Self.newNightPhone)
        }
    }
}
