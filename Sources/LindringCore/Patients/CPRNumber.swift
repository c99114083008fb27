import Foundation

/// A Danish civil registration number (CPR-nummer).
///
/// Only the format and the birth date are checked. The modulus-11 check is deliberately left
/// out: numbers issued since 2007 need not satisfy it. Whether a birth date lies in the
/// future is a question for the caller, who knows what "now" is.
///
/// `description` is the masked form, so string interpolation into a log line or an error
/// message cannot leak the serial digits; use `digits` or `formatted` where the full number
/// is really meant.
public struct CPRNumber: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Exactly 10 ASCII digits, without the hyphen.
    public let digits: String

    public enum Invalid: Error, Equatable, Sendable {
        /// Not 10 digits, optionally with a single hyphen after the sixth.
        case format
        /// The first six digits are not a real date in the century the seventh digit selects.
        case date
    }

    /// Whether the text has a CPR number's shape (ten digits, with hyphens or spaces at most),
    /// valid or not: such text stays out of addresses, where proxies and browser history keep it.
    public static func hasShape(_ text: String) -> Bool {
        var digits = 0
        for character in text.unicodeScalars {
            if ("0"..."9").contains(character) { digits += 1 } else if character != "-" && character != " " { return false }
        }
        return digits == 10
    }

    /// Accepts `DDMMYYSSSS` or `DDMMYY-SSSS`; surrounding whitespace is ignored.
    public init(_ text: String) throws(Invalid) {
        let bytes = Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        let digitBytes: [UInt8]
        switch bytes.count {
        case 10:
            digitBytes = bytes
        case 11 where bytes[6] == UInt8(ascii: "-"):
            digitBytes = Array(bytes[..<6] + bytes[7...])
        default:
            throw .format
        }
        // Checking bytes rather than Character.isNumber keeps out other scripts' digits
        // (Arabic-Indic, full-width), which Int(_:) would not read anyway.
        guard digitBytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw .format
        }
        let values = digitBytes.map { Int($0 - UInt8(ascii: "0")) }
        guard let parts = Self.birthParts(values) else { throw .date }
        guard Self.isRealDate(year: parts.year, month: parts.month, day: parts.day) else { throw .date }
        self.digits = String(decoding: digitBytes, as: UTF8.self)
    }

    /// The birth date with the full year from the century rule, in the Gregorian calendar.
    /// No time zone: a birth date is a calendar day, not an instant.
    public var birthDate: DateComponents {
        let parts = birthParts
        return DateComponents(
            calendar: Calendar(identifier: .gregorian),
            year: parts.year, month: parts.month, day: parts.day)
    }

    /// Completed years on the local calendar day that `date` falls on in `timeZone`.
    ///
    /// Someone born on 29 February turns a year older on 1 March in common years.
    /// Negative when that day is before the birth date.
    public func age(on date: Date, in timeZone: TimeZone) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let today = calendar.dateComponents([.year, .month, .day], from: date)
        guard let year = today.year, let month = today.month, let day = today.day else { return 0 }
        let birth = birthParts
        let hadBirthdayThisYear = (month, day) >= (birth.month, birth.day)
        return year - birth.year - (hadBirthdayThisYear ? 0 : 1)
    }

    /// `DDMMYY-XXXX`: enough to recognise a person on screen alongside the name, without the serial.
    public var masked: String {
        String(digits.prefix(6)) + "-XXXX"
    }

    /// `DDMMYY-SSSS`, the form people read and write.
    public var formatted: String {
        String(digits.prefix(6)) + "-" + String(digits.suffix(4))
    }

    public var description: String { masked }

    // MARK: Codable

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try CPRNumber(text)
        } catch {
            // The message must not quote the value: decoding errors end up in logs and responses.
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not a valid CPR number (\(error))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }

    // MARK: Rules

    private var birthParts: (year: Int, month: Int, day: Int) {
        let values = digits.utf8.map { Int($0 - UInt8(ascii: "0")) }
        // The initializer only stores digit strings whose birth parts resolve.
        return Self.birthParts(values)!
    }

    /// Day, month and full year from the ten digit values; nil only for a malformed seventh digit,
    /// which cannot happen for decimal digits but keeps the century table total.
    private static func birthParts(_ values: [Int]) -> (year: Int, month: Int, day: Int)? {
        let day = values[0] * 10 + values[1]
        let month = values[2] * 10 + values[3]
        let yy = values[4] * 10 + values[5]
        guard let century = century(seventhDigit: values[6], yy: yy) else { return nil }
        return (century + yy, month, day)
    }

    /// The CPR office's century table: the first serial digit and the two-digit year together
    /// say which century the person was born in.
    private static func century(seventhDigit: Int, yy: Int) -> Int? {
        switch seventhDigit {
        case 0...3: 1900
        case 4, 9: yy <= 36 ? 2000 : 1900
        case 5...8: yy <= 57 ? 2000 : 1800
        default: nil
        }
    }

    private static func isRealDate(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        return day <= daysIn(month: month, year: year)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Gregorian rule on the full year: 1900 and 1800 were not leap years, 2000 was.
    private static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }
}

extension CPRNumber: CustomReflectable {
    /// `dump(_:)` and debuggers walk the mirror rather than `description`; show them the masked form too.
    public var customMirror: Mirror {
        Mirror(self, children: ["masked": masked], displayStyle: .struct)
    }
}
