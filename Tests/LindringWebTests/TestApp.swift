import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import LindringTestSupport
import Logging
import NIOCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// Builds Lindring with `buildApplication` on an isolated database, seeds it, and hands the
/// test a client plus a handle on the same database.
struct TestApp {
    let client: any TestClientProtocol
    let persistence: Persistence
    let hasher: PasswordHasher

    static let password = "korrekt hest batteri 42"

    /// `testing`: `.router` by default; `.live` for a real socket (a peer address, e.g. for trusted proxies).
    /// `logger`: the application's (to capture what it logs).
    static func run(
        _ configure: @Sendable (inout AppConfig) -> Void = { _ in }, testing: TestingSetup = .router, logger: Logger? = nil,
        _ body: @Sendable (TestApp) async throws -> Void
    ) async throws {
        try await TestDatabase.withSlot { try await runOnFreshDatabase(configure, testing: testing, logger: logger, body) }
    }

    static func runOnFreshDatabase(
        _ configure: @Sendable (inout AppConfig) -> Void, testing: TestingSetup = .router, logger: Logger? = nil,
        _ body: @Sendable (TestApp) async throws -> Void
    ) async throws {
        let database = try await TestDatabase.make()
        var config = AppConfig()
        config.database = database.location
        config.logLevel = .warning
        // Hashing at production cost (12) is proven in its own test; here it would only slow the suite.
        config.bcryptCost = 4
        config.databaseConnectionsPerEventLoop = 1
        config.auditKey = TestDatabase.auditKey
        configure(&config)
        let app = try await buildApplication(config, logger: logger)
        let persistence = try await Persistence.open(
            location: database.location, auditKey: TestDatabase.auditKey, logger: Logger(label: "test"), connectionsPerEventLoop: 1)
        let hasher = PasswordHasher(cost: 4, threads: 1)
        do {
            try await app.test(testing) { client in
                try await body(TestApp(client: client, persistence: persistence, hasher: hasher))
            }
        } catch {
            await persistence.shutdown()
            try? await hasher.shutdown()
            try? await database.remove()
            throw error
        }
        await persistence.shutdown()
        try? await hasher.shutdown()
        try? await database.remove()
    }

    @discardableResult
    func createUser(_ username: String, roles: [Role], unit: String? = "RH-PAL") async throws -> User {
        try await Accounts.create(
            UserDraft(
                username: username, name: "Test \(username)", profession: "nurse", unitCode: unit,
                roles: roles.map(\.rawValue)),
            password: Self.password, persistence: persistence, hasher: hasher
        ) { user in
            Accounts.commandLineRecord("user.create", entityType: "user", entityId: user.id.uuidString)
        }
    }

    /// A patient registered by the unit with a plan whose care team is that unit (key worker)
    /// and `careTeam` units (home care).
    @discardableResult
    func createPatientWithPlan(
        registeredBy unitCode: String, careTeam: [String] = [], name: String = "Åse Prøvesen",
        cpr: String = "0101401234", consent: String = "given", diagnosisGroup: String = "cancer",
        municipalityCode: String? = nil, withPlan: Bool = true
    ) async throws -> UUID {
        let db = persistence.outsideWriter
        let unit = try #require(try await UnitRepository.find(code: unitCode, on: db))
        let valid = try PatientDraft(
            cpr: cpr, name: name, municipalityCode: municipalityCode, diagnosisGroup: diagnosisGroup, sharingConsent: consent
        )
        .validated(today: LocalDate("2026-11-23")!)
        var plan = PlanContent()
        plan.careTeam = [CareTeamMember(unitId: unit.id, role: .keyWorker)]
        for code in careTeam {
            plan.careTeam.append(CareTeamMember(unitId: try #require(try await UnitRepository.find(code: code, on: db)).id, role: .homeCare))
        }
        let content = plan
        return try await persistence.write { tx in
            let id = try await PatientRepository.create(valid, registeringUnitId: unit.id, recordedBy: nil, on: tx)
            if withPlan {
                try await PlanRepository.create(patientId: id, content, author: PlanAuthor(userId: nil, name: "Test", unitId: unit.id), on: tx)
            }
            return id
        }
    }

    /// Fetches the login page: the login form's cookie (its nonce) and its signed CSRF token.
    func loginPage(headers: HTTPFields = [:]) async throws -> (cookie: String, csrf: String) {
        let response = try await client.execute(uri: "/login", method: .get, headers: headers)
        let cookie = try #require(
            response.headers[values: .setCookie].first { $0.hasPrefix("lindring_login=") }.map { String($0.prefix { $0 != ";" }) })
        let csrf = try #require(Self.csrfToken(in: String(buffer: response.body)))
        return (cookie, csrf)
    }

    /// Signs in through the form and returns the new session's cookie and CSRF token.
    func login(_ username: String, password: String = TestApp.password) async throws -> Session {
        let page = try await loginPage()
        let response = try await post("/login", form: ["username": username, "password": password, "csrf": page.csrf], cookie: page.cookie)
        #expect(response.status == .seeOther)
        let cookie = try #require(Self.sessionCookie(response))
        let home = try await client.execute(uri: "/account", method: .get, headers: [.cookie: cookie])
        let csrf = try #require(Self.csrfToken(in: String(buffer: home.body)))
        return Session(cookie: cookie, csrf: csrf)
    }

    struct Session {
        let cookie: String
        let csrf: String
    }

    func get(_ uri: String, _ session: Session? = nil, headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields = headers
        if let session { fields[.cookie] = session.cookie }
        return try await client.execute(uri: uri, method: .get, headers: fields)
    }

    func post(_ uri: String, form: [String: String], cookie: String? = nil, headers: HTTPFields = [:]) async throws -> TestResponse {
        // In name order, as a form lists its rows: `careTeam[role][0]` before `careTeam[role][1]`.
        try await post(uri, pairs: form.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, cookie: cookie, headers: headers)
    }

    func post(_ uri: String, pairs: [(String, String)], cookie: String? = nil, headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields = headers
        fields[.contentType] = "application/x-www-form-urlencoded"
        if let cookie { fields[.cookie] = cookie }
        let body = pairs.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await client.execute(uri: uri, method: .post, headers: fields, body: ByteBuffer(string: body))
    }

    /// A form whose fields repeat (ticked checkboxes), in the order given, with the session's CSRF token.
    func post(_ uri: String, _ session: Session, pairs: [(String, String)]) async throws -> TestResponse {
        try await post(uri, pairs: pairs + [("csrf", session.csrf)], cookie: session.cookie)
    }

    func post(_ uri: String, _ session: Session, form: [String: String]) async throws -> TestResponse {
        var form = form
        form["csrf"] = form["csrf"] ?? session.csrf
        return try await post(uri, form: form, cookie: session.cookie)
    }

    /// A JSON request with a bearer token: `body` is serialised as it is (a dictionary, an array).
    func send(
        _ method: HTTPRequest.Method, _ uri: String, json body: Any? = nil, token: String, headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var fields = headers
        fields[.authorization] = "Bearer \(token)"
        var buffer: ByteBuffer?
        if let body {
            fields[.contentType] = "application/json"
            buffer = ByteBuffer(data: try JSONSerialization.data(withJSONObject: body))
        }
        return try await client.execute(uri: uri, method: method, headers: fields, body: buffer)
    }

    /// The services a controller or service is made from, over the test's database.
    func services() throws -> AppServices {
        AppServices(
            config: AppConfig(), persistence: persistence, hasher: hasher, logger: .init(label: "test"), assets: try Assets.load(),
            metrics: .init(), decoyHash: "")
    }

    func apiToken(for user: User) async throws -> String {
        try await ApiTokenRepository.issue(userId: user.id, label: "test", on: persistence.outsideWriter).token
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~"))) ?? text
    }

    static func sessionCookie(_ response: TestResponse) -> String? {
        response.headers[values: .setCookie].first { $0.contains("lindring_session=") && !$0.contains("Max-Age=0") }
            .map { String($0.prefix { $0 != ";" }) }
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any])
    }
}
