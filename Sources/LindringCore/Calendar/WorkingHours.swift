import Foundation

/// Whether an instant falls outside the advisory line's normal working hours.
public struct WorkingHours: Equatable, Sendable {
    public var outsideWorkingHours: Bool
    public var holiday: String?

    public init(outsideWorkingHours: Bool, holiday: String?) {
        self.outsideWorkingHours = outsideWorkingHours
        self.holiday = holiday
    }

    public static let opens = 8
    public static let closes = 16

    /// Outside Monday–Friday 08:00–16:00 Copenhagen time, or on a closed day.
    public static func at(_ instant: Date) -> WorkingHours {
        let local = DanishCalendar.calendar.dateComponents([.year, .month, .day, .hour], from: instant)
        let date = LocalDate(year: local.year!, month: local.month!, day: local.day!)
        let holiday = DanishCalendar.holiday(on: date)
        let inHours = (opens..<closes).contains(local.hour!)
        return WorkingHours(outsideWorkingHours: !(DanishCalendar.isWorkingDay(date) && inHours), holiday: holiday)
    }

    /// The default due time of a routine follow-up: the next working day at 10:00 Copenhagen time.
    public static func nextWorkingDay(after instant: Date, at hour: Int = 10) -> Date {
        var date = LocalDate(instant, in: DanishCalendar.timeZone).adding(days: 1)
        while !DanishCalendar.isWorkingDay(date) { date = date.adding(days: 1) }
        return DanishCalendar.calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day, hour: hour))!
    }
}

extension LocalDate {
    public func adding(days: Int) -> LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
        return LocalDate(calendar.date(byAdding: .day, value: days, to: start)!, in: calendar.timeZone)
    }

    /// Whole days from this day to `other` (negative when `other` is earlier).
    public func days(until other: LocalDate) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
        let end = calendar.date(from: DateComponents(year: other.year, month: other.month, day: other.day, hour: 12))!
        return calendar.dateComponents([.day], from: start, to: end).day!
    }

    /// 1 = Monday … 7 = Sunday.
    public var weekday: Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
        return (calendar.component(.weekday, from: date) + 5) % 7 + 1
    }
}
