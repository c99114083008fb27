import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// `/api/v1/budget/…`: initiatives on the region's form, price levels, allocations, actuals and
/// the follow-up beside activity. Finance writes; administrators and auditors read.
struct BudgetAPI {
    let services: AppServices
    var budget: BudgetService { BudgetService(services: services) }

    var endpoints: [APIEndpoint] {
        [
            APIEndpoint(
                method: .get, path: Routes.API.budgetInitiatives, operationId: "listBudgetInitiatives",
                summary: "Every budget initiative, the latest changed first, with its totals (finance, administrators, auditors)",
                operation: { Self.itemsOperation("BudgetInitiative") }, handler: listInitiatives),
            APIEndpoint(
                method: .post, path: Routes.API.budgetInitiatives, operationId: "createBudgetInitiative",
                summary: "Propose an initiative on the region's form (finance). Amounts are DKK million as decimal text with at most one "
                    + "decimal, keyed by year within `firstYear`…`firstYear+3`; fund shares must add up to exactly 100; 422 names each bad field",
                operation: {
                    OpenAPIParts.writeOperation(body: "BudgetInitiativeInput", success: "201", conditional: false, result: "BudgetInitiative")
                },
                handler: createInitiative),
            APIEndpoint(
                method: .get, path: Routes.API.budgetInitiative, operationId: "getBudgetInitiative",
                summary: "An initiative with `totalsByYear`, `total` and `byFund` computed (never typed)",
                operation: { OpenAPIParts.getOperation(item: "BudgetInitiative") }, handler: getInitiative),
            APIEndpoint(
                method: .put, path: Routes.API.budgetInitiative, operationId: "updateBudgetInitiative",
                summary: "Save the whole form as the initiative's next version (finance); every version is kept. With `If-Match` (the "
                    + "ETag of GET), a version saved since answers 412",
                operation: { OpenAPIParts.optionalIfMatchOperation(body: "BudgetInitiativeInput", result: "BudgetInitiative") },
                handler: updateInitiative),
            APIEndpoint(
                method: .post, path: Routes.API.budgetInitiativeReprojection, operationId: "reprojectBudgetInitiative",
                summary: "Move the initiative to another price and wage level (finance): each line × (new index ÷ old index), rounded "
                    + "half away from zero to one decimal, totals from the rounded lines; saved as the next version. 422 when a level "
                    + "has no index (`toPriceLevel`, `priceLevel`)",
                operation: {
                    OpenAPIParts.writeOperation(body: "BudgetReprojectionInput", success: "200", conditional: false, result: "BudgetInitiative")
                },
                handler: reproject),
            APIEndpoint(
                method: .get, path: Routes.API.budgetPriceLevels, operationId: "listBudgetPriceLevels",
                summary: "The price and wage levels with their index", operation: { Self.itemsOperation("BudgetPriceLevel") },
                handler: listPriceLevels),
            APIEndpoint(
                method: .put, path: Routes.API.budgetPriceLevel, operationId: "setBudgetPriceLevelIndex",
                summary: "Enter a price level's index (finance), e.g. `{\"index\": 104.3}`; a level that is not `YYYY-pl` answers 422",
                operation: {
                    var operation = OpenAPIParts.writeOperation(
                        body: "BudgetPriceLevelInput", success: "200", conditional: false, result: "BudgetPriceLevel")
                    operation["parameters"] = [
                        ["name": "name", "in": "path", "required": true, "schema": ["type": "string"], "description": "`2026-pl`"]
                    ]
                    return operation
                }, handler: setPriceLevel),
            APIEndpoint(
                method: .get, path: Routes.API.budgetAllocations, operationId: "listBudgetAllocations",
                summary: "Every allocation with its parts and budgets", operation: { Self.itemsOperation("BudgetAllocation") },
                handler: listAllocations),
            APIEndpoint(
                method: .post, path: Routes.API.budgetAllocations, operationId: "createBudgetAllocation",
                summary: "Enter an allocation (finance): parts with a budget per year and cost type in whole kroner and FTEs budgeted; "
                    + "`initiativeId` names the adopted initiative it comes from",
                operation: {
                    OpenAPIParts.writeOperation(body: "BudgetAllocationInput", success: "201", conditional: false, result: "BudgetAllocation")
                },
                handler: createAllocation),
            APIEndpoint(
                method: .get, path: Routes.API.budgetAllocation, operationId: "getBudgetAllocation", summary: "An allocation",
                operation: { OpenAPIParts.getOperation(item: "BudgetAllocation") }, handler: getAllocation),
            APIEndpoint(
                method: .post, path: Routes.API.budgetActuals, operationId: "recordBudgetActuals",
                summary: "Record actuals (finance) as JSON, or the finance system's export as `text/csv` (header "
                    + "`month,part,costType,amount`). A month's amount for a part and cost type replaces what was recorded for it; a "
                    + "file or body with a bad row records nothing and answers 422 listing each (`line` for a file)",
                operation: {
                    var responses = OpenAPIParts.errors(["404", "415", "422"])
                    responses["200"] = OpenAPIParts.json(OpenAPIParts.ref("BudgetActualsRecorded"), description: "Recorded")
                    return [
                        "requestBody": [
                            "required": true,
                            "content": [
                                "application/json": ["schema": OpenAPIParts.ref("BudgetActualsInput")], "text/csv": ["schema": ["type": "string"]],
                            ],
                        ],
                        "responses": responses,
                    ]
                }, handler: recordActuals),
            APIEndpoint(
                method: .get, path: Routes.API.budgetFollowUp, operationId: "getBudgetFollowUp",
                summary: "A year of an allocation: budget against actuals per month and accumulated, the expected year-end, and per part "
                    + "the activity Lindring measures and the cost per unit of it (counts only)",
                operation: {
                    OpenAPIParts.queryOperation(
                        item: "BudgetFollowUp",
                        parameters: [
                            OpenAPIParts.query(
                                "year", required: false, description: "One of the allocation's years (default: the latest up to this one)",
                                schema: ["type": "integer"])
                        ])
                }, handler: followUp),
        ]
    }

    static func itemsOperation(_ item: String) -> [String: Any] {
        var responses = OpenAPIParts.errors([])
        responses["200"] = OpenAPIParts.json(
            OpenAPIParts.object(["items": ["type": "array", "items": OpenAPIParts.ref(item)], "next": ["type": "null"]]), description: "Every item")
        return ["responses": responses]
    }

    struct Items<T: Encodable>: NullPreservingEncodable {
        var items: [T]
        var next: String?
    }

    @Sendable func listInitiatives(_ request: Request, context: AppContext) async throws -> Response {
        try .json(Items(items: try await budget.initiatives(context).map(InitiativeDTO.init)))
    }

    @Sendable func createInitiative(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageBudget)
        let draft = try await request.decodeJSON(InitiativeDraft.self, limit: services.config.maxBodySize)
        let id = try await budget.create(draft, context)
        return try initiative(try await budget.initiative(id, context), status: .created, location: true)
    }

    @Sendable func getInitiative(_ request: Request, context: AppContext) async throws -> Response {
        try initiative(try await budget.initiative(try context.requiredIdParameter(), context))
    }

    @Sendable func updateInitiative(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        _ = try context.require(.manageBudget)
        let base = try VersionTag.optionalBase(ifMatch: request.headers[.ifMatch])
        let draft = try await request.decodeJSON(InitiativeDraft.self, limit: services.config.maxBodySize)
        try await budget.update(id, draft, baseVersion: base, context)
        return try initiative(try await budget.initiative(id, context))
    }

    struct ReprojectionInput: Decodable {
        var toPriceLevel: String?
    }

    @Sendable func reproject(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        _ = try context.require(.manageBudget)
        let input = try await request.decodeJSON(ReprojectionInput.self, limit: services.config.maxBodySize)
        _ = try await budget.reproject(id, toPriceLevel: input.toPriceLevel, context)
        return try initiative(try await budget.initiative(id, context))
    }

    func initiative(_ stored: StoredInitiative, status: HTTPResponse.Status = .ok, location: Bool = false) throws -> Response {
        var headers: HTTPFields = [.eTag: VersionTag.etag(stored.version)]
        if location { headers[.location] = Routes.API.budgetInitiative(stored.id) }
        return try .json(InitiativeDTO(stored), status: status, headers: headers)
    }

    @Sendable func listPriceLevels(_ request: Request, context: AppContext) async throws -> Response {
        try .json(Items(items: try await budget.priceLevels(context).map(PriceLevelDTO.init)))
    }

    struct IndexInput: Decodable {
        var index: String?

        init(from decoder: any Decoder) throws {
            index = try decoder.container(keyedBy: CodingKeys.self).decodeNumberText(forKey: .index)
        }

        enum CodingKeys: String, CodingKey { case index }
    }

    @Sendable func setPriceLevel(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageBudget)
        let name = context.parameters.get("name") ?? ""
        let input = try await request.decodeJSON(IndexInput.self, limit: services.config.maxBodySize)
        return try .json(PriceLevelDTO(try await budget.setIndex(level: name, index: input.index, context)))
    }

    @Sendable func listAllocations(_ request: Request, context: AppContext) async throws -> Response {
        try .json(Items(items: try await budget.allocations(context).map(AllocationDTO.init)))
    }

    @Sendable func createAllocation(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageBudget)
        let draft = try await request.decodeJSON(AllocationDraft.self, limit: services.config.maxBodySize)
        let id = try await budget.createAllocation(draft, context)
        return try .json(
            AllocationDTO(try await budget.allocation(id, context)), status: .created, headers: [.location: Routes.API.budgetAllocation(id)])
    }

    @Sendable func getAllocation(_ request: Request, context: AppContext) async throws -> Response {
        try .json(AllocationDTO(try await budget.allocation(try context.requiredIdParameter(), context)))
    }

    /// A year of monthly postings for a few parts is a few hundred lines; a file of more than 4 MB is not that.
    static let maxActualsFileBytes = 4 * 1024 * 1024

    @Sendable func recordActuals(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        _ = try context.require(.manageBudget)
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        let recorded: ValidActuals
        if contentType.hasPrefix("text/csv") {
            guard let text = String(validating: try await request.body.collect(upTo: Self.maxActualsFileBytes).readableBytesView, as: UTF8.self)
            else {
                throw AppError.validation([FieldError("file", .invalidFormat, line: 1)])
            }
            recorded = try await budget.recordActuals(id, context, source: "import") { allocation, month in
                try ActualsCSV.parse(text, against: allocation, thisMonth: month)
            }
        } else {
            let draft = try await request.decodeJSON(ActualsDraft.self, limit: services.config.maxBodySize)
            recorded = try await budget.recordActuals(id, context, source: "entry") { allocation, month in
                try draft.validated(against: allocation, thisMonth: month)
            }
        }
        return try .json(["recorded": recorded.entries.count, "fte": recorded.fte.count])
    }

    @Sendable func followUp(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        var v = Validator()
        let year = v.wholeNumber("year", request.query["year"], in: AllocationDraft.years, required: false)
        try v.check()
        return try .json(BudgetFollowUpDTO(try await FollowUpService(services: services).report(id, year: year, context)))
    }
}
