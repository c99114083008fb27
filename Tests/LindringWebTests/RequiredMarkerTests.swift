import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// Issue 18, item 11: every required field carries the mark (`FormFields.requiredMark`), in
/// every form but the login: what the browser is told is required (`required`,
/// `aria-required`), and what the server refuses as missing when the form is sent empty (or with
/// a row started), is marked beside its label or in its legend, and the form says what the mark means.
@Suite struct RequiredMarkerTests {
    /// The fields of one rendered page, read from our own markup.
    struct Page {
        let html: String

        /// The ids of controls the browser must not send empty.
        var requiredControls: [String] {
            Self.matches(#"<(?:input|select|textarea)\b([^>]*)>"#, in: html).compactMap { attributes in
                guard attributes.range(of: #"\srequired(?:[\s=>]|$)"#, options: .regularExpression) != nil else { return nil }
                return Self.attribute("id", in: attributes) ?? "(a required control without an id)"
            }
        }

        /// The ids of groups that say they are required.
        var requiredGroups: [String] {
            Self.matches(#"<fieldset\b([^>]*aria-required="true"[^>]*)>"#, in: html).map { Self.attribute("id", in: $0) ?? "(a group without an id)" }
        }

        /// The fields the error summary says are missing ("…: skal udfyldes").
        var missingInSummary: [String] {
            Self.matches(##"<a href="#([^"]+)">[^<]*: skal udfyldes</a>"##, in: html)
        }

        /// Whether the field's label (or its group's legend) carries the mark.
        func isMarked(_ id: String) -> Bool {
            let name = NSRegularExpression.escapedPattern(for: id)
            let label = Self.matches(#"<label[^>]*\bfor="\#(name)"[^>]*>(.*?)</label>"#, in: html).first
            let legend = Self.matches(#"<fieldset\b[^>]*\bid="\#(name)"[^>]*>\s*<legend[^>]*>(.*?)</legend>"#, in: html).first
            return [label, legend].contains { $0?.contains(FormFields.requiredMark) == true }
        }

        var explainsTheMark: Bool { html.contains("class=\"hint required-note\">Felter med <span class=\"required\">*</span> skal udfyldes.") }

        static func matches(_ pattern: String, in text: String) -> [String] {
            let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
            return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
                Range(match.range(at: 1), in: text).map { String(text[$0]) }
            }
        }

        static func attribute(_ name: String, in attributes: String) -> String? {
            matches(#"\b\#(name)="([^"]*)""#, in: attributes).first
        }
    }

    /// Every marked-required control and group of `page` carries the mark; so does every field
    /// the summary says is missing, but those in `conditional` (required only after another
    /// choice, as their hints say).
    func expectMarked(
        _ response: TestResponse, _ form: String, conditional: Set<String> = [], explained: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let page = Page(html: response.text)
        let unmarked = (page.requiredControls + page.requiredGroups).filter { !page.isMarked($0) }
        #expect(unmarked.isEmpty, "\(form): required but not marked: \(unmarked)", sourceLocation: sourceLocation)
        let wanted = page.missingInSummary.filter { !conditional.contains($0) && !page.isMarked($0) }
        #expect(wanted.isEmpty, "\(form): the server wants these, which are not marked: \(wanted)", sourceLocation: sourceLocation)
        let says = page.explainsTheMark
        #expect(!explained || says, "\(form) does not say what * means", sourceLocation: sourceLocation)
    }

    @Test func theScannerFindsAnUnmarkedRequiredField() {
        // given: the mark on one field, not on the other, nor on a required group
        let page = Page(
            html: """
                <label for="a">A\(FormFields.requiredMark)</label><input id="a" name="a" required>
                <label for="b">B</label><input type="text" id="b" required="required">
                <fieldset id="c" role="radiogroup" aria-required="true"><legend>C</legend></fieldset>
                <fieldset id="d" aria-required="true"><legend>D\(FormFields.requiredMark)</legend><p class="hint">h</p></fieldset>
                """)
        // then
        #expect(page.requiredControls == ["a", "b"] && page.requiredGroups == ["c", "d"])
        #expect(page.isMarked("a") && !page.isMarked("b") && !page.isMarked("c") && page.isMarked("d"))
    }

    @Test func theAdvisoryFormsMarkEveryRequiredField() async throws {
        try await TestApp.run { app in
            // given
            let user = try await app.createUser("nattevagt", roles: [.advisor], unit: "PAL-247")
            let advisor = try await app.login("nattevagt")
            let contact = try await AdvisoryDayTeamTests().contact(
                app, patient: try await app.createPatientWithPlan(registeredBy: "RH-PAL"), by: user)
            // when / then: the contact form, blank and sent empty; a follow-up asked for without its text
            expectMarked(try await app.get("/advisory/contacts/new", advisor), "contact form")
            let empty = try await app.post("/advisory/contacts/new", advisor, form: ["intent": "save", "contactId": UUID().uuidString])
            #expect(empty.status == .unprocessableContent)
            #expect(Set(Page(html: empty.text).missingInSummary).isSuperset(of: ["startedAt", "callerRole", "reasons", "triage", "outcome"]))
            expectMarked(empty, "contact form sent empty", conditional: ["followUp.text", "endedAt"])
            // the rota, and the addendum beneath a contact (one field: no note needed)
            expectMarked(try await app.post("/advisory/rota", advisor, form: [:]), "rota", explained: false)
            expectMarked(try await app.post("/advisory/contacts/\(contact)/addenda", advisor, form: ["text": ""]), "addendum", explained: false)
        }
    }

    @Test func thePatientAndPlanFormsMarkEveryRequiredFieldAndRowField() async throws {
        try await TestApp.run { app in
            // given
            try await app.createUser("klinik", roles: [.clinician], unit: "RH-PAL")
            let nurse = try await app.login("klinik")
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", withPlan: false)
            // when / then: registration, blank, empty, and with a relative's row started
            expectMarked(try await app.get("/patients/new", nurse), "patient form")
            let patientForm = try await app.post("/patients/new", nurse, form: ["relatives[phone][0]": "12345678"])
            #expect(Set(Page(html: patientForm.text).missingInSummary).isSuperset(of: ["cpr", "name", "relatives[0].name", "relatives[0].relation"]))
            expectMarked(patientForm, "patient form sent empty")
            // the plan: a row started in each repeating group
            expectMarked(try await app.get("/patients/\(patient)/plan/new", nurse), "plan form")
            let plan = try await app.post(
                "/patients/\(patient)/plan/new", nurse,
                form: [
                    "careTeam[dayPhone][0]": "33 66 99 99", "medications[maxPer24h][0]": "6", "contingencies[callDay][0]": "Hjemmeplejen",
                    "resuscitation": "noResuscitation", "status": "ended", "endReason": "died",
                ])
            let missing = Set(Page(html: plan.text).missingInSummary)
            #expect(
                missing.isSuperset(of: [
                    "careTeam[0].unitId", "careTeam[0].role", "medications[0].drug", "medications[0].route",
                    "contingencies[0].situation", "contingencies[0].action",
                ]), "\(missing)")
            expectMarked(plan, "plan form with rows started", conditional: ["decidedBy", "dateOfDeath", "placeOfDeath", "endReason"])
            // the staff's screening and SPICT-DK forms
            expectMarked(
                try await app.post("/patients/\(patient)/screening/new?instrument=esas-r", nurse, form: ["instrument": "esas-r"]),
                "screening form sent empty")
            expectMarked(try await app.post("/patients/\(patient)/spict/new", nurse, form: [:]), "SPICT-DK form sent empty", explained: false)
        }
    }

    @Test func theAdministrationFormsMarkEveryRequiredField() async throws {
        try await TestApp.run { app in
            // given
            try await app.createUser("admin", roles: [.administrator])
            let admin = try await app.login("admin")
            // when / then
            expectMarked(try await app.get("/units/new", admin), "unit form")
            expectMarked(try await app.post("/units/new", admin, form: [:]), "unit form sent empty")
            expectMarked(try await app.get("/users/new", admin), "user form")
            let user = try await app.post("/users/new", admin, form: [:])
            #expect(Page(html: user.text).missingInSummary.contains("roles"))
            expectMarked(user, "user form sent empty")
            expectMarked(try await app.get("/account", admin), "account", explained: false)
        }
    }
}
