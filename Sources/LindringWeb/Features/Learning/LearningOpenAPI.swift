import Foundation
import LindringCore
import LindringStore

/// The competence-development schemas in the OpenAPI document.
enum LearningOpenAPI {
    static var schemas: [String: Any] {
        let text: [String: Any] = ["type": "string"]
        let string = OpenAPIParts.nullableString
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        let instant: [String: Any] = ["type": "string", "format": "date-time"]
        let count: [String: Any] = ["type": "integer", "minimum": 0]
        let inputText: [String: Any] = ["type": ["string", "null"]]
        func list<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> [String: Any] where T.RawValue == String {
            ["type": "array", "items": OpenAPIParts.one(type)]
        }
        let registration = OpenAPIParts.object([
            "id": uuid, "sessionId": uuid, "userId": uuid, "userName": text, "status": OpenAPIParts.one(RegistrationStatus.self),
            "position": ["type": ["integer", "null"], "minimum": 1, "description": "The place on the waiting list (1 is next); null with a place"],
            "registeredAt": instant, "attendedAt": ["type": ["string", "null"], "format": "date-time"],
        ])
        let session: [String: Any] = [
            "id": uuid, "offerId": uuid, "offerTitle": text, "startsAt": instant, "endsAt": instant, "capacity": count, "place": text,
            "cancelledAt": ["type": ["string", "null"], "format": "date-time"], "registered": count, "waitlisted": count,
            "registrations": ["type": ["array", "null"], "items": OpenAPIParts.ref("Registration")],
        ]
        return [
            "LearningOfferInput": [
                "type": "object", "required": ["title", "format"],
                "description": "Checked field by field (422 names each). Lists hold codes; an offer without professions or sectors is for all.",
                "properties": [
                    "title": inputText, "summary": inputText, "format": inputText,
                    "levels": ["type": ["array", "null"], "items": OpenAPIParts.one(CompetenceLevel.self)],
                    "competencies": [
                        "type": ["array", "null"], "items": ["type": ["integer", "string"]], "description": "EAPC core competencies 1–10",
                    ],
                    "professions": ["type": ["array", "null"], "items": OpenAPIParts.one(Profession.self)],
                    "sectors": ["type": ["array", "null"], "items": OpenAPIParts.one(Sector.self)],
                    "duration": inputText, "prerequisites": inputText,
                    "validityMonths": [
                        "type": ["integer", "string", "null"], "description": "1–120 months a certificate is valid; absent: it does not expire",
                    ],
                ],
            ],
            "LearningOffer": OpenAPIParts.object([
                "id": uuid, "title": text, "summary": string, "format": OpenAPIParts.one(OfferFormat.self), "levels": list(CompetenceLevel.self),
                "competencies": ["type": "array", "items": ["type": "integer", "minimum": 1, "maximum": 10]], "professions": list(Profession.self),
                "sectors": list(Sector.self), "duration": string, "prerequisites": string,
                "validityMonths": ["type": ["integer", "null"], "minimum": 1, "maximum": 120], "active": ["type": "boolean"],
                "sessions": ["type": ["array", "null"], "items": OpenAPIParts.ref("LearningSession"), "description": "Null in lists"],
            ]),
            "LearningSessionInput": [
                "type": "object", "required": ["startsAt", "endsAt", "capacity", "place"],
                "properties": [
                    "startsAt": ["type": ["string", "null"], "description": "ISO 8601 with offset"],
                    "endsAt": ["type": ["string", "null"], "description": "ISO 8601 with offset; after startsAt, within 12 hours"],
                    "capacity": ["type": ["integer", "string", "null"], "description": "1–1000 places"],
                    "place": ["type": ["string", "null"], "description": "A room and address, or an online meeting's link"],
                ],
            ],
            "LearningSession": OpenAPIParts.object(session),
            "RegistrationInput": [
                "type": "object",
                "properties": ["userId": ["type": ["string", "null"], "description": "Educators: the user to register; else the caller"]],
            ],
            "Registration": registration,
            "LearningModule": [
                "type": "object",
                "required": ["id", "offerId", "title", "passMark", "sections", "check", "sectionsRead", "passed", "complete"],
                "description": "Sections hold blocks (paragraphs and lists of text, strong and emphasis); the check lists each question's "
                    + "options without the right one.",
                "properties": [
                    "id": uuid, "offerId": uuid, "offerTitle": text, "position": count, "version": count, "title": text,
                    "passMark": ["type": "integer", "minimum": 1, "maximum": 100],
                    "sections": ["type": "array", "items": ["type": "object"]],
                    "check": [
                        "type": "array",
                        "items": OpenAPIParts.object(["text": text, "options": ["type": "array", "items": text]]),
                    ],
                    "sectionsRead": ["type": "array", "items": count], "bestRight": ["type": ["integer", "null"]], "passed": ["type": "boolean"],
                    "complete": ["type": "boolean"],
                ],
            ],
            "ProgressInput": [
                "type": "object",
                "description": "One change, or a device's queue as `changes` (at most 500). A change: `clientId` (a UUID the device made), "
                    + "`moduleId`, `kind` (sectionRead, reflection, checkAnswers), `section`, `question`, `text`, `answers` (an option's index "
                    + "or null per question), `at` (ISO 8601).",
                "properties": [
                    "changes": ["type": "array", "items": ["type": "object"]], "clientId": inputText, "moduleId": inputText,
                    "kind": ["type": ["string", "null"], "enum": ProgressChange.Kind.allCases.map(\.rawValue) + [NSNull()]],
                    "section": ["type": ["integer", "null"]], "question": ["type": ["integer", "null"]], "text": inputText,
                    "answers": ["type": ["array", "null"], "items": ["type": ["integer", "null"]]], "at": inputText,
                ],
            ],
            "ProgressResults": OpenAPIParts.object([
                "results": [
                    "type": "array",
                    "items": OpenAPIParts.object([
                        "clientId": ["type": "string", "description": "As sent (a refused change's may be no UUID)"],
                        "status": ["type": "string", "enum": ["stored", "duplicate", "rejected"]], "right": ["type": ["integer", "null"]],
                        "passed": ["type": ["boolean", "null"]], "moduleComplete": ["type": "boolean"],
                        "errors": [
                            "type": ["array", "null"], "description": "Why a change was rejected",
                            "items": OpenAPIParts.object(["field": text, "code": text], required: ["field", "code"]),
                        ],
                    ]),
                ]
            ]),
            "LearningCoverage": OpenAPIParts.object([
                "by": OpenAPIParts.one(CoverageGrouping.self), "level": OpenAPIParts.one(CompetenceLevel.self),
                "rows": ["type": "array", "items": OpenAPIParts.ref("CoverageRow")], "total": OpenAPIParts.ref("CoverageRow"),
            ]),
            "CoverageRow": OpenAPIParts.object([
                "group": text, "key": text, "staff": count, "completed": count,
                "share": ["type": ["number", "null"], "description": "completed / staff, four decimals"],
                "screenedPatients": ["type": ["integer", "null"]],
                "planShare": ["type": ["number", "null"], "description": "of the patients found to have palliative needs, the share with a plan"],
            ]),
            "AttendanceInput": [
                "type": "object", "required": ["present"],
                "description": "Everyone present among those registered; the rest registered are marked absent.",
                "properties": ["present": ["type": "array", "items": uuid]],
            ],
            "EvaluationInput": [
                "type": "object", "required": ["rating", "relevance"],
                "properties": [
                    "rating": ["type": ["integer", "string", "null"], "description": "1 (poor) to 5 (very good)"],
                    "relevance": ["type": ["integer", "string", "null"], "description": "Usefulness in daily work, 1 to 5"],
                    "comment": inputText,
                ],
            ],
            "Evaluation": OpenAPIParts.object(["sessionId": uuid, "rating": count, "relevance": count, "comment": string]),
            "Completions": OpenAPIParts.object([
                "userId": uuid,
                "offers": [
                    "type": "array",
                    "items": OpenAPIParts.object([
                        "offerId": uuid, "offerTitle": text, "levels": list(CompetenceLevel.self), "completedAt": instant,
                        "source": ["type": "string", "description": "modules (e-learning), attendance, or how it was recorded"],
                        "certificate": [
                            "type": ["object", "null"],
                            "properties": [
                                "id": uuid, "code": text, "lastValidDay": ["type": ["string", "null"], "format": "date"],
                                "status": OpenAPIParts.one(CertificateValidity.Status.self),
                            ],
                        ],
                    ]),
                ],
                "modules": ["type": "array", "items": OpenAPIParts.object(["moduleId": uuid, "offerId": uuid, "completedAt": instant])],
            ]),
            "CompetenceMatrix": OpenAPIParts.object([
                "people": [
                    "type": "array",
                    "items": OpenAPIParts.object([
                        "employeeNumber": text, "name": text, "profession": OpenAPIParts.one(Profession.self),
                        "levels": [
                            "type": "object", "description": "The first day each level was completed, by level code",
                            "additionalProperties": ["type": "string", "format": "date"],
                        ],
                        "competencies": ["type": "array", "items": ["type": "integer", "minimum": 1, "maximum": 10]],
                    ]),
                ],
                "professions": [
                    "type": "array",
                    "items": OpenAPIParts.object([
                        "profession": OpenAPIParts.one(Profession.self), "staff": count,
                        "holding": ["type": "object", "additionalProperties": count, "description": "Staff holding each level, by level code"],
                    ]),
                ],
            ]),
            "StaffImport": OpenAPIParts.object(["imported": count, "created": count, "updated": count, "removed": count]),
            "Cancellation": OpenAPIParts.object([
                "cancelled": OpenAPIParts.ref("Registration"), "promoted": ["type": "array", "items": OpenAPIParts.ref("Registration")],
            ]),
        ]
    }
}
