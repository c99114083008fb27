import Foundation
import LindringCore
import LindringStore

/// The budget's rules of access and its writes: finance proposes, changes and follows up;
/// administrators and auditors read; nobody else sees any of it. Every change is audited
/// against its initiative or allocation in the transaction that makes it. No page of it holds
/// patient data: activity figures are counts.
struct BudgetService {
    let services: AppServices

    // MARK: Initiatives

    func initiatives(_ context: AppContext) async throws -> [StoredInitiative] {
        _ = try context.require(.viewBudget)
        return try await services.persistence.read { tx in try await InitiativeRepository.list(on: tx) }
    }

    func initiative(_ id: UUID, _ context: AppContext) async throws -> StoredInitiative {
        _ = try context.require(.viewBudget)
        return try await services.persistence.read { tx in
            guard let stored = try await InitiativeRepository.find(id: id, on: tx) else { throw AppError.notFound }
            return stored
        }
    }

    /// The initiative with its versions and the allocation made from it, if any.
    func initiativePage(_ id: UUID, _ context: AppContext) async throws -> (StoredInitiative, [InitiativeVersion], allocationId: UUID?) {
        _ = try context.require(.viewBudget)
        return try await services.persistence.read { tx in
            guard let stored = try await InitiativeRepository.find(id: id, on: tx) else { throw AppError.notFound }
            return (
                stored, try await InitiativeRepository.versions(id: id, on: tx),
                try await AllocationRepository.allocation(fromInitiative: id, on: tx)
            )
        }
    }

    func create(_ draft: InitiativeDraft, _ context: AppContext) async throws -> UUID {
        let user = try context.require(.manageBudget)
        let valid = try draft.validated()
        return try await services.persistence.write { tx in
            let id = try await InitiativeRepository.create(valid, author: RecordAuthor(user), on: tx)
            try await audit("budget.initiative.create", entity: "budgetInitiative", id: id, context, on: tx)
            return id
        }
    }

    /// Saves the form as the next version; `baseVersion` (the form's, or an API client's
    /// If-Match) must still be the latest. Answers the version now current.
    @discardableResult
    func update(_ id: UUID, _ draft: InitiativeDraft, baseVersion: Int?, _ context: AppContext) async throws -> Int {
        let user = try context.require(.manageBudget)
        let valid = try draft.validated()
        return try await services.persistence.write { tx in
            let version = try await Self.refusals {
                try await InitiativeRepository.update(id: id, valid, baseVersion: baseVersion, author: RecordAuthor(user), on: tx)
            }
            try await audit("budget.initiative.update", entity: "budgetInitiative", id: id, purpose: "v\(version)", context, on: tx)
            return version
        }
    }

    /// The initiative at another price level, saved as its next version: both levels need their
    /// index (422 naming `toPriceLevel` or `priceLevel` otherwise).
    func reproject(_ id: UUID, toPriceLevel: String?, _ context: AppContext) async throws -> Int {
        let user = try context.require(.manageBudget)
        var v = Validator()
        let field = "toPriceLevel"
        let target = isBlankText(toPriceLevel) ? nil : PriceLevel(toPriceLevel ?? "")
        if isBlankText(toPriceLevel) { v.add(field, .required) } else if target == nil { v.add(field, .invalidFormat) }
        try v.check()
        return try await services.persistence.write { tx in
            guard let stored = try await InitiativeRepository.find(id: id, on: tx) else { throw AppError.notFound }
            guard stored.initiative.priceLevel != target! else { throw AppError.validation([FieldError(field, .invalidChoice)]) }
            guard let to = try await InitiativeRepository.index(of: target!, on: tx) else {
                throw AppError.validation([FieldError(field, .notFound)])
            }
            guard let from = try await InitiativeRepository.index(of: stored.initiative.priceLevel, on: tx) else {
                throw AppError.validation([FieldError("priceLevel", .notFound)])
            }
            let moved = stored.initiative.reprojected(to: target!, fromIndex: from, toIndex: to)
            // An index typed wrong can carry a line past what the form takes: refused, nothing saved.
            guard (try? InitiativeDraft(moved).validated()) != nil else { throw AppError.validation([FieldError(field, .outOfRange)]) }
            let version = try await Self.refusals {
                try await InitiativeRepository.update(id: id, moved, baseVersion: stored.version, author: RecordAuthor(user), on: tx)
            }
            try await audit("budget.initiative.reproject", entity: "budgetInitiative", id: id, purpose: target!.description, context, on: tx)
            return version
        }
    }

    static func refusals<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch InitiativeRepository.Refusal.notFound {
            throw AppError.notFound
        } catch InitiativeRepository.Refusal.stale {
            throw AppError.preconditionFailed
        }
    }

    // MARK: Price levels

    func priceLevels(_ context: AppContext) async throws -> [PriceLevelIndex] {
        _ = try context.require(.viewBudget)
        return try await services.persistence.read { tx in try await InitiativeRepository.priceLevels(on: tx) }
    }

    /// Sets a level's index: the level a `YYYY-pl` name (`name`), the index more than 0, at most
    /// 1000, three decimals (`index`).
    func setIndex(level name: String, index: String?, _ context: AppContext) async throws -> PriceLevelIndex {
        let user = try context.require(.manageBudget)
        var v = Validator()
        let level = PriceLevel(name)
        if level == nil { v.add("name", .invalidFormat) }
        let value = v.decimal("index", index, decimals: 3, in: PriceLevel.indexRange, required: true)
        try v.check()
        return try await services.persistence.write { tx in
            try await InitiativeRepository.setIndex(value!, of: level!, author: RecordAuthor(user), on: tx)
            try await AuditLog.append(
                context.auditRecord("budget.priceLevel", as: .manageBudget, entityType: "budgetPriceLevel", entityId: level!.description), on: tx)
            return try await InitiativeRepository.priceLevels(on: tx).first { $0.level == level }!
        }
    }

    // MARK: Allocations

    func allocations(_ context: AppContext) async throws -> [StoredAllocation] {
        _ = try context.require(.viewBudget)
        return try await services.persistence.read { tx in try await AllocationRepository.list(on: tx) }
    }

    func allocation(_ id: UUID, _ context: AppContext) async throws -> StoredAllocation {
        _ = try context.require(.viewBudget)
        return try await services.persistence.read { tx in
            guard let stored = try await AllocationRepository.find(id: id, on: tx) else { throw AppError.notFound }
            return stored
        }
    }

    /// A new allocation; one made from an initiative needs it adopted, and only one allocation per initiative.
    func createAllocation(_ draft: AllocationDraft, _ context: AppContext) async throws -> UUID {
        let user = try context.require(.manageBudget)
        let valid = try draft.validated()
        return try await services.persistence.write { tx in
            if let initiativeId = valid.initiativeId {
                guard let initiative = try await InitiativeRepository.find(id: initiativeId, on: tx) else {
                    throw AppError.validation([FieldError("initiativeId", .notFound)])
                }
                guard initiative.initiative.status == .adopted else { throw AppError.validation([FieldError("initiativeId", .invalidChoice)]) }
                if try await AllocationRepository.allocation(fromInitiative: initiativeId, on: tx) != nil {
                    throw AppError.validation([FieldError("initiativeId", .alreadyTaken)])
                }
            }
            let id = try await AllocationRepository.create(valid, draft: draft, author: RecordAuthor(user), on: tx)
            try await audit("budget.allocation.create", entity: "budgetAllocation", id: id, context, on: tx)
            return id
        }
    }

    /// Records actuals (typed, sent, or a finance export's CSV): all or nothing.
    func recordActuals(
        _ id: UUID, _ context: AppContext, source: String, validate: @escaping @Sendable (ValidAllocation, BudgetMonth) throws -> ValidActuals
    )
        async throws -> ValidActuals
    {
        let user = try context.require(.manageBudget)
        return try await services.persistence.write { tx in
            guard let stored = try await AllocationRepository.find(id: id, on: tx) else { throw AppError.notFound }
            let actuals = try validate(stored.allocation, BudgetMonth(DanishCalendar.today()))
            try await AllocationRepository.record(actuals, allocationId: id, source: source, author: RecordAuthor(user), on: tx)
            try await audit(
                "budget.actuals.\(source)", entity: "budgetAllocation", id: id, purpose: "\(actuals.entries.count) rows, \(actuals.fte.count) fte",
                context, on: tx)
            return actuals
        }
    }

    func setCarryOver(_ id: UUID, fromYear: Int, amount: String?, reason: String?, _ context: AppContext) async throws {
        let user = try context.require(.manageBudget)
        let carryOver = try CarryOver.validated(fromYear: fromYear, amount: amount, reason: reason)
        try await services.persistence.write { tx in
            guard try await AllocationRepository.find(id: id, on: tx) != nil else { throw AppError.notFound }
            try await AllocationRepository.setCarryOver(carryOver, allocationId: id, author: RecordAuthor(user), on: tx)
            try await audit("budget.carryOver", entity: "budgetAllocation", id: id, purpose: String(fromYear), context, on: tx)
        }
    }

    func audit(_ action: String, entity: String, id: UUID, purpose: String? = nil, _ context: AppContext, on tx: WriteTransaction) async throws {
        try await AuditLog.append(
            context.auditRecord(action, as: .manageBudget, entityType: entity, entityId: id.uuidString, purpose: purpose), on: tx)
    }
}
