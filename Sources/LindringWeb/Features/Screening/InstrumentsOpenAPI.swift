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

    /// The first answer, counting from the best, that is mild, moderate and severe.
    static var bands: [String: Any] {
        ["type": "object", "required": ["mild", "moderate", "severe"],
         "properties": ["mild": ["type": "integer"], "moderate": ["type": "integer"], "severe": ["type": "integer"]]]
    }

    static var thresholds: [String: Any] {
        let group: [String: Any] = [
            "type": "object", "required": ["id", "items", "min", "max", "higherIsWorse", "bands", "defaults"],
            "properties": ["id": ["type": "string"], "items": ["type": "array", "items": ["type": "string"]], "min": ["type": "integer"],
                           "max": ["type": "integer"], "higherIsWorse": ["type": "boolean"], "bands": OpenAPIParts.ref("SeverityBands"),
                           "defaults": OpenAPIParts.ref("SeverityBands")],
        ]
        return ["type": "object", "required": ["instrument", "groups"],
                "properties": ["instrument": ["type": "string", "enum": Instrument.allCases.map(\.rawValue)], "groups": ["type": "array", "items": group],
                               "updatedBy": ["type": ["string", "null"]], "updatedAt": ["type": ["string", "null"], "format": "date-time"]]]
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
            "InstrumentThresholds": thresholds,
            "InstrumentThresholdsInput": [
                "type": "object", "required": ["bands"],
                "properties": ["bands": ["type": "object", "additionalProperties": OpenAPIParts.ref("SeverityBands"),
                                         "description": "Group id (`items`, and `qualityOfLife` for EORTC) → bands"]],
            ],
            "SeverityBands": bands,
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
