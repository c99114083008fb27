import LindringCore

/// The screening instruments' schemas in the OpenAPI document.
enum InstrumentsOpenAPI {
    static var assessment: [String: Any] {
        let properties: [String: Any] = [
            "id": ["type": "string", "format": "uuid"], "patientId": ["type": "string", "format": "uuid"],
            "instrument": ["type": "string", "enum": Instrument.allCases.map(\.rawValue)],
            "respondent": ["type": "string", "enum": ["patient", "relative", "staff"]],
            "answers": ["type": "object", "additionalProperties": ["type": ["integer", "string"]]],
            "scores": ["type": "object", "additionalProperties": ["type": ["number", "null"]]],
            "severity": ["type": "object", "additionalProperties": ["type": "string", "enum": Severity.allCases.map(\.rawValue)]],
            "trafficLight": ["type": "string", "enum": ["red", "amber", "green"]],
            "at": ["type": "string", "format": "date-time"], "recordedByName": ["type": "string"], "createdAt": ["type": "string", "format": "date-time"],
        ]
        return ["type": "object", "required": Array(properties.keys).sorted(), "properties": properties]
    }

    static var schemas: [String: Any] {
        [
            "InstrumentList": [
                "type": "object", "required": ["items", "next"],
                "properties": ["next": ["type": "null"], "items": ["type": "array", "items": [
                    "type": "object", "required": ["id", "items", "textItems"],
                    "properties": [
                        "id": ["type": "string", "enum": Instrument.allCases.map(\.rawValue)],
                        "items": ["type": "array", "items": ["type": "object", "required": ["id", "min", "max"],
                                                            "properties": ["id": ["type": "string"], "min": ["type": "integer"], "max": ["type": "integer"]]]],
                        "textItems": ["type": "array", "items": ["type": "string"]],
                    ],
                ]]],
            ],
            "AssessmentInput": [
                "type": "object", "required": ["instrument", "respondent", "answers"],
                "properties": [
                    "instrument": ["type": "string", "enum": Instrument.allCases.map(\.rawValue)],
                    "respondent": ["type": "string", "enum": ["patient", "relative", "staff"]],
                    "answers": ["type": "object", "additionalProperties": ["type": ["integer", "string"]]],
                    "at": ["type": ["string", "null"], "format": "date-time", "description": "When it was answered; default now"],
                ],
            ],
            "Assessment": assessment,
            "SelfReportLinkInput": [
                "type": "object", "required": ["instrument"],
                "properties": ["instrument": ["type": "string", "enum": Instrument.allCases.map(\.rawValue)],
                               "expiresInHours": ["type": ["integer", "null"], "minimum": 1, "maximum": 336]],
            ],
            "SelfReportLink": [
                "type": "object", "required": ["url", "expiresAt", "instrument"],
                "properties": ["url": ["type": "string"], "expiresAt": ["type": "string", "format": "date-time"],
                               "instrument": ["type": "string", "enum": Instrument.allCases.map(\.rawValue)]],
            ],
            "AssessmentList": ["type": "object", "required": ["items", "next"],
                               "properties": ["next": ["type": "null"], "items": ["type": "array", "items": OpenAPIParts.ref("Assessment")]]],
            "FHIRQuestionnaire": [
                "type": "object", "required": ["resourceType", "id", "status", "item"],
                "properties": ["resourceType": ["const": "Questionnaire"], "id": ["type": "string"], "status": ["type": "string"],
                               "item": ["type": "array", "items": ["type": "object", "required": ["linkId", "text", "type"]]]],
            ],
            "InstrumentAnswers": [
                "type": "object", "required": ["answers"],
                "description": "Item id → whole number in the item's range (free-text items take text). Unknown items, numbers that are "
                    + "not whole, and values out of range answer 422 naming each offending `answers.<item>`.",
                "properties": ["answers": ["type": "object", "additionalProperties": ["type": ["integer", "string"]]]],
            ],
            "InstrumentScore": [
                "type": "object", "required": ["scores", "severity", "trafficLight"],
                "properties": [
                    "scores": ["type": "object", "additionalProperties": ["type": ["number", "null"]],
                               "description": "Each scale to two decimals; null when it cannot be scored."],
                    "severity": ["type": "object", "additionalProperties": ["type": "string", "enum": Severity.allCases.map(\.rawValue)]],
                    "trafficLight": ["type": "string", "enum": ["red", "amber", "green"]],
                ],
            ],
        ]
    }
}
