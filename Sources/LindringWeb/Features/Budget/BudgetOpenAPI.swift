import Foundation
import LindringCore

/// The budget's schemas in the OpenAPI document.
enum BudgetOpenAPI {
    static var schemas: [String: Any] {
        let text: [String: Any] = ["type": "string"]
        let nullableText = OpenAPIParts.nullableString
        let inputText: [String: Any] = ["type": ["string", "null"]]
        let decimal: [String: Any] = ["type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$"]
        let nullableDecimal: [String: Any] = ["type": ["string", "null"], "pattern": "^-?[0-9]+(\\.[0-9]+)?$"]
        let byYear: [String: Any] = ["type": "object", "description": "Keyed by year (`\"2026\"`)", "additionalProperties": decimal]
        let inputAmounts: [String: Any] = [
            "type": ["object", "null"], "description": "Keyed by year; decimal text (a JSON number is read too)",
            "additionalProperties": ["type": ["string", "number", "null"]],
        ]
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        let month = OpenAPIParts.object([
            "month": ["type": "string", "description": "YYYY-MM"], "budget": decimal, "actual": nullableDecimal, "deviation": nullableDecimal,
            "accumulatedBudget": decimal, "accumulatedActual": nullableDecimal, "accumulatedDeviation": nullableDecimal,
        ])
        return [
            "BudgetInitiativeInput": [
                "type": "object", "required": ["title", "proposedBy", "purpose", "priceLevel", "firstYear"],
                "properties": [
                    "title": inputText, "proposedBy": inputText, "purpose": inputText, "remarks": inputText,
                    "priceLevel": ["type": ["string", "null"], "description": "`2026-pl`"],
                    "firstYear": ["type": ["integer", "string", "null"], "description": "The first of the four budget years"],
                    "lines": [
                        "type": ["array", "null"],
                        "items": [
                            "type": "object",
                            "properties": [
                                "type": ["type": ["string", "null"], "enum": CostType.allCases.map(\.rawValue) + [NSNull()]], "amounts": inputAmounts,
                            ],
                        ],
                    ],
                    "fte": inputAmounts,
                    "funds": [
                        "type": ["array", "null"],
                        "items": [
                            "type": "object",
                            "properties": [
                                "fund": ["type": ["string", "null"], "enum": BudgetFund.allCases.map(\.rawValue) + [NSNull()]],
                                "sharePercent": ["type": ["string", "number", "null"]],
                            ],
                        ],
                    ],
                    "commitmentBudgetable": ["type": ["boolean", "null"]], "scalable": ["type": ["boolean", "null"]], "scalingNote": inputText,
                    "agreementText": inputText,
                    "sdgs": [
                        "type": ["array", "null"],
                        "items": [
                            "type": "object",
                            "properties": [
                                "goal": ["type": ["integer", "string", "null"]],
                                "effect": ["type": ["string", "null"], "enum": SDGEffect.allCases.map(\.rawValue) + [NSNull()]], "text": inputText,
                            ],
                        ],
                    ],
                    "status": ["type": ["string", "null"], "enum": InitiativeStatus.allCases.map(\.rawValue) + [NSNull()]],
                ],
            ],
            "BudgetInitiative": OpenAPIParts.object([
                "id": uuid, "version": ["type": "integer"], "title": text, "proposedBy": text, "purpose": text, "remarks": nullableText,
                "priceLevel": text, "firstYear": ["type": "integer"], "years": ["type": "array", "items": ["type": "integer"]],
                "lines": [
                    "type": "array",
                    "items": OpenAPIParts.object(["type": OpenAPIParts.one(CostType.self), "amounts": byYear]),
                ],
                "fte": byYear,
                "funds": ["type": "array", "items": OpenAPIParts.object(["fund": OpenAPIParts.one(BudgetFund.self), "sharePercent": decimal])],
                "commitmentBudgetable": ["type": "boolean"], "scalable": ["type": ["boolean", "null"]], "scalingNote": nullableText,
                "agreementText": nullableText,
                "sdgs": [
                    "type": "array",
                    "items": OpenAPIParts.object([
                        "goal": ["type": "integer", "minimum": 1, "maximum": 17], "effect": OpenAPIParts.one(SDGEffect.self), "text": nullableText,
                    ]),
                ],
                "status": OpenAPIParts.one(InitiativeStatus.self), "totalsByYear": byYear, "total": decimal,
                "byFund": ["type": "object", "description": "Per fund, per year", "additionalProperties": byYear],
                "updatedAt": ["type": "string", "format": "date-time"], "updatedBy": text,
            ]),
            "BudgetReprojectionInput": [
                "type": "object", "required": ["toPriceLevel"],
                "properties": ["toPriceLevel": ["type": ["string", "null"], "description": "`2027-pl`"]],
            ],
            "BudgetPriceLevelInput": [
                "type": "object", "required": ["index"],
                "properties": ["index": ["type": ["number", "string", "null"], "description": "e.g. 104.3"]],
            ],
            "BudgetPriceLevel": OpenAPIParts.object([
                "name": text, "index": decimal, "updatedAt": ["type": "string", "format": "date-time"], "updatedBy": text,
            ]),
            "BudgetAllocationInput": [
                "type": "object", "required": ["name", "organisation", "decidedOn", "parts"],
                "properties": [
                    "name": inputText, "organisation": inputText, "successor": inputText,
                    "successorFrom": ["type": ["string", "null"], "description": "YYYY-MM-DD"], "decidedOn": ["type": ["string", "null"]],
                    "initiativeId": inputText,
                    "parts": [
                        "type": ["array", "null"],
                        "items": [
                            "type": "object",
                            "properties": [
                                "code": inputText, "name": inputText,
                                "activity": ["type": ["string", "null"], "enum": FundedActivity.allCases.map(\.rawValue) + [NSNull()]],
                                "budgets": [
                                    "type": ["object", "null"], "description": "Kroner per year and cost type",
                                    "additionalProperties": ["type": "object", "additionalProperties": ["type": ["string", "number", "null"]]],
                                ],
                                "fte": inputAmounts,
                            ],
                        ],
                    ],
                ],
            ],
            "BudgetAllocation": OpenAPIParts.object([
                "id": uuid, "name": text, "organisation": text, "successor": nullableText,
                "successorFrom": ["type": ["string", "null"], "format": "date"], "decidedOn": ["type": "string", "format": "date"],
                "initiativeId": ["type": ["string", "null"], "format": "uuid"], "years": ["type": "array", "items": ["type": "integer"]],
                "budgetByYear": byYear,
                "parts": [
                    "type": "array",
                    "items": OpenAPIParts.object([
                        "code": text, "name": text, "activity": OpenAPIParts.one(FundedActivity.self),
                        "budgets": ["type": "object", "additionalProperties": ["type": "object", "additionalProperties": decimal]], "fte": byYear,
                    ]),
                ],
            ]),
            "BudgetActualsInput": [
                "type": "object",
                "properties": [
                    "actuals": [
                        "type": ["array", "null"],
                        "items": [
                            "type": "object",
                            "properties": [
                                "month": ["type": ["string", "null"], "description": "YYYY-MM"],
                                "part": ["type": ["string", "null"], "description": "The part's code"],
                                "costType": ["type": ["string", "null"], "enum": CostType.allCases.map(\.rawValue) + [NSNull()]],
                                "amount": ["type": ["string", "number", "null"], "description": "Kroner, øre allowed"],
                            ],
                        ],
                    ],
                    "fte": [
                        "type": ["array", "null"],
                        "items": [
                            "type": "object",
                            "properties": ["month": inputText, "part": inputText, "fte": ["type": ["string", "number", "null"]]],
                        ],
                    ],
                ],
            ],
            "BudgetActualsRecorded": OpenAPIParts.object(["recorded": ["type": "integer"], "fte": ["type": "integer"]]),
            "BudgetFollowUp": OpenAPIParts.object([
                "allocationId": uuid, "name": text, "organisation": text, "year": ["type": "integer"], "budget": decimal,
                "carriedIn": nullableDecimal,
                "carriedOut": nullableDecimal, "actualToDate": decimal, "lastRecordedMonth": nullableText, "expectedYearEnd": decimal,
                "months": ["type": "array", "items": month],
                "parts": [
                    "type": "array",
                    "items": OpenAPIParts.object([
                        "code": text, "name": text, "activity": OpenAPIParts.one(FundedActivity.self), "budget": decimal, "actualToDate": decimal,
                        "expectedYearEnd": decimal, "fteBudgeted": nullableDecimal, "fteFilled": nullableDecimal,
                        "months": ["type": "array", "items": month],
                        "indicators": [
                            "type": "array",
                            "items": OpenAPIParts.object([
                                "indicator": text, "unit": ["type": "string", "enum": ["count", "percent", "perFTE"]],
                                "status": ["type": "string", "enum": ["measured", "notYetMeasured"]],
                                "months": ["type": "array", "items": nullableDecimal], "year": nullableDecimal,
                            ]),
                        ],
                        "costPerUnitOf": nullableText, "costPerUnit": nullableDecimal,
                        "costPerUnitByMonth": ["type": ["array", "null"], "items": nullableDecimal],
                    ]),
                ],
            ]),
        ]
    }
}
