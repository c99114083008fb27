import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// `/api/v1/working-group/…`: the register's items and the communication pathways. Only the
/// working group's members (`manageWorkingGroupRegister`) read or write them.
struct RegisterAPI {
    let services: AppServices
    var register: RegisterService { RegisterService(services: services) }

    var endpoints: [APIEndpoint] {
        [
            APIEndpoint(
                method: .get, path: Routes.API.workingGroupItems, operationId: "listWorkingGroupItems",
                summary: "The working group's register, the latest dated first, filtered by `kind` and `status` (working group)",
                operation: { RegisterOpenAPI.listOperation }, handler: listItems),
            APIEndpoint(
                method: .post, path: Routes.API.workingGroupItems, operationId: "createWorkingGroupItem",
                summary: "Add a meeting, analysis, recommendation or decision (working group). Only the kind's own fields are kept; 422 names "
                    + "each bad field (a decision's `meetingId` must be a meeting in the register)",
                operation: {
                    OpenAPIParts.writeOperation(body: "WorkingGroupItemInput", success: "201", conditional: false, result: "WorkingGroupItem")
                },
                handler: createItem),
            APIEndpoint(
                method: .get, path: Routes.API.workingGroupItem, operationId: "getWorkingGroupItem",
                summary: "A register item with its version (ETag)",
                operation: { OpenAPIParts.getOperation(item: "WorkingGroupItem") }, handler: getItem),
            APIEndpoint(
                method: .put, path: Routes.API.workingGroupItem, operationId: "updateWorkingGroupItem",
                summary: "Save the whole item as its next version (working group); every version is kept and an item keeps its kind. With "
                    + "`If-Match` (the ETag of GET), a version saved since answers 412",
                operation: { OpenAPIParts.optionalIfMatchOperation(body: "WorkingGroupItemInput", result: "WorkingGroupItem") }, handler: updateItem),
            APIEndpoint(
                method: .get, path: Routes.API.pathways, operationId: "listCommunicationPathways",
                summary: "The communication-pathways catalogue in its order (working group)",
                operation: { RegisterOpenAPI.itemsOperation("CommunicationPathway") }, handler: listPathways),
            APIEndpoint(
                method: .post, path: Routes.API.pathways, operationId: "createCommunicationPathway",
                summary: "Add a situation to the catalogue: who contacts whom, how, within what time, and the pages it helps on (working group)",
                operation: {
                    OpenAPIParts.writeOperation(body: "CommunicationPathwayInput", success: "201", conditional: false, result: "CommunicationPathway")
                }, handler: createPathway),
            APIEndpoint(
                method: .put, path: Routes.API.pathway, operationId: "updateCommunicationPathway",
                summary: "Replace a pathway as its next version (working group). With `If-Match` (the ETag a POST or PUT answered, or "
                    + "`\"v<version>\"` from the list), a version saved since answers 412",
                operation: { OpenAPIParts.optionalIfMatchOperation(body: "CommunicationPathwayInput", result: "CommunicationPathway") },
                handler: updatePathway),
            APIEndpoint(
                method: .delete, path: Routes.API.pathway, operationId: "deleteCommunicationPathway",
                summary: "Remove a pathway from the catalogue (working group)", operation: { RegisterOpenAPI.deleteOperation }, handler: deletePathway
            ),
        ]
    }

    struct Items<T: Encodable>: NullPreservingEncodable {
        var items: [T]
        var next: String?
    }

    @Sendable func listItems(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageWorkingGroupRegister)
        var v = Validator()
        // A blank filter filters nothing.
        let kind = request.query["kind"].flatMap { isBlankText($0) ? nil : v.choice("kind", $0, as: RegisterItemKind.self) }
        let status = request.query["status"].flatMap { isBlankText($0) ? nil : v.choice("status", $0, as: RecommendationStatus.self) }
        try v.check()
        let today = DanishCalendar.today()
        return try .json(Items(items: try await register.list(kind: kind, status: status, context).map { RegisterItemDTO($0, today: today) }))
    }

    @Sendable func createItem(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageWorkingGroupRegister)
        let draft = try await request.decodeJSON(RegisterItemDraft.self, limit: services.config.maxBodySize)
        let id = try await register.create(draft, context)
        return try item(try await register.item(id, context), status: .created, location: true)
    }

    @Sendable func getItem(_ request: Request, context: AppContext) async throws -> Response {
        try item(try await register.item(try context.requiredIdParameter(), context))
    }

    @Sendable func updateItem(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        _ = try context.require(.manageWorkingGroupRegister)
        let base = try VersionTag.optionalBase(ifMatch: request.headers[.ifMatch])
        let draft = try await request.decodeJSON(RegisterItemDraft.self, limit: services.config.maxBodySize)
        try await register.update(id, draft, baseVersion: base, context)
        return try item(try await register.item(id, context))
    }

    func item(_ stored: StoredRegisterItem, status: HTTPResponse.Status = .ok, location: Bool = false) throws -> Response {
        var headers: HTTPFields = [.eTag: VersionTag.etag(stored.version)]
        if location { headers[.location] = Routes.API.workingGroupItem(stored.id) }
        return try .json(RegisterItemDTO(stored, today: DanishCalendar.today()), status: status, headers: headers)
    }

    @Sendable func listPathways(_ request: Request, context: AppContext) async throws -> Response {
        try .json(Items(items: try await register.pathways(context).map(PathwayDTO.init)))
    }

    @Sendable func createPathway(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageWorkingGroupRegister)
        let draft = try await request.decodeJSON(PathwayDraft.self, limit: services.config.maxBodySize)
        let id = try await register.createPathway(draft, context)
        return try pathway(try await register.pathway(id, context), status: .created, location: true)
    }

    @Sendable func updatePathway(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        _ = try context.require(.manageWorkingGroupRegister)
        let base = try VersionTag.optionalBase(ifMatch: request.headers[.ifMatch])
        let draft = try await request.decodeJSON(PathwayDraft.self, limit: services.config.maxBodySize)
        try await register.updatePathway(id, draft, baseVersion: base, context)
        return try pathway(try await register.pathway(id, context))
    }

    func pathway(_ stored: StoredPathway, status: HTTPResponse.Status = .ok, location: Bool = false) throws -> Response {
        var headers: HTTPFields = [.eTag: VersionTag.etag(stored.version)]
        if location { headers[.location] = Routes.API.pathway(stored.id) }
        return try .json(PathwayDTO(stored), status: status, headers: headers)
    }

    @Sendable func deletePathway(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        try await register.deletePathway(id, context)
        return Response(status: .noContent)
    }
}
