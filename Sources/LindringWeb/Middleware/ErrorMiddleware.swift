import Foundation
import Hummingbird
import LindringCore
import LindringStore
import Logging
import Plot

/// Turns every error into a proper answer: RFC 9457 problem+json under `/api/`, an HTML
/// page elsewhere (or the login page when not signed in). Unexpected errors are logged by
/// type only, so no patient data reaches the log, and answered 500 without details.
struct ErrorMiddleware: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (status, detail, extra) = classify(error, path: request.uri.path)
            if request.uri.path.hasPrefix(Routes.API.prefix) {
                return Problem(status: status, detail: detail, errors: extra.fieldErrors, retryAfter: extra.retryAfter).response()
            }
            if status == .unauthorized {
                return .redirect(
                    to: Routes.login() + "?next="
                        + (request.uri.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "/-_"))) ?? "/"))
            }
            let page = PageContext(context, path: request.uri.path)
            if let denied = error as? PatientGate.Denied {
                return .html(PatientViews.accessDenied(page, denied: denied), status: .forbidden)
            }
            var response = Response.html(ErrorView.render(page, status: status, messageKey: extra.messageKey), status: status)
            if let retry = extra.retryAfter { response.headers[.retryAfter] = String(retry) }
            return response
        }
    }

    struct Extra {
        var fieldErrors: [FieldError]? = nil
        var retryAfter: Int? = nil
        var messageKey: String? = nil
    }

    func classify(_ error: any Error, path: String) -> (HTTPResponse.Status, String, Extra) {
        switch error {
        case let error as AppError:
            switch error {
            case .unauthenticated: return (.unauthorized, "Authentication required: sign in, or send a valid bearer token.", Extra())
            case .forbidden: return (.forbidden, "Your roles do not permit this.", Extra(messageKey: "error.page.forbidden"))
            case .csrfRejected:
                return (
                    .forbidden,
                    "The request did not come from Lindring's own pages, or its CSRF token is missing or stale. Reload the page and try again.",
                    Extra(messageKey: "error.page.csrf")
                )
            case .notFound: return (.notFound, "No such resource.", Extra())
            case .badRequest(let message): return (.badRequest, message, Extra(messageKey: "error.page.badRequest"))
            case .conflict(let message): return (.conflict, message, Extra())
            case .preconditionFailed:
                return (.preconditionFailed, "The resource has changed since you read it (If-Match does not match its ETag).", Extra())
            case .preconditionRequired:
                return (.preconditionRequired, "Send If-Match with the ETag you read, so that concurrent changes are not lost.", Extra())
            case .tooManyRequests(let seconds):
                return (.tooManyRequests, "Too many requests; try again in \(seconds) seconds.", Extra(retryAfter: seconds))
            case .validation(let errors): return (.unprocessableContent, "Some fields are invalid.", Extra(fieldErrors: errors))
            case .unsupportedMediaType:
                return (.unsupportedMediaType, "Send application/x-www-form-urlencoded (forms) or application/json (API).", Extra())
            }
        case is PatientGate.Denied:
            return (.forbidden, "You are not on this patient's care team, or the patient has not consented to sharing.", Extra())
        case let error as OutboxRepository.StatusChanged:
            return (.conflict, "The message was moved on meanwhile; it is now \(error.current.rawValue).", Extra())
        case let error as MissingMessagingAddress:
            return (
                .unprocessableContent,
                error.field == "senderUnit"
                    ? "Your unit \(error.unitName) needs a SOR code, an EAN number and a phone number to send MedCom messages; an "
                        + "administrator enters them in the unit register."
                    : "The unit \(error.unitName) has no SOR code and EAN number; an administrator enters them in the unit register.",
                Extra(fieldErrors: [FieldError(error.field, .noMessagingAddress)])
            )
        case is StalePlanVersion:
            return (.preconditionFailed, "The plan has changed since you read it.", Extra())
        case is PlanNotFound:
            // A save based on a version of a plan the patient does not have (the form or the API).
            return (.notFound, "No such resource.", Extra())
        case let error as ValidationFailure:
            return (.unprocessableContent, "Some fields are invalid.", Extra(fieldErrors: error.errors))
        case let error as any HTTPResponseError where error.status == .contentTooLarge:
            // Announced too large (BodyLimitMiddleware's HTTPError), or a body without a length
            // (chunked) that outgrew MAX_BODY_BYTES while it was read: collectBody and decodeJSON
            // throw NIOTooManyBytesError, which Hummingbird gives the status 413.
            return (.contentTooLarge, "The request body is too large.", Extra(messageKey: "error.page.tooLarge"))
        case let error as HTTPError:
            return (error.status, error.body ?? error.status.reasonPhrase, Extra())
        case is DecodingError:
            return (.badRequest, "The request body is not valid JSON of the expected shape.", Extra(messageKey: "error.page.badRequest"))
        default:
            logger.error("unhandled error", metadata: ["path": .string(path), "type": .string(String(reflecting: type(of: error)))])
            return (.internalServerError, "Something went wrong on our side. It has been logged.", Extra())
        }
    }
}

/// An RFC 9457 problem document.
struct Problem: Encodable {
    var type = "about:blank"
    var title: String
    var status: Int
    var detail: String
    var errors: [FieldError]?
    var retryAfter: Int?

    init(status: HTTPResponse.Status, detail: String, errors: [FieldError]? = nil, retryAfter: Int? = nil) {
        title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.errors = errors
        self.retryAfter = retryAfter
    }

    enum CodingKeys: String, CodingKey { case type, title, status, detail, errors }

    func response() -> Response {
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        if status == 401 { headers[.wwwAuthenticate] = "Bearer realm=\"lindring\"" }
        let body = (try? JSONCoding.encoder.encode(self)) ?? Data("{}".utf8)
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(data: body)))
    }
}
