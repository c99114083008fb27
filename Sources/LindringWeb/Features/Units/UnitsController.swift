import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// The organisation register: everyone reads it (phone numbers), administrators change it.
struct UnitsController {
    let services: AppServices

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.units.routerPath, use: list)
        router.get(Routes.newUnit.routerPath, use: new)
        router.post(Routes.newUnit.routerPath, use: create)
        router.get(Routes.unit.routerPath, use: show)
        router.get(Routes.editUnit.routerPath, use: edit)
        router.post(Routes.editUnit.routerPath, use: update)
        router.post(Routes.deactivateUnit.routerPath, use: deactivate)
        router.post(Routes.activateUnit.routerPath, use: activate)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.require(.viewUnits)
        let filter = UnitListFilter(query: request.query)
        let units = try await services.units(includeInactive: filter.includeInactive && user.can(.manageUnits))
        return .html(
            UnitViews.list(
                PageContext(context, path: Routes.units()), units: filter.apply(units),
                filter: filter, canManage: user.can(.manageUnits), notice: request.query["notice"]))
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.require(.viewUnits)
        let unit = try await services.unit(named: context)
        let all = try await services.units()
        return .html(
            UnitViews.detail(
                PageContext(context, path: Routes.unit(unit.id)), unit: unit,
                children: all.filter { $0.parentId == unit.id }, canManage: user.can(.manageUnits),
                notice: request.query["notice"]))
    }

    @Sendable func new(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageUnits)
        return try await form(context, draft: UnitDraft(), unit: nil, errors: [])
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageUnits)
        let draft = try await request.decode(as: UnitInput.self, context: context).draft
        do {
            let valid = try draft.validated()
            let unit = try await services.persistence.write { tx in
                let unit = try await UnitRepository.create(valid, on: tx)
                try await AuditLog.append(
                    context.auditRecord("unit.create", as: .manageUnits, entityType: "unit", entityId: unit.id.uuidString), on: tx)
                return unit
            }
            return .redirect(to: Routes.unit(unit.id) + "?notice=saved")
        } catch let failure as ValidationFailure {
            return try await form(context, draft: draft, unit: nil, errors: failure.errors, status: .unprocessableContent)
        }
    }

    @Sendable func edit(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageUnits)
        let unit = try await services.unit(named: context)
        return try await form(context, draft: UnitDraft(unit), unit: unit, errors: [])
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageUnits)
        let unit = try await services.unit(named: context)
        let draft = try await request.decode(as: UnitInput.self, context: context).draft
        do {
            let valid = try draft.validated()
            try await services.persistence.write { tx in
                _ = try await UnitRepository.update(id: unit.id, valid, on: tx)
                try await AuditLog.append(
                    context.auditRecord("unit.update", as: .manageUnits, entityType: "unit", entityId: unit.id.uuidString), on: tx)
            }
            return .redirect(to: Routes.unit(unit.id) + "?notice=saved")
        } catch let failure as ValidationFailure {
            return try await form(context, draft: draft, unit: unit, errors: failure.errors, status: .unprocessableContent)
        }
    }

    @Sendable func deactivate(_ request: Request, context: AppContext) async throws -> Response {
        try await setActive(false, context)
    }

    @Sendable func activate(_ request: Request, context: AppContext) async throws -> Response {
        try await setActive(true, context)
    }

    func setActive(_ active: Bool, _ context: AppContext) async throws -> Response {
        _ = try context.require(.manageUnits)
        let unit = try await services.unit(named: context)
        try await services.persistence.write { tx in
            _ = try await UnitRepository.setActive(id: unit.id, active, on: tx)
            try await AuditLog.append(
                context.auditRecord(
                    active ? "unit.activate" : "unit.deactivate", as: .manageUnits,
                    entityType: "unit", entityId: unit.id.uuidString), on: tx)
        }
        return .redirect(to: Routes.unit(unit.id) + "?notice=" + (active ? "activated" : "deactivated"))
    }

    func form(
        _ context: AppContext, draft: UnitDraft, unit: OrgUnit?, errors: [FieldError], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let parents = try await services.units(includeInactive: false).filter { $0.id != unit?.id }
        let path = unit.map { Routes.editUnit($0.id) } ?? Routes.newUnit()
        return .html(UnitViews.form(PageContext(context, path: path), draft: draft, unit: unit, parents: parents, errors: errors), status: status)
    }
}

/// The list's search box and filters, read from the query string.
struct UnitListFilter {
    var text = ""
    var kind: UnitKind?
    var includeInactive = false

    init(query: FormData) {
        text = (query["q"] ?? "").trimmingCharacters(in: .whitespaces)
        kind = query["kind"].flatMap { UnitKind(rawValue: $0) }
        includeInactive = query["inactive"] == "1"
    }

    func apply(_ units: [OrgUnit]) -> [OrgUnit] {
        units.filter { unit in
            (kind == nil || unit.kind == kind)
                && (text.isEmpty || unit.name.range(of: text, options: [.caseInsensitive, .diacriticInsensitive]) != nil
                    || unit.code.range(of: text, options: .caseInsensitive) != nil)
        }
    }
}
