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
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    public static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
