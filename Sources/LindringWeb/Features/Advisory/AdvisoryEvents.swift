import Foundation
import HTTPTypes
import Hummingbird
import ServiceLifecycle
import Synchronization

/// Server-sent events for the advisory boards: when a contact or follow-up changes, every open
/// board hears one short message and fetches its fresh content once. The message carries no
/// patient data. At shutdown every stream ends (the browser reconnects to the next server), so
/// open boards do not hold the server up.
final class AdvisoryEvents: Service, Sendable {
    private let subscribers = Mutex<[UUID: AsyncStream<String>.Continuation]>([:])
    private let closed = Mutex(false)
    /// A comment line this often keeps proxies from closing an idle stream and finds dead clients.
    let heartbeat: Duration

    init(heartbeat: Duration = .seconds(25)) {
        self.heartbeat = heartbeat
    }

    func publish(_ event: String) {
        for continuation in subscribers.withLock({ Array($0.values) }) { continuation.yield(event) }
    }

    var subscriberCount: Int { subscribers.withLock { $0.count } }

    /// A stream of events until the client goes away or the server stops.
    func subscribe() -> AsyncStream<String> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(8))
        continuation.onTermination = { [weak self] _ in _ = self?.subscribers.withLock { $0.removeValue(forKey: id) } }
        if closed.withLock({ $0 }) {
            continuation.finish()
        } else {
            subscribers.withLock { $0[id] = continuation }
        }
        return stream
    }

    /// The `text/event-stream` response for one board.
    func response() -> Response {
        let stream = subscribe()
        let heartbeat = self.heartbeat
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "retry: 5000\n: connected\n\n"))
            let (merged, input) = AsyncStream<String>.makeStream()
            // The web server stops only when its open requests have ended, and it is told to stop
            // before the services it was given: so the stream itself listens for the shutdown.
            try await withGracefulShutdownHandler {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await event in stream { input.yield("event: \(event)\ndata: \(event)\n\n") }
                        input.finish()
                    }
                    group.addTask {
                        while !Task.isCancelled {
                            try await Task.sleep(for: heartbeat)
                            input.yield(": heartbeat\n\n")
                        }
                    }
                    for await chunk in merged { try await writer.write(ByteBuffer(string: chunk)) }
                    group.cancelAll()
                }
            } onGracefulShutdown: {
                input.finish()
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store", HTTPField.Name("X-Accel-Buffering")!: "no"],
            body: body)
    }

    func run() async throws {
        try? await gracefulShutdown()
        closed.withLock { $0 = true }
        for continuation in subscribers.withLock({ Array($0.values) }) { continuation.finish() }
    }
}
