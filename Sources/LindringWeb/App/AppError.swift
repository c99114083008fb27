import Foundation
import HTTPTypes
import LindringCore

/// The errors routes throw; the error middleware turns each into an HTML page or an RFC 9457
/// problem document with the right status.
public enum AppError: Error, Equatable {
    case unauthenticated
    case forbidden
    case notFound
    case badRequest(String)
    case csrfRejected
    case conflict(String)
    case preconditionFailed
    case preconditionRequired
    case tooManyRequests(retryAfterSeconds: Int)
    case validation([FieldError])
    case unsupportedMediaType

    var status: HTTPResponse.Status {
        switch self {
        case .unauthenticated: .unauthorized
        case .forbidden, .csrfRejected: .forbidden
        case .notFound: .notFound
        case .badRequest: .badRequest
        case .conflict: .conflict
        case .preconditionFailed: .preconditionFailed
        case .preconditionRequired: .preconditionRequired
        case .tooManyRequests: .tooManyRequests
        case .validation: .unprocessableContent
        case .unsupportedMediaType: .unsupportedMediaType
        }
    }
}
