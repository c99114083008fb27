import Foundation
import Hummingbird

/// One API operation: registered with the router and described in the OpenAPI document
/// from this same value, so the document cannot miss an endpoint.
struct APIEndpoint: Sendable {
    let method: HTTPRequest.Method
    let path: RoutePath
    let operationId: String
    let summary: String
    /// The OpenAPI operation object, apart from operationId and summary.
    let operation: @Sendable () -> [String: Any]
    let handler: @Sendable (Request, AppContext) async throws -> Response
}

extension Router where Context == AppContext {
    func add(_ endpoints: [APIEndpoint]) {
        for endpoint in endpoints {
            on(endpoint.path.routerPath, method: endpoint.method, use: endpoint.handler)
        }
    }
}

extension Request {
    /// Reads a JSON body of at most `limit` bytes into `T`; wrong content type → 415,
    /// too large → 413, malformed → 400.
    func decodeJSON<T: Decodable>(_ type: T.Type, limit: Int) async throws -> T {
        try await collectJSON(limit: limit).decode(T.self)
    }

    /// Reads a JSON body of at most `limit` bytes without decoding it yet (wrong content type →
    /// 415, too large → 413): a patient write decodes it once the gate has decided.
    func collectJSON(limit: Int) async throws -> JSONBody {
        guard headers[.contentType]?.lowercased().hasPrefix("application/json") == true else { throw AppError.unsupportedMediaType }
        return JSONBody(buffer: try await body.collect(upTo: limit))
    }
}

/// A JSON request body, read but not yet decoded.
struct JSONBody: Sendable {
    let buffer: ByteBuffer

    var isEmpty: Bool { buffer.readableBytes == 0 }

    /// Malformed → 400.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: buffer)
        } catch {
            throw AppError.badRequest("The body is not a JSON object of the expected shape.")
        }
    }
}
