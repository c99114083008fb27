import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Testing

@testable import LindringStore
@testable import LindringWeb

@Suite struct LoginTests {
    @Test func loginAnswers303WithANewHardenedSessionCookie() async throws {
        try await TestApp.run { app in
            // given
            try await app.createUser("anne", roles: [.clinician])
            let page = try await app.loginPage()
            // when
            let response = try await app.post(
                "/login", form: ["username": "anne", "password": TestApp.password, "csrf": page.csrf],
                cookie: page.cookie)
            // then
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/")
            let setCookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("lindring_session=") })
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Lax"))
            #expect(!setCookie.contains("Secure"))
            #expect(TestApp.sessionCookie(response) != page.cookie, "a new session id at login")
            let old = try await app.get("/", headers: [.cookie: page.cookie])
            #expect(old.status == .seeOther, "the pre-login session no longer signs anyone in")
        }
    }

    @Test func secureConfigurationUsesHostPrefixAndHSTS() async throws {
        try await TestApp.run({ $0.secureCookies = true }) { app in
            // given
            try await app.createUser("anne", roles: [.clinician])
            let page = try await app.get("/login")
            let loginCookie = try #require(page.headers[values: .setCookie].first).prefix { $0 != ";" }
            let csrf = try #require(TestApp.csrfToken(in: page.text))
            // when
            let response = try await app.post(
                "/login", form: ["username": "anne", "password": TestApp.password, "csrf": csrf],
                cookie: String(loginCookie))
            // then
            let setCookie = try #require(response.headers[values: .setCookie].first { $0.contains("lindring_session=") })
            #expect(setCookie.hasPrefix("__Host-lindring_session="))
            #expect(setCookie.contains("; Secure"))
            #expect(setCookie.contains("Path=/"))
            #expect(page.headers[.strictTransportSecurity] != nil)
        }
    }

    @Test func loginWithoutCsrfFieldIsRefused() async throws {
        try await TestApp.run { app in
            // given
            try await app.createUser("anne", roles: [.clinician])
            let page = try await app.loginPage()
            // when
            let response = try await app.post("/login", form: ["username": "anne", "password": TestApp.password], cookie: page.cookie)
            // then
            #expect(response.status == .forbidden)
            #expect(response.text.contains("value=\"anne\""), "the form keeps what was typed")
            #expect(response.headers[.location] == nil)
        }
    }

    @Test func sixWrongPasswordsThenTheRightOneIsRefused() async throws {
        try await TestApp.run { app in
            // given
            try await app.createUser("anne", roles: [.clinician])
            var statuses: [HTTPResponse.Status] = []
            for _ in 1...6 {
                let page = try await app.loginPage()
                statuses.append(
                    try await app.post(
                        "/login", form: ["username": "anne", "password": "wrong password 123", "csrf": page.csrf],
                        cookie: page.cookie
                    ).status)
            }
            // when
            let page = try await app.loginPage()
            let response = try await app.post(
                "/login", form: ["username": "anne", "password": TestApp.password, "csrf": page.csrf],
                cookie: page.cookie)
            // then
            #expect(statuses == [.unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .tooManyRequests])
            #expect(response.status == .tooManyRequests)
            #expect(response.headers[.retryAfter] != nil)
            #expect(response.text.contains("form-error"))
            let failures = try await AuditLog.search(AuditFilter(username: "anne"), limit: 20, on: app.persistence.snapshot)
            #expect(failures.filter { $0.record.outcome == .denied }.count == 7)
        }
    }

    @Test func logoutDestroysTheSessionOnTheServer() async throws {
        try await TestApp.run { app in
            // given
            try await app.createUser("anne", roles: [.clinician])
            let session = try await app.login("anne")
            // when
            let response = try await app.post("/logout", session, form: [:])
            // then
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/login")
            let after = try await app.get("/", session)
            #expect(after.status == .seeOther)
            #expect(after.headers[.location]?.hasPrefix("/login") == true)
            let actions = try await AuditLog.search(AuditFilter(username: "anne"), limit: 10, on: app.persistence.snapshot).map(\.record.action)
            #expect(actions.contains("auth.logout"))
            #expect(actions.contains("auth.login"))
        }
    }

    @Test(arguments: [
        "' OR '1'='1", "admin'--", "<script>alert(1)</script>", "\"><script>alert(2)</script>", "\u{0}", String(repeating: "x", count: 5000),
    ])
    func hostileUsernamesAreJustWrong(username: String) async throws {
        try await TestApp.run { app in
            let page = try await app.loginPage()
            let response = try await app.post(
                "/login", form: ["username": username, "password": "whatever it is 1", "csrf": page.csrf],
                cookie: page.cookie)
            #expect(response.status == .unauthorized)
            #expect(!response.text.contains("<script>alert"))
        }
    }

    @Test func deactivatedUserCannotSignIn() async throws {
        try await TestApp.run { app in
            let user = try await app.createUser("anne", roles: [.clinician])
            try await UserRepository.setActive(userId: user.id, false, on: app.persistence.outsideWriter)
            let page = try await app.loginPage()
            let response = try await app.post(
                "/login", form: ["username": "anne", "password": TestApp.password, "csrf": page.csrf],
                cookie: page.cookie)
            #expect(response.status == .unauthorized)
        }
    }

    @Test func productionHashesUseCostTwelve() async throws {
        #expect(AppConfig().bcryptCost >= 12)
        let hasher = PasswordHasher(cost: AppConfig().bcryptCost, threads: 1)
        let hash = try await hasher.hash("korrekt hest batteri 42")
        #expect(hash.hasPrefix("$2b$12$"))
        #expect(try await hasher.verify("korrekt hest batteri 42", against: hash))
        try await hasher.shutdown()
    }
}
