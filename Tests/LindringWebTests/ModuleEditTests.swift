import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// Issue 21: educators edit a module in the browser; a mistake is named by its line and stores
/// nothing; every version is kept; a save over someone else's newer version keeps the text.
@Suite struct ModuleEditTests {
    @Test func anEducatorEditsAModuleAndEveryVersionIsKept() async throws {
        try await TestApp.run { app in
            _ = try await app.createUser("underviser", roles: [.educator], unit: nil)
            _ = try await app.createUser("anna", roles: [.clinician], unit: "HJ-101")
            let educator = try await app.login("underviser")
            let modules = try await app.persistence.read { tx in
                let offers = try await OfferRepository.list(on: tx).filter { $0.offer.format == .eLearning }
                return try await ModuleRepository.list(offerId: offers[0].id, on: tx)
            }
            let module = try #require(modules.first)
            let path = "/learning/modules/\(module.id)/edit"
            #expect(try await app.get(path, try await app.login("anna")).status == .forbidden)
            let page = try await app.get(path, educator)
            #expect(page.status == .ok && page.text.contains("passMark: 80"))
            // HTML on line 4 is refused, named by its line, with the text kept
            let html = "# Modul 1\npassMark: 80\n## page: Indledning\nTekst med <script>alert(1)</script>\n## check\nQ: Hvad?\n- nej\n* ja\n"
            let refused = try await app.post(path, educator, form: ["source": html, "version": String(module.version)])
            #expect(refused.status == .unprocessableContent && refused.text.contains("Linje 4") && refused.text.contains("&lt;script&gt;"))
            // a good text becomes the next version, and the module page shows it
            let edited = module.source.replacingOccurrences(of: "passMark: 80", with: "passMark: 60")
            let saved = try await app.post(path, educator, form: ["source": edited, "version": String(module.version)])
            #expect(saved.status == .seeOther)
            let stored = try #require(try await app.persistence.read { try await ModuleRepository.find(id: module.id, on: $0) })
            #expect(stored.version == module.version + 1 && stored.content.passMark == 60)
            // a save based on the old version is refused with the educator's text kept
            let stale = try await app.post(path, educator, form: ["source": edited + "\n", "version": String(module.version)])
            #expect(stale.status == .conflict && stale.text.contains("passMark: 60"))
            // both versions are listed and the old one can be read
            let versions = try await app.get(path, educator).text
            #expect(versions.contains("Version \(module.version + 1)") && versions.contains("Version \(module.version)"))
            let old = try await app.get("/learning/modules/\(module.id)/versions/\(module.version)", educator)
            #expect(old.status == .ok && old.text.contains("passMark: 80"))
        }
    }
}
