import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import NIOCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// Issue 19, item 5: form bodies are decoded into form structs with Hummingbird's
/// `URLEncodedFormDecoder`; the CSRF check reads only the token and leaves the body to the controller.
@Suite struct FormDecodingTests {
    @Test func aPlanFormsRowsAreDecodedColumnByColumnWithTheirTickedBoxes() throws {
        // given: two care-team rows, a medication available at home, two pieces of equipment
        let body =
            "careTeam[role][0]=keyWorker&careTeam[unitId][0]=A&careTeam[dayPhone][0]=&careTeam[role][1]=homeCare&careTeam[unitId][1]=B"
            + "&careTeam[dayPhone][1]=33+66+99+99&medications[drug][0]=Morfin&medications[availableInHome][]=0&medications[drug][1]=&equipment[]=bed"
            + "&equipment[]=oxygen&livingWill=true&baseVersion=3"
        // when
        let form = try FormBody.decode(PlanForm.self, from: ByteBuffer(string: body))
        let input = form.input
        // then
        #expect(
            input.careTeam == [
                PlanInput.Member(unitId: "A", role: "keyWorker", dayPhone: ""),
                PlanInput.Member(unitId: "B", role: "homeCare", dayPhone: "33 66 99 99"),
            ])
        #expect(input.medications?.map(\.drug) == ["Morfin", ""] && input.medications?.map(\.availableInHome) == [true, false])
        #expect(input.equipment == ["bed", "oxygen"] && input.livingWill == true && input.patientKnowsPrognosis == false && form.base == 3)
    }

    @Test func aContactFormIsReadStraightIntoCoresDraftWithBlankControlsAbsent() throws {
        // given: "not stated" for stayed at home, no end time, an empty follow-up, a datetime-local start
        let body =
            "contactId=&startedAt=2026-11-23T21%3A14&endedAt=&callerRole=relative&callerName=Bo&stayedAtHome=&reasons[]=pain"
            + "&reasons[]=anxiety&followUp[unitId]=&followUp[dueAt]=&followUp[text]=&intent=save&patientQuery="
        // when
        let form = try FormBody.decode(ContactForm.self, from: ByteBuffer(string: body))
        // then
        #expect(form.draft.startedAt == .copenhagen("2026-11-23T21:14") && form.draft.endedAt == nil)
        #expect(form.draft.stayedAtHome == nil && form.draft.callerRole == "relative" && form.draft.callerName == "Bo")
        #expect(form.draft.reasons == ["pain", "anxiety"] && form.draft.followUp == nil)
        #expect(form.intent == "save" && form.patientQuery == nil && form.contactId == nil)
        // and a yes or no is a Bool, as in the API's JSON
        let stayed = try FormBody.decode(ContactForm.self, from: ByteBuffer(string: "stayedAtHome=false&followUp[dueAt]=2026-11-24T10%3A00"))
        #expect(stayed.draft.stayedAtHome == false && stayed.draft.followUp?.dueAt == .copenhagen("2026-11-24T10:00"))
    }

    @Test(arguments: [
        ("followUp.unitId", "followUp[unitId]"), ("careTeam[1].unitId", "careTeam[unitId][1]"), ("answers.pain", "answers[pain]"),
        ("bands.items.mild", "bands[items][mild]"), ("callerName", "callerName"),
    ])
    func aFieldIsSentUnderTheNameTheDecoderReads(field: String, name: String) {
        #expect(FormName.of(field) == name)
    }

    @Test(arguments: ["q=%zz", "reasons=pain&reasons=dyspnoea", "careTeam[role][1]=keyWorker", "q[x]=1&q=2"])
    func aBodyTheDecoderCannotReadIsABadRequest(body: String) {
        #expect(throws: AppError.badRequest("The form could not be read.")) {
            try FormBody.decode(PatientSearchForm.self, from: ByteBuffer(string: body))
        }
    }

    @Test func theTokenIsReadFromTheBodyAndTheControllerStillDecodesIt() async throws {
        try await TestApp.run { app in
            // given
            _ = try await app.createPatientWithPlan(registeredBy: "RH-PAL", name: "Åse Prøvesen")
            try await app.createUser("karen", roles: [.clinician], unit: "RH-PAL")
            let session = try await app.login("karen")
            // when: the search posts its query with the token in the same body, and without it
            let found = try await app.post("/patients", pairs: [("csrf", session.csrf), ("q", "Prøvesen")], cookie: session.cookie)
            let forged = try await app.post("/patients", pairs: [("q", "Prøvesen")], cookie: session.cookie)
            let malformed = try await app.client.execute(
                uri: "/patients", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: session.cookie],
                body: ByteBuffer(string: "csrf=\(session.csrf)&q=100%"))
            // then
            #expect(found.status == .ok && found.text.contains("Åse Prøvesen"))
            #expect(forged.status == .forbidden)
            #expect(malformed.status == .badRequest && !malformed.text.contains("100%"), "a 400 that does not repeat the body")
        }
    }

    @Test func aRefusedContactFormShowsAgainExactlyWhatWasTyped() async throws {
        try await TestApp.run { app in
            // given
            try await app.createUser("nattevagt", roles: [.advisor], unit: "PAL-247")
            let session = try await app.login("nattevagt")
            // when: a call with a name, a time, a reason and a follow-up, but no caller role, triage or outcome
            let refused = try await app.post(
                "/advisory/contacts/new",
                pairs: [
                    ("csrf", session.csrf), ("contactId", UUID().uuidString), ("startedAt", "2026-11-23T21:14"), ("callerName", "Jens <b>&</b>"),
                    ("reasons[]", "pain"), ("reasons[]", "dyspnoea"), ("stayedAtHome", ""), ("followUp[text]", "Ring i morgen"), ("intent", "save"),
                ], cookie: session.cookie)
            // then
            #expect(refused.status == .unprocessableContent)
            let html = refused.text
            #expect(html.contains(#"value="2026-11-23T21:14""#) && html.contains(#"value="Jens &lt;b&gt;&amp;&lt;/b&gt;""#))
            #expect(html.contains(#"name="reasons[]" value="pain" checked"#) && html.contains(#"name="reasons[]" value="dyspnoea" checked"#))
            #expect(html.contains("Ring i morgen") && html.contains(##"href="#callerRole""##) && html.contains(##"href="#triage""##))
        }
    }
}
