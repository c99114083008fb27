import Testing

@testable import LindringCore

@Suite struct PasswordPolicyTests {
    let policy = PasswordPolicy.standard

    @Test(
        arguments: [
            ("", ValidationCode.required),
            ("kort1234", .tooShort),
            ("elleve-tegn", .tooShort),
            ("password1234", .commonPassword),
            ("Kodeord2024!!", .commonPassword),
            ("sommer2026sommer", nil),
            ("aaaaaaaaaaaaaa", .commonPassword),
            (String(repeating: "æøå-", count: 11), .tooLong),
            ("jensen-er-min-kode", .sameAsUsername),
            ("Blå hest ved havet 7", nil),
        ] as [(String, ValidationCode?)])
    func passwordRules(password: String, expectedCode: ValidationCode?) {
        // when
        let failure: ValidationFailure?
        do {
            try policy.check(password, username: "jensen")
            failure = nil
        } catch {
            failure = error
        }
        // then
        #expect(failure?.code(for: "password") == expectedCode)
    }
}
