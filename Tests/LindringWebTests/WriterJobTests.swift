import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import NIOCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// Issue 19, items 1 and 3: every change goes through the writer, and a patient write is one
/// writer job (the gate's decision, the validation, the change and its audit entry together).
@Suite struct WriterJobTests {
    /// The writer jobs `request` adds in the application under test.
    func writerJobs(_ counter: WriterJobCounter, _ request: () async throws -> TestResponse) async throws -> (jobs: Int, response: TestResponse) {
        let before = counter.value
        let response = try await request()
        return (counter.value - before, response)
    }

    func run(_ body: @Sendable (TestApp, WriterJobCounter) async throws -> Void) async throws {
        let counter = WriterJobCounter()
        try await TestApp.run({ $0.writerJobs = counter }) { app in try await body(app, counter) }
    }

    @Test func aPlanSaveThroughTheFormIsOneWriterJob() async throws {
        try await run { app, counter in
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", careTeam: ["HJ-101"])
            try await app.createUser("pal", roles: [.clinician], unit: "RH-PAL")
            let pal = try await app.login("pal")
            let form = try await InboxWorklistTests().planForm(app, base: 1, homeCareNightPhone: "33 66 99 99")
            // when
            let (jobs, saved) = try await writerJobs(counter) { try await app.post("/patients/\(patient)/plan/edit", pal, form: form) }
            // then
            #expect(saved.status == .seeOther)
            #expect(jobs == 1)
            #expect(try await PlanRepository.find(patientId: patient, on: app.persistence.snapshot)?.version == 2)
        }
    }

    @Test func aPlanSaveThroughTheAPIIsOneWriterJobAndARefusalLearnsNothingFromTheBody() async throws {
        try await run { app, counter in
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL")
            let nurse = try await app.createUser("pal", roles: [.clinician], unit: "RH-PAL")
            let outsider = try await app.createUser("hjem", roles: [.clinician], unit: "HJ-101")
            let (token, other) = (try await app.apiToken(for: nurse), try await app.apiToken(for: outsider))
            let path = "/api/v1/patients/\(patient)/plan"
            let read = try await app.get(path, headers: [.authorization: "Bearer \(token)"])
            var plan = try read.json()
            plan["whatMattersMost"] = "At høre fuglene"
            for key in ["patientId", "version", "updatedAt"] { plan.removeValue(forKey: key) }
            let body = try JSONSerialization.data(withJSONObject: plan)
            // when
            let (jobs, saved) = try await writerJobs(counter) {
                try await app.client.execute(
                    uri: path, method: .put,
                    headers: [
                        .authorization: "Bearer \(token)", .contentType: "application/json",
                        .ifMatch: read.headers[.eTag] ?? "",
                    ], body: ByteBuffer(data: body))
            }
            let refused = try await app.client.execute(
                uri: path, method: .put, headers: [.authorization: "Bearer \(other)", .contentType: "application/json"],
                body: ByteBuffer(string: "not json"))
            // then
            #expect(saved.status == .ok)
            #expect(jobs == 1)
            #expect(refused.status == .forbidden, "no If-Match and no JSON: still 403 first")
        }
    }

    @Test func changingTheLanguageGoesThroughTheWriter() async throws {
        try await run { app, counter in
            let user = try await app.createUser("pal", roles: [.clinician], unit: "RH-PAL")
            let session = try await app.login("pal")
            // when
            let (jobs, changed) = try await writerJobs(counter) { try await app.post("/account/language", session, form: ["language": "en"]) }
            // then
            #expect(changed.status == .seeOther)
            #expect(jobs == 1)
            #expect(try await UserRepository.find(id: user.id, on: app.persistence.snapshot)?.language == "en")
        }
    }

    @Test func markingAPatientsChangesReadIsOneWriterJob() async throws {
        try await run { app, counter in
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", careTeam: ["HJ-101"])
            try await app.createUser("hjem", roles: [.clinician], unit: "HJ-101")
            let session = try await app.login("hjem")
            // when
            let (jobs, marked) = try await writerJobs(counter) { try await app.post("/inbox/patients/\(patient)/read", session, form: [:]) }
            // then
            #expect(marked.status == .seeOther)
            #expect(jobs == 1)
        }
    }

    @Test func aPatientsDetailsAreUpdatedInOneWriterJob() async throws {
        try await run { app, counter in
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL", name: "Åse Prøvesen")
            try await app.createUser("pal", roles: [.clinician], unit: "RH-PAL")
            let session = try await app.login("pal")
            // when
            let (jobs, saved) = try await writerJobs(counter) {
                try await app.post(
                    "/patients/\(patient)/edit", session, form: ["name": "Åse Prøvesen Holm", "diagnosisGroup": "cancer", "sharingConsent": "given"])
            }
            // then
            #expect(saved.status == .seeOther)
            #expect(jobs == 1)
            #expect(try await PatientRepository.find(id: patient, on: app.persistence.snapshot)?.name == "Åse Prøvesen Holm")
        }
    }

    @Test func screeningFormsAskTheGateBeforeTheyLookAtWhatWasTyped() async throws {
        try await run { app, counter in
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL")
            try await app.createUser("pal", roles: [.clinician], unit: "RH-PAL")
            try await app.createUser("hjem", roles: [.clinician], unit: "HJ-101")
            let (nurse, outsider) = (try await app.login("pal"), try await app.login("hjem"))
            // when: forms that are wrong, from a nurse who may record and from one who may not
            let invalid = try await app.post("/patients/\(patient)/spict/new", nurse, form: ["generalIndicators[]": "noSuchIndicator"])
            let refusedChecklist = try await app.post("/patients/\(patient)/spict/new", outsider, form: ["generalIndicators[]": "noSuchIndicator"])
            let refusedLink = try await app.post("/patients/\(patient)/screening/links", outsider, form: ["instrument": "noSuchInstrument"])
            let invalidLink = try await app.post("/patients/\(patient)/screening/links", nurse, form: ["instrument": "noSuchInstrument"])
            // then: the nurse sees her form again and nothing is stored; the outsider is refused whatever she typed
            #expect(invalid.status == .unprocessableContent)
            #expect(try await SPICTRepository.count(on: app.persistence.snapshot) == 0)
            #expect(refusedChecklist.status == .forbidden && refusedLink.status == .forbidden)
            #expect(invalidLink.status == .unprocessableContent)
        }
    }
}
