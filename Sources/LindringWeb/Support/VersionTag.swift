import Foundation

/// A record's version as an HTTP entity tag (`"v3"`): a GET answers it, a change sends it back
/// in `If-Match`, and a stale one is refused (412), so two people cannot overwrite each other.
enum VersionTag {
    static func etag(_ version: Int) -> String { "\"v\(version)\"" }

    /// An optional `If-Match`: nil without one (save on top of whatever is current), its version
    /// with one, 412 for a tag that names no version.
    static func optionalBase(ifMatch: String?) throws -> Int? {
        try ifMatch.map { tag in
            guard let version = version(fromETag: tag) else { throw AppError.preconditionFailed }
            return version
        }
    }

    /// A required `If-Match`: 428 without one, nil for `*` (RFC 9110: whatever version is
    /// current), its version otherwise, 412 for a tag that names no version.
    static func requiredBase(ifMatch: String?) throws -> Int? {
        guard let ifMatch, !ifMatch.isEmpty else { throw AppError.preconditionRequired }
        if ifMatch == "*" { return nil }
        guard let version = version(fromETag: ifMatch) else { throw AppError.preconditionFailed }
        return version
    }

    static func version(fromETag etag: String) -> Int? {
        let trimmed = etag.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "W/", with: "")
        guard trimmed.hasPrefix("\"v"), trimmed.hasSuffix("\"") else { return nil }
        return Int(trimmed.dropFirst(2).dropLast())
    }
}
