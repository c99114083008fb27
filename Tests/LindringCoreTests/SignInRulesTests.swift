import Foundation
import Testing

@testable import LindringCore

@Suite struct TrustedProxiesTests {
    @Test(arguments: [
        ("10.0.0.1", "10.0.0.1"),
        (" 192.168.1.20 ", "192.168.1.20"),
        ("10.0.0.1:5000", "10.0.0.1"),
        ("2001:DB8::1", "2001:db8::1"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("[::1]", "::1"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("::ffff:10.1.2.3", "10.1.2.3"),
        ("fe80::1%eth0", "fe80::1"),
        ("::", "::"),
        ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
    ])
    func addressesAreReadInEveryFormProxiesWrite(text: String, canonical: String) {
        #expect(IPAddress(text)?.description == canonical)
    }

    @Test(arguments: [
        "", "unknown", "10.0.0", "10.0.0.256", "010.0.0.1", "10.0.0.1.2", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::1",
        "[10.0.0.1]", "10.0.0.1:", "10.0.0.1:http", "g::1", "_gateway", "::ffff:10.0.0.300",
    ])
    func anythingElseIsNotAnAddress(text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test(arguments: [
        ("10.0.0.0/8", "10.255.1.2", true),
        ("10.0.0.0/8", "11.0.0.1", false),
        ("192.168.10.0/23", "192.168.11.200", true),
        ("192.168.10.0/23", "192.168.12.1", false),
        ("172.16.5.4", "172.16.5.4", true),
        ("172.16.5.4", "172.16.5.5", false),
        ("0.0.0.0/0", "8.8.8.8", true),
        ("0.0.0.0/0", "2001:db8::1", false),
        ("2001:db8::/32", "2001:db8:ffff::1", true),
        ("2001:db8::/32", "2001:db9::1", false),
        ("fd00::/8", "fdab:1::2", true),
        ("::1", "::1", true),
        ("::ffff:10.0.0.0/104", "10.9.9.9", true),
        ("10.0.0.0/8", "::ffff:10.1.1.1", true),
    ])
    func rangesContainTheirAddressesOnly(range: String, address: String, contained: Bool) throws {
        let parsed = try #require(IPAddressRange(range))
        #expect(parsed.contains(try #require(IPAddress(address))) == contained)
    }

    @Test(arguments: [
        "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "2001:db8::/129", "10.0.0.0/8/8", "10.0.0.1:80", "[::1]/128",
        "::ffff:10.0.0.0/95", "example.org", "10.0.0.0/ 8",
    ])
    func badRangesAreRefused(text: String) {
        #expect(IPAddressRange(text) == nil)
    }

    @Test func aListIsParsedOrTheBadEntryIsNamed() throws {
        // when
        let proxies = try TrustedProxies(parsing: " 10.0.0.0/8, 2001:db8::/32 ,,127.0.0.1")
        // then
        #expect(proxies.ranges.map(\.description) == ["10.0.0.0/8", "2001:db8::/32", "127.0.0.1/32"])
        #expect(throws: TrustedProxies.InvalidEntry(entry: "10.0.0.0/40")) { try TrustedProxies(parsing: "127.0.0.1, 10.0.0.0/40") }
        #expect(try TrustedProxies(parsing: "").isEmpty)
    }

    static let proxies = try! TrustedProxies(parsing: "10.0.0.0/8, 2001:db8:1::/48")

    @Test(arguments: [
        // an untrusted peer's header is ignored
        ("203.0.113.9", ["198.51.100.1"], "203.0.113.9"),
        // a trusted proxy's: the rightmost address that is not a proxy
        ("10.0.0.2", ["198.51.100.1"], "198.51.100.1"),
        ("10.0.0.2", ["1.2.3.4, 198.51.100.1, 10.0.0.7"], "198.51.100.1"),
        ("10.0.0.2", ["1.2.3.4", "198.51.100.1"], "198.51.100.1"),
        ("2001:db8:1::5", ["2001:db8:2::9"], "2001:db8:2::9"),
        ("10.0.0.2", ["[2001:db8:2::9]:1234"], "2001:db8:2::9"),
        // no header, or only proxies in it
        ("10.0.0.2", [], "10.0.0.2"),
        ("10.0.0.2", ["10.0.0.3, 10.0.0.4"], "10.0.0.3"),
        // garbage ends the walk at the proxy that passed it on: a client cannot pick a new "address"
        ("10.0.0.2", ["unknown"], "10.0.0.2"),
        ("10.0.0.2", ["198.51.100.1, 10.0.0.3, nonsense"], "10.0.0.2"),
        ("10.0.0.2", ["nonsense, 198.51.100.1"], "198.51.100.1"),
        // the peer itself, canonical
        ("::ffff:203.0.113.9", ["198.51.100.1"], "203.0.113.9"),
    ])
    func theClientIsTheRightmostAddressThatIsNotAProxy(peer: String, forwardedFor: [String], client: String) {
        #expect(Self.proxies.clientAddress(peer: peer, forwardedFor: forwardedFor) == client)
    }
}

@Suite struct LoginDelayPolicyTests {
    @Test(arguments: [(0, nil), (4, nil), (5, 60), (6, 120), (7, 240), (10, 1920), (11, 3600), (50, 3600), (10_000, 3600)] as [(Int, TimeInterval?)])
    func delaysGrowAfterTheFreeAttemptsUpToAnHour(failures: Int, delay: TimeInterval?) {
        #expect(LoginDelayPolicy.standard.delay(afterFailures: failures) == delay)
    }
}

@Suite struct LoginFormSignerTests {
    let signer = LoginFormSigner(secret: "the deployment's secret, 32 characters or more")
    let nonce = RandomToken.make()
    let now = Date()

    @Test func aTokenIsValidForItsCookieUntilItExpires() {
        // given
        let token = signer.token(nonce: nonce, now: now)
        // then
        #expect(signer.isValid(token, cookieNonce: nonce, now: now))
        #expect(signer.isValid(token, cookieNonce: nonce, now: now.addingTimeInterval(LoginFormSigner.lifetime - 1)))
        #expect(!signer.isValid(token, cookieNonce: nonce, now: now.addingTimeInterval(LoginFormSigner.lifetime + 1)), "expired")
        #expect(!signer.isValid(token, cookieNonce: RandomToken.make(), now: now), "another browser's cookie")
        #expect(!signer.isValid(token, cookieNonce: nil, now: now), "no cookie")
    }

    @Test func forgedAndAlteredTokensAreRefused() {
        // given
        let token = signer.token(nonce: nonce, now: now)
        let parts = token.split(separator: ".").map(String.init)
        // then
        #expect(!LoginFormSigner.random().isValid(token, cookieNonce: nonce, now: now), "another deployment's key")
        #expect(!signer.isValid(LoginFormSigner(secret: "a guess").token(nonce: nonce, now: now), cookieNonce: nonce, now: now))
        #expect(
            !signer.isValid([parts[0], String(Int(parts[1])! + 3600), parts[2]].joined(separator: "."), cookieNonce: nonce, now: now),
            "a later expiry")
        #expect(!signer.isValid([parts[0], "99999999999", parts[2]].joined(separator: "."), cookieNonce: nonce, now: now))
        #expect(!signer.isValid(parts[0] + "." + parts[1], cookieNonce: nonce, now: now))
        #expect(!signer.isValid("", cookieNonce: nonce, now: now))
        #expect(!signer.isValid(token, cookieNonce: "short", now: now))
    }
}
