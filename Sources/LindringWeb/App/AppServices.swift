import Foundation
import Hummingbird
import LindringCore
import LindringStore
import Logging
import Prometheus

/// The long-lived parts every controller uses, created once in `buildApplication`.
public struct AppServices: Sendable {
    public let config: AppConfig
    public let persistence: Persistence
    public let hasher: PasswordHasher
    public let logger: Logger
    let assets: Assets
    let metrics: PrometheusCollectorRegistry
    /// A hash of a random password, checked when a username is unknown so that unknown and
    /// known usernames take equally long to refuse.
    let decoyHash: String
    /// Tells open advisory boards that a contact or follow-up changed.
    var advisoryEvents = AdvisoryEvents()
    /// Limits how often one address may try self-report links that do not exist.
    var selfReportLimiter = RequestLimiter()
    /// Limits how often one self-report link may be used, whoever shares the address.
    var selfReportLinkLimiter = RequestLimiter()
    /// Signs the login form's CSRF token with the deployment's secret (`LoginFormSecret`,
    /// read at start-up); a random key of its own until then.
    var loginFormSigner = LoginFormSigner.random()
    /// Every unit, in memory until one changes.
    let unitCatalog = UnitCatalog()
    /// The advisory statistics of recent ranges, in memory until the line's data changes.
    let advisoryStatistics = AdvisoryStatisticsCache()

    /// All units sorted by name (only the active ones unless `includeInactive`).
    func units(includeInactive: Bool = true) async throws -> [OrgUnit] {
        let units = try await unitCatalog.units(in: persistence)
        return includeInactive ? units.all : units.active
    }

    /// Every unit by its id, for naming the units a record refers to.
    func unitDirectory() async throws -> UnitDirectory {
        UnitDirectory(byId: try await unitCatalog.units(in: persistence).byId)
    }
}

extension AppServices {
    /// The record `lookup` finds, or 404: for what a route names by its id before anything is
    /// decided about it (a patient's records are then read through the gate).
    func existing<T: Sendable>(_ lookup: @escaping @Sendable (ReadSnapshot) async throws -> T?) async throws -> T {
        guard let found = try await persistence.readEach(lookup) else { throw AppError.notFound }
        return found
    }

    /// The unit the route's `{id}` names, or 404.
    func unit(named context: AppContext) async throws -> OrgUnit {
        guard let id = context.idParameter else { throw AppError.notFound }
        return try await existing { try await UnitRepository.find(id: id, on: $0) }
    }

    /// Where people outside reach Lindring, for addresses written on paper or sent by text
    /// (a self-report link, a certificate's check): the configured public URL, else the
    /// address the request came to.
    func publicBase(for request: Request) -> String {
        config.publicBaseURL?.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            ?? "http://\(request.head.authority ?? "\(config.hostname):\(config.port)")"
    }
}
