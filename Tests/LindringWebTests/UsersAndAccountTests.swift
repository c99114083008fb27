import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Testing

@testable import LindringStore
@testable import LindringWeb

@Suite struct UsersAndAccountTests {
    @Test func administratorCreatesAUserWhoCanThenSignIn() async throws {
        try await TestApp.run { app in
            // given
            try await app.createUser("anne", roles: [.administrator])
            let session = try await app.login("anne")
            // when
            let response = try await app.post(
                "/users/new", session,
                form: [
                    "username": "Hanne.B", "name": "Hanne Berg", "profession": "doctor", "unitCode": "PAL-247",
                    "roles[]": "advisor", "password": TestApp.password,
                ])
            // then
            #expect(response.status == .seeOther)
            let user = try #require(try await UserRepository.find(username: "hanne.b", on: app.persistence.snapshot))
            #expect(user.roles == [.advisor])
            #expect(user.unitCode == "PAL-247")
            _ = try await app.login("hanne.b")
        }
    }

    @Test func weakPasswordAndTakenUsernameAreExplainedAndNothingIsStored() async throws {
        try await TestApp.run { app in
            try await app.createUser("anne", roles: [.administrator])
            let session = try await app.login("anne")
            let before = try await UserRepository.count(on: app.persistence.snapshot)
            let response = try await app.post(
                "/users/new", session,
                form: [
                    "username": "anne", "name": "Another Anne", "profession": "nurse", "roles[]": "clinician", "password": "password1234",
                ])
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("value=\"Another Anne\""))
            #expect(response.text.contains(Catalog.danish["validation.commonPassword"]!))
            #expect(response.text.contains(Catalog.danish["validation.alreadyTaken"]!))
            #expect(try await UserRepository.count(on: app.persistence.snapshot) == before)
        }
    }

    @Test func passwordResetAndDeactivationEndTheUsersSessions() async throws {
        try await TestApp.run { app in
            // given
            try await app.createUser("anne", roles: [.administrator])
            let karen = try await app.createUser("karen", roles: [.clinician])
            let admin = try await app.login("anne")
            let karenSession = try await app.login("karen")
            // when
            let reset = try await app.post("/users/\(karen.id)/reset-password", admin, form: ["newPassword": "en helt ny sætning 7"])
            // then
            #expect(reset.status == .seeOther)
            #expect(try await app.get("/", karenSession).status == .seeOther)
            let again = try await app.login("karen", password: "en helt ny sætning 7")
            // when
            let deactivated = try await app.post("/users/\(karen.id)/deactivate", admin, form: [:])
            // then
            #expect(deactivated.status == .seeOther)
            #expect(try await app.get("/", again).status == .seeOther)
        }
    }

    @Test func userChangesOwnPasswordOnlyWithTheCurrentOne() async throws {
        try await TestApp.run { app in
            try await app.createUser("karen", roles: [.clinician])
            let session = try await app.login("karen")
            let wrong = try await app.post(
                "/account/password", session,
                form: [
                    "currentPassword": "not my password 1", "newPassword": "min nye lange kode 9", "repeatPassword": "min nye lange kode 9",
                ])
            #expect(wrong.status == .unprocessableContent)
            let mismatch = try await app.post(
                "/account/password", session,
                form: [
                    "currentPassword": TestApp.password, "newPassword": "min nye lange kode 9", "repeatPassword": "min nye lange kode 8",
                ])
            #expect(mismatch.status == .unprocessableContent)
            let ok = try await app.post(
                "/account/password", session,
                form: [
                    "currentPassword": TestApp.password, "newPassword": "min nye lange kode 9", "repeatPassword": "min nye lange kode 9",
                ])
            #expect(ok.status == .seeOther)
            _ = try await app.login("karen", password: "min nye lange kode 9")
        }
    }

    @Test func administratorCannotLockThemselvesOut() async throws {
        try await TestApp.run { app in
            let anne = try await app.createUser("anne", roles: [.administrator])
            let session = try await app.login("anne")
            let response = try await app.post("/users/\(anne.id)/deactivate", session, form: [:])
            #expect(response.status == .badRequest)
            #expect(try await UserRepository.find(id: anne.id, on: app.persistence.snapshot)?.active == true)
        }
    }
}

@Suite struct OperationsTests {
    @Test func healthReadinessMetricsAndAssets() async throws {
        try await TestApp.run { app in
            #expect(try await app.get("/healthz").status == .ok)
            #expect(try await app.get("/readyz").status == .ok)
            #expect(try await app.get("/metrics").status == .notFound, "without METRICS_TOKEN")
            let css = try await app.get("/assets/app.css")
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(try await app.get("/assets/../Package.swift").status == .notFound)
        }
    }
}
