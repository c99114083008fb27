import Foundation
import LindringCore
import LindringStore

/// A referral in the API: what was recorded, the days to the first contact, and whether the
/// screening module holds an EORTC QLQ-C15-PAL from its start.
struct ReferralDTO: NullPreservingEncodable {
    let id: UUID
    let patientId: UUID
    let receivedOn: String
    let referringUnitId: UUID
    let receivingUnitId: UUID
    let diagnosisGroup: DiagnosisGroup
    let status: ReferralStatus
    let notReachedReason: NotReachedReason?
    let firstContactOn: String?
    let daysToFirstContact: Int?
    let discussedAtConference: Bool
    let conferenceOn: String?
    let eortcCompletedAtStart: Bool
    let eortcCompletedOn: String?
    let eortcNotDoneReason: EORTCNotDoneReason?
    let version: Int
    let updatedAt: Date
    let updatedBy: String

    init(_ shown: ReferralService.Shown) {
        let stored = shown.stored
        let r = stored.referral
        id = stored.id
        patientId = stored.patientId
        receivedOn = r.receivedOn.description
        referringUnitId = r.referringUnitId
        receivingUnitId = r.receivingUnitId
        diagnosisGroup = r.diagnosisGroup
        status = r.status
        notReachedReason = r.notReachedReason
        firstContactOn = r.firstContactOn?.description
        daysToFirstContact = r.daysToFirstContact
        discussedAtConference = r.discussedAtConference
        conferenceOn = r.conferenceOn?.description
        eortcCompletedAtStart = shown.eortcCompletedOn != nil
        eortcCompletedOn = shown.eortcCompletedOn?.description
        eortcNotDoneReason = r.eortcNotDoneReason
        version = stored.version
        updatedAt = stored.updatedAt
        updatedBy = stored.updatedBy
    }

    var etag: String { VersionTag.etag(version) }
}

enum ReferralOpenAPI {
    static var schemas: [String: Any] {
        let day: [String: Any] = ["type": ["string", "null"], "description": "YYYY-MM-DD"]
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        let input = OpenAPIParts.nullableString
        return [
            "ReferralInput": [
                "type": "object", "required": ["receivedOn", "referringUnitId", "receivingUnitId", "diagnosisGroup", "status"],
                "properties": [
                    "receivedOn": day, "referringUnitId": input, "receivingUnitId": input,
                    "diagnosisGroup": OpenAPIParts.one(DiagnosisGroup.self, nullable: true),
                    "status": OpenAPIParts.one(ReferralStatus.self, nullable: true),
                    "notReachedReason": OpenAPIParts.one(NotReachedReason.self, nullable: true), "firstContactOn": day,
                    "discussedAtConference": ["type": ["boolean", "null"]], "conferenceOn": day,
                    "eortcNotDoneReason": OpenAPIParts.one(EORTCNotDoneReason.self, nullable: true),
                ],
            ],
            "Referral": OpenAPIParts.object(
                [
                    "id": uuid, "patientId": uuid, "receivedOn": ["type": "string"], "referringUnitId": uuid, "receivingUnitId": uuid,
                    "diagnosisGroup": OpenAPIParts.one(DiagnosisGroup.self), "status": OpenAPIParts.one(ReferralStatus.self),
                    "notReachedReason": OpenAPIParts.one(NotReachedReason.self, nullable: true), "firstContactOn": day,
                    "daysToFirstContact": ["type": ["integer", "null"]], "discussedAtConference": ["type": "boolean"], "conferenceOn": day,
                    "eortcCompletedAtStart": ["type": "boolean"], "eortcCompletedOn": day,
                    "eortcNotDoneReason": OpenAPIParts.one(EORTCNotDoneReason.self, nullable: true), "version": ["type": "integer"],
                    "updatedAt": ["type": "string", "format": "date-time"], "updatedBy": ["type": "string"],
                ]),
            "ReferralList": OpenAPIParts.object(["items": ["type": "array", "items": OpenAPIParts.ref("Referral")]], required: ["items"]),
        ]
    }
}
