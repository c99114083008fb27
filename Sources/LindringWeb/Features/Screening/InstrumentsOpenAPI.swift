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
            "at": ["type": "string", "format": "date-time"], "recordedByName": ["type": "string"],
            "createdAt": ["type": "string", "format": "date-time"],
        ]
        return ["type": "object", "required": Array(properties.keys).sorted(), "properties": properties]
    }

    /// The first answer, counting from the best, that is mild, moderate and severe.
    static var bands: [String: Any] {
        [
            "type": "object", "required": ["mild", "moderate", "severe"],
            "properties": ["mild": ["type": "integer"], "moderate": ["type": "integer"], "severe": ["type": "integer"]],
        ]
    }

    static var thresholds: [String: Any] {
        let group: [String: Any] = [
            "type": "object", "required": ["id", "items", "min", "max", "higherIsWorse", "bands", "defaults"],
            "properties": [
                "id": ["type": "string"], "items": ["type": "array", "items": ["type": "string"]], "min": ["type": "integer"],
                "max": ["type": "integer"], "higherIsWorse": ["type": "boolean"], "bands": OpenAPIParts.ref("SeverityBands"),
                "defaults": OpenAPIParts.ref("SeverityBands"),
            ],
        ]
        return [
            "type": "object", "required": ["instrument", "groups"],
            "properties": [
                "instrument": ["type": "string", "enum": Instrument.allCases.map(\.rawValue)], "groups": ["type": "array", "items": group],
                "updatedBy": ["type": ["string", "null"]], "updatedAt": ["type": ["string", "null"], "format": "date-time"],
            ],
        ]
    }

    static var spict: [String: Any] {
        let strings: ([String]) -> [String: Any] = { ["type": "array", "items": ["type": "string", "enum": $0]] }
        let clinical = SPICT.ConditionGroup.allCases.flatMap(\.indicators)
        let properties: [String: Any] = [
            "id": ["type": "string", "format": "uuid"], "patientId": ["type": "string", "format": "uuid"],
            "unitId": ["type": ["string", "null"], "format": "uuid"],
            "generalIndicators": strings(SPICT.GeneralIndicator.allCases.map(\.rawValue)), "clinicalIndicators": strings(clinical),
            "conditionGroups": strings(SPICT.ConditionGroup.allCases.map(\.rawValue)), "wouldBeSurprised": ["type": "boolean"],
            "conclusion": ["type": "string", "enum": SPICT.Conclusion.allCases.map(\.rawValue)],
            "actions": strings(SPICT.FollowUpAction.allCases.map(\.rawValue)), "cancer": ["type": "boolean"],
            "at": ["type": "string", "format": "date-time"], "recordedByName": ["type": "string"],
        ]
        return ["type": "object", "required": Array(properties.keys).sorted(), "properties": properties]
    }

    static var spictInput: [String: Any] {
        let strings: ([String]) -> [String: Any] = { ["type": "array", "items": ["type": "string", "enum": $0]] }
        return [
            "type": "object", "required": ["wouldBeSurprised", "conclusion", "actions"],
            "properties": [
                "generalIndicators": strings(SPICT.GeneralIndicator.allCases.map(\.rawValue)),
                "clinicalIndicators": strings(SPICT.ConditionGroup.allCases.flatMap(\.indicators)),
                "wouldBeSurprised": ["type": "boolean", "description": "Would you be surprised if this patient died within the next 12 months?"],
                "conclusion": ["type": "string", "enum": SPICT.Conclusion.allCases.map(\.rawValue)],
                "actions": [
                    "type": "array", "minItems": 1, "items": ["type": "string", "enum": SPICT.FollowUpAction.allCases.map(\.rawValue)],
                    "description": "`none` stands alone",
                ],
                "at": ["type": ["string", "null"], "format": "date-time"],
            ],
        ]
    }

    static var earlyIdentification: [String: Any] {
        let counts: [String: Any] = [
            "type": "object", "required": ["screened", "positive", "withPlan", "positiveShare", "withPlanShare"],
            "properties": [
                "screened": ["type": "integer"], "positive": ["type": "integer"], "withPlan": ["type": "integer"],
                "positiveShare": ["type": ["number", "null"]], "withPlanShare": ["type": ["number", "null"]],
            ],
        ]
        let group: [String: Any] = [
            "type": "object", "required": ["key", "name", "cancer", "nonCancer"],
            "properties": ["key": ["type": ["string", "null"]], "name": ["type": "string"], "cancer": counts, "nonCancer": counts],
        ]
        return [
            "type": "object", "required": ["from", "to", "by", "groups", "total"],
            "properties": [
                "from": ["type": "string", "format": "date"], "to": ["type": "string", "format": "date"],
                "by": ["type": "string", "enum": ["department", "hospital", "municipality"]],
                "groups": ["type": "array", "items": group], "total": group,
            ],
        ]
    }

    static var schemas: [String: Any] {
        [
            "SPICT": spict,
            "SPICTInput": spictInput,
            "SPICTList": [
                "type": "object", "required": ["items", "next"],
                "properties": ["next": ["type": "null"], "items": ["type": "array", "items": OpenAPIParts.ref("SPICT")]],
            ],
            "EarlyIdentification": earlyIdentification,
            "InstrumentList": [
                "type": "object", "required": ["items", "next"],
                "properties": [
                    "next": ["type": "null"],
                    "items": [
                        "type": "array",
                        "items": [
                            "type": "object", "required": ["id", "items", "textItems"],
                            "properties": [
                                "id": ["type": "string", "enum": Instrument.allCases.map(\.rawValue)],
                                "items": [
                                    "type": "array",
                                    "items": [
                                        "type": "object", "required": ["id", "min", "max"],
                                        "properties": ["id": ["type": "string"], "min": ["type": "integer"], "max": ["type": "integer"]],
                                    ],
                                ],
                                "textItems": ["type": "array", "items": ["type": "string"]],
                            ],
                        ],
                    ],
                ],
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
                "properties": [
                    "instrument": ["type": "string", "enum": Instrument.allCases.map(\.rawValue)],
                    "expiresInHours": ["type": ["integer", "null"], "minimum": 1, "maximum": 336],
                ],
            ],
            "SelfReportLink": [
                "type": "object", "required": ["id", "url", "expiresAt", "instrument"],
                "properties": [
                    "id": ["type": "string", "format": "uuid"], "url": ["type": "string"], "expiresAt": ["type": "string", "format": "date-time"],
                    "instrument": ["type": "string", "enum": Instrument.allCases.map(\.rawValue)],
                ],
            ],
            "OutstandingSelfReportLink": [
                "type": "object", "required": ["id", "instrument", "createdAt", "expiresAt"],
                "description": "A link that still works. Its address is shown only when it is made.",
                "properties": [
                    "id": ["type": "string", "format": "uuid"], "instrument": ["type": "string", "enum": Instrument.allCases.map(\.rawValue)],
                    "createdAt": ["type": "string", "format": "date-time"], "createdByName": ["type": ["string", "null"]],
                    "expiresAt": ["type": "string", "format": "date-time"],
                ],
            ],
            "OutstandingSelfReportLinkList": [
                "type": "object", "required": ["items", "next"],
                "properties": ["next": ["type": "null"], "items": ["type": "array", "items": OpenAPIParts.ref("OutstandingSelfReportLink")]],
            ],
            "AssessmentList": [
                "type": "object", "required": ["items", "next"],
                "properties": ["next": ["type": "null"], "items": ["type": "array", "items": OpenAPIParts.ref("Assessment")]],
            ],
            "FHIRQuestionnaire": [
                "type": "object", "required": ["resourceType", "id", "status", "item"],
                "properties": [
                    "resourceType": ["const": "Questionnaire"], "id": ["type": "string"], "status": ["type": "string"],
                    "item": ["type": "array", "items": ["type": "object", "required": ["linkId", "text", "type"]]],
                ],
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
                "properties": [
                    "bands": [
                        "type": "object", "additionalProperties": OpenAPIParts.ref("SeverityBands"),
                        "description": "Group id (`items`, and `qualityOfLife` for EORTC) → bands",
                    ]
                ],
            ],
            "SeverityBands": bands,
            "InstrumentScore": [
                "type": "object", "required": ["scores", "severity", "trafficLight"],
                "properties": [
                    "scores": [
                        "type": "object", "additionalProperties": ["type": ["number", "null"]],
                        "description": "Each scale to two decimals; null when it cannot be scored.",
                    ],
                    "severity": ["type": "object", "additionalProperties": ["type": "string", "enum": Severity.allCases.map(\.rawValue)]],
                    "trafficLight": ["type": "string", "enum": ["red", "amber", "green"]],
                ],
            ],
        ]
    }
}
