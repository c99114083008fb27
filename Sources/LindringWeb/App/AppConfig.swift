import Foundation
import LindringCore
import LindringStore
import Logging

/// Everything Lindring can be configured with, read once from the environment (and the
/// CLI's flags) at start-up. Nothing else reads the environment.
public struct AppConfig: Sendable {
    public var hostname = "127.0.0.1"
    public var port = 8080
    public var database = DatabaseLocation.sqlite(path: "data/lindring.sqlite")
    public var logLevel = Logger.Level.info
    public var sessionTimeouts = SessionTimeouts()
    /// The address users reach Lindring at, e.g. `https://lindring.regionh.dk`; the origin of
    /// state-changing requests must match it (or the Host header when unset).
    public var publicBaseURL: URL?
    /// Marks cookies Secure with the `__Host-` prefix and turns on HSTS; set when served over TLS.
    public var secureCookies = false
    public var maxBodySize = 1024 * 1024
    /// PostgreSQL connections per event loop (there is one event loop per core).
    public var databaseConnectionsPerEventLoop = 4
    /// The most writes committed in one transaction (`WRITE_GROUP_MAX`); 1 commits each write
    /// alone, which is only useful to measure what group commit gains.
    public var maxWriteGroup = Persistence.defaultMaxWriteGroup
    /// Counts the writer's jobs (tests give their own to read it).
    public var writerJobs = WriterJobCounter()
    /// Bcrypt cost for new password hashes; never below 12 outside tests of the hasher itself.
    public var bcryptCost = 12
    /// The advisory line's shifts (`ADVISORY_SHIFTS`, e.g. `day=08-16,evening=16-24,night=00-08`).
    public var advisoryShifts = ShiftPattern.standard
    /// Proxies whose `X-Forwarded-For` is believed (`TRUSTED_PROXIES`, comma-separated CIDR
    /// ranges): the client address for login throttling, the audit log and rate limits.
    public var trustedProxies = TrustedProxies()
    /// The bearer token `/metrics` requires (`METRICS_TOKEN`); without one, `/metrics` is 404.
    public var metricsToken: String?
    /// Licensed item wording the region provides (`INSTRUMENT_WORDING_FILE`); our own short labels otherwise.
    var instrumentWording = InstrumentWording()
    /// The file holding the key that seals the audit log (`AUDIT_KEY_FILE`); on SQLite it
    /// defaults to `audit.key` beside the database (`AppConfig.auditKeyPath`).
    public var auditKeyFile: String?
    /// A key given directly rather than read from a file (tests).
    public var auditKey: AuditKey?

    public init() {}

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads `DATABASE_URL`, `LOG_LEVEL`, `SESSION_IDLE_MINUTES`, `SESSION_ABSOLUTE_HOURS`,
    /// `PUBLIC_BASE_URL`, `SECURE_COOKIES`, `MAX_BODY_BYTES`, `DATABASE_CONNECTIONS_PER_CORE`, `WRITE_GROUP_MAX`, `ADVISORY_SHIFTS`, `INSTRUMENT_WORDING_FILE`,
    /// `TRUSTED_PROXIES`, `METRICS_TOKEN`, `AUDIT_KEY_FILE`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfig {
        var config = AppConfig()
        config.database = try DatabaseLocation(url: environment["DATABASE_URL"] ?? DatabaseLocation.defaultURL)
        if let level = environment["LOG_LEVEL"] {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
                throw Invalid(description: "LOG_LEVEL must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            config.logLevel = parsed
        }
        if let idle = environment["SESSION_IDLE_MINUTES"] {
            config.sessionTimeouts.idle = try positive(idle, "SESSION_IDLE_MINUTES") * 60
        }
        if let absolute = environment["SESSION_ABSOLUTE_HOURS"] {
            config.sessionTimeouts.absolute = try positive(absolute, "SESSION_ABSOLUTE_HOURS") * 3600
        }
        if let base = environment["PUBLIC_BASE_URL"], !base.isEmpty {
            guard let url = URL(string: base), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                throw Invalid(description: "PUBLIC_BASE_URL must be an http(s) URL")
            }
            config.publicBaseURL = url
        }
        if let secure = environment["SECURE_COOKIES"] {
            guard let flag = ["true": true, "1": true, "yes": true, "false": false, "0": false, "no": false][secure.lowercased()] else {
                throw Invalid(description: "SECURE_COOKIES must be true or false")
            }
            config.secureCookies = flag
        } else if config.publicBaseURL?.scheme == "https" {
            config.secureCookies = true
        }
        if let max = environment["MAX_BODY_BYTES"] {
            config.maxBodySize = Int(try positive(max, "MAX_BODY_BYTES"))
        }
        if let pool = environment["DATABASE_CONNECTIONS_PER_CORE"] {
            config.databaseConnectionsPerEventLoop = Int(try positive(pool, "DATABASE_CONNECTIONS_PER_CORE"))
        }
        if let group = environment["WRITE_GROUP_MAX"] {
            config.maxWriteGroup = Int(try positive(group, "WRITE_GROUP_MAX"))
        }
        if let shifts = environment["ADVISORY_SHIFTS"] {
            do {
                config.advisoryShifts = try ShiftPattern(shifts)
            } catch {
                throw Invalid(description: "ADVISORY_SHIFTS: \(error.description)")
            }
        }
        if let proxies = environment["TRUSTED_PROXIES"] {
            do {
                config.trustedProxies = try TrustedProxies(parsing: proxies)
            } catch {
                throw Invalid(description: "TRUSTED_PROXIES: \(error.description)")
            }
        }
        if let token = environment["METRICS_TOKEN"], !token.isEmpty {
            guard token.count >= 16, token.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw Invalid(description: "METRICS_TOKEN must be at least 16 characters, without spaces")
            }
            config.metricsToken = token
        }
        if let path = environment["AUDIT_KEY_FILE"], !path.isEmpty {
            config.auditKeyFile = path
        }
        if let path = environment["INSTRUMENT_WORDING_FILE"], !path.isEmpty {
            do {
                config.instrumentWording = try InstrumentWording.load(path: path)
            } catch {
                throw Invalid(description: "INSTRUMENT_WORDING_FILE: \(error)")
            }
        }
        return config
    }

    static func positive(_ text: String, _ name: String) throws -> Double {
        guard let value = Double(text), value > 0 else { throw Invalid(description: "\(name) must be a positive number") }
        return value
    }

    /// The session cookie's name: `__Host-` makes browsers refuse it unless Secure, path `/`
    /// and no Domain, so no subdomain can plant or read it.
    var sessionCookieName: String { secureCookies ? "__Host-lindring_session" : "lindring_session" }
}
