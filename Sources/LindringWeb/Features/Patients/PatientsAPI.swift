import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// `/api/v1/patients`: patients and their shared plans for other systems.
struct PatientsAPI {
    let services: AppServices
    var patients: PatientService { PatientService(services: services) }

    var endpoints: [APIEndpoint] {
        [
            APIEndpoint(
                method: .post, path: Routes.API.patients, operationId: "createPatient", summary: "Register a patient (the caller's unit registers)",
                operation: { OpenAPIParts.writeOperation(body: "PatientInput", success: "201", conditional: false, result: "Patient") },
                handler: create),
            APIEndpoint(
                method: .get, path: Routes.API.patients, operationId: "searchPatients",
                summary: "Patients the caller may see, by CPR number (exact) or name (part, case- and accent-insensitive)",
                operation: {
                    OpenAPIParts.listOperation(
                        item: "PatientListItem",
                        extraParameters: [
                            ["name": "q", "in": "query", "required": true, "schema": ["type": "string", "minLength": 1, "maxLength": 100]]
                        ])
                }, handler: search),
            APIEndpoint(
                method: .post, path: Routes.API.patientSearch, operationId: "searchPatientsByBody",
                summary: "The same search with the query in the body: a CPR number must be searched for this way, never in an address",
                operation: { OpenAPIParts.searchOperation(body: "PatientSearch", item: "PatientListItem") }, handler: searchByBody),
            APIEndpoint(
                method: .get, path: Routes.API.patient, operationId: "getPatient", summary: "One patient (audited)",
                operation: { OpenAPIParts.getOperation(item: "Patient") }, handler: get),
            APIEndpoint(
                method: .post, path: Routes.API.plan, operationId: "createPlan", summary: "Create the patient's shared plan",
                operation: { OpenAPIParts.writeOperation(body: "PlanInput", success: "201", conditional: false, result: "Plan") },
                handler: createPlan),
            APIEndpoint(
                method: .get, path: Routes.API.plan, operationId: "getPlan", summary: "The patient's plan; its ETag is needed to change it",
                operation: { OpenAPIParts.getOperation(item: "Plan") }, handler: getPlan),
            APIEndpoint(
                method: .put, path: Routes.API.plan, operationId: "replacePlan",
                summary: "Save a new version of the plan; requires If-Match with the plan's ETag (412 when stale, 428 when missing)",
                operation: { OpenAPIParts.writeOperation(body: "PlanInput", success: "200", conditional: true, result: "Plan") },
                handler: replacePlan),
            APIEndpoint(
                method: .get, path: Routes.API.planVersions, operationId: "listPlanVersions", summary: "Every version of the plan, newest first",
                operation: { OpenAPIParts.getOperation(item: "PlanVersionList") }, handler: versions),
            APIEndpoint(
                method: .get, path: Routes.API.inbox, operationId: "getInbox", summary: "Plan changes for a unit, newest first",
                operation: {
                    OpenAPIParts.listOperation(
                        item: "InboxItem",
                        extraParameters: [
                            [
                                "name": "unitId", "in": "query", "required": false,
                                "description": "Defaults to the caller's unit; only the caller's own unit is allowed.",
                                "schema": ["type": "string", "format": "uuid"],
                            ]
                        ])
                }, handler: inbox),
        ]
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.writePatientData)
        let draft = try await request.decodeJSON(PatientDraft.self, limit: services.config.maxBodySize)
        let id: UUID
        do {
            id = try await conflictOnTaken("cpr", "A patient with this CPR number is already registered.") {
                try await patients.register(draft, context)
            }
        } catch let duplicate as DuplicatePatient {
            guard let readable = duplicate.readablePatientId else {
                throw AppError.conflict(
                    "This CPR number cannot be registered again. If you treat the patient, ask the registering unit to add "
                        + "your unit to the care team.")
            }
            throw AppError.conflict("A patient with this CPR number is already registered: \(Routes.API.patient(readable))")
        }
        let patient = try await patients.read(id, context, action: "patient.read")
        return try .json(PatientDTO(patient), status: .created, headers: [.location: Routes.API.patient(id)])
    }

    /// A search from an address (`?q=`): by name only, a CPR number answers 422.
    @Sendable func search(_ request: Request, context: AppContext) async throws -> Response {
        let q = request.query["q"]
        if let q, CPRNumber.hasShape(q) { throw ValidationFailure([FieldError("q", .cprInAddress)]) }
        return try await search(q, request, context)
    }

    struct SearchBody: Decodable {
        var q: String?
    }

    @Sendable func searchByBody(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.readPatientData)
        let body = try await request.decodeJSON(SearchBody.self, limit: services.config.maxBodySize)
        return try await search(body.q, request, context)
    }

    func search(_ q: String?, _ request: Request, _ context: AppContext) async throws -> Response {
        let user = try context.require(.readPatientData)
        let (limit, cursor) = try Pagination.parse(request.query)
        let after = try cursor.map { try PageCursor.decode($0) }
        guard let q, !q.trimmingCharacters(in: .whitespaces).isEmpty, q.count <= 100, !TextInput.hasControlCharacters(q) else {
            throw ValidationFailure([FieldError("q", (q ?? "").trimmingCharacters(in: .whitespaces).isEmpty ? .required : .invalidFormat)])
        }
        let items = try await services.persistence.readAudited { tx in
            let items = try await PatientRepository.search(
                q, requester: PatientGate(services: services).requester(user), limit: limit + 1,
                after: after.map { ($0.text, $0.id) }, on: tx)
            return (items, context.searchRecords(Array(items.prefix(limit)), purpose: nil))
        }
        let page = Array(items.prefix(limit))
        return try .json(
            Page(
                items: page.map(PatientListItemDTO.init),
                next: items.count > limit ? page.last.map { PageCursor(text: $0.name, id: $0.id).encoded } : nil))
    }

    @Sendable func get(_ request: Request, context: AppContext) async throws -> Response {
        let id = try patientId(context)
        return try .json(PatientDTO(try await patients.read(id, context, action: "patient.read")))
    }

    @Sendable func createPlan(_ request: Request, context: AppContext) async throws -> Response {
        let id = try patientId(context)
        let body = try await request.collectJSON(limit: services.config.maxBodySize)
        let plan = try await patients.savePlan(id, { try body.decode(PlanInput.self) }, basedOn: { .none }, creating: true, context)
        let dto = PlanDTO(plan)
        return try .json(dto, status: .created, headers: [.eTag: dto.etag, .location: Routes.API.plan(id)])
    }

    @Sendable func getPlan(_ request: Request, context: AppContext) async throws -> Response {
        let id = try patientId(context)
        let plan = try await PatientGate(services: services).read(context, patientId: id, action: "plan.read") { tx, _ in
            try await PlanRepository.find(patientId: id, on: tx)
        }
        guard let plan else { throw AppError.notFound }
        let dto = PlanDTO(plan)
        return try .json(dto, headers: [.eTag: dto.etag])
    }

    @Sendable func replacePlan(_ request: Request, context: AppContext) async throws -> Response {
        let id = try patientId(context)
        // Read now, judged after the gate's decision: a user who may not change the plan is refused
        // whatever the request's If-Match and body say.
        let ifMatch = request.headers[.ifMatch]?.trimmingCharacters(in: .whitespaces)
        let body = try await request.collectJSON(limit: services.config.maxBodySize)
        let base = { @Sendable () throws -> PlanBase in try VersionTag.requiredBase(ifMatch: ifMatch).map(PlanBase.version) ?? .current }
        do {
            let plan = try await patients.savePlan(id, { try body.decode(PlanInput.self) }, basedOn: base, creating: false, context)
            let dto = PlanDTO(plan)
            return try .json(dto, headers: [.eTag: dto.etag])
        } catch is PlanNotFound {
            throw AppError.notFound
        }
    }

    @Sendable func versions(_ request: Request, context: AppContext) async throws -> Response {
        let id = try patientId(context)
        let versions = try await PatientGate(services: services).read(context, patientId: id, action: "plan.history") { tx, _ in
            try await PlanRepository.versions(patientId: id, on: tx)
        }
        return try .json(Page(items: versions.map(PlanVersionDTO.init), next: nil))
    }

    @Sendable func inbox(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.require(.readPatientData)
        let (limit, cursor) = try Pagination.parse(request.query)
        let before = try cursor.map { try PageCursor.decode($0) }
        var unit = user.unitId
        if let raw = request.query["unitId"] {
            guard let requested = UUID(uuidString: String(raw)) else { throw ValidationFailure([FieldError("unitId", .invalidFormat)]) }
            guard requested == user.unitId else { throw AppError.forbidden }
            unit = requested
        }
        guard let unit else { return try .json(Page<InboxItemDTO>(items: [], next: nil)) }
        let (page, hasMore) = try await InboxQuery(services: services).page(
            context, user: user, unitId: unit, limit: limit, before: try before?.instant())
        let next = hasMore ? page.last.map { PageCursor(instant: $0.createdAt, id: $0.id).encoded } : nil
        return try .json(Page(items: page.map(InboxItemDTO.init), next: next))
    }

    func patientId(_ context: AppContext) throws -> UUID {
        return try context.requiredIdParameter()
    }
}
