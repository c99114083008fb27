import FluentKit
import SQLKit

/// Issue 22's budget: price levels with finance's index, budget initiatives on the region's form
/// (the form kept whole as JSON text, the version finance saw, with every earlier version and what
/// it changed), and allocations with their actuals, filled FTEs and carry-overs. Amounts are
/// decimal text, exact on both databases; months `YYYY-MM`, days `YYYY-MM-DD` text. An
/// allocation's parts live in its document; actuals name a part by its code, as the finance
/// system's export does.
struct M0040_CreateBudget: AsyncMigration {
    var name: String { "M0040_CreateBudget" }

    func prepare(on database: any Database) async throws {
        try await database.schema("budget_price_levels")
            .field("name", .string, .required)
            .field("index_value", .string, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by_name", .string, .required)
            .unique(on: "name")
            .create()
        try await database.schema("budget_initiatives")
            .id()
            .field("title", .string, .required)
            .field("status", .string, .required)
            .field("price_level", .string, .required)
            .field("first_year", .int, .required)
            .field("version", .int, .required)
            .field("document", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by_name", .string, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by_name", .string, .required)
            .create()
        try await database.schema("budget_initiative_versions")
            .field("initiative_id", .uuid, .required, .references("budget_initiatives", "id"))
            .field("version", .int, .required)
            .field("status", .string, .required)
            .field("document", .string, .required)
            .field("changed", .string, .required)
            .field("saved_at", .datetime, .required)
            .field("saved_by_name", .string, .required)
            .unique(on: "initiative_id", "version")
            .create()
        try await database.schema("budget_allocations")
            .id()
            .field("name", .string, .required)
            .field("organisation", .string, .required)
            .field("successor", .string)
            .field("successor_from", .string)
            .field("decided_on", .string, .required)
            .field("initiative_id", .uuid, .references("budget_initiatives", "id"))
            .field("document", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by_name", .string, .required)
            .create()
        try await database.schema("budget_actuals")
            .field("allocation_id", .uuid, .required, .references("budget_allocations", "id"))
            .field("part_code", .string, .required)
            .field("month", .string, .required)
            .field("cost_type", .string, .required)
            .field("amount", .string, .required)
            .field("source", .string, .required)
            .field("entered_at", .datetime, .required)
            .field("entered_by_name", .string, .required)
            .unique(on: "allocation_id", "part_code", "month", "cost_type")
            .create()
        try await database.schema("budget_fte_actuals")
            .field("allocation_id", .uuid, .required, .references("budget_allocations", "id"))
            .field("part_code", .string, .required)
            .field("month", .string, .required)
            .field("fte", .string, .required)
            .field("entered_at", .datetime, .required)
            .field("entered_by_name", .string, .required)
            .unique(on: "allocation_id", "part_code", "month")
            .create()
        try await database.schema("budget_carry_overs")
            .field("allocation_id", .uuid, .required, .references("budget_allocations", "id"))
            .field("from_year", .int, .required)
            .field("amount", .string, .required)
            .field("reason", .string, .required)
            .field("entered_at", .datetime, .required)
            .field("entered_by_name", .string, .required)
            .unique(on: "allocation_id", "from_year")
            .create()
        try await database.sql.create(index: "budget_initiatives_updated_idx").on("budget_initiatives").column("updated_at").run()
        // An adopted initiative becomes one allocation, also when two officers make it at once.
        try await database.sql.create(index: "budget_allocations_initiative_idx").unique().on("budget_allocations").column("initiative_id").run()
    }

    func revert(on database: any Database) async throws {
        for table in [
            "budget_carry_overs", "budget_fte_actuals", "budget_actuals", "budget_allocations", "budget_initiative_versions", "budget_initiatives",
            "budget_price_levels",
        ] {
            try await database.schema(table).delete()
        }
    }
}
