import Foundation
import LindringCore
import SQLKit

public struct StoredAllocation: Equatable, Sendable {
    public var id: UUID
    public var allocation: ValidAllocation
    public var createdAt: Date
    public var createdBy: String
}

/// Allocations and what was spent: actuals per month, part and cost type (a later entry for the
/// same month, part and cost type replaces the earlier, so importing the same export twice
/// counts it once), FTEs filled, and carry-overs between years.
public enum AllocationRepository {
    public static func create(
        _ allocation: ValidAllocation, draft: AllocationDraft, author: RecordAuthor, now: Date = Date(), on tx: WriteTransaction
    )
        async throws -> UUID
    {
        let id = UUID()
        try await tx.sql.insert(into: "budget_allocations")
            .columns(
                "id", "name", "organisation", "successor", "successor_from", "decided_on", "initiative_id", "document", "created_at",
                "created_by_name"
            )
            .values(
                SQLBind(id), SQLBind(allocation.name), SQLBind(allocation.organisation), SQLBind(allocation.successor?.organisation),
                SQLBind(allocation.successor?.from.description), SQLBind(allocation.decidedOn.description), SQLBind(allocation.initiativeId),
                SQLBind(try JSONColumn.encode(draft)), SQLBind(now), SQLBind(author.name)
            ).run()
        return id
    }

    static func stored(_ row: any SQLRow) throws -> StoredAllocation {
        StoredAllocation(
            id: try row.decode(column: "id", as: UUID.self), allocation: try row.decodeJSON(AllocationDraft.self, column: "document").validated(),
            createdAt: try row.decode(column: "created_at", as: Date.self), createdBy: try row.decode(column: "created_by_name", as: String.self))
    }

    public static func find(id: UUID, on db: any DatabaseReading) async throws -> StoredAllocation? {
        try await db.sql.raw("SELECT * FROM budget_allocations WHERE id = \(bind: id)").first().map(stored)
    }

    public static func list(on db: any DatabaseReading) async throws -> [StoredAllocation] {
        try await db.sql.raw("SELECT * FROM budget_allocations ORDER BY decided_on DESC, name").all().map(stored)
    }

    /// The allocation made from an initiative, if one was.
    public static func allocation(fromInitiative initiativeId: UUID, on db: any DatabaseReading) async throws -> UUID? {
        try await db.sql.raw("SELECT id FROM budget_allocations WHERE initiative_id = \(bind: initiativeId)").first()?.decode(
            column: "id", as: UUID.self)
    }

    // MARK: Actuals

    public static func record(
        _ actuals: ValidActuals, allocationId: UUID, source: String, author: RecordAuthor, now: Date = Date(), on tx: WriteTransaction
    ) async throws {
        for chunk in stride(from: 0, to: actuals.entries.count, by: 200).map({ Array(actuals.entries[$0..<min($0 + 200, actuals.entries.count)]) }) {
            var insert = tx.sql.insert(into: "budget_actuals")
                .columns("allocation_id", "part_code", "month", "cost_type", "amount", "source", "entered_at", "entered_by_name")
            for entry in chunk {
                insert = insert.values(
                    SQLBind(allocationId), SQLBind(entry.partCode), SQLBind(entry.month.description), SQLBind(entry.costType.rawValue),
                    SQLBind(entry.amount.description), SQLBind(source), SQLBind(now), SQLBind(author.name))
            }
            try await insert.onConflict(with: ["allocation_id", "part_code", "month", "cost_type"]) { conflict in
                conflict.set(excludedValueOf: "amount").set(excludedValueOf: "source").set(excludedValueOf: "entered_at")
                    .set(excludedValueOf: "entered_by_name")
            }.run()
        }
        for filled in actuals.fte {
            try await tx.sql.insert(into: "budget_fte_actuals")
                .columns("allocation_id", "part_code", "month", "fte", "entered_at", "entered_by_name")
                .values(
                    SQLBind(allocationId), SQLBind(filled.partCode), SQLBind(filled.month.description), SQLBind(filled.fte.description), SQLBind(now),
                    SQLBind(author.name)
                )
                .onConflict(with: ["allocation_id", "part_code", "month"]) { conflict in
                    conflict.set(excludedValueOf: "fte").set(excludedValueOf: "entered_at").set(excludedValueOf: "entered_by_name")
                }.run()
        }
    }

    public static func actuals(allocationId: UUID, on db: any DatabaseReading) async throws -> [ActualEntry] {
        try await db.sql.raw("SELECT * FROM budget_actuals WHERE allocation_id = \(bind: allocationId) ORDER BY month, part_code, cost_type").all()
            .map { row in
                let month = try row.decode(column: "month", as: String.self)
                let amount = try row.decode(column: "amount", as: String.self)
                guard let parsedMonth = BudgetMonth(month), let parsedAmount = Decimal(string: amount) else {
                    throw UnknownStoredValue(column: "budget_actuals", value: month)
                }
                return ActualEntry(
                    month: parsedMonth, partCode: try row.decode(column: "part_code", as: String.self),
                    costType: try row.decodeEnum(column: "cost_type"),
                    amount: parsedAmount)
            }
    }

    public static func filledFTE(allocationId: UUID, on db: any DatabaseReading) async throws -> [FilledFTE] {
        try await db.sql.raw("SELECT * FROM budget_fte_actuals WHERE allocation_id = \(bind: allocationId) ORDER BY month").all().map { row in
            let month = try row.decode(column: "month", as: String.self)
            guard let parsedMonth = BudgetMonth(month), let fte = Decimal(string: try row.decode(column: "fte", as: String.self)) else {
                throw UnknownStoredValue(column: "budget_fte_actuals", value: month)
            }
            return FilledFTE(month: parsedMonth, partCode: try row.decode(column: "part_code", as: String.self), fte: fte)
        }
    }

    // MARK: Carry-overs

    public static func setCarryOver(
        _ carryOver: CarryOver, allocationId: UUID, author: RecordAuthor, now: Date = Date(), on tx: WriteTransaction
    ) async throws {
        try await tx.sql.insert(into: "budget_carry_overs")
            .columns("allocation_id", "from_year", "amount", "reason", "entered_at", "entered_by_name")
            .values(
                SQLBind(allocationId), SQLBind(carryOver.fromYear), SQLBind(carryOver.amount.description), SQLBind(carryOver.reason), SQLBind(now),
                SQLBind(author.name)
            )
            .onConflict(with: ["allocation_id", "from_year"]) { conflict in
                conflict.set(excludedValueOf: "amount").set(excludedValueOf: "reason").set(excludedValueOf: "entered_at")
                    .set(excludedValueOf: "entered_by_name")
            }.run()
    }

    public static func carryOvers(allocationId: UUID, on db: any DatabaseReading) async throws -> [CarryOver] {
        try await db.sql.raw("SELECT * FROM budget_carry_overs WHERE allocation_id = \(bind: allocationId) ORDER BY from_year").all().map { row in
            CarryOver(
                fromYear: try row.decode(column: "from_year", as: Int.self),
                amount: Decimal(string: try row.decode(column: "amount", as: String.self)) ?? 0,
                reason: try row.decode(column: "reason", as: String.self))
        }
    }
}
