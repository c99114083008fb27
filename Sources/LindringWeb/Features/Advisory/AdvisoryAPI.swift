import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// `/api/v1/contacts` (with addenda), `/api/v1/follow-ups` (done and cancelled with a note) and `/api/v1/advisory/statistics`.
struct AdvisoryAPI {
    let services: AppServices
    var advisory: AdvisoryService { AdvisoryService(services: services) }

    var endpoints: [APIEndpoint] {
        [
            APIEndpoint(
                method: .post, path: Routes.API.contacts, operationId: "createContact",
                summary: "Document a contact on the advisory line (advisors); an Idempotency-Key makes a retry return the first contact",
                operation: {
                    var operation = OpenAPIParts.writeOperation(body: "ContactInput", success: "201", conditional: false, result: "Contact")
                    operation["parameters"] = [
                        [
                            "name": "Idempotency-Key", "in": "header", "required": false,
                            "description": "Any unique text (at most 200 characters); a retry with the same key and the same body "
                                + "creates nothing new and answers 200 with the first contact; the same key with another body answers 422.",
                            "schema": ["type": "string", "minLength": 1, "maxLength": 200],
                        ]
                    ]
                    var responses = operation["responses"] as? [String: Any] ?? [:]
                    responses["200"] = OpenAPIParts.json(
                        OpenAPIParts.ref("Contact"),
                        description: "A replay: this Idempotency-Key was sent before with the same body; the contact it created")
                    operation["responses"] = responses
                    return operation
                }, handler: create),
            APIEndpoint(
                method: .get, path: Routes.API.contacts, operationId: "listContacts",
                summary: "Contacts started on the days from–to (Copenhagen), newest first",
                operation: {
                    OpenAPIParts.listOperation(
                        item: "ContactListItem",
                        extraParameters: [
                            [
                                "name": "from", "in": "query", "required": false, "description": "YYYY-MM-DD, default 30 days before `to`",
                                "schema": ["type": "string", "format": "date"],
                            ],
                            [
                                "name": "to", "in": "query", "required": false, "description": "YYYY-MM-DD, default today",
                                "schema": ["type": "string", "format": "date"],
                            ],
                            ["name": "patientId", "in": "query", "required": false, "schema": ["type": "string", "format": "uuid"]],
                        ])
                }, handler: list),
            APIEndpoint(
                method: .get, path: Routes.API.followUps, operationId: "listFollowUps",
                summary: "A unit's follow-ups: open ones soonest due first, others latest due first; advisory staff may ask for any unit",
                operation: {
                    OpenAPIParts.listOperation(
                        item: "FollowUp",
                        extraParameters: [
                            [
                                "name": "unitId", "in": "query", "required": false,
                                "description": "Default: the caller's unit (advisory staff: every unit)",
                                "schema": ["type": "string", "format": "uuid"],
                            ],
                            [
                                "name": "status", "in": "query", "required": false,
                                "schema": ["type": "string", "enum": FollowUpStatus.allCases.map(\.rawValue)],
                            ],
                        ])
                }, handler: followUps),
            APIEndpoint(
                method: .get, path: Routes.API.contact, operationId: "getContact", summary: "One contact with its addenda (audited)",
                operation: { OpenAPIParts.getOperation(item: "Contact") }, handler: get),
            APIEndpoint(
                method: .post, path: Routes.API.contactAddenda, operationId: "addContactAddendum",
                summary:
                    "Add an addendum to a saved contact (advisors who may read it); the contact itself never changes (audited, the text never logged)",
                operation: {
                    var operation = OpenAPIParts.writeOperation(
                        body: "ContactAddendumInput", success: "201", conditional: false, result: "ContactAddendum")
                    var responses = operation["responses"] as? [String: Any] ?? [:]
                    responses["409"] = nil
                    operation["responses"] = responses
                    return operation
                }, handler: addAddendum),
            APIEndpoint(
                method: .post, path: Routes.API.followUpDone, operationId: "completeFollowUp",
                summary: "Mark an open follow-up done (its unit or advisory staff), with an optional note; 409 when it is no longer open",
                operation: { Self.closeOperation(noteRequired: false, description: "Done") }, handler: done),
            APIEndpoint(
                method: .post, path: Routes.API.followUpCancel, operationId: "cancelFollowUp",
                summary: "Cancel an open follow-up (its unit or advisory staff) with a note saying why; 409 when it is no longer open",
                operation: { Self.closeOperation(noteRequired: true, description: "Cancelled") }, handler: cancel),
            APIEndpoint(
                method: .get, path: Routes.API.advisoryStatistics, operationId: "getAdvisoryStatistics",
                summary: "What the advisory line did on the days from–to (inclusive, Copenhagen time)",
                operation: {
                    OpenAPIParts.queryOperation(
                        item: "AdvisoryStatistics",
                        parameters: ["from", "to"].map {
                            ["name": $0, "in": "query", "required": true, "schema": ["type": "string", "format": "date"]]
                        })
                }, handler: statistics),
        ]
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.documentAdvisoryContacts)
        let key = request.headers[.idempotencyKey]?.trimmingCharacters(in: .whitespaces)
        if let key, key.isEmpty || key.count > 200 || TextInput.hasControlCharacters(key) {
            throw AppError.badRequest("The Idempotency-Key header must be 1–200 characters of text.")
        }
        let draft = try await request.decodeJSON(ContactDraft.self, limit: services.config.maxBodySize)
        do {
            let (id, created) = try await advisory.createContact(draft, idempotencyKey: key, context)
            // Read back from the committed data: should the read fail, the contact is stored all
            // the same, and a retry with the same Idempotency-Key answers it.
            let contact = try await services.existing { try await ContactRepository.find(id: id, on: $0) }
            return try .json(ContactDTO(contact), status: created ? .created : .ok, headers: [.location: Routes.API.contact(contact.id)])
        } catch is IdempotencyKeyReused {
            // The IETF Idempotency-Key draft: the same key with another payload is 422.
            return Problem(
                status: .unprocessableContent,
                detail: "This Idempotency-Key was already used for a different request: send a new key for a new contact.",
                errors: [FieldError("Idempotency-Key", .alreadyTaken)]
            ).response()
        }
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.documentAdvisoryContacts)
        let (limit, cursor) = try Pagination.parse(request.query)
        let to = advisory.today
        let range = try DateRange.parse(request.query, defaultFrom: (LocalDate(request.query["to"] ?? "") ?? to).adding(days: -30), defaultTo: to)
        var patientId: UUID?
        if let raw = request.query["patientId"] {
            guard let id = UUID(uuidString: raw) else { throw ValidationFailure([FieldError("patientId", .invalidFormat)]) }
            patientId = id
        }
        let before = try cursor.map { try PageCursor.decode($0).instant() }
        let items = try await advisory.contacts(
            from: range.from, to: range.to, patientId: patientId, limit: limit + 1,
            before: before.map { ($0.at, $0.id) }, context)
        let page = Array(items.prefix(limit))
        return try .json(
            Page(
                items: page.map(ContactListItemDTO.init),
                next: items.count > limit ? page.last.map { PageCursor(instant: $0.startedAt, id: $0.id).encoded } : nil))
    }

    @Sendable func get(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        return try .json(ContactDTO(try await advisory.contact(id, context)))
    }

    @Sendable func followUps(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.readPatientData)
        let (limit, cursor) = try Pagination.parse(request.query)
        var v = Validator()
        let unit = v.unit("unitId", request.query["unitId"], known: Set(try await services.units(includeInactive: true).map(\.id)))
        let status = request.query["status"].flatMap { $0.isEmpty ? nil : v.choice("status", $0, as: FollowUpStatus.self) }
        try v.check()
        let after = try cursor.map { try PageCursor.decode($0).instant() }
        let items = try await advisory.followUps(unitId: unit, status: status, limit: limit + 1, after: after.map { ($0.at, $0.id) }, context)
        let page = Array(items.prefix(limit))
        return try .json(
            Page(
                items: page.map(FollowUpDTO.init),
                next: items.count > limit ? page.last.map { PageCursor(instant: $0.dueAt, id: $0.id).encoded } : nil))
    }

    @Sendable func addAddendum(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let input = try await request.decodeJSON(ContactAddendumInput.self, limit: services.config.maxBodySize)
        let addendum = try await advisory.addAddendum(to: id, text: input.text, context)
        return try .json(ContactAddendumDTO(addendum), status: .created, headers: [.location: Routes.API.contact(id)])
    }

    @Sendable func done(_ request: Request, context: AppContext) async throws -> Response {
        try await close(request, context, as: .done)
    }

    @Sendable func cancel(_ request: Request, context: AppContext) async throws -> Response {
        try await close(request, context, as: .cancelled)
    }

    /// The body is optional for "done" (no body, or `{}`, closes without a note); a cancellation
    /// without a note is refused by `FollowUpClosing` (422, `note`: required).
    func close(_ request: Request, _ context: AppContext, as status: FollowUpStatus) async throws -> Response {
        let id = try context.requiredIdParameter()
        var note: String?
        if request.headers[.contentType] != nil || (request.headers[.contentLength].flatMap { Int($0) } ?? 0) > 0 {
            note = try await request.decodeJSON(FollowUpCloseInput.self, limit: services.config.maxBodySize).note
        }
        return try .json(FollowUpDTO(try await advisory.closeFollowUp(id, as: status, note: note, context)))
    }

    static func closeOperation(noteRequired: Bool, description: String) -> [String: Any] {
        var responses = OpenAPIParts.errors(["404", "409", "415", "422"])
        responses["200"] = OpenAPIParts.json(OpenAPIParts.ref("FollowUp"), description: description)
        return [
            "requestBody": [
                "required": noteRequired,
                "content": [
                    "application/json": [
                        "schema": OpenAPIParts.ref(
                            noteRequired ? "FollowUpCancelInput" : "FollowUpCloseInput")
                    ]
                ],
            ],
            "responses": responses,
        ]
    }

    @Sendable func statistics(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.viewAdvisoryStatistics)
        let range = try DateRange.parse(request.query, defaultFrom: nil, defaultTo: nil)
        return try .json(StatisticsDTO(try await advisory.statistics(from: range.from, to: range.to, context)))
    }
}
