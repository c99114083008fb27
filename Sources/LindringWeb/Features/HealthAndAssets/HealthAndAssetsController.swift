import Hummingbird
import LindringCore
import Prometheus

/// Health, readiness, metrics and the static assets.
struct HealthAndAssetsController {
    let services: AppServices

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.healthz.routerPath) { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        router.get(Routes.readyz.routerPath) { _, _ in
            let ready = await services.persistence.isReachable()
            return Response(
                status: ready ? .ok : .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: ready ? "ready\n" : "database unreachable\n")))
        }
        // Metrics name routes and counts, which are nobody else's business: only for the bearer
        // of METRICS_TOKEN, and not there at all without one.
        router.get(Routes.metrics.routerPath) { request, _ in
            guard let expected = services.config.metricsToken else { throw AppError.notFound }
            guard let given = request.headers[.authorization], given.lowercased().hasPrefix("bearer "),
                RandomToken.constantTimeEquals(String(given.dropFirst(7)), expected)
            else {
                return Response(
                    status: .unauthorized, headers: [.wwwAuthenticate: "Bearer", .contentType: "text/plain; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: "unauthorized\n")))
            }
            var bytes: [UInt8] = []
            services.metrics.emit(into: &bytes)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        router.get(Routes.asset.routerPath) { request, context in
            guard let name = context.parameters.get("name"), let asset = services.assets.byName[name] else { throw AppError.notFound }
            if request.headers[.ifNoneMatch] == asset.etag {
                return Response(status: .notModified, headers: [.eTag: asset.etag, .cacheControl: "public, max-age=3600"])
            }
            return Response(
                status: .ok, headers: [.contentType: asset.contentType, .eTag: asset.etag, .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: asset.body))
        }
    }
}
