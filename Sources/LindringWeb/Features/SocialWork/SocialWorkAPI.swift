import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// `/api/v1/families` (cases and their applications), `/api/v1/applications/{id}` (decisions
/// and appeals) and `/api/v1/social-work/…` (the worklist, the benefit catalogue).
struct SocialWorkAPI {
    let services: AppServices
    var socialWork: SocialWorkService { SocialWorkService(services: services) }

    var endpoints: [APIEndpoint] {
        [
            APIEndpoint(
                method: .get, path: Routes.API.families, operationId: "listFamilies",
                summary: "The team's family cases (the paediatric team's social workers, doctors and nurses); closed ones with `includeClosed=true`",
                operation: {
                    OpenAPIParts.listOperation(
                        item: "FamilyListItem",
                        extraParameters: [OpenAPIParts.query("includeClosed", required: false, schema: ["type": "boolean"])])
                }, handler: list),
            APIEndpoint(
                method: .post, path: Routes.API.families, operationId: "createFamily",
                summary: "Open a family case for one of the team's child patients (the team's social workers)",
                operation: { OpenAPIParts.writeOperation(body: "FamilyInput", success: "201", conditional: false, result: "Family") },
                handler: create),
            APIEndpoint(
                method: .get, path: Routes.API.family, operationId: "getFamily",
                summary: "A family case: everything for the team (`restricted: false`), the basic facts for the child's other treating units",
                operation: { OpenAPIParts.getOperation(item: "Family") }, handler: get),
            APIEndpoint(
                method: .put, path: Routes.API.family, operationId: "replaceFamily",
                summary: "Change a family case (the team's social workers); requires If-Match with the case's ETag",
                operation: { OpenAPIParts.writeOperation(body: "FamilyInput", success: "200", conditional: true, result: "Family") },
                handler: replace),
            APIEndpoint(
                method: .post, path: Routes.API.familyApplications, operationId: "createApplication",
                summary: "Record an application for a benefit; the answer carries its processing deadline (`processingDueOn`)",
                operation: { OpenAPIParts.writeOperation(body: "ApplicationInput", success: "201", conditional: false, result: "Application") },
                handler: createApplication),
            APIEndpoint(
                method: .post, path: Routes.API.familyMeetings, operationId: "createMeeting",
                summary: "Record a network meeting: participants, decisions with owner and due date, and the parents who lost "
                    + "earnings that day (`lostEarningsParentIds`, for the § 87 single-day claim)",
                operation: { OpenAPIParts.writeOperation(body: "MeetingInput", success: "201", conditional: false, result: "Meeting") },
                handler: createMeeting),
            APIEndpoint(
                method: .put, path: Routes.API.application, operationId: "updateApplication",
                summary: "Record an application's decision and appeal: the fields sent replace the stored ones; the answer carries "
                    + "`processingDueOn`, `receivedOn` and `appealDueOn`. If-Match is optional; a stale one answers 412.",
                operation: { OpenAPIParts.writeOperation(body: "ApplicationInput", success: "200", conditional: false, result: "Application") },
                handler: updateApplication),
            APIEndpoint(
                method: .get, path: Routes.API.socialWorkWorklist, operationId: "getSocialWorkWorklist",
                summary: "The team's worklist: applications past their processing deadline, appeal deadlines in the next 7 days, "
                    + "reviews due; `mine=true` for the caller's own cases",
                operation: {
                    OpenAPIParts.listOperation(
                        item: "SocialWorkTask", extraParameters: [OpenAPIParts.query("mine", required: false, schema: ["type": "boolean"])])
                }, handler: worklist),
            APIEndpoint(
                method: .get, path: Routes.API.benefits, operationId: "listBenefits",
                summary: "The benefit catalogue: codes for `benefit`, the law, the authority and the default processing time",
                operation: { OpenAPIParts.listOperation(item: "Benefit", extraParameters: []) }, handler: benefits),
            APIEndpoint(
                method: .get, path: Routes.API.socialWorkCapacity, operationId: "getSocialWorkCapacity",
                summary: "The paediatric team's capacity month by month (counts only: the team's social workers and finance); "
                    + "`from`/`to` default to the start of the year before last and today",
                operation: {
                    OpenAPIParts.queryOperation(
                        item: "SocialWorkCapacity",
                        parameters: [
                            OpenAPIParts.query("from", required: false, schema: ["type": "string", "format": "date"]),
                            OpenAPIParts.query("to", required: false, schema: ["type": "string", "format": "date"]),
                        ])
                }, handler: capacity),
        ]
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let families = try await socialWork.caseload(context, includeClosed: request.query["includeClosed"] == "true")
        return try .json(Page(items: families.map(FamilyListItemDTO.init), next: nil))
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageSocialWorkCases)
        let draft = try await request.decodeJSON(FamilyDraft.self, limit: services.config.maxBodySize)
        let id = try await socialWork.openCase(draft, context)
        return try await answer(id, context, status: .created)
    }

    @Sendable func get(_ request: Request, context: AppContext) async throws -> Response {
        try await answer(try context.requiredIdParameter(), context, status: .ok)
    }

    /// The case as the user may see it, read through the gate.
    func answer(_ id: UUID, _ context: AppContext, status: HTTPResponse.Status) async throws -> Response {
        let page = try await socialWork.casePage(id, context)
        guard let family = page.family else { return try .json(FamilyBasicsDTO(page.basics), status: status) }
        let dto = FamilyDTO(family, applications: page.applications, meetings: page.meetings)
        var headers: HTTPFields = [.eTag: dto.etag]
        if status == .created { headers[.location] = Routes.API.family(id) }
        return try .json(dto, status: status, headers: headers)
    }

    @Sendable func replace(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let ifMatch = request.headers[.ifMatch]?.trimmingCharacters(in: .whitespaces)
        let body = try await request.collectJSON(limit: services.config.maxBodySize)
        _ = try await socialWork.updateCase(
            id, { try body.decode(FamilyDraft.self) }, version: { try Self.version(ifMatch, required: true)! }, context)
        return try await answer(id, context, status: .ok)
    }

    /// The version an `If-Match` names: missing → 428 when required; not one of ours → 412.
    static func version(_ ifMatch: String?, required: Bool) throws -> Int? {
        guard let ifMatch, !ifMatch.isEmpty else {
            if required { throw AppError.preconditionRequired }
            return nil
        }
        guard let version = VersionTag.version(fromETag: ifMatch) else { throw AppError.preconditionFailed }
        return version
    }

    @Sendable func createApplication(_ request: Request, context: AppContext) async throws -> Response {
        let familyId = try context.requiredIdParameter()
        let draft = try await request.decodeJSON(ApplicationDraft.self, limit: services.config.maxBodySize)
        let dto = ApplicationDTO(try await socialWork.addApplication(familyId, draft, context))
        return try .json(dto, status: .created, headers: [.eTag: dto.etag, .location: Routes.API.application(dto.id)])
    }

    @Sendable func createMeeting(_ request: Request, context: AppContext) async throws -> Response {
        let familyId = try context.requiredIdParameter()
        let body = try await request.collectJSON(limit: services.config.maxBodySize)
        let meeting = try await socialWork.addMeeting(familyId, { try body.decode(NetworkMeetingDraft.self) }, context)
        return try .json(MeetingDTO(meeting), status: .created)
    }

    @Sendable func updateApplication(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let ifMatch = request.headers[.ifMatch]?.trimmingCharacters(in: .whitespaces)
        let body = try await request.collectJSON(limit: services.config.maxBodySize)
        let record = try await socialWork.updateApplication(
            id, { try body.decode(ApplicationDraft.self) }, version: { try Self.version(ifMatch, required: false) }, context)
        let dto = ApplicationDTO(record)
        return try .json(dto, headers: [.eTag: dto.etag])
    }

    @Sendable func worklist(_ request: Request, context: AppContext) async throws -> Response {
        let tasks = try await socialWork.worklist(context, mine: request.query["mine"] == "true").tasks
        return try .json(Page(items: tasks.map(SocialWorkTaskDTO.init), next: nil))
    }

    @Sendable func capacity(_ request: Request, context: AppContext) async throws -> Response {
        let range = try CapacityController.range(request.query)
        return try .json(CapacityDTO(try await CapacityService(services: services).report(context, from: range.from, to: range.to)))
    }

    @Sendable func benefits(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        guard user.can(.manageSocialWorkCases) || user.can(.readPatientData) else { throw AppError.forbidden }
        let benefits = try await services.persistence.readEach { try await BenefitRepository.list(on: $0) }
        return try .json(Page(items: benefits.map { BenefitDTO($0, language: context.language) }, next: nil))
    }
}
