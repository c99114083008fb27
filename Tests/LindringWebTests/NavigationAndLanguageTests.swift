import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Testing

@testable import LindringStore
@testable import LindringWeb

@Suite struct NavigationTests {
    /// Which main-navigation links each role sees.
    static let expectedLinks: [(Role, Set<String>)] = [
        (
            .administrator,
            [
                "/", "/budget", "/indicators", "/advisory/statistics", "/screening", "/units", "/users", "/social-work/benefits", "/outbox",
                "/api-tokens",
                "/audit",
                "/audit/break-glass", "/account",
            ]
        ),
        (
            .clinician,
            ["/", "/my-patients", "/patients", "/inbox", "/follow-ups", "/learning", "/indicators", "/screening", "/units", "/account"]
        ),
        (.advisor, ["/", "/advisory", "/patients", "/inbox", "/follow-ups", "/learning", "/indicators", "/units", "/account"]),
        (.socialWorker, ["/", "/social-work", "/units", "/account"]),
        (.educator, ["/", "/learning", "/units", "/account"]),
        (
            .finance,
            [
                "/", "/budget", "/indicators", "/learning/coverage", "/social-work/capacity", "/advisory/statistics", "/screening", "/units",
                "/account",
            ]
        ),
        (.auditor, ["/", "/budget", "/units", "/audit", "/audit/break-glass", "/account"]),
        (.workingGroup, ["/", "/indicators", "/working-group", "/units", "/account"]),
    ]

    @Test(arguments: expectedLinks)
    func navigationShowsWhatTheRoleMayUseAndEveryLinkWorks(role: Role, links: Set<String>) async throws {
        try await TestApp.run { app in
            // given
            try await app.createUser("user1", roles: [role])
            let session = try await app.login("user1")
            // when
            let home = try await app.get("/", session)
            let nav = try #require(
                home.text.components(separatedBy: "<nav id=\"main-nav\"").dropFirst().first?.components(separatedBy: "</nav>").first)
            let hrefs = Set(nav.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) })
            // then
            #expect(hrefs == links)
            for href in hrefs {
                let page = try await app.get(href, session)
                #expect(page.status == .ok, "\(href) as \(role)")
                #expect(!page.text.contains("error-page"))
            }
        }
    }

    @Test func auditorCannotOpenUserAdministration() async throws {
        try await TestApp.run { app in
            try await app.createUser("rita", roles: [.auditor])
            let session = try await app.login("rita")
            let response = try await app.get("/users", session)
            #expect(response.status == .forbidden)
            #expect(response.text.contains("data-status=\"403\""))
        }
    }
}

@Suite struct LanguageTests {
    @Test func bothLanguagesHaveEveryKey() {
        let danish = Set(Catalog.danish.keys)
        let english = Set(Catalog.english.keys)
        #expect(danish.subtracting(english).sorted() == [])
        #expect(english.subtracting(danish).sorted() == [])
        let labels =
            Role.allCases.map { "role.\($0.rawValue)" } + Profession.allCases.map { "profession.\($0.rawValue)" }
            + UnitKind.allCases.map { "unitKind.\($0.rawValue)" } + Sector.allCases.map { "sector.\($0.rawValue)" }
            + ValidationCode.allCases.map { "validation.\($0.rawValue)" } + AuditOutcome.allCases.map { "outcome.\($0.rawValue)" }
            + Notices.known.map { "notice.\($0)" }
        for key in labels {
            #expect(Catalog.danish[key]?.isEmpty == false, "da: \(key)")
            #expect(Catalog.english[key]?.isEmpty == false, "en: \(key)")
        }
    }

    @Test func aFeaturesWordsAreNotAlsoInTheSharedCatalogs() {
        for words in Catalog.features {
            let keys = Set(words.keys)
            #expect(keys.intersection(Catalog.sharedDanish.keys).sorted() == [])
            #expect(keys.intersection(Catalog.sharedEnglish.keys).sorted() == [])
            #expect(words.values.allSatisfy { !$0.da.isEmpty && !$0.en.isEmpty })
            #expect(Catalog.danish["contact.field.stayedAtHome"] == "Blev patienten hjemme?")
        }
    }

    @Test func placeholdersAreFilledInOnceAndValuesShownAsTyped() {
        let t = Localizer(.danish)
        // values that name each other's placeholders are shown as typed, in any order of filling
        #expect(
            t("inbox.version", ["version": "3", "author": "Åse {time}", "time": "{author} 03:12"])
                == "Plan version 3 af Åse {time}, {author} 03:12")
        #expect(t("plan.decidedByOn", ["by": "Dr. Hansen"]) == "Besluttet af Dr. Hansen, {on}")
        #expect(t("home.greeting", [:]) == "Velkommen, {name}")
        #expect(Localizer(.english)("home.greeting", ["name": "Søren"]) == "Welcome, Søren")
    }

    @Test func timesAreShownInCopenhagenTimeWithLeadingZeros() throws {
        let winter = try #require(ISO8601Instant.parse("2026-03-07T08:05:09Z"))
        let summer = try #require(ISO8601Instant.parse("2026-07-01T22:00:00Z"))
        #expect(Timestamps.display(winter) == "07.03.2026 09:05:09")
        #expect(Timestamps.displayMinutes(winter) == "07.03.2026 09:05")
        #expect(Timestamps.display(summer) == "02.07.2026 00:00:00")
        #expect(LocalDateTime.format(summer) == "2026-07-02T00:00")
        #expect(AdvisoryViews.clock(winter) == "09:05")
    }

    @Test func everyKeyUsedInTheSourceExists() throws {
        // The web sources are compiled in; scan them for t("…") calls so a typo cannot reach a user.
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/LindringWeb").standardized
        let files =
            FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }.filter {
                $0.pathExtension == "swift"
            } ?? []
        #expect(!files.isEmpty)
        let pattern = try Regex(#"\bt\("([a-zA-Z]+\.[a-zA-Z.]+)""#)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: pattern) {
                let key = String(match.output[1].substring ?? "")
                #expect(Catalog.danish[key] != nil, "\(key) used in \(file.lastPathComponent)")
            }
        }
    }

    @Test func acceptLanguageChoosesTheLanguageBeforeSignIn() async throws {
        try await TestApp.run { app in
            let english = try await app.get("/login", headers: [.acceptLanguage: "en-GB,en;q=0.9,da;q=0.5"])
            let danish = try await app.get("/login", headers: [.acceptLanguage: "da,en;q=0.5"])
            let fallback = try await app.get("/login", headers: [.acceptLanguage: "fr-FR"])
            #expect(english.text.contains("<html lang=\"en\""))
            #expect(english.text.contains("Sign in"))
            #expect(danish.text.contains("<html lang=\"da\""))
            #expect(fallback.text.contains("<html lang=\"da\""))
        }
    }

    @Test func userChoosesEnglishOnTheAccountPage() async throws {
        try await TestApp.run { app in
            try await app.createUser("anne", roles: [.clinician])
            let session = try await app.login("anne")
            let response = try await app.post("/account/language", session, form: ["language": "en"])
            #expect(response.status == .seeOther)
            #expect(try await app.get("/", session).text.contains("Welcome, Test anne"))
        }
    }
}
