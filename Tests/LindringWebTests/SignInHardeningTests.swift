import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Logging
import NIOCore
import Synchronization
import Testing

@testable import LindringStore
@testable import LindringWeb

/// Issue 17, items 4, 5, 12, 13 and 15: the login throttle under concurrency, lockouts, sessions
/// and tokens after password changes, secrets in logs, the stateless login form, /metrics.
@Suite struct SignInHardeningTests {
    static let wrong = "forkert kodeord 123"

    func countDenied(_ app: TestApp, action: String) async throws -> Int {
        try await AuditLog.search(AuditFilter(username: "anne"), limit: 500, on: app.persistence.snapshot)
            .filter { $0.record.action == action }.count
    }

    // MARK: item 4

    @Test func concurrentWrongPasswordsAreNotAllCheckedAndTheRightOneWaitsForTheDelay() async throws {
        try await TestApp.run { app in
            // given
            try await app.createUser("anne", roles: [.clinician])
            let page = try await app.loginPage()
            // when two bursts of 40 wrong passwords arrive at once
            var statuses: [HTTPResponse.Status] = []
            for _ in 1...2 {
                statuses += try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for _ in 1...40 {
                        group.addTask {
                            try await app.post("/login", form: ["username": "anne", "password": Self.wrong, "csrf": page.csrf], cookie: page.cookie)
                                .status
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
            }
            let right = try await app.post(
                "/login", form: ["username": "anne", "password": TestApp.password, "csrf": page.csrf], cookie: page.cookie)
            // then at most the free attempts had their password checked, the rest were refused unchecked
            #expect(statuses.filter { $0 == .unauthorized }.count <= LoginDelayPolicy.standard.freeAttempts)
            #expect(statuses.allSatisfy { $0 == .unauthorized || $0 == .tooManyRequests })
            #expect(try await countDenied(app, action: "auth.login.failed") <= LoginDelayPolicy.standard.freeAttempts)
            #expect(right.status == .tooManyRequests, "the right password waits for the delay too")
            #expect(right.headers[.retryAfter] != nil)
        }
    }

    // MARK: item 5

    @Test func failuresFromOneAddressDelayOnlyThatAddressAndTheAuditNamesTheClientBehindTheProxy() async throws {
        try await TestApp.run({ $0.trustedProxies = try! TrustedProxies(parsing: "127.0.0.0/8, ::1") }, testing: .live) { app in
            // given six failures for anne from one address behind the proxy
            try await app.createUser("anne", roles: [.clinician])
            let page = try await app.loginPage()
            func attempt(_ password: String, from address: String) async throws -> TestResponse {
                try await app.post(
                    "/login", form: ["username": "anne", "password": password, "csrf": page.csrf], cookie: page.cookie,
                    headers: [.xForwardedFor: "\(address), 127.0.0.1"])
            }
            var statuses: [HTTPResponse.Status] = []
            for _ in 1...6 { statuses.append(try await attempt(Self.wrong, from: "203.0.113.7").status) }
            // when
            let sameAddress = try await attempt(TestApp.password, from: "203.0.113.7")
            let otherAddress = try await attempt(TestApp.password, from: "198.51.100.20")
            // then
            #expect(statuses == [.unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .tooManyRequests])
            #expect(sameAddress.status == .tooManyRequests)
            #expect(otherAddress.status == .seeOther, "the night nurse at another address is not locked out")
            let entries = try await AuditLog.search(AuditFilter(username: "anne"), limit: 50, on: app.persistence.snapshot)
            #expect(Set(entries.filter { $0.record.outcome == .denied }.compactMap(\.record.ip)) == ["203.0.113.7"])
            #expect(entries.first { $0.record.action == "auth.login" }?.record.ip == "198.51.100.20")
        }
    }

    @Test func anUntrustedPeerCannotChooseItsAddress() async throws {
        try await TestApp.run(testing: .live) { app in
            // given no trusted proxies
            try await app.createUser("anne", roles: [.clinician])
            let page = try await app.loginPage()
            // when the peer claims other addresses
            for index in 1...6 {
                _ = try await app.post(
                    "/login", form: ["username": "anne", "password": Self.wrong, "csrf": page.csrf], cookie: page.cookie,
                    headers: [.xForwardedFor: "198.51.100.\(index)"])
            }
            let right = try await app.post(
                "/login", form: ["username": "anne", "password": TestApp.password, "csrf": page.csrf],
                cookie: page.cookie, headers: [.xForwardedFor: "198.51.100.99"])
            // then the header was ignored: every attempt came from the peer
            #expect(right.status == .tooManyRequests)
            let ips = try await AuditLog.search(AuditFilter(username: "anne"), limit: 50, on: app.persistence.snapshot).compactMap(\.record.ip)
            #expect(!ips.isEmpty && ips.allSatisfy { !$0.hasPrefix("198.51.100.") })
        }
    }

    @Test func aValidSelfReportLinkStillWorksFromAnAddressThatGuessedTooOften() async throws {
        try await TestApp.run { app in
            // given an address (one NAT for everyone) that used up its tries with unknown links
            let patient = try await app.createPatientWithPlan(registeredBy: "RH-PAL")
            let db = app.persistence.outsideWriter
            let link = try await SelfReportLinkRepository.create(
                patientId: patient, instrument: .ipos, expiresAt: Date().addingTimeInterval(3600),
                createdBy: nil, on: db)
            let other = try await SelfReportLinkRepository.create(
                patientId: patient, instrument: .esasR, expiresAt: Date().addingTimeInterval(3600),
                createdBy: nil, on: db)
            var unknown: [HTTPResponse.Status] = []
            for index in 0...60 { unknown.append(try await app.get("/r/guess\(index)").status) }
            // when
            let valid = try await app.get("/r/\(link.token)")
            // then
            #expect(unknown.last == .tooManyRequests)
            #expect(valid.status == .ok)
            // and one link is limited on its own, not taking the other patient's with it
            var uses: [HTTPResponse.Status] = []
            for _ in 1...60 { uses.append(try await app.get("/r/\(link.token)").status) }
            #expect(uses.last == .tooManyRequests)
            #expect(try await app.get("/r/\(other.token)").status == .ok)
        }
    }

    // MARK: item 12

    @Test func changingOnesOwnPasswordEndsTheOtherSessionsButNotThisOne() async throws {
        try await TestApp.run { app in
            // given anne signed in twice
            try await app.createUser("anne", roles: [.clinician])
            let here = try await app.login("anne")
            let elsewhere = try await app.login("anne")
            // when
            let response = try await app.post(
                "/account/password", here,
                form: [
                    "currentPassword": TestApp.password, "newPassword": "en helt ny adgangssætning 7",
                    "repeatPassword": "en helt ny adgangssætning 7",
                ])
            // then
            #expect(response.status == .seeOther)
            #expect(try await app.get("/account", here).status == .ok)
            #expect(try await app.get("/account", elsewhere).status == .seeOther, "the other session was signed out")
        }
    }

    @Test(arguments: ["deactivate-then-activate", "reset-password"])
    func apiTokensEndWithDeactivationAndPasswordReset(change: String) async throws {
        try await TestApp.run { app in
            // given
            try await app.createUser("admin", roles: [.administrator])
            let anne = try await app.createUser("anne", roles: [.clinician])
            let token = try await app.apiToken(for: anne)
            #expect(try await app.get("/api/v1/me", headers: [.authorization: "Bearer \(token)"]).status == .ok)
            let admin = try await app.login("admin")
            // when
            if change == "reset-password" {
                #expect(
                    try await app.post("/users/\(anne.id)/reset-password", admin, form: ["newPassword": "nulstillet af administrator 9"]).status
                        == .seeOther)
            } else {
                #expect(try await app.post("/users/\(anne.id)/deactivate", admin, form: [:]).status == .seeOther)
                #expect(try await app.post("/users/\(anne.id)/activate", admin, form: [:]).status == .seeOther)
            }
            // then
            #expect(try await app.get("/api/v1/me", headers: [.authorization: "Bearer \(token)"]).status == .unauthorized)
            #expect(try await ApiTokenRepository.list(on: app.persistence.snapshot).allSatisfy { $0.revokedAt != nil })
        }
    }

    // MARK: item 13

    @Test func debugLogsCarryNoPasswordsHashesOrTokens() async throws {
        let logs = CapturedLogs()
        var logger = Logger(label: "lindring") { _ in logs.handler() }
        logger.logLevel = .debug
        try await TestApp.run({ $0.logLevel = .debug }, logger: logger) { app in
            // given an administrator signed in at LOG_LEVEL=debug
            try await app.createUser("admin", roles: [.administrator])
            let page = try await app.loginPage()
            let signIn = try await app.post(
                "/login", form: ["username": "admin", "password": TestApp.password, "csrf": page.csrf], cookie: page.cookie)
            let cookie = try #require(TestApp.sessionCookie(signIn))
            let csrf = try #require(
                TestApp.csrfToken(in: try await app.client.execute(uri: "/account", method: .get, headers: [.cookie: cookie]).text))
            let session = TestApp.Session(cookie: cookie, csrf: csrf)
            // when a user is created and signs in, and someone types a password into the username field
            let newPassword = "hemmelig sætning om havet 4"
            #expect(
                try await app.post(
                    "/users/new", session,
                    form: [
                        "username": "hanne", "name": "Hanne Berg", "profession": "doctor",
                        "unitCode": "PAL-247", "roles[]": "advisor", "password": newPassword,
                    ]
                ).status == .seeOther)
            let hanne = try await app.login("hanne", password: newPassword)
            let typo = try await app.loginPage()
            _ = try await app.post("/login", form: ["username": newPassword, "password": "x", "csrf": typo.csrf], cookie: typo.cookie)
            // then something was logged at debug, but no secret
            let hashes = try await app.persistence.sql.select().column("password_hash").from("users").all()
                .map { try $0.decode(column: "password_hash", as: String.self) }
            let text = logs.text
            #expect(!text.isEmpty)
            for secret in [
                TestApp.password, newPassword, csrf, session.cookie.split(separator: "=")[1].description, page.csrf,
                hanne.csrf, hanne.cookie.split(separator: "=")[1].description,
            ] + hashes {
                let leaked = text.contains(secret)
                #expect(!leaked, "a secret in the logs: \(secret.prefix(6))…")
            }
            let hashLeaked = text.contains("$2b$")
            #expect(!hashLeaked, "a Bcrypt hash in the logs")
        }
    }

    @Test func aFailedLoginNamesTheAccountOnlyWhenItExists() async throws {
        try await TestApp.run { app in
            // given
            let anne = try await app.createUser("anne", roles: [.clinician])
            let page = try await app.loginPage()
            // when anne mistypes her password, and someone types a password into the username field
            _ = try await app.post("/login", form: ["username": "anne", "password": Self.wrong, "csrf": page.csrf], cookie: page.cookie)
            _ = try await app.post("/login", form: ["username": TestApp.password, "password": "x", "csrf": page.csrf], cookie: page.cookie)
            // then
            let failures = try await AuditLog.search(AuditFilter(), limit: 50, on: app.persistence.snapshot)
                .filter { $0.record.action == "auth.login.failed" }.map(\.record)
            #expect(Set(failures.compactMap(\.username)) == ["anne", "(unknown)"])
            #expect(failures.first { $0.username == "anne" }?.entityId == anne.id.uuidString)
            #expect(!failures.contains { ($0.entityId ?? "").contains("hest") || ($0.username ?? "").contains("hest") })
        }
    }

    // MARK: item 15

    @Test func visitingTheLoginPageStoresNothing() async throws {
        try await TestApp.run { app in
            // when
            for _ in 1...25 { #expect(try await app.get("/login").status == .ok) }
            // then
            let sessions = try await app.persistence.sql.raw("SELECT COUNT(*) AS n FROM sessions").first()?.decode(column: "n", as: Int.self)
            #expect(sessions == 0)
        }
    }

    @Test(arguments: ["forged", "expired", "other browser", "missing cookie", "missing token"])
    func aLoginWithAForgedExpiredOrMismatchedTokenIsRefused(kind: String) async throws {
        try await TestApp.run { app in
            // given
            try await app.createUser("anne", roles: [.clinician])
            let page = try await app.loginPage()
            let nonce = String(page.cookie.split(separator: "=")[1])
            let signer = LoginFormSigner(secret: try await LoginFormSecret.load(on: app.persistence.snapshot))
            var form = ["username": "anne", "password": TestApp.password]
            var cookie: String? = page.cookie
            switch kind {
            case "forged": form["csrf"] = LoginFormSigner.random().token(nonce: nonce)
            case "expired": form["csrf"] = signer.token(nonce: nonce, now: Date().addingTimeInterval(-LoginFormSigner.lifetime - 5))
            case "other browser": form["csrf"] = signer.token(nonce: RandomToken.make())
            case "missing cookie":
                form["csrf"] = page.csrf
                cookie = nil
            default: break
            }
            // when
            let response = try await app.post("/login", form: form, cookie: cookie)
            // then
            #expect(response.status == .forbidden)
            #expect(TestApp.sessionCookie(response) == nil)
            #expect(response.text.contains("login-form") && response.text.contains("value=\"anne\""), "the form again, with what was typed")
            #expect(TestApp.csrfToken(in: response.text)?.isEmpty == false)
            // and the genuine token still signs in
            #expect(signer.isValid(page.csrf, cookieNonce: nonce))
            #expect(
                try await app.post(
                    "/login", form: ["username": "anne", "password": TestApp.password, "csrf": page.csrf],
                    cookie: page.cookie
                ).status == .seeOther)
        }
    }

    @Test func theLanguageCanBeChosenBeforeSignInWithTheLoginFormsToken() async throws {
        try await TestApp.run { app in
            // given
            let page = try await app.loginPage()
            // when
            let chosen = try await app.post("/language", form: ["language": "en", "csrf": page.csrf], cookie: page.cookie)
            let forged = try await app.post(
                "/language", form: ["language": "en", "csrf": LoginFormSigner.random().token(nonce: RandomToken.make())],
                cookie: page.cookie)
            // then
            #expect(chosen.status == .seeOther)
            #expect(chosen.headers[values: .setCookie].contains { $0.hasPrefix("lindring_lang=en") })
            #expect(forged.status == .forbidden)
            let english = try await app.get("/login", headers: [.cookie: "lindring_lang=en"])
            #expect(english.text.contains("lang=\"en\""))
        }
    }

    @Test func theLoginFormCookieIsHardened() async throws {
        try await TestApp.run({ $0.secureCookies = true }) { app in
            let response = try await app.get("/login")
            let cookies = response.headers[values: .setCookie]
            #expect(cookies.count == 1)
            let cookie = try #require(cookies.first)
            #expect(cookie.hasPrefix("__Host-lindring_login="))
            for flag in ["; Secure", "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age="] { #expect(cookie.contains(flag)) }
        }
    }

    @Test func metricsNeedTheTokenAndAreAbsentWithoutOne() async throws {
        try await TestApp.run { app in
            // when no METRICS_TOKEN is set
            let status = try await app.get("/metrics").status
            // then
            #expect(status == .notFound)
        }
        try await TestApp.run({ $0.metricsToken = "prometheus-scrape-token-1" }) { app in
            // when
            var statuses: [HTTPResponse.Status] = []
            for authorization in [nil, "Bearer prometheus-scrape-token-2", "Basic cHJvbWV0aGV1cw==", "Bearer prometheus-scrape-token-1"] {
                statuses.append(try await app.get("/metrics", headers: authorization.map { [.authorization: $0] } ?? [:]).status)
            }
            // then
            #expect(statuses == [.unauthorized, .unauthorized, .unauthorized, .ok])
        }
    }

    @Test(arguments: [("TRUSTED_PROXIES", "10.0.0.0/8, not-a-range"), ("TRUSTED_PROXIES", "10.0.0.0/33"), ("METRICS_TOKEN", "short")])
    func badSettingsStopTheStartNamingTheVariable(name: String, value: String) {
        let error = #expect(throws: AppConfig.Invalid.self) { try AppConfig.fromEnvironment([name: value]) }
        #expect(error?.description.hasPrefix(name) == true)
    }

    @Test func goodSettingsAreRead() throws {
        let config = try AppConfig.fromEnvironment(["TRUSTED_PROXIES": "10.0.0.0/8,fd00::/8", "METRICS_TOKEN": "prometheus-scrape-token-1"])
        #expect(config.trustedProxies.ranges.map(\.description) == ["10.0.0.0/8", "fd00::/8"])
        #expect(config.metricsToken == "prometheus-scrape-token-1")
    }
}

/// Everything logged, as text (message and metadata), from every logger made with `handler()`.
final class CapturedLogs: Sendable {
    private let lines = Mutex<[String]>([])

    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    func handler() -> some LogHandler { Handler(logs: self) }

    fileprivate func append(_ line: String) { lines.withLock { $0.append(line) } }

    struct Handler: LogHandler {
        let logs: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            logs.append("\(event.level) \(event.message) \(metadata.merging(event.metadata ?? [:]) { $1 })")
        }
    }
}
