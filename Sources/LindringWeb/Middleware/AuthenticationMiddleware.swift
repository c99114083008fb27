import FluentKit
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
        path.hasPrefix("/assets/") || path == Routes.serviceWorker.pattern || path == Routes.webManifest.pattern || path == Routes.healthz.pattern
            || path == Routes.readyz.pattern || path == Routes.metrics.pattern || path.hasPrefix(Routes.certificateLookup.pattern)
    }

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        if Self.isPublic(request.uri.path) { return try await next(request, context) }
        var context = context
        context.userAgent = request.headers[.userAgent]
        let bearer = request.uri.path.hasPrefix(Routes.API.prefix) ? request.headers[.authorization] : nil
        let cookie = bearer == nil ? request.cookies[services.config.sessionCookieName]?.value : nil
        if bearer != nil || cookie != nil {
            let timeouts = services.config.sessionTimeouts
            let identity = try await services.persistence.readEach {
                try await Self.identify(bearer: bearer, cookie: cookie, timeouts: timeouts, on: $0)
            }
            context.user = identity.user
            context.session = identity.session
            context.unreadInbox = identity.unreadInbox
            context.socialWorkTasks = identity.socialWorkTasks
            // Writes go to the writer (group commit), after the snapshot.
            if let token = identity.token {
                context.authenticatedByToken = true
                if token.useDue { try await services.persistence.write { try await ApiTokenRepository.recordUse(tokenId: token.id, on: $0) } }
            }
            if identity.endSession, let cookie {
                try await services.persistence.write { try await SessionRepository.delete(token: cookie, on: $0) }
            }
            if let session = identity.session, SessionRepository.touchDue(session, timeouts: timeouts) {
                try await services.persistence.write { try await SessionRepository.touch(session, on: $0) }
            }
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

    /// Who is asking: every signed-in request asks.
    struct Identity: Sendable {
        var user: User?
        var session: Session?
        var token: (id: UUID, useDue: Bool)?
        /// The session's user is gone or deactivated: the session ends.
        var endSession = false
        var unreadInbox = 0
        var socialWorkTasks = 0
    }

    /// A bearer token (the API) or else the session cookie. A bearer token that is malformed,
    /// unknown, revoked or whose user is deactivated is refused outright.
    static func identify(bearer: String?, cookie: String?, timeouts: SessionTimeouts, on db: any DatabaseReading) async throws -> Identity {
        var identity = Identity()
        if let bearer {
            guard bearer.lowercased().hasPrefix("bearer "),
                let match = try await ApiTokenRepository.findWithUser(token: String(bearer.dropFirst(7)), on: db), match.user.active
            else {
                throw AppError.unauthenticated
            }
            identity.user = match.user
            identity.token = (match.tokenId, match.useDue)
            return identity
        }
        guard let cookie, let (session, user, unreadInbox) = try await SessionRepository.findWithUser(token: cookie, timeouts: timeouts, on: db)
        else {
            return identity
        }
        identity.session = session
        if session.userId != nil {
            if let user, user.active {
                identity.user = user
            } else {
                identity.session = nil
                identity.endSession = true
            }
        }
        if let user = identity.user, user.can(.readPatientData) {
            // Open follow-ups from the advisory line count as unread until the unit has done them.
            identity.unreadInbox = unreadInbox
        }
        if let user = identity.user, user.can(.manageSocialWorkCases), let team = user.unitId {
            // Only social workers ask; the count is of their own families' tasks.
            identity.socialWorkTasks = try await SocialWorkWorklist.tasks(
                teamUnitId: team, keyWorkerId: user.id, today: LocalDate(Date(), in: DanishCalendar.timeZone), on: db
            ).count
        }
        return identity
    }
}
