import Foundation
import Hummingbird
import LindringCore

/// Builds the OpenAPI 3.1 document from the registered endpoints.
enum OpenAPIDocument {
    static func json(endpoints: [APIEndpoint]) throws -> Data {
        var paths: [String: [String: Any]] = [:]
        for endpoint in endpoints {
            var operation = endpoint.operation()
            operation["operationId"] = endpoint.operationId
            operation["summary"] = endpoint.summary
            var parameters = operation["parameters"] as? [[String: Any]] ?? []
            // `{id}` is a UUID unless the operation describes it itself (an instrument's id).
            if endpoint.path.pattern.contains("{id}"), !parameters.contains(where: { $0["name"] as? String == "id" }) {
                parameters.insert(["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]], at: 0)
                operation["parameters"] = parameters
            }
            paths[endpoint.path.pattern, default: [:]][endpoint.method.rawValue.lowercased()] = operation
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": [
                "title": "Lindring API",
                "version": "1.0.0",
                "description": "The API of Lindring, the software of the region's palliative-care programme. "
                    + "Authenticate with `Authorization: Bearer <token>` (tokens from `lindring api-token`). "
                    + "Errors are RFC 9457 problem documents. Lists are paged with `limit` and `cursor`.",
            ],
            "servers": [["url": "/"]],
            "security": [["bearerAuth": []]],
            "paths": paths,
            "components": [
                "securitySchemes": ["bearerAuth": ["type": "http", "scheme": "bearer"]],
                "schemas": OpenAPIParts.schemas.merging(AdvisoryOpenAPI.schemas) { a, _ in a }.merging(InstrumentsOpenAPI.schemas) { a, _ in a }
                    .merging(CalendarAPI.schemas) { a, _ in a }
                    .merging(SocialWorkOpenAPI.schemas) { a, _ in a }.merging(LearningOpenAPI.schemas) { a, _ in a }
                    .merging(CohortOpenAPI.schemas) { a, _ in a }.merging(BudgetOpenAPI.schemas) { a, _ in a }
                    .merging(ReferralOpenAPI.schemas) { a, _ in a }
                    .merging(IndicatorRowDTO.schemas) { a, _ in a }
                    .merging(OutboxItemDTO.schemas) { a, _ in a }
                    .merging(RegisterOpenAPI.schemas) { a, _ in a },
                "responses": OpenAPIParts.problemResponses,
            ],
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}

/// The reusable pieces of the document.
enum OpenAPIParts {
    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }

    /// One of an enumeration's raw values (or null).
    static func one<T: RawRepresentable & CaseIterable>(_ type: T.Type, nullable: Bool = false) -> [String: Any] where T.RawValue == String {
        let values: [Any] = T.allCases.map(\.rawValue)
        return nullable ? ["type": ["string", "null"], "enum": values + [NSNull()]] : ["type": "string", "enum": values]
    }

    /// An object whose properties are all required unless `required` names fewer: answers list every key.
    static func object(_ properties: [String: Any], required: [String]? = nil) -> [String: Any] {
        ["type": "object", "required": required ?? Array(properties.keys).sorted(), "properties": properties]
    }
    /// A parameter in the query string.
    static func query(_ name: String, required: Bool, description: String? = nil, schema: [String: Any]) -> [String: Any] {
        var parameter: [String: Any] = ["name": name, "in": "query", "required": required, "schema": schema]
        if let description { parameter["description"] = description }
        return parameter
    }

    static func problem(_ code: String) -> [String: Any] { ["$ref": "#/components/responses/Problem\(code)"] }

    static func json(_ schema: [String: Any], description: String) -> [String: Any] {
        ["description": description, "content": ["application/json": ["schema": schema]]]
    }

    static let commonErrors = ["400", "401", "403", "413", "429"]

    static func errors(_ codes: [String]) -> [String: Any] {
        Dictionary(uniqueKeysWithValues: (commonErrors + codes).map { ($0, problem($0)) })
    }

    static var paginationParameters: [[String: Any]] {
        [
            [
                "name": "limit", "in": "query", "required": false, "description": "Items per page (1–200, default 50).",
                "schema": ["type": "integer", "minimum": 1, "maximum": 200],
            ],
            [
                "name": "cursor", "in": "query", "required": false, "description": "The `next` value of the previous page.",
                "schema": ["type": "string", "minLength": 1, "maxLength": 100],
            ],
        ]
    }

    static func listOperation(item: String, extraParameters: [[String: Any]]) -> [String: Any] {
        var responses = errors(["422"])
        responses["200"] = json(
            [
                "type": "object", "required": ["items", "next"],
                "properties": [
                    "items": ["type": "array", "items": ref(item)],
                    "next": ["type": ["string", "null"]],
                ],
            ],
            description: "A page of items")
        return ["parameters": extraParameters + paginationParameters, "responses": responses]
    }

    /// A search whose query travels in the body (a CPR number must stay out of addresses); the
    /// page's `limit` and `cursor` stay in the query string.
    static func searchOperation(body: String, item: String) -> [String: Any] {
        var operation = listOperation(item: item, extraParameters: [])
        operation["requestBody"] = ["required": true, "content": ["application/json": ["schema": ref(body)]]]
        var responses = operation["responses"] as? [String: Any] ?? [:]
        responses.merge(errors(["415"])) { current, _ in current }
        operation["responses"] = responses
        return operation
    }

    static func getOperation(item: String) -> [String: Any] {
        var responses = errors(["404"])
        responses["200"] = [
            "description": "The item",
            "headers": ["ETag": ["schema": ["type": "string"]]],
            "content": ["application/json": ["schema": ref(item)]],
        ]
        return ["responses": responses]
    }

    /// A GET of one item whose query parameters are checked: 422 when they are wrong.
    static func queryOperation(item: String, parameters: [[String: Any]]) -> [String: Any] {
        var operation = getOperation(item: item)
        var responses = operation["responses"] as? [String: Any] ?? [:]
        responses["422"] = problem("422")
        operation["responses"] = responses
        operation["parameters"] = parameters
        return operation
    }

    static func writeOperation(body: String, success: String, conditional: Bool, result: String = "Unit") -> [String: Any] {
        var responses = errors(["404", "409", "415", "422"] + (conditional ? ["412", "428"] : []))
        responses[success] = json(ref(result), description: success == "201" ? "Created" : "Changed")
        var operation: [String: Any] = [
            "requestBody": ["required": true, "content": ["application/json": ["schema": ref(body)]]],
            "responses": responses,
        ]
        if conditional {
            operation["parameters"] = [
                [
                    "name": "If-Match", "in": "header", "required": true,
                    "description": "The ETag from GET; a stale one answers 412.", "schema": ["type": "string"],
                ]
            ]
        }
        return operation
    }

    /// A PUT whose `If-Match` is optional: without it the save is made on top of whatever is current.
    static func optionalIfMatchOperation(body: String, result: String) -> [String: Any] {
        var operation = writeOperation(body: body, success: "200", conditional: false, result: result)
        var responses = operation["responses"] as? [String: Any] ?? [:]
        responses["412"] = problem("412")
        operation["responses"] = responses
        operation["parameters"] = [
            [
                "name": "If-Match", "in": "header", "required": false, "schema": ["type": "string"],
                "description": "The ETag from GET; a stale one answers 412.",
            ]
        ]
        return operation
    }

    static var planProperties: [String: Any] {
        func codes(_ values: [String]) -> [String: Any] { ["type": ["string", "null"], "enum": values + [NSNull()]] }
        let flag: [String: Any] = ["type": ["boolean", "null"]]
        return [
            "status": codes(PlanStatus.allCases.map(\.rawValue)), "endReason": codes(EndReason.allCases.map(\.rawValue)),
            "dateOfDeath": nullableString, "placeOfDeath": codes(PlaceOfDeath.allCases.map(\.rawValue)),
            "careTeam": ["type": ["array", "null"], "items": ref("CareTeamMember")],
            "preferredPlaceOfCare": codes(PreferredPlace.allCases.map(\.rawValue)),
            "preferredPlaceOfDeath": codes(PreferredPlace.allCases.map(\.rawValue)),
            "whatMattersMost": nullableString, "wishesDiscussedOn": nullableString, "wishesDiscussedWith": nullableString,
            "resuscitation": codes(Resuscitation.allCases.map(\.rawValue)), "treatmentLevel": codes(TreatmentLevel.allCases.map(\.rawValue)),
            "decidedBy": nullableString, "decisionDate": nullableString, "reviewDate": nullableString, "livingWill": flag,
            "prognosis": codes(Prognosis.allCases.map(\.rawValue)), "patientKnowsPrognosis": flag, "relativesKnowPrognosis": flag,
            "medications": ["type": ["array", "null"], "items": ref("Medication")],
            "equipment": ["type": ["array", "null"], "items": ["type": "string", "enum": HomeEquipment.allCases.map(\.rawValue)]],
            "contingencies": ["type": ["array", "null"], "items": ref("ContingencyItem")],
        ]
    }

    static var problemResponses: [String: Any] {
        let codes = ["400", "401", "403", "404", "409", "412", "413", "415", "422", "428", "429"]
        return Dictionary(
            uniqueKeysWithValues: codes.map { code in
                (
                    "Problem\(code)",
                    [
                        "description": HTTPResponse.Status(code: Int(code)!).reasonPhrase,
                        "content": ["application/problem+json": ["schema": ref("Problem")]],
                    ] as [String: Any]
                )
            })
    }

    static var nullableString: [String: Any] { ["type": ["string", "null"]] }

    static var schemas: [String: Any] {
        [
            "Problem": [
                "type": "object", "required": ["type", "title", "status", "detail"],
                "properties": [
                    "type": ["type": "string"], "title": ["type": "string"], "status": ["type": "integer"],
                    "detail": ["type": "string"],
                    "errors": [
                        "type": "array",
                        "items": [
                            "type": "object", "required": ["field", "code"],
                            "properties": [
                                "field": ["type": "string"],
                                "code": ["type": "string", "enum": ValidationCode.allCases.map(\.rawValue)],
                            ],
                        ],
                    ],
                ],
            ],
            "Unit": [
                "type": "object",
                "required": [
                    "id", "code", "name", "kind", "sector", "parentCode", "dayPhone", "outOfHoursPhone", "sorCode", "eanCode", "active",
                    "successorCode",
                    "successorFrom",
                ],
                "properties": [
                    "id": ["type": "string", "format": "uuid"], "code": ["type": "string"], "name": ["type": "string"],
                    "kind": ["type": "string", "enum": UnitKind.allCases.map(\.rawValue)],
                    "sector": ["type": "string", "enum": Sector.allCases.map(\.rawValue)],
                    "parentCode": nullableString, "dayPhone": nullableString, "outOfHoursPhone": nullableString,
                    "sorCode": nullableString, "eanCode": nullableString, "active": ["type": "boolean"],
                    "successorCode": ["type": ["string", "null"], "description": "The unit that carries this one on after a merger"],
                    "successorFrom": ["type": ["string", "null"], "format": "date"],
                ],
            ],
            "UnitInput": [
                "type": "object", "required": ["code", "name", "kind", "sector"],
                "properties": [
                    "code": ["type": "string", "minLength": 1, "maxLength": 40, "pattern": "^[A-Za-z0-9._-]+$"],
                    "name": ["type": "string", "minLength": 1, "maxLength": 200],
                    "kind": ["type": "string", "enum": UnitKind.allCases.map(\.rawValue)],
                    "sector": ["type": "string", "enum": Sector.allCases.map(\.rawValue)],
                    "parentCode": nullableString, "dayPhone": nullableString, "outOfHoursPhone": nullableString,
                    "sorCode": nullableString, "eanCode": nullableString, "successorCode": nullableString,
                    "successorFrom": ["type": ["string", "null"], "description": "YYYY-MM-DD; required with successorCode"],
                ],
            ],
            "AuditEntry": [
                "type": "object",
                "required": ["sequence", "at", "username", "role", "action", "entityType", "entityId", "patientId", "purpose", "outcome", "ip"],
                "properties": [
                    "sequence": ["type": "integer"], "at": ["type": "string", "format": "date-time"],
                    "username": nullableString, "role": nullableString, "action": ["type": "string"],
                    "entityType": nullableString, "entityId": nullableString,
                    "patientId": ["type": ["string", "null"], "format": "uuid"], "purpose": nullableString,
                    "outcome": ["type": "string", "enum": AuditOutcome.allCases.map(\.rawValue)], "ip": nullableString,
                ],
            ],
            "PatientInput": [
                "type": "object", "required": ["cpr", "name", "diagnosisGroup"],
                "properties": [
                    "cpr": ["type": "string", "pattern": "^[0-9]{6}-?[0-9]{4}$"], "name": ["type": "string", "minLength": 1, "maxLength": 200],
                    "address": ["type": ["string", "null"], "maxLength": 200], "municipalityCode": nullableString, "phone": nullableString,
                    "gpUnitId": ["type": ["string", "null"], "format": "uuid"],
                    "diagnosisGroup": ["type": "string", "enum": DiagnosisGroup.allCases.map(\.rawValue)],
                    "icd10": nullableString, "language": nullableString, "interpreterNeeded": ["type": ["boolean", "null"]],
                    "relatives": ["type": ["array", "null"], "items": ref("RelativeInput")],
                    "sharingConsent": ["type": ["string", "null"], "enum": SharingConsent.allCases.map(\.rawValue) + [NSNull()]],
                ],
            ],
            "RelativeInput": [
                "type": "object",
                "properties": [
                    "name": nullableString, "relation": nullableString, "phone": nullableString,
                    "primaryContact": ["type": ["boolean", "null"]], "livesWithPatient": ["type": ["boolean", "null"]],
                    "powerOfAttorney": ["type": ["boolean", "null"]],
                ],
            ],
            "Patient": [
                "type": "object",
                "required": [
                    "id", "cpr", "name", "birthDate", "address", "municipalityCode", "phone", "gpUnitId", "diagnosisGroup", "icd10", "language",
                    "interpreterNeeded", "relatives", "sharingConsent", "registeringUnitId",
                ],
                "properties": [
                    "id": ["type": "string", "format": "uuid"], "cpr": ["type": "string"], "name": ["type": "string"],
                    "birthDate": ["type": "string", "format": "date"], "address": nullableString, "municipalityCode": nullableString,
                    "phone": nullableString,
                    "gpUnitId": ["type": ["string", "null"], "format": "uuid"],
                    "diagnosisGroup": ["type": "string", "enum": DiagnosisGroup.allCases.map(\.rawValue)],
                    "icd10": nullableString, "language": nullableString, "interpreterNeeded": ["type": "boolean"],
                    "relatives": ["type": "array", "items": ["type": "object"]],
                    "sharingConsent": ["type": "string", "enum": SharingConsent.allCases.map(\.rawValue)],
                    "registeringUnitId": ["type": "string", "format": "uuid"],
                ],
            ],
            "PatientListItem": [
                "type": "object", "required": ["id", "name", "cpr", "planStatus", "birthDate", "address", "municipalityCode"],
                "properties": [
                    "id": ["type": "string", "format": "uuid"], "name": ["type": "string"],
                    "cpr": ["type": "string", "description": "masked: DDMMYY-XXXX"], "planStatus": nullableString,
                    "birthDate": ["type": "string", "format": "date"], "address": nullableString, "municipalityCode": nullableString,
                ],
            ],
            "CareTeamMember": [
                "type": "object",
                "properties": [
                    "unitId": nullableString, "userId": nullableString,
                    "role": ["type": ["string", "null"], "enum": CareTeamRole.allCases.map(\.rawValue) + [NSNull()]],
                    "dayPhone": nullableString, "outOfHoursPhone": nullableString,
                ],
            ],
            "Medication": [
                "type": "object",
                "properties": [
                    "drug": nullableString, "strength": nullableString, "dose": nullableString, "route": nullableString,
                    "indication": nullableString, "maxPer24h": nullableString, "prescribedBy": nullableString,
                    "availableInHome": ["type": ["boolean", "null"]], "date": nullableString,
                ],
            ],
            "ContingencyItem": [
                "type": "object",
                "properties": ["situation": nullableString, "action": nullableString, "callDay": nullableString, "callNight": nullableString],
            ],
            "PlanInput": [
                "type": "object", "required": ["careTeam"],
                "description": "The plan's fields; GET's answer can be sent back changed. Exactly one careTeam member has role keyWorker.",
                "properties": planProperties,
            ],
            "Plan": [
                "type": "object", "required": ["patientId", "version", "updatedAt"] + Array(planProperties.keys).sorted(),
                "properties": planProperties.merging([
                    "patientId": ["type": "string", "format": "uuid"], "version": ["type": "integer"],
                    "updatedAt": ["type": "string", "format": "date-time"],
                ]) { a, _ in a },
            ],
            "PlanChange": [
                "type": "object", "required": ["field", "kind"],
                "description": "Values are {type: text|code|flag, value}, {type: member, role, unitId} or {type: medication, value: Medication}",
                "properties": [
                    "field": ["type": "string"], "kind": ["type": "string", "enum": ["changed", "added", "removed"]],
                    "before": ["type": ["object", "null"]], "after": ["type": ["object", "null"]],
                    "member": ["type": "object", "description": "The care-team row or the medication a change within a row belongs to"],
                ],
            ],
            "PlanVersionList": [
                "type": "object", "required": ["items", "next"],
                "properties": [
                    "next": ["type": "null"],
                    "items": [
                        "type": "array",
                        "items": [
                            "type": "object", "required": ["version", "authorName", "createdAt", "changes", "contactId"],
                            "properties": [
                                "version": ["type": "integer"], "authorName": ["type": "string"],
                                "createdAt": ["type": "string", "format": "date-time"], "changes": ["type": "array", "items": ref("PlanChange")],
                                "contactId": [
                                    "type": ["string", "null"], "format": "uuid",
                                    "description": "The advisory contact the change was proposed from",
                                ],
                            ],
                        ],
                    ],
                ],
            ],
            "PatientSearch": [
                "type": "object", "required": ["q"],
                "properties": [
                    "q": [
                        "type": "string", "minLength": 1, "maxLength": 100,
                        "description": "A CPR number (exact) or a name (part, case- and accent-insensitive)",
                    ]
                ],
            ],
            "InboxItem": [
                "type": "object",
                "description": "Shown with its patient and content only where the reader may read the patient now; otherwise withheld",
                "required": [
                    "id", "withheld", "patientId", "patientName", "planVersion", "authorName", "createdAt", "read", "changes",
                    "criticalTopics", "assessmentId", "removedFromTeam", "registeringUnitId",
                ],
                "properties": [
                    "id": ["type": "string", "format": "uuid"], "withheld": ["type": "boolean"],
                    "patientId": ["type": ["string", "null"], "format": "uuid"], "patientName": nullableString,
                    "planVersion": ["type": ["integer", "null"]], "authorName": nullableString,
                    "createdAt": ["type": "string", "format": "date-time"], "read": ["type": "boolean"],
                    "changes": ["type": "array", "items": ref("PlanChange")],
                    "criticalTopics": [
                        "type": "array",
                        "description": "The critical parts of the plan the changes touch, each once; none for a plan's first version",
                        "items": ["type": "string", "enum": CriticalTopic.allCases.map(\.rawValue)],
                    ],
                    "assessmentId": ["type": ["string", "null"], "format": "uuid", "description": "A red screening result, not a plan change"],
                    "removedFromTeam": ["type": "boolean", "description": "The reader's unit was taken off the care team"],
                    "registeringUnitId": ["type": "string", "format": "uuid", "description": "The unit to ask about a withheld item"],
                ],
            ],
            "Me": [
                "type": "object", "required": ["id", "username", "name", "profession", "roles", "unitCode", "language"],
                "properties": [
                    "id": ["type": "string", "format": "uuid"], "username": ["type": "string"], "name": ["type": "string"],
                    "profession": ["type": "string", "enum": Profession.allCases.map(\.rawValue)],
                    "roles": ["type": "array", "items": ["type": "string", "enum": Role.allCases.map(\.rawValue)]],
                    "unitCode": nullableString, "language": ["type": "string", "enum": ["da", "en"]],
                ],
            ],
        ]
    }
}
