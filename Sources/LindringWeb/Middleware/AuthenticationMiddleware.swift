import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// Finds who is asking: a bearer API token (API only) or the session cookie. Sets the
/// language: the user's own, else the language cookie, else Accept-Language.
struct AuthenticationMiddleware: RouterMiddleware {
    let services: AppServices

    /// Paths that serve no personal data and need no user: spared the session look-up.
    static func isPublic(_ path: String) -> Bool {
        path.hasPrefix("/assets/") || path == Routes.healthz.pattern || path == Routes.readyz.pattern || path == Routes.metrics.pattern
    }

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        if Self.isPublic(request.uri.path) { return try await next(request, context) }
        var context = context
        context.userAgent = request.headers[.userAgent]
        let db = services.database
        if request.uri.path.hasPrefix(Routes.API.prefix), let authorization = request.headers[.authorization] {
            guard authorization.lowercased().hasPrefix("bearer "),
                  let match = try await ApiTokenRepository.userId(forToken: String(authorization.dropFirst(7)), on: db),
                  let user = try await UserRepository.find(id: match.userId, on: db), user.active else {
                throw AppError.unauthenticated
            }
            context.user = user
            context.authenticatedByToken = true
            // Writes go to the writer (group commit): on a reader's connection they would wait for its lock.
            if match.useDue { try await services.persistence.write { try await ApiTokenRepository.recordUse(tokenId: match.tokenId, on: $0) } }
        } else if let token = request.cookies[services.config.sessionCookieName]?.value,
                  let session = try await SessionRepository.find(token: token, timeouts: services.config.sessionTimeouts, on: db) {
            context.session = session
            if let userId = session.userId {
                if let user = try await UserRepository.find(id: userId, on: db), user.active {
                    context.user = user
                } else {
                    try await services.persistence.write { try await SessionRepository.delete(token: token, on: $0) }
                    context.session = nil
                }
            }
            if context.session != nil, SessionRepository.touchDue(session) {
                try await services.persistence.write { try await SessionRepository.touch(session, on: $0) }
            }
        }
        if !context.authenticatedByToken, let user = context.user, user.can(.readPatientData), let unit = user.unitId {
            // Open follow-ups from the advisory line count as unread until the unit has done them.
            context.unreadInbox = try await InboxRepository.unreadCount(unitId: unit, userId: user.id, on: db)
                + FollowUpRepository.openCount(unitId: unit, on: db)
        }
        if let user = context.user, let language = Language(rawValue: user.language) {
            context.language = language
        } else if let chosen = request.cookies["lindring_lang"].flatMap({ Language(rawValue: $0.value) }) {
            context.language = chosen
        } else {
            context.language = Language.preferred(acceptLanguage: request.headers[.acceptLanguage])
        }
        return try await next(request, context)
    }
}
