import Foundation
import LindringCore

/// The specialist-education cohorts' schemas in the OpenAPI document.
enum CohortOpenAPI {
    static var schemas: [String: Any] {
        let text: [String: Any] = ["type": "string"]
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        let day: [String: Any] = ["type": "string", "format": "date"]
        let inputText: [String: Any] = ["type": ["string", "null"]]
        let supervisor: [String: Any] = [
            "supervisorName": ["type": ["string", "null"], "maxLength": OfferDraft.maxTitleLength],
            "supervisorPlace": ["type": ["string", "null"], "maxLength": OfferDraft.maxTitleLength, "description": "Department or place"],
        ]
        return [
            "CohortInput": [
                "type": "object", "required": ["offerId", "name", "startsOn"],
                "description": "The offer must be a specialist education; checked field by field (422 names each).",
                "properties": ["offerId": inputText, "name": inputText, "startsOn": ["type": ["string", "null"], "description": "YYYY-MM-DD"]],
            ],
            "Cohort": OpenAPIParts.object([
                "id": uuid, "offerId": uuid, "offerTitle": text, "name": text, "startsOn": day,
                "endsOn": ["type": ["string", "null"], "format": "date"],
                "capacity": ["type": "integer", "const": CohortLimit.members],
                "stages": ["type": "array", "items": OpenAPIParts.ref("CohortStage")],
                "members": ["type": "array", "items": OpenAPIParts.ref("CohortMember")],
            ]),
            "CohortStage": OpenAPIParts.object([
                "id": uuid, "position": ["type": "integer", "minimum": 1], "kind": OpenAPIParts.one(StageKind.self), "name": text, "startsOn": day,
                "endsOn": day,
            ]),
            "CohortMember": OpenAPIParts.object([
                "id": uuid, "employeeNumber": text, "name": OpenAPIParts.nullableString, "unitName": OpenAPIParts.nullableString,
                "supervisorName": OpenAPIParts.nullableString, "supervisorPlace": OpenAPIParts.nullableString,
                "progress": [
                    "type": "array", "description": "One entry per stage, in the stages' order",
                    "items": OpenAPIParts.object(["stageId": uuid, "status": OpenAPIParts.one(StageStatus.self)]),
                ],
                "completed": ["type": "boolean", "description": "Every stage completed"],
            ]),
            "CohortMemberInput": [
                "type": "object", "required": ["employeeNumber"],
                "properties": supervisor.merging([
                    "employeeNumber": ["type": ["string", "integer", "null"], "description": "As in the staff register"]
                ]) { a, _ in a },
            ],
            "CohortSupervisorInput": ["type": "object", "properties": supervisor],
            "CohortProgressInput": [
                "type": "object", "required": ["status"],
                "properties": ["status": ["type": ["string", "null"], "enum": StageStatus.allCases.map(\.rawValue) + [NSNull()]]],
            ],
        ]
    }
}
