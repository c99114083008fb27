import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOEmbedded
import Testing

@testable import LindringWeb

/// A body sent without a length (chunked) is limited where it is read, not by
/// BodyLimitMiddleware, which sees no Content-Length (issue 17, item 8).
@Suite struct BodyLimitTests {
    /// A request as the server hands it on for a chunked body: no Content-Length.
    static func chunked(_ path: String, contentType: String, bytes: Int) -> Request {
        Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: path, headerFields: [.contentType: contentType]),
            body: RequestBody(buffer: ByteBuffer(repeating: UInt8(ascii: " "), count: bytes)))
    }

    static func context() -> AppContext {
        AppContext(source: ApplicationRequestContextSource(channel: NIOAsyncTestingChannel(), logger: Logger(label: "test")))
    }

    @Test(arguments: ["/r/a-self-report-token", "/units/new", "/login"])
    func aChunkedFormOverTheLimitIsAnswered413WithTheErrorPage(path: String) async throws {
        // given: a form body larger than the limit, without a length
        let request = Self.chunked(path, contentType: "application/x-www-form-urlencoded", bytes: 4096)
        // when: it is read as CSRFMiddleware reads forms
        let response = try await ErrorMiddleware(logger: Logger(label: "test")).handle(request, context: Self.context()) { request, _ in
            var request = request
            _ = try await request.collectBody(upTo: 1024)
            return Response(status: .ok)
        }
        // then
        #expect(response.status == .contentTooLarge)
        #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
    }

    @Test(arguments: ["/api/v1/contacts", "/r/a-self-report-token"])
    func aChunkedJSONBodyOverTheLimitIsAnswered413(path: String) async throws {
        // given
        let request = Self.chunked(path, contentType: "application/json", bytes: 4096)
        // when: it is read as every JSON endpoint reads its body
        let response = try await ErrorMiddleware(logger: Logger(label: "test")).handle(request, context: Self.context()) { request, _ in
            _ = try await request.decodeJSON([String: String].self, limit: 1024)
            return Response(status: .ok)
        }
        // then: a problem under /api/, the error page elsewhere
        #expect(response.status == .contentTooLarge)
        let api = path.hasPrefix(Routes.API.prefix)
        #expect(response.headers[.contentType] == (api ? "application/problem+json" : "text/html; charset=utf-8"))
    }
}
