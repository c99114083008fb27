import Foundation
import HTTPTypes
import Hummingbird
import LindringCore
import LindringStore

/// Sign-in and sign-out. Every attempt is audited. An attempt is reserved before its password
/// is checked (`LoginThrottle`): failures for one account from one address bring growing
/// delays, even for the right password, and an account has few attempts checked at once.
/// The form's CSRF token is stateless (`LoginFormCookie`): the login page stores nothing, and
/// a session starts only when the sign-in succeeds.
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
        return render(request, context, form: LoginForm(next: request.query["next"]))
    }

    @Sendable func login(_ request: Request, context: AppContext) async throws -> Response {
        let submitted = try await request.decode(as: LoginSubmission.self, context: context)
        let form = LoginForm(username: submitted.username ?? "", next: submitted.next)
        let password = submitted.password ?? ""
        guard LoginFormCookie.isGenuine(submitted.csrf, request, services: services) else {
            return render(request, context, form: form, messageKey: "login.error.csrf", status: .forbidden)
        }
        let username = Username.normalized(form.username)
        let credentials =
            username.isEmpty ? nil : try await services.persistence.readEach { try await UserRepository.credentials(username: username, on: $0) }
        let keys = LoginThrottle.keys(username: username, ip: context.remoteAddress)
        let reservation = try await services.persistence.write { try await LoginThrottle.reserve(keys, on: $0) }
        guard reservation == .granted else {
            try await services.persistence.write { tx in
                try await AuditLog.append(context.failedLoginRecord("auth.login.throttled", user: credentials?.user), on: tx)
            }
            return throttled(request, context, form: form, reservation)
        }
        let passwordMatches: Bool
        do {
            passwordMatches = try await services.hasher.verify(password, against: credentials?.passwordHash ?? services.decoyHash)
        } catch {
            try? await services.persistence.write { try await LoginThrottle.release(keys, succeeded: false, on: $0) }
            throw error
        }
        guard let credentials, passwordMatches, credentials.user.active else {
            try await services.persistence.write { tx in
                try await LoginThrottle.release(keys, succeeded: false, on: tx)
                try await AuditLog.append(context.failedLoginRecord("auth.login.failed", user: credentials?.user), on: tx)
            }
            return render(request, context, form: form, messageKey: "login.error.invalid", status: .unauthorized)
        }
        // A new session id at login: a session planted before sign-in is worthless after it.
        let user = credentials.user
        let previous = context.session
        let newSession = try await services.persistence.write { tx in
            if let previous { try await SessionRepository.delete(token: previous.token, on: tx) }
            try await LoginThrottle.release(keys, succeeded: true, on: tx)
            let created = try await SessionRepository.create(userId: user.id, timeouts: services.config.sessionTimeouts, on: tx)
            try await AuditLog.append(context.auditRecord("auth.login", actor: user, entityType: "user", entityId: user.id.uuidString), on: tx)
            return created
        }
        var response = Response.redirect(to: Self.safeNext(form.next))
        SessionCookie.set(newSession.token, on: &response, config: services.config)
        LoginFormCookie.clear(on: &response, config: services.config)
        return response
    }

    /// The form again with 429: how long to wait (a delay), or to try again in a moment (busy).
    func throttled(_ request: Request, _ context: AppContext, form: LoginForm, _ reservation: LoginThrottle.Reservation) -> Response {
        let seconds: Int
        var response: Response
        switch reservation {
        case .delayed(let until):
            seconds = max(1, Int(until.timeIntervalSinceNow.rounded(.up)))
            response = render(
                request, context, form: form, messageKey: "login.error.throttled",
                values: ["minutes": String(max(1, (seconds + 59) / 60))], status: .tooManyRequests)
        case .busy(let retryAfter):
            seconds = max(1, Int(retryAfter.rounded(.up)))
            response = render(request, context, form: form, messageKey: "login.error.busy", status: .tooManyRequests)
        case .granted:
            preconditionFailure("a granted attempt is not throttled")
        }
        response.headers[.retryAfter] = String(seconds)
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
        guard let language = try await request.decode(as: LanguageChoice.self, context: context).language.flatMap(Language.init(rawValue:)) else {
            throw AppError.badRequest("Unknown language")
        }
        var response = Response.redirect(to: Routes.login())
        response.headers.append(
            HTTPField(
                name: .setCookie,
                value: "lindring_lang=\(language.rawValue); Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly"
                    + (services.config.secureCookies ? "; Secure" : "")))
        return response
    }

    /// Renders the form with a signed token for the browser's login-form cookie (set again,
    /// with a new nonce when it had none). Stores nothing.
    func render(
        _ request: Request, _ context: AppContext, form: LoginForm, messageKey: String? = nil, values: [String: String] = [:],
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let nonce = LoginFormCookie.nonce(request, config: services.config) ?? RandomToken.make()
        let page = PageContext(
            t: Localizer(context.language), user: nil, csrfToken: services.loginFormSigner.token(nonce: nonce),
            path: Routes.login())
        let message = messageKey.map { page.t($0, values) }
        var response = Response.html(LoginView.render(page, form: form, message: message), status: status)
        LoginFormCookie.set(nonce, on: &response, config: services.config)
        return response
    }

    /// Only a path on this site, so the login page cannot be used to send people elsewhere: it
    /// starts with a single `/` and holds nothing but visible ASCII other than a backslash.
    /// Browsers drop tabs and line breaks from a URL and read a backslash as `/`, so `/<tab>/evil.example`
    /// would become `//evil.example`, another site; and with a leading `/` no scheme can come first.
    /// Any other address is `fallback`. The one rule for every "go back to" address (sign-in, breaking the glass).
    static func safeNext(_ next: String?, otherwise fallback: String = Routes.home()) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), next.count <= 2000,
            next.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) && $0 != "\\" }),
            !next.hasPrefix(Routes.login.pattern), !next.hasPrefix(Routes.logout.pattern)
        else { return fallback }
        return next
    }
}

struct LoginForm {
    var username = ""
    var next: String?
}

/// The login form as sent; its token is checked here, against the login form's cookie.
struct LoginSubmission: Decodable {
    var username: String?
    var password: String?
    var next: String?
    var csrf: String?
}

/// The language chooser (before sign-in, and on the account page).
struct LanguageChoice: Decodable {
    var language: String?
}

extension AppContext {
    /// A failed or refused sign-in names the account only when it exists: what is typed into
    /// the username field is sometimes the password, and the audit log keeps it for ever.
    func failedLoginRecord(_ action: String, user: User?) -> AuditRecord {
        var record = auditRecord(action, actor: user, entityType: "user", entityId: user?.id.uuidString, outcome: .denied)
        if record.username == nil { record.username = AuditRecord.unknownUsername }
        return record
    }
}

extension AuditRecord {
    /// The username of a failed sign-in for an account that does not exist.
    static let unknownUsername = "(unknown)"
}

/// The login form's CSRF cookie: a random nonce, HttpOnly, SameSite=Lax, for the token's
/// lifetime, `__Host-` prefixed when cookies are secure. The form carries the same nonce signed
/// (`LoginFormSigner`); the sign-in form and the language chooser before sign-in accept it.
enum LoginFormCookie {
    static func name(_ config: AppConfig) -> String { config.secureCookies ? "__Host-lindring_login" : "lindring_login" }

    static func nonce(_ request: Request, config: AppConfig) -> String? {
        request.cookies[name(config)].map(\.value).flatMap { RandomToken.isWellFormed($0) ? $0 : nil }
    }

    /// Whether the submitted token was signed by this deployment, is unexpired and matches the cookie.
    static func isGenuine(_ submitted: String?, _ request: Request, services: AppServices) -> Bool {
        guard let submitted else { return false }
        return services.loginFormSigner.isValid(submitted, cookieNonce: nonce(request, config: services.config))
    }

    static func set(_ nonce: String, on response: inout Response, config: AppConfig) {
        response.headers.append(SessionCookie.field(name(config), nonce, maxAge: Int(LoginFormSigner.lifetime), config: config))
    }

    static func clear(on response: inout Response, config: AppConfig) {
        response.headers.append(SessionCookie.field(name(config), "", maxAge: 0, config: config))
    }
}

/// The session cookie, set with the flags the framework does not set by default.
enum SessionCookie {
    static func set(_ token: String, on response: inout Response, config: AppConfig) {
        response.headers.append(field(config.sessionCookieName, token, maxAge: nil, config: config))
    }

    static func clear(on response: inout Response, config: AppConfig) {
        response.headers.append(field(config.sessionCookieName, "", maxAge: 0, config: config))
    }

    /// HttpOnly, SameSite=Lax, path `/`, Secure when cookies are secure.
    static func field(_ name: String, _ value: String, maxAge: Int?, config: AppConfig) -> HTTPField {
        var text = "\(name)=\(value); Path=/; HttpOnly; SameSite=Lax"
        if let maxAge { text += "; Max-Age=\(maxAge)" }
        if config.secureCookies { text += "; Secure" }
        return HTTPField(name: .setCookie, value: text)
    }
}
