import HTTPTypes

extension HTTPField.Name {
    static let secFetchSite = Self("Sec-Fetch-Site")!
    static let origin = Self("Origin")!
    static let csrfToken = Self("X-CSRF-Token")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let frameOptions = Self("X-Frame-Options")!
    static let crossOriginOpenerPolicy = Self("Cross-Origin-Opener-Policy")!
    static let permissionsPolicy = Self("Permissions-Policy")!
    static let idempotencyKey = Self("Idempotency-Key")!
    static let xForwardedFor = Self("X-Forwarded-For")!
}
