import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// The budget's pages. Forms that fail are shown again with what was typed and each field's
/// error (422); nothing is stored from them.
struct BudgetController {
    let services: AppServices
    var budget: BudgetService { BudgetService(services: services) }

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.budget.routerPath, use: overview)
        router.post(Routes.budgetPriceLevels.routerPath, use: setPriceLevel)
        router.get(Routes.newBudgetInitiative.routerPath, use: newInitiative)
        router.post(Routes.budgetInitiatives.routerPath, use: createInitiative)
        router.get(Routes.budgetComparison.routerPath, use: compare)
        router.get(Routes.budgetInitiative.routerPath, use: initiative)
        router.get(Routes.editBudgetInitiative.routerPath, use: editInitiative)
        router.post(Routes.editBudgetInitiative.routerPath, use: updateInitiative)
        router.get(Routes.printBudgetInitiative.routerPath, use: printInitiative)
        router.post(Routes.reprojectBudgetInitiative.routerPath, use: reproject)
        router.get(Routes.newBudgetAllocation.routerPath, use: newAllocation)
        router.post(Routes.budgetAllocations.routerPath, use: createAllocation)
        router.get(Routes.budgetAllocation.routerPath, use: followUp)
        router.post(Routes.budgetAllocationActuals.routerPath, use: recordActuals)
        router.post(Routes.budgetAllocationImport.routerPath, use: importActuals)
        router.post(Routes.budgetAllocationCarryOver.routerPath, use: carryOver)
    }

    // MARK: Overview and price levels

    @Sendable func overview(_ request: Request, context: AppContext) async throws -> Response {
        try await overviewPage(context, notice: request.query["notice"])
    }

    func overviewPage(
        _ context: AppContext, notice: String? = nil, levelForm: BudgetViews.PriceLevelForm = .init(), levelErrors: [FieldError] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let initiatives = try await budget.initiatives(context)
        let allocations = try await budget.allocations(context)
        let levels = try await budget.priceLevels(context)
        return .html(
            BudgetViews.overview(
                PageContext(context, path: Routes.budget()), initiatives: initiatives, allocations: allocations, levels: levels, notice: notice,
                levelForm: levelForm, levelErrors: levelErrors),
            status: status)
    }

    @Sendable func setPriceLevel(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageBudget)
        let form = try await request.decode(as: BudgetViews.PriceLevelForm.self, context: context)
        do {
            _ = try await budget.setIndex(level: form.name ?? "", index: form.index, context)
            return .redirect(to: Routes.budget() + "?notice=index#price-levels")
        } catch let failure as ValidationFailure {
            return try await overviewPage(context, levelForm: form, levelErrors: failure.errors, status: .unprocessableContent)
        }
    }

    // MARK: Initiatives

    @Sendable func newInitiative(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageBudget)
        let draft = InitiativeDraft(priceLevel: "\(DanishCalendar.today().year)-pl", firstYear: String(DanishCalendar.today().year + 1))
        return initiativeForm(context, draft: draft, errors: [], id: nil, baseVersion: nil)
    }

    func initiativeForm(
        _ context: AppContext, draft: InitiativeDraft, errors: [FieldError], id: UUID?, baseVersion: Int?, stale: Bool = false,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let page = PageContext(context, path: id.map { Routes.editBudgetInitiative($0) } ?? Routes.newBudgetInitiative())
        let t = page.t
        let action = id.map { Routes.editBudgetInitiative($0) } ?? Routes.budgetInitiatives()
        let title = id == nil ? t("initiative.new.title") : t("initiative.edit.title")
        return .html(
            InitiativeViews.form(
                page, draft: draft, errors: errors,
                action: action, baseVersion: baseVersion, title: title, stale: stale),
            status: status)
    }

    @Sendable func createInitiative(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageBudget)
        let draft = try await request.decode(as: InitiativeForm.self, context: context).draft
        do {
            let id = try await budget.create(draft, context)
            return .redirect(to: Routes.budgetInitiative(id) + "?notice=created")
        } catch let failure as ValidationFailure {
            return initiativeForm(context, draft: draft, errors: failure.errors, id: nil, baseVersion: nil, status: .unprocessableContent)
        }
    }

    @Sendable func initiative(_ request: Request, context: AppContext) async throws -> Response {
        try await initiativePage(try context.requiredIdParameter(), context, notice: request.query["notice"])
    }

    func initiativePage(
        _ id: UUID, _ context: AppContext, notice: String?, reprojectErrors: [FieldError] = [], typedLevel: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (stored, versions, allocationId) = try await budget.initiativePage(id, context)
        let levels = try await budget.priceLevels(context)
        return .html(
            InitiativeViews.page(
                PageContext(context, path: Routes.budgetInitiative(id)), stored, versions: versions, allocationId: allocationId, levels: levels,
                notice: notice, reprojectErrors: reprojectErrors, typedLevel: typedLevel),
            status: status)
    }

    @Sendable func editInitiative(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        _ = try context.require(.manageBudget)
        let stored = try await budget.initiative(id, context)
        return initiativeForm(context, draft: InitiativeDraft(stored.initiative), errors: [], id: id, baseVersion: stored.version)
    }

    @Sendable func updateInitiative(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        _ = try context.require(.manageBudget)
        let form = try await request.decode(as: InitiativeForm.self, context: context)
        let base = form.baseVersion.flatMap { Int($0) }
        do {
            // A save on top of `base` either leaves it current (nothing changed) or makes the next.
            var before = base
            if before == nil { before = try await budget.initiative(id, context).version }
            let version = try await budget.update(id, form.draft, baseVersion: base, context)
            return .redirect(to: Routes.budgetInitiative(id) + "?notice=" + (version == before ? "unchanged" : "saved"))
        } catch let failure as ValidationFailure {
            return initiativeForm(context, draft: form.draft, errors: failure.errors, id: id, baseVersion: base, status: .unprocessableContent)
        } catch AppError.preconditionFailed {
            // Saved by someone else meanwhile: what was typed stays on the form, with the newer version to save on top of.
            let current = try await budget.initiative(id, context).version
            return initiativeForm(context, draft: form.draft, errors: [], id: id, baseVersion: current, stale: true, status: .conflict)
        }
    }

    @Sendable func printInitiative(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let stored = try await budget.initiative(id, context)
        return .html(InitiativeViews.print(PageContext(context, path: Routes.printBudgetInitiative(id)), stored))
    }

    struct ReprojectForm: Decodable {
        var toPriceLevel: String?
    }

    @Sendable func reproject(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        _ = try context.require(.manageBudget)
        let form = try await request.decode(as: ReprojectForm.self, context: context)
        do {
            _ = try await budget.reproject(id, toPriceLevel: form.toPriceLevel, context)
            return .redirect(to: Routes.budgetInitiative(id) + "?notice=reprojected")
        } catch let failure as ValidationFailure {
            return try await initiativePage(
                id, context, notice: nil, reprojectErrors: failure.errors, typedLevel: form.toPriceLevel, status: .unprocessableContent)
        } catch AppError.validation(let errors) {
            return try await initiativePage(
                id, context, notice: nil, reprojectErrors: errors, typedLevel: form.toPriceLevel, status: .unprocessableContent)
        }
    }

    @Sendable func compare(_ request: Request, context: AppContext) async throws -> Response {
        let ids = Set(request.query.all("id").compactMap { UUID(uuidString: $0) })
        let chosen = try await budget.initiatives(context).filter { ids.contains($0.id) }
        return .html(InitiativeViews.compare(PageContext(context, path: Routes.budgetComparison()), chosen))
    }

    // MARK: Allocations

    @Sendable func newAllocation(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageBudget)
        let today = DanishCalendar.today()
        if let initiativeId = request.query["initiative"].flatMap(UUID.init(uuidString:)) {
            let stored = try await budget.initiative(initiativeId, context)
            let draft = AllocationDraft(adopted: stored.initiative, id: stored.id, organisation: "Region Hovedstaden", decidedOn: today)
            return allocationForm(
                context, draft: draft, firstYear: String(stored.initiative.firstYear), errors: [], initiativeTitle: stored.initiative.title)
        }
        return allocationForm(
            context, draft: AllocationDraft(organisation: "Region Hovedstaden"), firstYear: String(today.year), errors: [], initiativeTitle: nil)
    }

    func allocationForm(
        _ context: AppContext, draft: AllocationDraft, firstYear: String?, errors: [FieldError], initiativeTitle: String?,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        .html(
            AllocationViews.form(
                PageContext(context, path: Routes.newBudgetAllocation()), draft: draft, firstYear: firstYear, errors: errors,
                initiativeTitle: initiativeTitle),
            status: status)
    }

    @Sendable func createAllocation(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageBudget)
        let form = try await request.decode(as: AllocationForm.self, context: context)
        let draft = form.draft
        let errors: [FieldError]
        var v = Validator()
        _ = v.wholeNumber("firstYear", form.firstYear, in: AllocationDraft.years, required: true)
        do {
            try v.check()
            let id = try await budget.createAllocation(draft, context)
            return .redirect(to: Routes.budgetAllocation(id) + "?notice=allocationCreated")
        } catch let failure as ValidationFailure {
            errors = failure.errors
        } catch AppError.validation(let found) {
            errors = found
        }
        let title =
            try await draft.initiativeId.flatMap(UUID.init(uuidString:)).asyncMap { try? await budget.initiative($0, context).initiative.title }
            ?? nil
        return allocationForm(context, draft: draft, firstYear: form.firstYear, errors: errors, initiativeTitle: title, status: .unprocessableContent)
    }

    @Sendable func followUp(_ request: Request, context: AppContext) async throws -> Response {
        try await followUpPage(
            try context.requiredIdParameter(), context, year: request.query["year"], notice: request.query["notice"],
            importCount: request.query["imported"].flatMap { Int($0) })
    }

    func followUpPage(
        _ id: UUID, _ context: AppContext, year: String?, notice: String? = nil, entry: AllocationViews.EntryForm = .init(),
        errors: [FieldError] = [],
        importCount: Int? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var v = Validator()
        let chosen = v.wholeNumber("year", year, in: AllocationDraft.years, required: false)
        let followUps = FollowUpService(services: services)
        // A year the allocation has no budget for (a typed month's, an edited address): its default year.
        let report: FollowUpService.Report
        do {
            report = try await followUps.report(id, year: v.errors.isEmpty ? chosen : nil, context)
        } catch AppError.validation {
            report = try await followUps.report(id, year: nil, context)
        }
        return .html(
            AllocationViews.followUp(
                PageContext(context, path: Routes.budgetAllocation(id)), report, notice: notice, entry: entry, errors: errors,
                importCount: importCount),
            status: status)
    }

    /// The year a posted form belongs to: the month's, when it names one.
    static func year(of month: String?) -> String? { month.flatMap { BudgetMonth($0) }.map { String($0.year) } }

    @Sendable func recordActuals(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        _ = try context.require(.manageBudget)
        let entry = try await request.decode(as: AllocationViews.EntryForm.self, context: context)
        let draft = ActualsDraft(
            actuals: [ActualsDraft.Row(month: entry.month, part: entry.part, costType: entry.costType, amount: entry.amount)],
            fte: entry.fte == nil ? nil : [ActualsDraft.FTERow(month: entry.month, part: entry.part, fte: entry.fte)])
        do {
            _ = try await budget.recordActuals(id, context, source: "entry") { allocation, month in
                do {
                    return try draft.validated(against: allocation, thisMonth: month)
                } catch let failure as ValidationFailure {
                    // The form has one row: its errors name the form's fields.
                    throw ValidationFailure(failure.errors.map { FieldError(String($0.field.split(separator: ".").last ?? ""), $0.code) })
                }
            }
            return .redirect(to: Routes.budgetAllocation(id) + "?year=\(Self.year(of: entry.month) ?? "")&notice=actuals")
        } catch let failure as ValidationFailure {
            return try await followUpPage(
                id, context, year: Self.year(of: entry.month), entry: entry, errors: failure.errors, status: .unprocessableContent)
        }
    }

    @Sendable func importActuals(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        _ = try context.require(.manageBudget)
        let entry = try await request.decode(as: AllocationViews.EntryForm.self, context: context)
        let text = entry.csv ?? ""
        do {
            let recorded = try await budget.recordActuals(id, context, source: "import") { allocation, month in
                try ActualsCSV.parse(text, against: allocation, thisMonth: month)
            }
            let year = recorded.entries.map(\.month.year).max().map(String.init) ?? ""
            return .redirect(to: Routes.budgetAllocation(id) + "?year=\(year)&imported=\(recorded.entries.count)")
        } catch let failure as ValidationFailure {
            // Every error names its line; a blank file is line 1's.
            let errors = failure.errors.map { FieldError($0.field, $0.code, line: $0.line ?? 1) }
            return try await followUpPage(id, context, year: nil, entry: entry, errors: errors, status: .unprocessableContent)
        }
    }

    @Sendable func carryOver(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        _ = try context.require(.manageBudget)
        let entry = try await request.decode(as: AllocationViews.EntryForm.self, context: context)
        var v = Validator()
        guard let year = v.wholeNumber("year", request.query["year"], in: AllocationDraft.years, required: true) else {
            throw AppError.badRequest("year")
        }
        do {
            try await budget.setCarryOver(id, fromYear: year, amount: entry.carryOverAmount, reason: entry.carryOverReason, context)
            return .redirect(to: Routes.budgetAllocation(id) + "?year=\(year)&notice=carryOver")
        } catch let failure as ValidationFailure {
            return try await followUpPage(id, context, year: String(year), entry: entry, errors: failure.errors, status: .unprocessableContent)
        }
    }
}
