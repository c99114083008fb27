import LindringCore

/// The advisory line's schemas in the OpenAPI document.
enum AdvisoryOpenAPI {
    static func values<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> [String] where T.RawValue == String { T.allCases.map(\.rawValue) }

    static var schemas: [String: Any] {
        let string = OpenAPIParts.nullableString
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        let nullableUUID: [String: Any] = ["type": ["string", "null"], "format": "uuid"]
        let time: [String: Any] = ["type": "string", "format": "date-time"]
        let nullableTime: [String: Any] = ["type": ["string", "null"], "format": "date-time"]
        func list<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> [String: Any] where T.RawValue == String {
            ["type": "array", "items": ["type": "string", "enum": values(type)]]
        }
        func one<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> [String: Any] where T.RawValue == String {
            ["type": "string", "enum": values(type)]
        }
        func counts<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> [String: Any] where T.RawValue == String {
            [
                "type": "object", "required": values(type),
                "properties": Dictionary(uniqueKeysWithValues: values(type).map { ($0, ["type": "integer"]) }),
                "additionalProperties": false,
            ]
        }
        let share: [String: Any] = ["type": "number", "minimum": 0, "maximum": 1]
        let withheld: [String: Any] = ["type": "boolean", "description": "The patient is no longer named: consent to sharing was withdrawn"]
        let contactProperties: [String: Any] = [
            "id": uuid, "startedAt": time, "endedAt": time, "durationMinutes": ["type": "number"], "channel": one(ContactChannel.self),
            "direction": one(ContactDirection.self), "callerRole": one(CallerRole.self), "callerName": string, "callerPhone": string,
            "callerUnitId": nullableUUID, "patientId": nullableUUID, "patientName": string, "patientWithheld": withheld,
            "reasons": list(ContactReason.self), "situation": string, "background": string, "assessment": string, "recommendation": string,
            "triage": one(Triage.self),
            "actions": list(ContactAction.self), "outcome": one(ContactOutcome.self), "stayedAtHome": ["type": ["boolean", "null"]],
            "outsideWorkingHours": ["type": "boolean"], "holiday": string, "followUps": ["type": "array", "items": OpenAPIParts.ref("FollowUp")],
            "createdByName": ["type": "string"], "createdAt": time,
            "addenda": [
                "type": "array", "description": "Added after saving, oldest first; the contact's own fields never change",
                "items": OpenAPIParts.ref("ContactAddendum"),
            ],
        ]
        let listProperties = [
            "id", "startedAt", "durationMinutes", "outsideWorkingHours", "channel", "callerRole", "patientId", "patientName",
            "patientWithheld", "reasons", "triage", "outcome", "createdByName",
        ]
        return [
            "ContactInput": [
                "type": "object", "required": ["startedAt", "callerRole", "reasons", "triage", "outcome"],
                "description": "endedAt defaults to the time of saving; channel to phone, direction to incoming. A follow-up's unit defaults to the "
                    + "key-worker unit of the patient's plan, its due time by triage (routine: next working day 10:00 Copenhagen time).",
                "properties": [
                    "startedAt": ["type": "string", "format": "date-time"], "endedAt": ["type": ["string", "null"], "format": "date-time"],
                    "channel": one(ContactChannel.self), "direction": one(ContactDirection.self), "callerRole": one(CallerRole.self),
                    "callerName": string, "callerPhone": string, "callerUnitId": nullableUUID, "patientId": nullableUUID,
                    "reasons": ["type": "array", "minItems": 1, "items": ["type": "string", "enum": values(ContactReason.self)]],
                    "situation": string, "background": string, "assessment": string, "recommendation": string,
                    "triage": one(Triage.self), "actions": list(ContactAction.self), "outcome": one(ContactOutcome.self),
                    "stayedAtHome": ["type": ["boolean", "null"]],
                    "followUp": [
                        "type": ["object", "null"],
                        "properties": [
                            "unitId": nullableUUID, "dueAt": ["type": ["string", "null"], "format": "date-time"],
                            "text": string,
                        ],
                    ],
                ],
            ],
            "Contact": ["type": "object", "required": Array(contactProperties.keys).sorted(), "properties": contactProperties],
            "ContactAddendum": [
                "type": "object", "required": ["text", "createdAt", "author"],
                "properties": [
                    "text": ["type": "string"], "createdAt": time,
                    "author": [
                        "type": "object", "required": ["name", "unit"],
                        "properties": [
                            "name": ["type": "string"],
                            "unit": ["type": ["string", "null"], "description": "The author's unit when it was written"],
                        ],
                    ],
                ],
            ],
            "ContactAddendumInput": [
                "type": "object", "required": ["text"],
                "properties": [
                    "text": [
                        "type": "string", "minLength": 1, "maxLength": ContactAddendumText.maxLength,
                        "description": "Trimmed; at least one character that is not white space",
                    ]
                ],
            ],
            "FollowUpCloseInput": [
                "type": "object",
                "properties": [
                    "note": ["type": ["string", "null"], "maxLength": FollowUpClosing.noteMaxLength, "description": "What was done (optional)"]
                ],
            ],
            "FollowUpCancelInput": [
                "type": "object", "required": ["note"],
                "properties": [
                    "note": [
                        "type": "string", "minLength": 1, "maxLength": FollowUpClosing.noteMaxLength,
                        "description": "Why it is cancelled (required; trimmed, at least one character that is not white space)",
                    ]
                ],
            ],
            "ContactListItem": [
                "type": "object", "required": listProperties,
                "properties": contactProperties.filter { listProperties.contains($0.key) },
            ],
            "FollowUp": [
                "type": "object",
                "required": [
                    "id", "contactId", "patientId", "patientName", "patientWithheld", "unitId", "unitName", "triage", "dueAt", "text",
                    "status", "createdAt", "createdByName", "closedAt", "closedByName", "closedNote",
                ],
                "properties": [
                    "id": uuid, "contactId": uuid, "patientId": nullableUUID, "patientName": string, "patientWithheld": withheld, "unitId": uuid,
                    "unitName": ["type": "string"], "triage": one(Triage.self), "dueAt": time, "text": ["type": "string"],
                    "status": one(FollowUpStatus.self), "createdAt": time, "createdByName": ["type": "string"],
                    "closedAt": nullableTime, "closedByName": string,
                    "closedNote": ["type": ["string", "null"], "description": "Written when it was closed: why it was cancelled, or what was done"],
                ],
            ],
            "AdvisoryStatistics": [
                "type": "object",
                "required": [
                    "from", "to", "total", "outsideWorkingHoursShare", "stayedAtHomeShare", "followUpsOnTimeShare", "medianDurationMinutes",
                    "byCallerRole", "byReason", "byTriage", "byAction", "byOutcome", "byChannel", "byWeekdayHour", "perDay",
                ],
                "properties": [
                    "from": ["type": "string", "format": "date"], "to": ["type": "string", "format": "date"],
                    "total": ["type": "integer", "minimum": 0],
                    "outsideWorkingHoursShare": share, "stayedAtHomeShare": share, "followUpsOnTimeShare": share,
                    "medianDurationMinutes": ["type": ["number", "null"]],
                    "byCallerRole": counts(CallerRole.self), "byReason": counts(ContactReason.self), "byTriage": counts(Triage.self),
                    "byAction": counts(ContactAction.self), "byOutcome": counts(ContactOutcome.self), "byChannel": counts(ContactChannel.self),
                    "byWeekdayHour": [
                        "type": "array", "minItems": 7, "maxItems": 7, "description": "Monday first; 24 hourly counts each, Copenhagen time",
                        "items": ["type": "array", "minItems": 24, "maxItems": 24, "items": ["type": "integer"]],
                    ],
                    "perDay": [
                        "type": "array",
                        "items": [
                            "type": "object", "required": ["date", "count"],
                            "properties": ["date": ["type": "string", "format": "date"], "count": ["type": "integer"]],
                        ],
                    ],
                ],
            ],
        ]
    }
}
