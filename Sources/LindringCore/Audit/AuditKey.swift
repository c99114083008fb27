import Crypto
import Foundation

/// The secret that seals the audit log (issue 17, item 7). SHA-256 alone makes the chain
/// tamper-evident only against someone who cannot recompute it; anyone with write access to
/// the database could delete a trail and hash the rest again. Each entry therefore also carries
/// an HMAC-SHA256 over its sequence number and chain hash, made with a key that is kept in a file
/// outside the database (`AUDIT_KEY_FILE`), and so does the chain head. Without the key no entry
/// can be changed, renumbered or removed, and the head cannot be moved back, without
/// `audit verify` noticing. Restoring an old copy of the whole database is caught by the signed
/// checkpoints the auditors keep outside it (`AuditCheckpoint`).
public struct AuditKey: Sendable, Equatable {
    let key: SymmetricKey

    public static func == (lhs: AuditKey, rhs: AuditKey) -> Bool {
        lhs.key.withUnsafeBytes { Data($0) } == rhs.key.withUnsafeBytes { Data($0) }
    }

    public init(bytes: Data) throws {
        guard bytes.count >= 32 else { throw Invalid(description: "an audit key needs at least 32 bytes, this one has \(bytes.count)") }
        key = SymmetricKey(data: bytes)
    }

    /// A new random key (256 bits from the system's CSPRNG).
    public static func generate() -> AuditKey {
        AuditKey(key: SymmetricKey(size: .bits256))
    }

    init(key: SymmetricKey) {
        self.key = key
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// The seal of one entry: its place in the log and its chain hash (which covers its content
    /// and the entry before it).
    public func seal(sequence: Int64, hash: String) -> String {
        mac(Self.entryText(sequence, hash))
    }

    public func isValidSeal(_ seal: String?, sequence: Int64, hash: String) -> Bool {
        seal.map { isValid($0, for: Self.entryText(sequence, hash)) } ?? false
    }

    static func entryText(_ sequence: Int64, _ hash: String) -> String { "entry|\(sequence)|\(hash)" }
    static func headText(_ sequence: Int64, _ hash: String) -> String { "head|\(sequence)|\(hash)" }

    /// The seal of the chain head: the newest entry's sequence number and hash. Told apart from
    /// an entry's seal, so that an entry's seal cannot serve as the head's after the newest
    /// entries were removed.
    public func headSeal(sequence: Int64, hash: String) -> String {
        mac(Self.headText(sequence, hash))
    }

    public func isValidHeadSeal(_ seal: String?, sequence: Int64, hash: String) -> Bool {
        seal.map { isValid($0, for: Self.headText(sequence, hash)) } ?? false
    }

    func mac(_ text: String) -> String {
        Hex.encode(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key))
    }

    func isValid(_ seal: String, for text: String) -> Bool {
        RandomToken.constantTimeEquals(seal, mac(text))
    }

    // MARK: the key file

    static let fileHeader = "lindring-audit-key-v1"

    /// The key file's text: a header line and the key in base64. Lindring writes it with mode 0600.
    public var fileContents: String {
        Self.fileHeader + "\n" + key.withUnsafeBytes { Data($0) }.base64EncodedString() + "\n"
    }

    public init(fileContents: String) throws {
        let lines = fileContents.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard lines.count == 2, lines[0] == Self.fileHeader, let bytes = Data(base64Encoded: lines[1]) else {
            throw Invalid(description: "not a Lindring audit key file (expected '\(Self.fileHeader)' and a base64 key)")
        }
        try self.init(bytes: bytes)
    }
}

/// A signed statement of the audit log's head at a moment, for the auditors' own system:
/// `lindring audit checkpoint` writes one line, `lindring audit verify --checkpoint FILE`
/// proves the log still contains every entry a checkpoint names, unchanged.
public struct AuditCheckpoint: Equatable, Sendable {
    public var sequence: Int64
    public var hash: String
    public var at: Date

    public init(sequence: Int64, hash: String, at: Date) {
        self.sequence = sequence
        self.hash = hash
        self.at = AuditRecord.truncatedToMilliseconds(at)
    }

    static let prefix = "lindring-audit-checkpoint-v1"

    var signedText: String { "checkpoint|\(sequence)|\(hash)|\(AuditRecord.milliseconds(at))" }

    /// One line: `lindring-audit-checkpoint-v1 <sequence> <hash> <time, ISO 8601> <signature>`.
    public func line(signedWith key: AuditKey) -> String {
        "\(Self.prefix) \(sequence) \(hash) \(ISO8601Instant.format(at)) \(key.mac(signedText))"
    }

    public struct Invalid: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    /// Reads a line and checks its signature.
    public init(line: String, key: AuditKey) throws {
        let parts = line.split(separator: " ").map(String.init)
        guard parts.count == 5, parts[0] == Self.prefix, let sequence = Int64(parts[1]), sequence >= 0,
            parts[2].count == 64, let at = ISO8601Instant.parse(parts[3])
        else {
            throw Invalid(description: "not a Lindring audit checkpoint line")
        }
        self.init(sequence: sequence, hash: parts[2], at: at)
        guard key.isValid(parts[4], for: signedText) else {
            throw Invalid(description: "checkpoint \(sequence): the signature does not match (altered, or made with another key)")
        }
    }
}
