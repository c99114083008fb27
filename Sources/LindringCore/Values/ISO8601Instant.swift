import Foundation

/// ISO 8601 instants as the API exchanges them: with an offset or `Z`, seconds required,
/// fractional seconds optional.
///
/// Read by hand rather than by `ISO8601DateFormatter`, which is lenient where an instant
/// about a patient must not be (issue 17): it took year 0001, `-0001` (as year 2), 30 February
/// (as 2 March) and the offset `+99:00`. Here every field must exist as written: a year in
/// `years`, a day that the month has, a time of day up to 23:59:59, and an offset within
/// ±18:00 (the widest RFC 3339 and `java.time` allow) with minutes under 60.
public enum ISO8601Instant {
    /// The years an instant may name: none of Lindring's records predate 1900.
    public static let years = 1900...9999
    /// The widest offset from UTC, in seconds.
    public static let maxOffset = 18 * 3600

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

    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM|±HHMM)`, every field in its range.
    static func strict(_ text: String) -> Date? {
        var reader = Reader(bytes: Array(text.utf8))
        guard let year = reader.number(4), reader.skip("-"), let month = reader.number(2), reader.skip("-"), let day = reader.number(2),
            reader.skip("T"), let hour = reader.number(2), reader.skip(":"), let minute = reader.number(2), reader.skip(":"),
            let second = reader.number(2)
        else { return nil }
        guard years.contains(year), (1...12).contains(month), (1...LocalDate.days(in: month, of: year)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        var fraction = 0.0
        if reader.skip(".") {
            guard let digits = reader.digits(upTo: 9) else { return nil }
            fraction = Double(digits.value) / pow(10, Double(digits.count))
        }
        guard let offset = reader.offset(), reader.atEnd else { return nil }
        let seconds = daysSinceEpoch(year: year, month: month, day: day) * 86400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Days from 1970-01-01 to a day of the proleptic Gregorian calendar (Howard Hinnant's
    /// `days_from_civil`).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    /// Reads an instant's fields from left to right.
    struct Reader {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index == bytes.count }

        mutating func skip(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }

        /// Exactly `count` ASCII digits.
        mutating func number(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += count
            return value
        }

        /// One to `limit` ASCII digits.
        mutating func digits(upTo limit: Int) -> (value: Int, count: Int)? {
            var count = 0
            while index + count < bytes.count, count < limit, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index + count]) { count += 1 }
            guard count > 0 else { return nil }
            return number(count).map { ($0, count) }
        }

        /// `Z`, `±HH:MM` or `±HHMM`, as seconds east of UTC.
        mutating func offset() -> Int? {
            if skip("Z") { return 0 }
            let sign: Int
            if skip("+") { sign = 1 } else if skip("-") { sign = -1 } else { return nil }
            guard let hours = number(2) else { return nil }
            _ = skip(":")
            guard let minutes = number(2), minutes < 60 else { return nil }
            let seconds = hours * 3600 + minutes * 60
            return seconds <= ISO8601Instant.maxOffset ? sign * seconds : nil
        }
    }

    public static func format(_ date: Date) -> String {
        lock.withLock { withFraction.string(from: date) }
    }

    // A new formatter for every call made up a tenth of the CPU time of saving a contact
    // (issue 6's profile). Foundation does not promise that a formatter may be used from
    // several threads at once on Linux, so it is used under a lock.
    private static let lock = NSLock()
    nonisolated(unsafe) private static let withFraction: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()
}
