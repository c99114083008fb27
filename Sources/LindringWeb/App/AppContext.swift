import Foundation
import Hummingbird
import LindringCore
import LindringStore
import NIOCore

/// The per-request context: who is asking, how they authenticated, in which language.
public struct AppContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The client's address: the connection's peer, or the address a trusted proxy reports
    /// (`ClientAddressMiddleware`).
    public var remoteAddress: String?
    public var session: Session?
    public var user: User?
    public var authenticatedByToken = false
    public var userAgent: String?
    public var language: Language = .danish
    /// Unread inbox items of the user's unit, for the navigation.
    public var unreadInbox = 0
    /// The social worker's own worklist (the navigation's badge).
    public var socialWorkTasks = 0

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    public var maxUploadSize: Int { 1024 * 1024 }

    /// Forms and JSON bodies: `request.decode(as:context:)`.
    public var requestDecoder: AppRequestDecoder { AppRequestDecoder() }

    /// The `{id}` of the route, when it is a UUID (anything else names nothing: 404).
    var idParameter: UUID? {
        parameters.get("id").flatMap(UUID.init(uuidString:))
    }

    /// The route's `{id}`, or 404.
    func requiredIdParameter() throws -> UUID {
        guard let id = idParameter else { throw AppError.notFound }
        return id
    }

    /// The signed-in user, or an error that sends the browser to the login page (or 401 in the API).
    public func requireUser() throws -> User {
        guard let user else { throw AppError.unauthenticated }
        return user
    }

    /// The signed-in user, if the permission policy lets them take the action.
    public func require(_ action: Action) throws -> User {
        let user = try requireUser()
        guard user.can(action) else { throw AppError.forbidden }
        return user
    }
}
