import Foundation
import HTTPTypes
import Hummingbird
import LindringStore

/// Cross-site request forgery protection for every state-changing request: the Origin and
/// Sec-Fetch-Site headers must say the request comes from Lindring's own pages, and the
/// per-session token must come with it (form field `csrf`, or header `X-CSRF-Token`).
/// Requests with a bearer API token carry no ambient credentials and need no token.
/// The login form's token is stateless (`LoginFormCookie`) and checked by the login controller,
/// which re-renders the form; the language chooser before sign-in carries it too.
struct CSRFMiddleware: RouterMiddleware {
    let services: AppServices

    static let stateChanging: Set<HTTPRequest.Method> = [.post, .put, .patch, .delete]

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        guard Self.stateChanging.contains(request.method) else { return try await next(request, context) }
        guard isSameOrigin(request) else {
            context.logger.warning(
                "cross-origin state-changing request refused",
                metadata: [
                    "origin": .string(request.headers[.origin] ?? "-"), "fetchSite": .string(request.headers[.secFetchSite] ?? "-"),
                    "authority": .string(request.head.authority ?? "-"),
                ])
            throw AppError.csrfRejected
        }
        if context.authenticatedByToken { return try await next(request, context) }
        // An API call with no credentials at all carries nothing to forge: the route answers 401.
        if request.uri.path.hasPrefix(Routes.API.prefix), context.session == nil { return try await next(request, context) }

        var request = request
        var submitted = request.headers[.csrfToken]
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            // Collected once and kept in the request, where the controller decodes its own form.
            let body = try await request.collectBody(upTo: services.config.maxBodySize)
            submitted = try FormBody.decode(CSRFField.self, from: body).csrf ?? submitted
        } else if !request.uri.path.hasPrefix(Routes.API.prefix) && !request.uri.path.hasPrefix("/r/") {
            throw AppError.unsupportedMediaType
        }
        // A self-report page uses no session: the random token in its address is the only
        // credential, which another site cannot know, so there is nothing to forge.
        if request.uri.path != Routes.login.pattern && !request.uri.path.hasPrefix("/r/") {
            let sessionToken = context.session.flatMap { session in submitted.map { SecureToken.constantTimeEquals($0, session.csrfToken) } } ?? false
            // Before sign-in there is no session: the language chooser carries the login form's token.
            let loginFormToken = request.uri.path == Routes.language.pattern && LoginFormCookie.isGenuine(submitted, request, services: services)
            guard sessionToken || loginFormToken else { throw AppError.csrfRejected }
        }
        return try await next(request, context)
    }

    /// Browsers send Sec-Fetch-Site on every request, which says directly whether the
    /// request came from our own pages; it decides when present. Without it, Origin must
    /// name our own origin. (Under `Referrer-Policy: no-referrer` Chrome sends `Origin: null`
    /// on same-origin form posts, so a null origin is judged by Sec-Fetch-Site alone.)
    /// Clients that send neither (curl, other systems) still need the session's token.
    func isSameOrigin(_ request: Request) -> Bool {
        if let site = request.headers[.secFetchSite]?.lowercased() {
            return site == "same-origin" || site == "none"
        }
        guard let origin = request.headers[.origin] else { return true }
        if let base = services.config.publicBaseURL {
            return origin == Self.origin(of: base)
        }
        guard let host = request.head.authority else { return false }
        return origin == "http://\(host)" || origin == "https://\(host)"
    }

    static func origin(of url: URL) -> String {
        var origin = "\(url.scheme ?? "https")://\(url.host ?? "")"
        if let port = url.port { origin += ":\(port)" }
        return origin
    }
}
