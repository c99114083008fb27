import Foundation
import LindringCore

/// A unit of the organisation register as the rest of Lindring sees it.
public struct OrgUnit: Equatable, Sendable, Codable {
    public var id: UUID
    public var code: String
    public var name: String
    public var kind: UnitKind
    public var sector: Sector
    public var parentId: UUID?
    public var parentCode: String?
    public var dayPhone: String?
    public var outOfHoursPhone: String?
    public var sorCode: String?
    public var eanCode: String? = nil
    public var active: Bool
    /// The unit that carries this one on after a merger, and from which day: the unit keeps its
    /// own name in the history before it.
    public var successorId: UUID? = nil
    public var successorCode: String? = nil
    public var successorFrom: LocalDate? = nil
}

extension Sequence<OrgUnit> {
    /// The units by their ids, for naming the units records refer to; should an id repeat, the
    /// first unit keeps it.
    public func byId() -> [UUID: OrgUnit] {
        Dictionary(map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

extension UnitDraft {
    /// The unit as its edit form starts: what is stored now.
    public init(_ unit: OrgUnit) {
        self.init(
            code: unit.code, name: unit.name, kind: unit.kind.rawValue, sector: unit.sector.rawValue, parentCode: unit.parentCode,
            dayPhone: unit.dayPhone, outOfHoursPhone: unit.outOfHoursPhone, sorCode: unit.sorCode, eanCode: unit.eanCode,
            successorCode: unit.successorCode,
            successorFrom: unit.successorFrom?.description)
    }
}
