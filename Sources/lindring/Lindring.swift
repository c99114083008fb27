import ArgumentParser
import Foundation
import LindringCore
import LindringDemoData
import LindringStore
import LindringWeb
import Logging
import Metrics
import Prometheus

@main
struct Lindring: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lindring",
        abstract: "Lindring: the software of the region's palliative-care programme.",
        subcommands: [Serve.self, Migrate.self, CreateUser.self, ApiTokenCommand.self, Audit.self, DemoDataCommand.self, Backup.self]
    )
}

/// Configuration from the environment, with a clear message instead of a stack trace.
func loadConfig() throws -> AppConfig {
    do {
        return try AppConfig.fromEnvironment()
    } catch {
        throw ValidationError("\(error)")
    }
}

/// Opens the database and applies migrations, runs `body`, and closes the database.
func withPersistence<T>(_ config: AppConfig, _ body: (Persistence) async throws -> T) async throws -> T {
    var logger = Logger(label: "lindring")
    logger.logLevel = config.logLevel
    let persistence = try await openPersistence(config, logger: logger)
    do {
        let result = try await body(persistence)
        await persistence.shutdown()
        return result
    } catch {
        await persistence.shutdown()
        throw error
    }
}

/// Prints and flushes at once: stdout is fully buffered when piped, and whoever reads the
/// server's output (a person, a test) needs these lines while it runs.
func say(_ line: String) {
    print(line)
    fflush(nil)
}

func printDemoUsers(_ users: [(String, String, Role)]) {
    guard !users.isEmpty else {
        say("Demo data was loaded before; its passwords were shown then. Use `lindring create-user` for more accounts.")
        return
    }
    say("Demo users (the passwords are shown only this once):")
    for (username, password, role) in users {
        say(
            "  " + username.padding(toLength: 18, withPad: " ", startingAt: 0) + " "
                + password.padding(toLength: 22, withPad: " ", startingAt: 0) + " " + role.rawValue)
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the web server (migrates the database first).")

    @Option(help: "The address to listen on.") var hostname = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080
    @Flag(help: "Load synthetic demo users once and print how to log in.") var demo = false

    func run() async throws {
        var config = try loadConfig()
        config.hostname = hostname
        config.port = port
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        if demo {
            let created = try await withPersistence(config) { persistence in
                let hasher = PasswordHasher(cost: config.bcryptCost)
                defer { Task { try? await hasher.shutdown() } }
                return try await DemoData.load(persistence: persistence, hasher: hasher)
            }
            printDemoUsers(created)
        }
        let app = try await buildApplication(config, metrics: registry)
        say("Lindring listening on http://\(hostname):\(port) (database \(config.database))")
        if demo {
            say(
                "The audit log is sealed with the key in \(try config.auditKeyPath()); `lindring audit verify` needs it. Keep it apart from the database's backups."
            )
            say("Open http://\(hostname):\(port) and sign in with one of the demo users above.")
        }
        try await app.runService()
        say("Lindring stopped.")
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply every pending database migration.")

    func run() async throws {
        let config = try loadConfig()
        let applied = try await withPersistence(config) { try await $0.appliedMigrations() }
        print("Database \(config.database) is up to date: \(applied.count) migrations applied.")
    }
}

struct CreateUser: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create-user", abstract: "Create a user; the password is read from standard input.")

    @Option var username: String
    @Option var name: String
    @Option(help: "A role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")). Repeat for several.") var role: [String]
    @Option(help: "The code of the user's unit.") var unit: String?
    @Option(help: "One of: \(Profession.allCases.map(\.rawValue).joined(separator: ", ")).") var profession = "other"
    @Flag(help: "Read the password from standard input (required: passwords never go on the command line).") var passwordStdin = false

    func run() async throws {
        guard passwordStdin else { throw ValidationError("Pass --password-stdin and write the password to standard input.") }
        guard let password = readLine(strippingNewline: true) else { throw ValidationError("No password on standard input.") }
        let config = try loadConfig()
        let draft = UserDraft(username: username, name: name, profession: profession, unitCode: unit, roles: role)
        do {
            let user = try await withPersistence(config) { persistence in
                let hasher = PasswordHasher(cost: config.bcryptCost)
                defer { Task { try? await hasher.shutdown() } }
                return try await Accounts.create(draft, password: password, persistence: persistence, hasher: hasher) { user in
                    Accounts.commandLineRecord("user.create", entityType: "user", entityId: user.id.uuidString)
                }
            }
            print("Created user \(user.username) with roles \(user.roles.map(\.rawValue).joined(separator: ", ")).")
        } catch let failure as ValidationFailure {
            throw ValidationError(failure.errors.map { "\($0.field): \($0.code.rawValue)" }.joined(separator: "; "))
        }
    }
}

struct ApiTokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api-token", abstract: "Issue an API token for a user; printed once, as the last line.")

    @Option var username: String
    @Option(help: "What the token is for.") var label = "issued on the command line"

    func run() async throws {
        let config = try loadConfig()
        let token = try await withPersistence(config) { persistence -> String in
            guard let user = try await persistence.readEach({ try await UserRepository.find(username: username, on: $0) }), user.active else {
                throw ValidationError("No active user named \(username).")
            }
            return try await persistence.write { tx in
                let issued = try await ApiTokenRepository.issue(userId: user.id, label: label, on: tx)
                try await AuditLog.append(
                    Accounts.commandLineRecord("apiToken.issue", entityType: "apiToken", entityId: issued.id.uuidString), on: tx)
                return issued.token
            }
        }
        print("API token for \(username) (store it safely; it is not shown again):")
        print(token)
    }
}

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Audit-log tools.", subcommands: [Verify.self, Checkpoint.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit log's hash chain and its seals; exits 1 and names the first bad entry.",
            discussion: "With --checkpoint, also prove that the log still holds every entry the file's signed checkpoints name, unchanged.")

        @Option(help: "A file of checkpoints written by `lindring audit checkpoint`.") var checkpoint: String?

        func run() async throws {
            let config = try loadConfig()
            let checkpoints = try checkpoint.map { try readCheckpoints($0, key: try config.auditKeyForVerifying()) } ?? []
            let report = try await withPersistence(config) { persistence in
                try await persistence.readEach { try await AuditLog.verify(on: $0, key: persistence.auditKey, checkpoints: checkpoints) }
            }
            if let problem = report.problem {
                print("AUDIT LOG BROKEN: \(problem)")
                throw ExitCode(1)
            }
            let anchored = checkpoints.map(\.sequence).max().map { "; the newest checkpoint (entry \($0)) is in it" } ?? ""
            print("Audit log intact: \(report.checked) entries verified, every one sealed with the audit key\(anchored).")
        }

        /// Checkpoint lines, each with a valid signature; blank lines are skipped.
        func readCheckpoints(_ path: String, key: AuditKey) throws -> [AuditCheckpoint] {
            let text: String
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw ValidationError("cannot read \(path): \(error.localizedDescription)")
            }
            var checkpoints: [AuditCheckpoint] = []
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                do {
                    checkpoints.append(try AuditCheckpoint(line: line.trimmingCharacters(in: .whitespaces), key: key))
                } catch {
                    print("AUDIT CHECKPOINT REFUSED: \(path) line \(number + 1): \(error)")
                    throw ExitCode(1)
                }
            }
            return checkpoints
        }
    }

    struct Checkpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the audit log's head, signed, for the auditors' own records.",
            discussion: "One line: sequence number, hash, time and signature. Keep the lines outside Lindring's database and its machine; "
                + "`lindring audit verify --checkpoint FILE` proves the log still contains them.")

        @Option(help: "Append the line to this file (created if missing) instead of printing it.") var appendTo: String?

        func run() async throws {
            let config = try loadConfig()
            let line = try await withPersistence(config) { persistence in
                try await persistence.readEach { try await AuditLog.checkpoint(on: $0) }.line(signedWith: persistence.auditKey)
            }
            guard let appendTo else {
                print(line)
                return
            }
            if !FileManager.default.fileExists(atPath: appendTo) {
                guard FileManager.default.createFile(atPath: appendTo, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                    throw ValidationError("cannot create \(appendTo)")
                }
            }
            guard let file = FileHandle(forWritingAtPath: appendTo) else { throw ValidationError("cannot write to \(appendTo)") }
            defer { try? file.close() }
            try file.seekToEnd()
            try file.write(contentsOf: Data((line + "\n").utf8))
            print("Checkpoint appended to \(appendTo).")
        }
    }
}

struct DemoDataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-data",
        abstract: "Load synthetic demo users for every role, synthetic patients and a year of advisory-line contacts (once).")

    enum Scale: String, ExpressibleByArgument, CaseIterable {
        case demo, region
    }

    @Option(help: "How many synthetic patients to create (region scale: 100000).") var patients = 200
    @Option(help: "How many days of synthetic advisory-line contacts to create, ending today (0 for none).") var contactDays = 365
    @Option(help: "About how many contacts a day (1,000,000 over five years: 548).") var contactsPerDay = 18
    @Option(
        help:
            "region: after the demo, a region's five years (100,000 patients, 20,000 plans, 1,000,000 contacts, 2,000,000 assessments, 5,000 users, 350 PABU families, a staff register of 45,000 with their completions, their audit entries)."
    )
    var scale: Scale = .demo
    @Option(help: "With --scale region: the share of the region's volume to load (0.01 for a quick one).") var fraction = 1.0

    func validate() throws {
        guard fraction > 0, fraction <= 10 else { throw ValidationError("--fraction must be above 0 and at most 10.") }
        if fraction != 1, scale != .region { throw ValidationError("--fraction applies to --scale region only.") }
    }

    func run() async throws {
        let config = try loadConfig()
        let started = Date()
        let created = try await withPersistence(config) { persistence in
            let hasher = PasswordHasher(cost: config.bcryptCost)
            defer { Task { try? await hasher.shutdown() } }
            // At region scale the contacts come from the region's generator; the demo keeps its users, patients and rota.
            let created = try await DemoData.load(
                persistence: persistence, hasher: hasher, patients: patients,
                contactDays: scale == .region ? 1 : contactDays, contactsPerDay: contactsPerDay)
            if scale == .region {
                let volume = RegionScale.Volume.region.scaled(by: fraction)
                let bar = ProgressBar()
                try await RegionScale.load(persistence: persistence, hasher: hasher, volume: volume, progress: bar.update)
            }
            return created
        }
        printDemoUsers(created)
        if scale == .region { say(String(format: "Region-scale data (fraction %g) loaded in %.1f s.", fraction, Date().timeIntervalSince(started))) }
    }
}

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a consistent copy of the SQLite database while Lindring runs.")

    @Option(help: "The file to write; it must not exist.") var to: String

    func run() async throws {
        let config = try loadConfig()
        guard config.database.isSQLite else {
            throw ValidationError("Lindring runs on PostgreSQL here: back it up with pg_dump (and its WAL archiving for point-in-time recovery).")
        }
        guard !FileManager.default.fileExists(atPath: to) else { throw ValidationError("\(to) exists; refusing to overwrite it.") }
        try await withPersistence(config) { try await $0.backup(to: to) }
        print("Backup written to \(to).")
    }
}
