import Foundation
import Hummingbird
import LindringCore

/// `/api/v1/calendar/…`: the Danish calendar's answers for other systems, from the same Core rules
/// the pages use (the advisory line's working hours, the social worker's deadlines).
struct CalendarAPI {
    var endpoints: [APIEndpoint] {
        [
            APIEndpoint(
                method: .get, path: Routes.API.workingHours, operationId: "getWorkingHours",
                summary: "Whether an instant is outside the advisory line's normal working hours (Mon–Fri 08–16 Copenhagen, not on holidays)",
                operation: {
                    OpenAPIParts.queryOperation(
                        item: "WorkingHours",
                        parameters: [
                            OpenAPIParts.query(
                                "at", required: true, description: "An ISO 8601 instant", schema: ["type": "string", "format": "date-time"])
                        ])
                }, handler: workingHours),
            APIEndpoint(
                method: .get, path: Routes.API.deadline, operationId: "getDeadline",
                summary: "The day a deadline falls due: `amount` days, working days, weeks or months from `from`, moved to the next "
                    + "working day (Mon–Fri, not Danish public holidays, Constitution Day, Christmas Eve or New Year's Eve)",
                operation: {
                    OpenAPIParts.queryOperation(
                        item: "Deadline",
                        parameters: [
                            OpenAPIParts.query(
                                "from", required: true, description: "The start day, YYYY-MM-DD", schema: ["type": "string", "format": "date"]),
                            OpenAPIParts.query(
                                "amount", required: true, description: "How many units; `workingDays` counts working days after `from`",
                                schema: ["type": "integer", "minimum": 0]),
                            OpenAPIParts.query("unit", required: true, schema: ["type": "string", "enum": DeadlineUnit.allCases.map(\.rawValue)]),
                        ])
                }, handler: deadline),
        ]
    }

    static var schemas: [String: Any] {
        [
            "WorkingHours": [
                "type": "object", "required": ["outsideWorkingHours", "holiday"],
                "properties": ["outsideWorkingHours": ["type": "boolean"], "holiday": OpenAPIParts.nullableString],
            ],
            "Deadline": [
                "type": "object", "required": ["due"], "properties": ["due": ["type": "string", "format": "date"]],
            ],
        ]
    }

    @Sendable func workingHours(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requireUser()
        guard let raw = request.query["at"], let instant = Timestamps.parseISO8601(raw) else {
            throw ValidationFailure([FieldError("at", (request.query["at"] ?? "").isEmpty ? .required : .invalidFormat)])
        }
        let hours = WorkingHours.at(instant)
        return try .json(WorkingHoursDTO(outsideWorkingHours: hours.outsideWorkingHours, holiday: hours.holiday))
    }

    /// Bad parameters answer 422, each named (`from`, `amount`, `unit`).
    @Sendable func deadline(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requireUser()
        let query = DeadlineQuery(from: request.query["from"], amount: request.query["amount"], unit: request.query["unit"])
        return try .json(DeadlineDTO(due: try query.due().description))
    }
}

struct WorkingHoursDTO: NullPreservingEncodable {
    var outsideWorkingHours: Bool
    var holiday: String?
}

struct DeadlineDTO: Encodable {
    var due: String
}
