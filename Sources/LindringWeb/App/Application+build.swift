import FluentKit
import Foundation
import Hummingbird
import LindringCore
import LindringStore
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

/// The one composition root: the server, the tests and the CLI all start Lindring here.
public func buildApplication(
    _ config: AppConfig, logger: Logger? = nil,
    metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry()
) async throws -> some ApplicationProtocol {
    var logger = logger ?? Logger(label: "lindring")
    logger.logLevel = config.logLevel
    let persistence = try await openPersistence(config, logger: logger)
    let loginFormSecret: String
    do {
        loginFormSecret = try await persistence.readEach { try await LoginFormSecret.load(on: $0) }
    } catch {
        await persistence.shutdown()
        throw error
    }
    let hasher = PasswordHasher(cost: config.bcryptCost)
    var services = AppServices(
        config: config, persistence: persistence, hasher: hasher, logger: logger, assets: try Assets.load(),
        metrics: metrics, decoyHash: try await hasher.hash(SecureToken.make()))
    services.loginFormSigner = LoginFormSigner(secret: loginFormSecret)
    let router = try buildRouter(services)
    return Application(
        router: router,
        configuration: .init(address: .hostname(config.hostname, port: config.port), serverName: nil),
        services: [
            PersistenceService(persistence: persistence, hasher: hasher),
            PeriodicTask.sessionCleanup(persistence, timeouts: config.sessionTimeouts, logger: logger),
            PeriodicTask.certificateReminders(services),
            services.advisoryEvents,
        ],
        logger: logger
    )
}

func buildRouter(_ services: AppServices) throws -> Router<AppContext> {
    let router = Router(context: AppContext.self)
    if !services.config.trustedProxies.isEmpty { router.add(middleware: ClientAddressMiddleware(proxies: services.config.trustedProxies)) }
    router.add(middleware: SecurityHeadersMiddleware(hsts: services.config.secureCookies))
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ErrorMiddleware(logger: services.logger))
    router.add(
        middleware: BodyLimitMiddleware(limit: services.config.maxBodySize, larger: [Routes.API.staffImport(): LearningAPI.maxStaffFileBytes]))
    router.add(middleware: AuthenticationMiddleware(services: services))
    // A second error boundary inside authentication, so error pages know who is signed in.
    router.add(middleware: ErrorMiddleware(logger: services.logger))
    router.add(middleware: CSRFMiddleware(services: services))
    router.add(middleware: PatientRefusalAuditMiddleware(services: services))

    HealthAndAssetsController(services: services).addRoutes(to: router)
    LoginController(services: services).addRoutes(to: router)
    SessionController(services: services).addRoutes(to: router)
    HomeController(services: services).addRoutes(to: router)
    UnitsController(services: services).addRoutes(to: router)
    UsersController(services: services).addRoutes(to: router)
    AccountController(services: services).addRoutes(to: router)
    AuditController(services: services).addRoutes(to: router)
    ApiTokensController(services: services).addRoutes(to: router)
    PatientsController(services: services).addRoutes(to: router)
    InboxController(services: services).addRoutes(to: router)
    WorklistController(services: services).addRoutes(to: router)
    AdvisoryController(services: services).addRoutes(to: router)
    FollowUpsController(services: services).addRoutes(to: router)
    RotaController(services: services).addRoutes(to: router)
    ThresholdsController(services: services).addRoutes(to: router)
    SPICTController(services: services).addRoutes(to: router)
    EarlyIdentificationController(services: services).addRoutes(to: router)
    HandoverController(services: services).addRoutes(to: router)
    StatisticsController(services: services).addRoutes(to: router)
    SocialWorkController(services: services).addRoutes(to: router)
    LearningController(services: services).addRoutes(to: router)
    ModuleController(services: services).addRoutes(to: router)
    ModuleEditController(services: services).addRoutes(to: router)
    AttendanceController(services: services).addRoutes(to: router)
    GroupController(services: services).addRoutes(to: router)
    CertificateController(services: services).addRoutes(to: router)
    CompetenceMatrixController(services: services).addRoutes(to: router)
    CoverageController(services: services).addRoutes(to: router)
    CohortController(services: services).addRoutes(to: router)
    BudgetController(services: services).addRoutes(to: router)
    ReferralController(services: services).addRoutes(to: router)
    IndicatorController(services: services).addRoutes(to: router)
    CareCommunicationController(services: services).addRoutes(to: router)
    RegisterController(services: services).addRoutes(to: router)
    CapacityController(services: services).addRoutes(to: router)
    ConsultationsController(services: services).addRoutes(to: router)
    BenefitCatalogueController(services: services).addRoutes(to: router)
    ScreeningController(services: services).addRoutes(to: router)
    SelfReportController(services: services).addRoutes(to: router)
    try APIController(services: services).addRoutes(to: router)
    return router
}

/// Closes the database and the hashing threads when the server shuts down gracefully.
struct PersistenceService: Service {
    let persistence: Persistence
    let hasher: PasswordHasher

    func run() async throws {
        try? await gracefulShutdown()
        try? await hasher.shutdown()
        await persistence.shutdown()
    }
}

/// Work done again and again while the server runs: the first time at start, then every
/// `interval`. A failure is logged by its type only (never a value) and tried again next time.
struct PeriodicTask: Service {
    let name: String
    let interval: Duration
    let logger: Logger
    let work: @Sendable () async throws -> Void

    func run() async throws {
        // Sleeping is cancelled at shutdown; that is the normal end, not a failure.
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await work()
                } catch {
                    logger.warning("\(name) failed", metadata: ["type": .string(String(reflecting: type(of: error)))])
                }
                try await Task.sleep(for: interval)
            }
        }
    }
}

extension PeriodicTask {
    /// Deletes expired sessions (and login throttles with nothing left to remember) every ten
    /// minutes, so the tables hold only live ones.
    static func sessionCleanup(_ persistence: Persistence, timeouts: SessionTimeouts, logger: Logger) -> PeriodicTask {
        PeriodicTask(name: "session clean-up", interval: .seconds(600), logger: logger) {
            try await persistence.write { try await SessionRepository.purgeExpired(timeouts: timeouts, on: $0) }
            try await persistence.write { try await LoginThrottle.purgeStale(on: $0) }
        }
    }

    /// Tells holders of certificates about to expire, once, checked every hour.
    static func certificateReminders(_ services: AppServices) -> PeriodicTask {
        PeriodicTask(name: "certificate reminders", interval: .seconds(3600), logger: services.logger) {
            _ = try await CertificateService(services: services).sendReminders()
        }
    }
}
