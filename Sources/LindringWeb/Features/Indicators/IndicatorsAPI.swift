import Foundation
import Hummingbird
import LindringCore

/// `GET /api/v1/indicators`: one row per indicator and group, counts only.
struct IndicatorsAPI {
    let services: AppServices

    var endpoints: [APIEndpoint] {
        [
            APIEndpoint(
                method: .get, path: Routes.API.indicators, operationId: "listIndicators",
                summary: "The working group's indicators for a period of Copenhagen days, one row per indicator and group (`by`), "
                    + "with cancer and non-cancer side by side; shares and standards in per cent (clinicians, administrators, finance, "
                    + "the working group). 422 names a bad parameter",
                operation: {
                    var responses = OpenAPIParts.errors(["422"])
                    responses["200"] = OpenAPIParts.json(
                        ["type": "array", "items": OpenAPIParts.ref("IndicatorRow")], description: "One row per indicator and group")
                    let day: [String: Any] = ["type": "string", "format": "date"]
                    return [
                        "parameters": [
                            OpenAPIParts.query("from", required: false, description: "First day (default: twelve whole months back)", schema: day),
                            OpenAPIParts.query("to", required: false, description: "Last day (default: the end of last month)", schema: day),
                            OpenAPIParts.query("by", required: false, schema: OpenAPIParts.one(IndicatorGrouping.self)),
                        ],
                        "responses": responses,
                    ]
                }, handler: list)
        ]
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let query = try IndicatorQuery.parse(request.query)
        let results = try await IndicatorService(services: services).results(query, context)
        return try .json(results.rows.map { IndicatorRowDTO($0, name: results.groupName($0.group)) })
    }
}

struct IndicatorCountDTO: NullPreservingEncodable {
    let numerator: Int
    let denominator: Int
    let share: Decimal?

    init(_ count: IndicatorCount) {
        numerator = count.numerator
        denominator = count.denominator
        share = count.share
    }
}

struct IndicatorRowDTO: NullPreservingEncodable {
    let indicator: IndicatorID
    let family: IndicatorFamily
    let group: String
    let groupName: String
    let numerator: Int
    let denominator: Int
    let share: Decimal?
    let standard: Decimal?
    let confidenceLower: Decimal?
    let confidenceUpper: Decimal?
    let cancer: IndicatorCountDTO
    let nonCancer: IndicatorCountDTO

    init(_ row: IndicatorRow, name: String) {
        indicator = row.indicator
        family = row.indicator.family
        group = row.group
        groupName = name
        numerator = row.all.numerator
        denominator = row.all.denominator
        share = row.all.share
        standard = row.standard
        confidenceLower = row.all.confidenceInterval?.lowerBound
        confidenceUpper = row.all.confidenceInterval?.upperBound
        cancer = IndicatorCountDTO(row.cancer)
        nonCancer = IndicatorCountDTO(row.nonCancer)
    }

    static var schemas: [String: Any] {
        let number: [String: Any] = ["type": ["number", "null"]]
        let count = OpenAPIParts.object(["numerator": ["type": "integer"], "denominator": ["type": "integer"], "share": number])
        return [
            "IndicatorRow": OpenAPIParts.object([
                "indicator": OpenAPIParts.one(IndicatorID.self), "family": OpenAPIParts.one(IndicatorFamily.self),
                "group": ["type": "string"], "groupName": ["type": "string"], "numerator": ["type": "integer"],
                "denominator": ["type": "integer"], "share": number, "standard": number, "confidenceLower": number,
                "confidenceUpper": number, "cancer": count, "nonCancer": count,
            ])
        ]
    }
}
