import Hummingbird
import LindringCore

/// Behind a load balancer the connection's peer is the proxy: the client's address is the one
/// a trusted proxy (`TRUSTED_PROXIES`) put in `X-Forwarded-For` (`TrustedProxies.clientAddress`).
/// First of all middleware, so the login throttle, the audit log and the rate limits see it.
struct ClientAddressMiddleware: RouterMiddleware {
    let proxies: TrustedProxies

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        context.remoteAddress = proxies.clientAddress(peer: context.remoteAddress, forwardedFor: request.headers[values: .xForwardedFor])
        return try await next(request, context)
    }
}
