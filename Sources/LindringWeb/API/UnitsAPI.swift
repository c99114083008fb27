import Crypto
import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// `/api/v1/units`: the organisation register for other systems.
struct UnitsAPI {
    let services: AppServices

    var endpoints: [APIEndpoint] {
        [
            APIEndpoint(
                method: .get, path: Routes.API.units, operationId: "listUnits", summary: "List units, ordered by code",
                operation: { OpenAPIParts.listOperation(item: "Unit", extraParameters: []) }, handler: list),
            APIEndpoint(
                method: .post, path: Routes.API.units, operationId: "createUnit", summary: "Add a unit (administrators)",
                operation: { OpenAPIParts.writeOperation(body: "UnitInput", success: "201", conditional: false) }, handler: create),
            APIEndpoint(
                method: .get, path: Routes.API.unit, operationId: "getUnit", summary: "One unit; its ETag is needed to change it",
                operation: { OpenAPIParts.getOperation(item: "Unit") }, handler: get),
            APIEndpoint(
                method: .put, path: Routes.API.unit, operationId: "replaceUnit",
                summary: "Change a unit (administrators); requires If-Match with the unit's ETag",
                operation: { OpenAPIParts.writeOperation(body: "UnitInput", success: "200", conditional: true) }, handler: replace),
        ]
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.viewUnits)
        let (limit, cursor) = try Pagination.parse(request.query)
        let units = try await services.persistence.readEach { try await UnitRepository.page(after: cursor, limit: limit + 1, on: $0) }
        let page = Array(units.prefix(limit))
        return try .json(Page(items: page.map(UnitDTO.init), next: units.count > limit ? page.last?.code : nil))
    }

    @Sendable func get(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.viewUnits)
        let unit = try await services.unit(named: context)
        let dto = UnitDTO(unit)
        return try .json(dto, headers: [.eTag: dto.etag])
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageUnits)
        let input = try await request.decodeJSON(UnitInput.self, limit: services.config.maxBodySize)
        let valid = try input.draft.validated()
        let unit = try await conflictOnTakenCode {
            try await services.persistence.write { tx in
                let unit = try await UnitRepository.create(valid, on: tx)
                try await AuditLog.append(
                    context.auditRecord("unit.create", as: .manageUnits, entityType: "unit", entityId: unit.id.uuidString), on: tx)
                return unit
            }
        }
        let dto = UnitDTO(unit)
        return try .json(dto, status: .created, headers: [.eTag: dto.etag, .location: Routes.API.unit(unit.id)])
    }

    @Sendable func replace(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageUnits)
        let unit = try await services.unit(named: context)
        guard let ifMatch = request.headers[.ifMatch] else { throw AppError.preconditionRequired }
        let input = try await request.decodeJSON(UnitInput.self, limit: services.config.maxBodySize)
        let valid = try input.draft.validated()
        let updated = try await conflictOnTakenCode {
            try await services.persistence.write { tx in
                // Compared inside the write transaction, so two clients with the same ETag cannot both win.
                guard let current = try await UnitRepository.find(id: unit.id, on: tx) else { throw AppError.notFound }
                guard ifMatch == UnitDTO(current).etag || ifMatch == "*" else { throw AppError.preconditionFailed }
                let updated = try await UnitRepository.update(id: unit.id, valid, on: tx)
                try await AuditLog.append(
                    context.auditRecord("unit.update", as: .manageUnits, entityType: "unit", entityId: unit.id.uuidString), on: tx)
                return updated
            }
        }
        guard let updated else { throw AppError.notFound }
        let dto = UnitDTO(updated)
        return try .json(dto, headers: [.eTag: dto.etag])
    }
}

/// A taken identifier (a unit's code, a patient's CPR number) is a conflict with what exists
/// (409), not a malformed request (422).
func conflictOnTaken<T>(_ field: String, _ message: String, _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let failure as ValidationFailure where failure.code(for: field) == .alreadyTaken {
        throw AppError.conflict(message)
    }
}

func conflictOnTakenCode<T>(_ body: () async throws -> T) async throws -> T {
    try await conflictOnTaken("code", "A unit with this code already exists.", body)
}

struct UnitDTO: NullPreservingEncodable {
    var id: UUID
    var code: String
    var name: String
    var kind: String
    var sector: String
    var parentCode: String?
    var dayPhone: String?
    var outOfHoursPhone: String?
    var sorCode: String?
    var eanCode: String?
    var active: Bool
    var successorCode: String?
    var successorFrom: LocalDate?

    init(_ unit: OrgUnit) {
        id = unit.id
        code = unit.code
        name = unit.name
        kind = unit.kind.rawValue
        sector = unit.sector.rawValue
        parentCode = unit.parentCode
        dayPhone = unit.dayPhone
        outOfHoursPhone = unit.outOfHoursPhone
        sorCode = unit.sorCode
        eanCode = unit.eanCode
        active = unit.active
        successorCode = unit.successorCode
        successorFrom = unit.successorFrom
    }

    /// A strong ETag over the unit's content: it changes whenever any field does.
    var etag: String {
        let data = (try? JSONCoding.encoder.encode(self)) ?? Data()
        return "\"" + Hex.encode(SHA256.hash(data: data).prefix(16)) + "\""
    }
}

/// What a client sends to add or change a unit (JSON), and what the unit form sends.
struct UnitInput: Decodable {
    var code: String?
    var name: String?
    var kind: String?
    var sector: String?
    var parentCode: String?
    var dayPhone: String?
    var outOfHoursPhone: String?
    var sorCode: String?
    var eanCode: String?
    var successorCode: String?
    var successorFrom: String?

    var draft: UnitDraft {
        UnitDraft(
            code: code ?? "", name: name ?? "", kind: kind ?? "", sector: sector ?? "", parentCode: parentCode,
            dayPhone: dayPhone, outOfHoursPhone: outOfHoursPhone, sorCode: sorCode, eanCode: eanCode, successorCode: successorCode,
            successorFrom: successorFrom)
    }
}
