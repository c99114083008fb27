import Foundation
import LindringCore
import LindringStore
import Logging

extension AppConfig {
    /// Where the audit key is kept: `AUDIT_KEY_FILE`, or on SQLite `audit.key` beside the
    /// database file. PostgreSQL has no such place, so there the setting is required.
    public func auditKeyPath() throws -> String {
        if let auditKeyFile { return auditKeyFile }
        guard case .sqlite(let path) = database else {
            throw Invalid(description: "AUDIT_KEY_FILE must name the audit key's file when the database is PostgreSQL")
        }
        return URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("audit.key").path
    }

    /// The audit key, and the path of its file when it was created just now (a new installation,
    /// or the first start after the log was keyed; `openPersistence` refuses a new key for a log
    /// that is already sealed).
    func loadAuditKey() throws -> (key: AuditKey, createdAt: String?) {
        if let auditKey { return (auditKey, nil) }
        let path = try auditKeyPath()
        if FileManager.default.fileExists(atPath: path) { return (try Self.readAuditKey(path), nil) }
        let key = AuditKey.generate()
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: Data(key.fileContents.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw Invalid(description: "AUDIT_KEY_FILE \(path): cannot create the audit key's file")
        }
        return (key, path)
    }
}

/// Opens the database for `config` with its audit key, applies the migrations and seals the audit
/// entries written before the log had a key. The server and every command start here.
public func openPersistence(_ config: AppConfig, logger: Logger) async throws -> Persistence {
    let (key, created) = try config.loadAuditKey()
    let persistence: Persistence
    do {
        persistence = try await Persistence.open(
            location: config.database, auditKey: key, logger: logger,
            connectionsPerEventLoop: config.databaseConnectionsPerEventLoop, maxWriteGroup: config.maxWriteGroup,
            writerJobs: config.writerJobs)
    } catch {
        if let created { try? FileManager.default.removeItem(atPath: created) }
        throw error
    }
    do {
        try await persistence.migrate()
        if let created {
            if try await persistence.readEach { try await AuditLog.isSealed(on: $0) } {
                try? FileManager.default.removeItem(atPath: created)
                throw AppConfig.Invalid(
                    description: "AUDIT_KEY_FILE \(created) did not exist, but the audit log is sealed with a key: "
                        + "restore that key's file (a new key cannot verify the log)")
            }
            logger.notice("created the audit log's key; keep it apart from the database and its backups", metadata: ["path": .string(created)])
        }
        let sealed = try await persistence.sealUnsealedAuditEntries()
        if sealed > 0 {
            logger.notice("sealed the audit entries written before the log had a key", metadata: ["entries": .stringConvertible(sealed)])
        }
        return persistence
    } catch {
        await persistence.shutdown()
        throw error
    }
}

extension AppConfig {
    /// The key for checking what others signed (checkpoints): it must exist already.
    public func auditKeyForVerifying() throws -> AuditKey {
        if let auditKey { return auditKey }
        let path = try auditKeyPath()
        guard FileManager.default.fileExists(atPath: path) else { throw Invalid(description: "AUDIT_KEY_FILE \(path) does not exist") }
        return try Self.readAuditKey(path)
    }

    static func readAuditKey(_ path: String) throws -> AuditKey {
        do {
            return try AuditKey(fileContents: try String(contentsOfFile: path, encoding: .utf8))
        } catch {
            throw Invalid(description: "AUDIT_KEY_FILE \(path): \(error)")
        }
    }
}
