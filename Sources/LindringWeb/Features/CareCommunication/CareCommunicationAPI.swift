import Foundation
import Hummingbird
import LindringCore
import LindringStore
import NIOCore

/// `/api/v1/patients/{id}/care-communications` and `/api/v1/outbox/{id}…`: MedCom
/// CareCommunications composed, checked and kept in the outbox.
struct CareCommunicationAPI {
    let services: AppServices
    var messages: CareCommunicationService { CareCommunicationService(services: services) }

    var endpoints: [APIEndpoint] {
        [
            APIEndpoint(
                method: .post, path: Routes.API.careCommunications, operationId: "composeCareCommunication",
                summary: "Compose a MedCom CareCommunication (FHIR R4 message Bundle) to a unit, from the patient's plan or an advisory "
                    + "contact (`contactId`); answers 201 with the outbox item's `id` and `status`. 422 names a receiver (or the sender's "
                    + "unit) without SOR code and EAN number",
                operation: {
                    OpenAPIParts.writeOperation(body: "CareCommunicationInput", success: "201", conditional: false, result: "OutboxItem")
                }, handler: compose),
            APIEndpoint(
                method: .get, path: Routes.API.careCommunications, operationId: "listCareCommunications",
                summary: "The patient's MedCom messages, newest first", operation: { OpenAPIParts.getOperation(item: "OutboxItemList") },
                handler: list),
            APIEndpoint(
                method: .get, path: Routes.API.outboxItem, operationId: "getOutboxItem", summary: "One message of the outbox",
                operation: { OpenAPIParts.getOperation(item: "OutboxItem") }, handler: get),
            APIEndpoint(
                method: .get, path: Routes.API.outboxBundle, operationId: "getOutboxBundle",
                summary: "The message's Bundle as `application/fhir+json` (FHIR R4, MedCom CareCommunication 4.0)",
                operation: {
                    var responses = OpenAPIParts.errors(["404"])
                    responses["200"] = [
                        "description": "The Bundle", "content": ["application/fhir+json": ["schema": ["type": "object"]]],
                    ]
                    return ["responses": responses]
                }, handler: bundle),
            APIEndpoint(
                method: .post, path: Routes.API.outboxStatus, operationId: "setOutboxStatus",
                summary: "Move a message on: the author's unit readies a draft; an operator records `sent` or `failed` (409 when the "
                    + "message cannot move so)",
                operation: { OpenAPIParts.writeOperation(body: "OutboxStatusInput", success: "200", conditional: false, result: "OutboxItem") },
                handler: setStatus),
            APIEndpoint(
                method: .post, path: Routes.API.outboxReplies, operationId: "replyToCareCommunication",
                summary: "Record a reply in the message's conversation: a new CareCommunication with Provenance activity `reply-message` "
                    + "that repeats the earlier segment",
                operation: {
                    OpenAPIParts.writeOperation(body: "CareCommunicationInput", success: "201", conditional: false, result: "OutboxItem")
                }, handler: reply),
        ]
    }

    @Sendable func compose(_ request: Request, context: AppContext) async throws -> Response {
        let patientId = try context.requiredIdParameter()
        let body = try await request.collectJSON(limit: services.config.maxBodySize)
        let fromContact = (try? body.decode(CareCommunicationDraft.self))?.contactId.map { !$0.isEmpty } ?? false
        let item = try await messages.compose(patientId, { try body.decode(CareCommunicationDraft.self) }, fromContact: fromContact, context)
        return try .json(OutboxItemDTO(item), status: .created, headers: [.location: Routes.API.outboxItem(item.id)])
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let patientId = try context.requiredIdParameter()
        let items = try await PatientGate(services: services).read(context, patientId: patientId, action: "careCommunication.list") { tx, _ in
            try await OutboxRepository.forPatient(patientId, on: tx)
        }
        return try .json(["items": items.map(OutboxItemDTO.init)])
    }

    @Sendable func get(_ request: Request, context: AppContext) async throws -> Response {
        try .json(OutboxItemDTO(try await messages.read(try context.requiredIdParameter(), context)))
    }

    @Sendable func bundle(_ request: Request, context: AppContext) async throws -> Response {
        let item = try await messages.read(try context.requiredIdParameter(), context, action: "careCommunication.bundle")
        return Response(
            status: .ok, headers: [.contentType: "application/fhir+json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: item.bundle)))
    }

    struct StatusInput: Decodable {
        var status: String?
        var note: String?
    }

    @Sendable func setStatus(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let input = try await request.decodeJSON(StatusInput.self, limit: services.config.maxBodySize)
        var v = Validator()
        let status = v.choice("status", input.status, as: OutboxStatus.self)
        _ = v.optionalText("note", input.note, maxLength: 500)
        try v.check()
        return try .json(OutboxItemDTO(try await messages.move(id, to: status!, note: input.note, context)))
    }

    @Sendable func reply(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let body = try await request.collectJSON(limit: services.config.maxBodySize)
        let patientId = try await messages.patient(of: id)
        let original = try await messages.read(id, context)
        let item = try await messages.compose(
            patientId,
            {
                var draft = try body.decode(CareCommunicationDraft.self)
                draft.receiverUnitId = draft.receiverUnitId ?? original.receiverUnitId.uuidString
                return draft
            }, fromContact: original.contactId != nil, replyTo: id, context)
        return try .json(OutboxItemDTO(item), status: .created, headers: [.location: Routes.API.outboxItem(item.id)])
    }
}

struct OutboxItemDTO: NullPreservingEncodable {
    let id: UUID
    let status: OutboxStatus
    let activity: CareCommunicationActivity
    let patientId: UUID
    let contactId: UUID?
    let senderUnitId: UUID
    let receiverUnitId: UUID
    let repliesTo: UUID?
    let messageId: UUID
    let text: String
    let authorName: String
    let problems: [String]
    let createdAt: Date
    let statusAt: Date
    let statusBy: String
    let statusNote: String?
    let bundle: String

    init(_ item: OutboxItem) {
        id = item.id
        status = item.status
        activity = item.activity
        patientId = item.patientId
        contactId = item.contactId
        senderUnitId = item.senderUnitId
        receiverUnitId = item.receiverUnitId
        repliesTo = item.repliesTo
        messageId = item.messageId
        text = item.text
        authorName = item.authorName
        problems = item.problems
        createdAt = item.createdAt
        statusAt = item.statusAt
        statusBy = item.statusBy
        statusNote = item.statusNote
        bundle = Routes.API.outboxBundle(item.id)
    }

    static var schemas: [String: Any] {
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        let nullableUUID: [String: Any] = ["type": ["string", "null"], "format": "uuid"]
        let time: [String: Any] = ["type": "string", "format": "date-time"]
        return [
            "CareCommunicationInput": [
                "type": "object", "required": ["receiverUnitId", "text"],
                "properties": [
                    "receiverUnitId": OpenAPIParts.nullableString, "text": OpenAPIParts.nullableString, "contactId": OpenAPIParts.nullableString,
                    "status": ["type": ["string", "null"], "enum": ["draft", "ready", NSNull()]],
                ],
            ],
            "OutboxStatusInput": [
                "type": "object", "required": ["status"],
                "properties": ["status": OpenAPIParts.one(OutboxStatus.self, nullable: true), "note": OpenAPIParts.nullableString],
            ],
            "OutboxItem": OpenAPIParts.object([
                "id": uuid, "status": OpenAPIParts.one(OutboxStatus.self), "activity": OpenAPIParts.one(CareCommunicationActivity.self),
                "patientId": uuid, "contactId": nullableUUID, "senderUnitId": uuid, "receiverUnitId": uuid, "repliesTo": nullableUUID,
                "messageId": uuid, "text": ["type": "string"], "authorName": ["type": "string"],
                "problems": ["type": "array", "items": ["type": "string"]], "createdAt": time, "statusAt": time, "statusBy": ["type": "string"],
                "statusNote": OpenAPIParts.nullableString, "bundle": ["type": "string", "description": "The address of the Bundle"],
            ]),
            "OutboxItemList": OpenAPIParts.object(["items": ["type": "array", "items": OpenAPIParts.ref("OutboxItem")]], required: ["items"]),
        ]
    }
}
