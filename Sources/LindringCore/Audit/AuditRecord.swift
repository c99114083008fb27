import Crypto
import Foundation

public enum AuditOutcome: String, Codable, Sendable, CaseIterable {
    case allowed
    case denied
}

/// What the audit log records for each event. Actions are dotted names such as
/// `auth.login`, `unit.update` or (later) `patient.read`.
public struct AuditRecord: Equatable, Sendable {
    public var at: Date
    public var userId: UUID?
    public var username: String?
    public var role: String?
    public var action: String
    public var entityType: String?
    public var entityId: String?
    public var patientId: UUID?
    public var purpose: String?
    public var outcome: AuditOutcome
    public var ip: String?
    public var userAgent: String?

    public init(
        at: Date = Date(), userId: UUID? = nil, username: String? = nil, role: String? = nil, action: String,
        entityType: String? = nil, entityId: String? = nil, patientId: UUID? = nil, purpose: String? = nil,
        outcome: AuditOutcome = .allowed, ip: String? = nil, userAgent: String? = nil
    ) {
        self.at = AuditRecord.truncatedToMilliseconds(at)
        self.userId = userId
        self.username = username
        self.role = role
        self.action = action
        self.entityType = entityType
        self.entityId = entityId
        self.patientId = patientId
        self.purpose = purpose
        self.outcome = outcome
        self.ip = ip
        self.userAgent = userAgent.map { String($0.prefix(512)) }
    }

    /// Databases keep timestamps at different precisions; the chain is computed over whole
    /// milliseconds so that every database gives back exactly what was hashed. Rounded to
    /// the nearest, so that applying it again to a value read back changes nothing.
    public static func truncatedToMilliseconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }

    public var atMilliseconds: Int64 {
        Self.milliseconds(at)
    }

    /// Whole milliseconds since 1970, as the chain hashes times.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// An unambiguous serialisation: every field is length-prefixed, so no choice of
    /// values in one field can imitate another field.
    func canonical(sequence: Int64) -> String {
        let fields: [String?] = [
            String(sequence), String(atMilliseconds), userId?.uuidString, username, role, action,
            entityType, entityId, patientId?.uuidString, purpose, outcome.rawValue, ip, userAgent,
        ]
        var canonical = ""
        canonical.reserveCapacity(256)
        for field in fields {
            guard let field else {
                canonical += "-;"
                continue
            }
            canonical += String(field.utf8.count)
            canonical += ":"
            canonical += field
            canonical += ";"
        }
        return canonical
    }
}

/// The hash chain that makes the audit log tamper-evident: each entry's hash covers its
/// own content and the previous entry's hash, so altering or removing any entry breaks
/// every hash after it.
public enum AuditChain {
    /// The "previous hash" of the very first entry.
    public static let genesis = String(repeating: "0", count: 64)

    public static func hash(_ record: AuditRecord, sequence: Int64, previousHash: String) -> String {
        let input = previousHash + "|" + record.canonical(sequence: sequence)
        return Hex.encode(SHA256.hash(data: Data(input.utf8)))
    }

    /// A stored entry as read back for verification.
    public struct StoredEntry: Sendable {
        public var sequence: Int64
        public var record: AuditRecord
        public var previousHash: String
        public var hash: String
        /// The entry's seal (`AuditKey.seal`); nil for an entry written before the log was keyed
        /// and not yet sealed.
        public var seal: String?

        public init(sequence: Int64, record: AuditRecord, previousHash: String, hash: String, seal: String? = nil) {
            self.sequence = sequence
            self.record = record
            self.previousHash = previousHash
            self.hash = hash
            self.seal = seal
        }
    }

    public enum Problem: Equatable, Sendable, CustomStringConvertible {
        /// The entry's content no longer matches its hash: it was altered.
        case contentAltered(sequence: Int64)
        /// The entry does not point at the hash of the entry before it.
        case brokenLink(sequence: Int64)
        /// Entries are missing before this one: they were removed.
        case missingEntries(before: Int64, expected: Int64)
        /// The newest entries were removed: the chain head says more exist.
        case truncated(lastSeen: Int64, expected: Int64)
        /// The entry carries no seal, or one the key did not make: the entry (or the chain up
        /// to it) was written again by someone without the key.
        case sealBroken(sequence: Int64)
        /// The chain head's seal does not match: the head was moved (newest entries removed).
        case headSealBroken(sequence: Int64)
        /// A checkpoint names an entry that is no longer in the log, or differs from it.
        case checkpointMissing(sequence: Int64, lastSeen: Int64)
        case checkpointDiffers(sequence: Int64)

        public var description: String {
            switch self {
            case .sealBroken(let s): "entry \(s): its seal is missing or was not made with the audit key (rewritten)"
            case .headSealBroken(let s): "chain head at entry \(s): its seal does not match (the newest entries were removed)"
            case .checkpointMissing(let s, let last):
                "entry \(s), named by a checkpoint, is missing: the log ends at \(last) (removed or restored from an older copy)"
            case .checkpointDiffers(let s): "entry \(s) differs from what its checkpoint recorded (rewritten)"
            case .contentAltered(let s): "entry \(s): content does not match its hash (altered)"
            case .brokenLink(let s): "entry \(s): previous-hash link broken (an earlier entry was altered or replaced)"
            case .missingEntries(let before, let expected): "entry \(expected): missing (removed); next present entry is \(before)"
            case .truncated(let last, let expected): "entry \(last + 1): missing (removed); the chain head records \(expected) entries"
            }
        }
    }

    /// Verifies entries given in sequence order. Returns the first problem, or nil if the chain holds.
    /// `headSequence` is the last sequence number the chain head recorded, which reveals
    /// removal of the newest entries.
    public struct Verifier: Sendable {
        private var expectedSequence: Int64 = 1
        private var previousHash = AuditChain.genesis
        public private(set) var firstProblem: Problem?
        public private(set) var checked: Int64 = 0
        /// With a key, every entry and the head must carry a valid seal.
        private let key: AuditKey?
        /// Entries named by checkpoints, by sequence number, with their recorded hash.
        private var checkpoints: [Int64: String]

        public init(key: AuditKey? = nil, checkpoints: [AuditCheckpoint] = []) {
            self.key = key
            self.checkpoints = Dictionary(checkpoints.map { ($0.sequence, $0.hash) }, uniquingKeysWith: { first, _ in first })
        }

        public mutating func feed(_ entry: StoredEntry) {
            guard firstProblem == nil else { return }
            if entry.sequence != expectedSequence {
                firstProblem = .missingEntries(before: entry.sequence, expected: expectedSequence)
                return
            }
            if AuditChain.hash(entry.record, sequence: entry.sequence, previousHash: entry.previousHash) != entry.hash {
                firstProblem = .contentAltered(sequence: entry.sequence)
                return
            }
            if entry.previousHash != previousHash {
                firstProblem = .brokenLink(sequence: entry.sequence)
                return
            }
            if let key, !key.isValidSeal(entry.seal, sequence: entry.sequence, hash: entry.hash) {
                firstProblem = .sealBroken(sequence: entry.sequence)
                return
            }
            if let recorded = checkpoints.removeValue(forKey: entry.sequence), recorded != entry.hash {
                firstProblem = .checkpointDiffers(sequence: entry.sequence)
                return
            }
            previousHash = entry.hash
            expectedSequence += 1
            checked += 1
        }

        public mutating func finish(headSequence: Int64, headHash: String, headSeal: String? = nil) -> Problem? {
            if firstProblem == nil {
                if headSequence != expectedSequence - 1 {
                    firstProblem = .truncated(lastSeen: expectedSequence - 1, expected: headSequence)
                } else if headHash != previousHash {
                    firstProblem = .contentAltered(sequence: headSequence)
                } else if let key, headSequence > 0, !key.isValidHeadSeal(headSeal, sequence: headSequence, hash: headHash) {
                    firstProblem = .headSealBroken(sequence: headSequence)
                } else if let missing = checkpoints.keys.filter({ $0 > 0 }).min() {
                    firstProblem = .checkpointMissing(sequence: missing, lastSeen: expectedSequence - 1)
                }
            }
            return firstProblem
        }
    }
}
