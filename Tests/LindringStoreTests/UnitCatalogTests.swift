import Foundation
import LindringCore
import LindringTestSupport
import Testing

@testable import LindringStore

/// The unit list kept in memory must never outlive a change, whichever process made it.
@Suite struct UnitCatalogTests {
    @Test func aChangeMadeElsewhereIsSeenOnTheNextRead() async throws {
        try await TestDatabase.withPersistence { persistence in
            // given: a catalog that has read the seeded units
            let catalog = UnitCatalog()
            let before = try await catalog.units(in: persistence).all
            // when: a unit is created, renamed and deactivated without going through the catalog
            let draft = UnitDraft(code: "TEST-CAT", name: "Katalogenheden", kind: UnitKind.homeCare.rawValue, sector: Sector.municipality.rawValue)
            let valid = try draft.validated()
            let created = try await persistence.write { try await UnitRepository.create(valid, on: $0) }
            let afterCreate = try await catalog.units(in: persistence).all
            var draftRenamed = draft
            draftRenamed.name = "Omdøbt enhed"
            let renamed = try draftRenamed.validated()
            _ = try await persistence.write { try await UnitRepository.update(id: created.id, renamed, on: $0) }
            let afterRename = try await catalog.units(in: persistence).all
            _ = try await persistence.write { try await UnitRepository.setActive(id: created.id, false, on: $0) }
            let afterDeactivation = try await catalog.units(in: persistence)
            // then
            #expect(!before.contains { $0.code == "TEST-CAT" })
            #expect(afterCreate.count == before.count + 1)
            #expect(afterRename.first { $0.id == created.id }?.name == "Omdøbt enhed")
            #expect(!afterDeactivation.active.contains { $0.id == created.id })
            // a deactivated unit still names the records that refer to it
            #expect(afterDeactivation.byId[created.id]?.name == "Omdøbt enhed")
        }
    }
}
