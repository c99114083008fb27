import Foundation

/// A day as the clinicians mean it (`YYYY-MM-DD`, Copenhagen), without a time.
public struct LocalDate: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Whole years from this day (a birth date) to `date`: a birthday not yet reached this year does not count.
    public func years(until date: LocalDate) -> Int {
        date.year - year - ((date.month, date.day) >= (month, day) ? 0 : 1)
    }

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1850...2200).contains(y), (1...12).contains(m), (1...LocalDate.days(in: m, of: y)).contains(d)
        else { return nil }
        year = y
        month = m
        day = d
    }

    /// A date from valid components (from a calendar, not from a user): any year.
    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public init(_ date: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        year = c.year!
        month = c.month!
        day = c.day!
    }

    static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public var description: String { "\(year.zeroPadded(4))-\(month.zeroPadded(2))-\(day.zeroPadded(2))" }

    /// `23.11.2026`, as Danes write dates.
    public var danish: String { "\(day.zeroPadded(2)).\(month.zeroPadded(2)).\(year.zeroPadded(4))" }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = LocalDate(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension LocalDate {
    /// The same day `months` calendar months later (or earlier), or that month's last day when it
    /// has no such day (31 January + 1 month is 28 or 29 February).
    public func adding(months: Int) -> LocalDate {
        let index = year * 12 + (month - 1) + months
        let (newYear, newMonth) = (index / 12, index % 12 + 1)
        return LocalDate(year: newYear, month: newMonth, day: Swift.min(day, LocalDate.days(in: newMonth, of: newYear)))
    }
}
