import Foundation

/// ISO 8601 instants as the API exchanges them: with an offset or `Z`, seconds required,
/// fractional seconds optional.
public enum ISO8601Instant {
    public static func parse(_ text: String) -> Date? {
        strict(text) ?? strict(normalised(text))
    }

    /// RFC 3339's variants and ISO 8601's reduced precision: lower-case `t`/`z`, a space for
    /// `T`, and no seconds (`2026-12-24T10:00+01:00`).
    static func normalised(_ text: String) -> String {
        var chars = Array(text.uppercased())
        if chars.count > 10, chars[10] == " " { chars[10] = "T" }
        // HH:MM followed directly by the zone: add :00 seconds.
        if chars.count >= 17, chars[10] == "T", chars[13] == ":", chars.count == 16 || ["Z", "+", "-"].contains(chars[16]) {
            chars.insert(contentsOf: [":", "0", "0"], at: 16)
        }
        return String(chars)
    }

    static func strict(_ text: String) -> Date? {
        lock.withLock { withFraction.date(from: text) ?? withoutFraction.date(from: text) }
    }

    public static func format(_ date: Date) -> String {
        lock.withLock { withFraction.string(from: date) }
    }

    // A new formatter for every call made up a tenth of the CPU time of saving a contact
    // (issue 6's profile). Foundation does not promise that a formatter may be used from
    // several threads at once on Linux, so these two are used under a lock.
    private static let lock = NSLock()
    nonisolated(unsafe) private static let withFraction = formatter([.withInternetDateTime, .withFractionalSeconds])
    nonisolated(unsafe) private static let withoutFraction = formatter([.withInternetDateTime])

    private static func formatter(_ options: ISO8601DateFormatter.Options) -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = options
        return formatter
    }
}
