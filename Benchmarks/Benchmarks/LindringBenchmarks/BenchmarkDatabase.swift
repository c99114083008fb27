import Foundation
import LindringCore
import LindringDemoData
import LindringStore
import LindringWeb
import Logging

/// An open database and the facts the store benchmarks need from it, looked up in a
/// benchmark's setup so that none of it is measured.
struct BenchmarkStore: Sendable {
    let persistence: Persistence
    /// The demo clinician's unit (RH-PAL): the patient pages are measured as she sees them.
    let requester: PatientRequester
    /// Stands for the signed-in clinician in the break-the-glass look-up and the audit entries.
    let userId = UUID()
    /// Patients that unit registered, in random order: each iteration opens the next, so the
    /// reads are spread over the table instead of hitting one cached row.
    let patientIds: [UUID]
    /// Those patients' CPR numbers (ten digits), to search for.
    let cprs: [String]
    /// The last day with advisory contacts: the statistics cover the year that ends on it.
    let lastContactDay: LocalDate
}

/// The benchmarks' synthetic databases are sealed with a fixed key: nothing there is real, and
/// a database made once is reused by later runs.
let benchmarkAuditKey = try! AuditKey(bytes: Data(repeating: 0x42, count: 32))

enum BenchmarkDatabase {
    /// Names a region-scale SQLite database to run against instead of the built-in fixture.
    static let environmentVariable = "LINDRING_BENCH_DATABASE"

    /// The built-in fixture: 2,000 patients with plans, a year of advisory contacts at the demo
    /// line's ~18 a day, the demo screening data. Bump `fixtureVersion` when the recipe changes,
    /// so that a fixture cached by an earlier recipe is not reused.
    static let fixturePatients = 2_000
    static let fixtureContactDays = 365
    static let fixtureContactsPerDay = 18
    static let fixtureVersion = 1

    /// Opens the database for one benchmark. ordo-one/benchmark runs each benchmark in a process
    /// of its own, so this happens once per benchmark; the fixture is therefore built once and
    /// cached on disk (under the temporary directory) rather than rebuilt in every process.
    static func open() async throws -> BenchmarkStore {
        let persistence = try await Persistence.open(location: .sqlite(path: try await databasePath()), auditKey: benchmarkAuditKey, logger: logger)
        Opened.shared.set(persistence)
        // `open` applied the connection settings the server uses (WAL, synchronous=FULL, busy
        // timeout), which decide what a write costs; any migration still pending is applied too, as `serve` would.
        try await persistence.migrate()
        // Through the store's repositories, as the server reads: no raw handle leaves LindringStore.
        guard let unit = try await persistence.readEach({ try await UnitRepository.find(code: "RH-PAL", on: $0) }) else {
            throw SetupFailure("the database has no unit RH-PAL (the seeded Capital Region units)")
        }
        let patients = try await persistence.readEach { try await PatientRepository.unitPatients(unit.id, after: nil, limit: 1000, on: $0) }
        guard !patients.isEmpty else { throw SetupFailure("no patient registered by RH-PAL: load demo data (lindring demo-data) first") }
        let newest = try await persistence.readEach {
            try await ContactRepository.list(from: LocalDate("2000-01-01")!, to: LocalDate("2200-01-01")!, limit: 1, on: $0)
        }
        return BenchmarkStore(
            persistence: persistence,
            requester: PatientRequester(roles: [.clinician], unitId: unit.id),
            patientIds: patients.map(\.id).shuffled(),
            cprs: patients.map(\.cpr.digits).shuffled(),
            lastContactDay: LocalDate(newest.first?.startedAt ?? Date(), in: DanishCalendar.timeZone))
    }

    /// Closes what `open` opened (a benchmark's teardown).
    static func close() async {
        await Opened.shared.take()?.shutdown()
    }

    static var logger: Logger {
        var logger = Logger(label: "lindring.benchmarks")
        // The child process's output shares the terminal with the results table.
        logger.logLevel = .warning
        return logger
    }

    /// The database named by LINDRING_BENCH_DATABASE, or the cached fixture (built on first use).
    static func databasePath() async throws -> String {
        if let named = ProcessInfo.processInfo.environment[environmentVariable], !named.isEmpty {
            // A typo must not silently fall back to the small fixture and pass for region-scale numbers.
            guard FileManager.default.fileExists(atPath: named) else {
                throw SetupFailure("\(environmentVariable)=\(named): no such file")
            }
            return named
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lindring-benchmarks")
        let path = directory.appendingPathComponent(
            "fixture-v\(fixtureVersion)-\(fixturePatients)p-\(fixtureContactDays)d-\(fixtureContactsPerDay)pd.sqlite"
        ).path
        if FileManager.default.fileExists(atPath: path) { return path }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try await buildFixture(at: path)
        return path
    }

    /// Fills a new database through the app's own demo-data loader (public repositories, the
    /// same data `lindring demo-data` makes), then copies it into place in one step, so that a
    /// run interrupted half-way leaves no half-filled fixture behind to be reused.
    static func buildFixture(at path: String) async throws {
        let scratch = path + ".building-\(ProcessInfo.processInfo.processIdentifier)"
        let staged = scratch + ".copy"
        defer {
            for file in [scratch, scratch + "-wal", scratch + "-shm", staged] { try? FileManager.default.removeItem(atPath: file) }
        }
        let started = Date()
        let persistence = try await Persistence.open(location: .sqlite(path: scratch), auditKey: benchmarkAuditKey, logger: logger)
        do {
            try await persistence.migrate()
            // Bcrypt cost 4, the minimum: the demo users' password hashes are not what is measured.
            let hasher = PasswordHasher(cost: 4)
            _ = try await DemoData.load(
                persistence: persistence, hasher: hasher, patients: fixturePatients,
                contactDays: fixtureContactDays, contactsPerDay: fixtureContactsPerDay)
            try await hasher.shutdown()
            // VACUUM INTO writes one self-contained file (no WAL beside it) from a consistent snapshot.
            try await persistence.backup(to: staged)
        } catch {
            await persistence.shutdown()
            throw error
        }
        await persistence.shutdown()
        try FileManager.default.moveItem(atPath: staged, toPath: path)
        FileHandle.standardError.write(Data("Built the benchmark fixture \(path) in \(Int(Date().timeIntervalSince(started))) s\n".utf8))
    }

    struct SetupFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// The persistence the running benchmark opened; the teardown hook has no access to the
    /// setup's result, so it finds it here.
    final class Opened: @unchecked Sendable {
        static let shared = Opened()
        private let lock = NSLock()
        private var persistence: Persistence?

        func set(_ persistence: Persistence) { lock.withLock { self.persistence = persistence } }
        func take() -> Persistence? {
            lock.withLock {
                defer { persistence = nil }
                return persistence
            }
        }
    }
}
