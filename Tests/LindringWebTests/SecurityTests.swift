import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import NIOCore
import Plot
import Testing

@testable import LindringStore
@testable import LindringWeb

@Suite struct SecurityTests {
    @Test(arguments: ["/login", "/healthz", "/api/v1/units", "/no/such/page", "/api/v1/openapi.json"])
    func everyResponseCarriesTheSecurityHeaders(path: String) async throws {
        try await TestApp.run { app in
            let response = try await app.get(path)
            let csp = try #require(response.headers[.contentSecurityPolicy])
            #expect(csp.contains("frame-ancestors 'none'"))
            #expect(csp.contains("object-src 'none'"))
            #expect(csp.contains("base-uri 'none'"))
            #expect(!csp.contains("unsafe-inline"))
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(response.headers[.referrerPolicy] == "no-referrer")
            #expect(response.headers[.cacheControl] != nil)
            #expect(response.headers[.strictTransportSecurity] == nil, "no HSTS without TLS")
        }
    }

    @Test func pagesWithPersonalDataAreNotCached() async throws {
        try await TestApp.run { app in
            try await app.createUser("anne", roles: [.administrator])
            let session = try await app.login("anne")
            #expect(try await app.get("/users", session).headers[.cacheControl] == "no-store")
        }
    }

    @Test func crossSiteFormPostIsRefused() async throws {
        try await TestApp.run { app in
            // given
            try await app.createUser("anne", roles: [.administrator])
            let session = try await app.login("anne")
            // when
            let response = try await app.post(
                "/units/new", form: ["csrf": session.csrf, "code": "X1", "name": "Evil", "kind": "hospice", "sector": "hospice"],
                cookie: session.cookie, headers: [.secFetchSite: "cross-site"])
            let fromOrigin = try await app.post(
                "/units/new", form: ["csrf": session.csrf, "code": "X2", "name": "Evil", "kind": "hospice", "sector": "hospice"],
                cookie: session.cookie, headers: [.origin: "https://evil.example"])
            // then
            #expect(response.status == .forbidden)
            #expect(fromOrigin.status == .forbidden)
            #expect(try await UnitRepository.find(code: "X1", on: app.persistence.snapshot) == nil)
            #expect(try await UnitRepository.find(code: "X2", on: app.persistence.snapshot) == nil)
        }
    }

    @Test func postWithWrongOrMissingCsrfTokenStoresNothing() async throws {
        try await TestApp.run { app in
            try await app.createUser("anne", roles: [.administrator])
            let session = try await app.login("anne")
            for token in ["", "forged-token"] {
                let response = try await app.post(
                    "/units/new", session, form: ["csrf": token, "code": "X1", "name": "N", "kind": "hospice", "sector": "hospice"])
                #expect(response.status == .forbidden)
                #expect(response.text.contains("error-page"))
            }
            #expect(try await UnitRepository.find(code: "X1", on: app.persistence.snapshot) == nil)
        }
    }

    @Test func expiredSessionSendsTheBrowserToLogin() async throws {
        try await TestApp.run({ $0.sessionTimeouts.idle = 0.5 }) { app in
            try await app.createUser("anne", roles: [.clinician])
            let session = try await app.login("anne")
            try await Task.sleep(for: .seconds(1))
            let response = try await app.get("/account", session)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/login?next=/account")
        }
    }

    @Test func oversizedBodyIsRefusedWith413() async throws {
        try await TestApp.run({ $0.maxBodySize = 1024 }) { app in
            try await app.createUser("anne", roles: [.administrator])
            let session = try await app.login("anne")
            let response = try await app.post("/units/new", session, form: ["name": String(repeating: "x", count: 4000)])
            #expect(response.status == .contentTooLarge)
            let api = try await app.client.execute(
                uri: "/api/v1/units", method: .post,
                headers: [.contentType: "application/json", .authorization: "Bearer x"],
                body: ByteBuffer(string: String(repeating: " ", count: 4000)))
            #expect(api.status == .contentTooLarge)
            #expect(api.headers[.contentType] == "application/problem+json")
        }
    }

    @Test func wrongContentTypeForAFormIsRefused() async throws {
        try await TestApp.run { app in
            try await app.createUser("anne", roles: [.administrator])
            let session = try await app.login("anne")
            let response = try await app.client.execute(
                uri: "/units/new", method: .post,
                headers: [.cookie: session.cookie, .contentType: "text/plain", .csrfToken: session.csrf],
                body: ByteBuffer(string: "code=X"))
            #expect(response.status == .unsupportedMediaType)
        }
    }

    @Test func unknownPagesAnswer404WithTheErrorPage() async throws {
        try await TestApp.run { app in
            let response = try await app.get("/definitely/not/here")
            #expect(response.status == .notFound)
            #expect(response.text.contains("class=\"error-page\""))
            #expect(response.text.contains("data-status=\"404\""))
        }
    }

    @Test(arguments: [
        ("Åse Prøvesen", "Åse Prøvesen"), ("Tom & Jerry", "Tom &amp; Jerry"), ("&amp;", "&amp;amp;"),
        ("\"><script>alert('1')</script>", "&quot;&gt;&lt;script&gt;alert(&#39;1&#39;)&lt;/script&gt;"), ("", ""),
    ])
    func textAndAttributeValuesAreShownAsTyped(typed: String, escaped: String) {
        #expect(HTMLEscaping.escape(typed) == escaped)
        #expect(Node<HTML.BodyContext>.plainText(typed).render() == escaped)
    }
}
