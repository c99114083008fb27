import Foundation
import Testing

@testable import LindringWeb

/// Where the login form sends the browser after sign-in (`next`): only a path on this site
/// (issue 17, item 14).
@Suite struct LoginRedirectTests {
    @Test(arguments: [
        "/", "/patients", "/patients/4f6c1a2e-0000-4000-8000-000000000001/plan", "/audit?from=2026-01-01&to=2026-01-31",
        "/advisory/board#red", "/a/b/../c", "/units/%2F%2Fevil.example",
    ])
    func aPathOnThisSiteIsFollowed(next: String) {
        #expect(LoginController.safeNext(next) == next)
    }

    @Test(arguments: [
        "/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "\t//evil.example", "/ /evil.example", " /patients",
        "/patients\u{0}", "/patients\u{7F}", "/\u{85}/evil.example", "/\u{A0}/evil.example", "/\u{2028}/evil.example", "/\u{FEFF}/evil.example",
        "/\u{FF0F}evil.example", "/\\evil.example", "/\\/evil.example", "//evil.example", "///evil.example",
        "https://evil.example", "javascript:alert(1)", "evil.example", "patients", "", "/login", "/login?next=/x", "/logout",
        "/" + String(repeating: "a", count: 2001),
    ])
    func anythingButAPathOnThisSiteGoesHome(next: String) {
        #expect(LoginController.safeNext(next) == Routes.home(), "\(next.debugDescription)")
    }

    @Test func noNextGoesHome() {
        #expect(LoginController.safeNext(nil) == Routes.home())
    }
}
