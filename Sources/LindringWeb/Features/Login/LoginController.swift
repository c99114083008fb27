import Foundation
import HTTPTypes
import Hummingbird
import LindringCore
import LindringStore

/// Sign-in and sign-out. Every attempt is audited; repeated failures lock the account and
/// the address for a growing period (`LoginThrottle`), even for the right password.
struct LoginController {
    let services: AppServices

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.login.routerPath, use: show)
        router.post(Routes.login.routerPath, use: login)
        router.post(Routes.logout.routerPath, use: logout)
        router.post(Routes.language.routerPath, use: chooseLanguage)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        if context.user != nil { return .redirect(to: Routes.home()) }
        return try await render(context, form: LoginForm(next: request.query["next"]))
    }

    @Sendable func login(_ request: Request, context: AppContext) async throws -> Response {
        let form = LoginForm(username: context.form["username"] ?? "", next: context.form["next"])
        let password = context.form["password"] ?? ""
        guard let session = context.session, let submitted = context.form["csrf"],
              SecureToken.constantTimeEquals(submitted, session.csrfToken) else {
            return try await render(context, form: form, messageKey: "login.error.csrf", status: .forbidden)
        }
        let db = services.database
        let username = Username.normalized(form.username)
        let keys = LoginThrottle.keys(username: username, ip: context.remoteAddress)
        if let until = try await LoginThrottle.lockedUntil(keys: keys, on: db) {
            try await services.persistence.write { tx in
                try await LoginThrottle.recordFailure(keys: keys, on: tx)
                try await AuditLog.append(context.auditRecord("auth.login.throttled", entityType: "user", entityId: username,
                                                              outcome: .denied).withUsername(username), on: tx)
            }
            let minutes = max(1, Int((until.timeIntervalSinceNow / 60).rounded(.up)))
            var response = try await render(context, form: form, messageKey: "login.error.throttled",
                                            values: ["minutes": String(minutes)], status: .tooManyRequests)
            response.headers[.retryAfter] = String(Int(until.timeIntervalSinceNow.rounded(.up)))
            return response
        }
        let credentials = username.isEmpty ? nil : try await UserRepository.credentials(username: username, on: db)
        let passwordMatches = try await services.hasher.verify(password, against: credentials?.passwordHash ?? services.decoyHash)
        guard let credentials, passwordMatches, credentials.user.active else {
            try await services.persistence.write { tx in
                try await LoginThrottle.recordFailure(keys: keys, on: tx)
                try await AuditLog.append(context.auditRecord("auth.login.failed", actor: credentials?.user, entityType: "user",
                                                              entityId: username, outcome: .denied).withUsername(username), on: tx)
            }
            return try await render(context, form: form, messageKey: "login.error.invalid", status: .unauthorized)
        }
        // A new session id at login: a session planted before sign-in is worthless after it.
        let user = credentials.user
        let newSession = try await services.persistence.write { tx in
            try await SessionRepository.delete(token: session.token, on: tx)
            try await LoginThrottle.recordSuccess(username: username, on: tx)
            let created = try await SessionRepository.create(userId: user.id, timeouts: services.config.sessionTimeouts, on: tx)
            try await AuditLog.append(context.auditRecord("auth.login", actor: user, entityType: "user", entityId: user.id.uuidString), on: tx)
            return created
        }
        var response = Response.redirect(to: Self.safeNext(form.next))
        SessionCookie.set(newSession.token, on: &response, config: services.config)
        return response
    }

    @Sendable func logout(_ request: Request, context: AppContext) async throws -> Response {
        if let session = context.session {
            try await services.persistence.write { tx in
                try await SessionRepository.delete(token: session.token, on: tx)
                if let user = context.user {
                    try await AuditLog.append(context.auditRecord("auth.logout", entityType: "user", entityId: user.id.uuidString), on: tx)
                }
            }
        }
        var response = Response.redirect(to: Routes.login())
        SessionCookie.clear(on: &response, config: services.config)
        return response
    }

    /// Language before sign-in: remembered in a cookie (a signed-in user's choice is stored
    /// on the account instead, see the account page).
    @Sendable func chooseLanguage(_ request: Request, context: AppContext) async throws -> Response {
        guard let language = context.form["language"].flatMap(Language.init(rawValue:)) else {
            throw AppError.badRequest("Unknown language")
        }
        var response = Response.redirect(to: Routes.login())
        response.headers.append(HTTPField(name: .setCookie, value: "lindring_lang=\(language.rawValue); Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly"
            + (services.config.secureCookies ? "; Secure" : "")))
        return response
    }

    /// Renders the form with a fresh anonymous session that carries the CSRF token.
    func render(_ context: AppContext, form: LoginForm, messageKey: String? = nil, values: [String: String] = [:],
                status: HTTPResponse.Status = .ok) async throws -> Response {
        var context = context
        var newToken: String?
        if context.session == nil || context.user != nil || status == .forbidden {
            let timeouts = services.config.sessionTimeouts
            let session = try await services.persistence.write { try await SessionRepository.create(userId: nil, timeouts: timeouts, on: $0) }
            context.session = session
            newToken = session.token
        }
        let page = PageContext(context, path: Routes.login())
        let message = messageKey.map { page.t($0, values) }
        var response = Response.html(LoginView.render(page, form: form, message: message), status: status)
        if let newToken { SessionCookie.set(newToken, on: &response, config: services.config) }
        return response
    }

    /// Only local paths, so the login page cannot be used to send people elsewhere.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
              !next.hasPrefix(Routes.login.pattern), !next.hasPrefix(Routes.logout.pattern) else { return Routes.home() }
        return next
    }
}

struct LoginForm {
    var username = ""
    var next: String?
}

extension AuditRecord {
    /// Failed logins name the username that was tried, even when no such user exists.
    func withUsername(_ username: String) -> AuditRecord {
        var copy = self
        if copy.username == nil { copy.username = String(username.prefix(100)) }
        return copy
    }
}

/// The session cookie, set with the flags the framework does not set by default.
enum SessionCookie {
    static func set(_ token: String, on response: inout Response, config: AppConfig) {
        var value = "\(config.sessionCookieName)=\(token); Path=/; HttpOnly; SameSite=Lax"
        if config.secureCookies { value += "; Secure" }
        response.headers.append(HTTPField(name: .setCookie, value: value))
    }

    static func clear(on response: inout Response, config: AppConfig) {
        var value = "\(config.sessionCookieName)=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
        if config.secureCookies { value += "; Secure" }
        response.headers.append(HTTPField(name: .setCookie, value: value))
    }
}
