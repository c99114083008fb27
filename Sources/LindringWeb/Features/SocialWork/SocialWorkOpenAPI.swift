import Foundation
import LindringCore
import LindringStore

/// The social-work schemas in the OpenAPI document.
enum SocialWorkOpenAPI {
    static var schemas: [String: Any] {
        let text: [String: Any] = ["type": "string"]
        let string = OpenAPIParts.nullableString
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        let date: [String: Any] = ["type": "string", "format": "date"]
        let nullableDate: [String: Any] = ["type": ["string", "null"], "format": "date"]
        let inputDate: [String: Any] = ["type": ["string", "null"], "description": "YYYY-MM-DD"]
        let parent: [String: Any] = [
            "id": ["type": ["string", "null"], "format": "uuid"], "name": text, "relation": OpenAPIParts.one(ParentRelation.self), "phone": string,
            "email": string, "address": string, "livesWithChild": ["type": "boolean"], "holdsCustody": ["type": "boolean"],
        ]
        let sibling: [String: Any] = [
            "name": string, "age": ["type": "integer"], "ageRecordedOn": date, "schoolOrDaycare": string, "supportNeeds": string,
        ]
        let network: [String: Any] = [
            "role": OpenAPIParts.one(NetworkRole.self), "name": string, "organisation": string, "phone": string, "email": string,
        ]
        let basics: [String: Any] = [
            "id": uuid, "restricted": ["type": "boolean"], "childPatientId": uuid, "status": OpenAPIParts.one(FamilyCaseStatus.self),
            "keyWorkerName": text,
            "municipalityCode": text, "interpreterNeeded": ["type": "boolean"], "language": string,
        ]
        var full = basics
        for (key, value) in [
            "childName": text, "conditionGroup": OpenAPIParts.one(ConditionGroup.self), "municipalityName": string, "keyWorkerId": uuid,
            "parents": ["type": "array", "items": OpenAPIParts.object(parent)], "siblings": ["type": "array", "items": OpenAPIParts.object(sibling)],
            "network": ["type": "array", "items": OpenAPIParts.object(network)], "openedOn": date, "deathOn": nullableDate, "closedOn": nullableDate,
            "version": ["type": "integer"], "applications": ["type": "array", "items": OpenAPIParts.ref("Application")],
            "meetings": ["type": "array", "items": OpenAPIParts.ref("Meeting")],
        ] as [String: Any] {
            full[key] = value
        }
        let application: [String: Any] = [
            "id": uuid, "familyId": uuid, "benefit": text, "authority": OpenAPIParts.one(BenefitAuthority.self), "submittedOn": date,
            "processingDueOn": date,
            "decidedOn": nullableDate, "outcome": OpenAPIParts.one(DecisionOutcome.self, nullable: true),
            "sentVia": OpenAPIParts.one(DecisionDelivery.self, nullable: true),
            "sentOn": nullableDate, "receivedOn": nullableDate, "appealDueOn": nullableDate, "appealStatus": OpenAPIParts.one(AppealStatus.self),
            "reviewOn": nullableDate, "version": ["type": "integer"],
        ]
        let inputText: [String: Any] = ["type": ["string", "null"]]
        return [
            "FamilyInput": [
                "type": "object", "required": ["childPatientId", "conditionGroup", "municipalityCode", "parents", "keyWorkerId"],
                "description": "Text values, checked field by field (422 names each, e.g. `parents[1].name`). The key worker is a user of "
                    + "the team; on a change, a parent keeps its `id`.",
                "properties": [
                    "childPatientId": inputText, "conditionGroup": inputText, "municipalityCode": inputText,
                    "interpreterNeeded": ["type": ["boolean", "null"]],
                    "language": inputText, "keyWorkerId": inputText, "status": inputText,
                    "parents": [
                        "type": ["array", "null"],
                        "items": [
                            "type": "object",
                            "properties": [
                                "id": inputText, "name": inputText, "relation": inputText, "phone": inputText, "email": inputText,
                                "address": inputText, "livesWithChild": ["type": ["boolean", "null"]], "holdsCustody": ["type": ["boolean", "null"]],
                            ],
                        ],
                    ],
                    "siblings": [
                        "type": ["array", "null"],
                        "items": [
                            "type": "object",
                            "properties": [
                                "name": inputText, "age": ["type": ["string", "integer", "null"]], "schoolOrDaycare": inputText,
                                "supportNeeds": inputText,
                            ],
                        ],
                    ],
                    "network": [
                        "type": ["array", "null"],
                        "items": [
                            "type": "object",
                            "properties": ["role": inputText, "name": inputText, "organisation": inputText, "phone": inputText, "email": inputText],
                        ],
                    ],
                ],
            ],
            "Family": [
                "oneOf": [OpenAPIParts.object(full), OpenAPIParts.object(basics)],
                "description": "The team sees the whole case (`restricted: false`); the child's other treating units only its basic "
                    + "facts (`restricted: true`): never parents, siblings, network or applications.",
            ],
            "FamilyListItem": OpenAPIParts.object([
                "id": uuid, "childPatientId": uuid, "childName": text, "status": OpenAPIParts.one(FamilyCaseStatus.self), "keyWorkerId": uuid,
                "keyWorkerName": text, "municipalityCode": text, "openedOn": date,
            ]),
            "ApplicationInput": [
                "type": "object",
                "description": "Dates as YYYY-MM-DD. A decision is `decidedOn`, `outcome`, `sentVia` and `sentOn` together (a withdrawal "
                    + "needs no `sentVia`). On a change, fields left out keep their stored values; \"\" clears one.",
                "properties": [
                    "benefit": ["type": ["string", "null"], "description": "A code from /api/v1/social-work/benefits"],
                    "authority": inputText, "submittedOn": inputDate, "decidedOn": inputDate, "outcome": inputText, "sentVia": inputText,
                    "sentOn": inputDate, "appealStatus": inputText, "reviewOn": inputDate,
                ],
            ],
            "Application": OpenAPIParts.object(application),
            "MeetingInput": [
                "type": "object", "required": ["heldOn", "participants"],
                "properties": [
                    "heldOn": inputDate, "participants": ["type": ["array", "null"], "items": ["type": "string"]],
                    "decisions": [
                        "type": ["array", "null"],
                        "items": ["type": "object", "properties": ["text": inputText, "owner": inputText, "dueOn": inputDate]],
                    ],
                    "lostEarningsParentIds": ["type": ["array", "null"], "items": ["type": "string"]],
                ],
            ],
            "Meeting": OpenAPIParts.object([
                "id": uuid, "familyId": uuid, "heldOn": date, "participants": ["type": "array", "items": text],
                "decisions": [
                    "type": "array",
                    "items": OpenAPIParts.object(["id": uuid, "text": text, "owner": text, "dueOn": nullableDate, "doneOn": nullableDate]),
                ],
                "lostEarnings": [
                    "type": "array",
                    "items": OpenAPIParts.object([
                        "parentId": uuid, "parentName": text, "applicationId": ["type": ["string", "null"], "format": "uuid"],
                    ]),
                ],
            ]),
            "SocialWorkTask": OpenAPIParts.object([
                "kind": OpenAPIParts.one(SocialWorkTask.Kind.self), "due": date, "familyId": uuid, "childName": text,
                "applicationId": ["type": ["string", "null"], "format": "uuid"], "benefit": string, "decision": string, "owner": string,
            ]),
            "SocialWorkCapacity": OpenAPIParts.object([
                "teamUnitCode": text, "from": date, "to": date, "overdueNow": ["type": "integer"],
                "applicationsByOutcome": [
                    "type": "object", "additionalProperties": ["type": "integer"],
                    "description": "awaiting, and each outcome, for applications submitted in the range",
                ],
                "months": [
                    "type": "array",
                    "items": OpenAPIParts.object([
                        "month": ["type": "string", "description": "YYYY-MM"], "openFamilies": ["type": "integer"],
                        "newReferrals": ["type": "integer"],
                        "fundedFTE": ["type": ["number", "null"]], "caseloadPerFTE": ["type": ["number", "null"]],
                        "networkMeetings": ["type": "integer"], "consultations": ["type": "integer"], "consultationHours": ["type": "number"],
                        "teaching": ["type": "integer"], "teachingHours": ["type": "number"], "applicationsSubmitted": ["type": "integer"],
                    ]),
                ],
                "funding": ["type": "array", "items": OpenAPIParts.object(["from": date, "to": nullableDate, "fte": ["type": "number"]])],
            ]),
            "Benefit": OpenAPIParts.object([
                "code": text, "law": text, "previousLaw": string, "lawChangedOn": nullableDate, "name": text,
                "authority": OpenAPIParts.one(BenefitAuthority.self),
                "processingDeadline": OpenAPIParts.object(["amount": ["type": "integer"], "unit": OpenAPIParts.one(DeadlineUnit.self)]),
                "note": string,
            ]),
        ]
    }
}
