import Foundation
import LindringCore

/// The register's operations and schemas in the OpenAPI document.
enum RegisterOpenAPI {
    static var listOperation: [String: Any] {
        var operation = itemsOperation("WorkingGroupItem")
        var responses = operation["responses"] as? [String: Any] ?? [:]
        responses["422"] = OpenAPIParts.problem("422")
        operation["responses"] = responses
        operation["parameters"] = [
            OpenAPIParts.query("kind", required: false, schema: OpenAPIParts.one(RegisterItemKind.self)),
            OpenAPIParts.query(
                "status", required: false, description: "A recommendation's status", schema: OpenAPIParts.one(RecommendationStatus.self)),
        ]
        return operation
    }

    static func itemsOperation(_ item: String) -> [String: Any] {
        var responses = OpenAPIParts.errors([])
        responses["200"] = OpenAPIParts.json(
            OpenAPIParts.object(["items": ["type": "array", "items": OpenAPIParts.ref(item)], "next": ["type": "null"]]), description: "Every item")
        return ["responses": responses]
    }

    static var deleteOperation: [String: Any] {
        var responses = OpenAPIParts.errors(["404"])
        responses["204"] = ["description": "Removed"]
        return ["responses": responses]
    }

    static var schemas: [String: Any] {
        let text: [String: Any] = ["type": "string"]
        let nullableText = OpenAPIParts.nullableString
        let inputText: [String: Any] = ["type": ["string", "null"]]
        func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> [String: Any] where T.RawValue == String {
            ["type": ["string", "null"], "enum": T.allCases.map(\.rawValue) + [NSNull()]]
        }
        return [
            "WorkingGroupItemInput": [
                "type": "object", "required": ["kind", "title"],
                "properties": [
                    "kind": choice(RegisterItemKind.self), "title": inputText,
                    "date": ["type": ["string", "null"], "description": "YYYY-MM-DD; required for a meeting and a decision"],
                    "text": [
                        "type": ["string", "null"], "description": "A meeting's agenda, an analysis's summary, the recommendation or decision",
                    ],
                    "minutes": ["type": ["string", "null"], "description": "A meeting's"],
                    "attendees": [
                        "type": ["array", "null"], "description": "A meeting's",
                        "items": ["type": "object", "properties": ["name": inputText, "sector": choice(Sector.self)]],
                    ],
                    "owner": ["type": ["string", "null"], "description": "A recommendation's (required)"],
                    "dueDate": ["type": ["string", "null"], "description": "A recommendation's (required), YYYY-MM-DD"],
                    "status": choice(RecommendationStatus.self), "indicator": choice(IndicatorID.self),
                    "meetingId": ["type": ["string", "null"], "description": "A decision's meeting"],
                ],
            ],
            "WorkingGroupItem": OpenAPIParts.object([
                "id": ["type": "string", "format": "uuid"], "version": ["type": "integer"], "kind": OpenAPIParts.one(RegisterItemKind.self),
                "title": text, "date": ["type": ["string", "null"], "format": "date"], "text": nullableText, "minutes": nullableText,
                "attendees": [
                    "type": "array", "items": OpenAPIParts.object(["name": text, "sector": OpenAPIParts.one(Sector.self)]),
                ],
                "owner": nullableText, "dueDate": ["type": ["string", "null"], "format": "date"],
                "status": OpenAPIParts.one(RecommendationStatus.self, nullable: true),
                "indicator": OpenAPIParts.one(IndicatorID.self, nullable: true),
                "meetingId": ["type": ["string", "null"], "format": "uuid"], "overdue": ["type": "boolean"],
                "createdAt": ["type": "string", "format": "date-time"], "createdBy": text,
                "updatedAt": ["type": "string", "format": "date-time"], "updatedBy": text,
            ]),
            "CommunicationPathwayInput": [
                "type": "object", "required": ["situation", "from", "to", "how", "within"],
                "properties": [
                    "situation": inputText, "from": ["type": ["string", "null"], "description": "Who contacts"],
                    "to": ["type": ["string", "null"], "description": "Whom"], "how": inputText, "within": inputText, "notes": inputText,
                    "pages": [
                        "type": ["array", "null"], "description": "Where it is shown as help",
                        "items": ["type": "string", "enum": PathwayPage.allCases.map(\.rawValue)],
                    ],
                    "order": ["type": ["integer", "string", "null"], "description": "0–9999, lowest first"],
                ],
            ],
            "CommunicationPathway": OpenAPIParts.object([
                "id": ["type": "string", "format": "uuid"], "situation": text, "from": text, "to": text, "how": text, "within": text,
                "notes": nullableText, "pages": ["type": "array", "items": OpenAPIParts.one(PathwayPage.self)], "order": ["type": "integer"],
                "version": ["type": "integer"], "updatedAt": ["type": "string", "format": "date-time"], "updatedBy": text,
            ]),
        ]
    }
}
