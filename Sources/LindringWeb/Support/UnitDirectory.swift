import Foundation
import LindringStore

/// Lookup of unit names for display.
struct UnitDirectory: Sendable {
    let byId: [UUID: OrgUnit]

    init(_ units: [OrgUnit]) {
        self.init(byId: units.byId())
    }

    init(byId: [UUID: OrgUnit]) {
        self.byId = byId
    }

    func name(_ id: UUID?) -> String {
        id.flatMap { byId[$0]?.name } ?? "–"
    }
}
