import Foundation

/// Danish public holidays and the advisory line's working hours, computed from the date of
/// Easter (no tables), in Europe/Copenhagen time.
public enum DanishCalendar {
    public static let timeZone = TimeZone(identifier: "Europe/Copenhagen")!

    /// The day it is in Copenhagen at `now`: what "today" means on every page and deadline.
    public static func today(_ now: Date = Date()) -> LocalDate { LocalDate(now, in: timeZone) }

    public static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }()

    /// Easter Sunday of a Gregorian year (the anonymous algorithm of Meeus, Jones and Butcher).
    public static func easterSunday(_ year: Int) -> LocalDate {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: year, month: month, day: day)
    }

    /// The days of a year that are not normal working days, beyond weekends, with their
    /// Danish names: the public holidays (Great Prayer Day until 2023, when it was abolished)
    /// and the days the region treats as holidays (Constitution Day, Christmas Eve, New Year's Eve).
    public static func closedDays(_ year: Int) -> [LocalDate: String] {
        let easter = easterSunday(year)
        func fixed(_ month: Int, _ day: Int) -> LocalDate { LocalDate(year: year, month: month, day: day) }
        // The public holidays first: when Whitsun falls on 5 June (2006, 2022, 2033…), the day
        // keeps its holiday's name. A dictionary literal would trap on the repeated date.
        var days: [LocalDate: String] = [:]
        let ordered: [(LocalDate, String)] = [
            (fixed(1, 1), "Nytårsdag"),
            (easter.adding(days: -3), "Skærtorsdag"),
            (easter.adding(days: -2), "Langfredag"),
            (easter, "Påskedag"),
            (easter.adding(days: 1), "2. påskedag"),
            (easter.adding(days: 39), "Kristi himmelfartsdag"),
            (easter.adding(days: 49), "Pinsedag"),
            (easter.adding(days: 50), "2. pinsedag"),
            (fixed(12, 25), "Juledag"),
            (fixed(12, 26), "2. juledag"),
            (fixed(6, 5), "Grundlovsdag"),
            (fixed(12, 24), "Juleaftensdag"),
            (fixed(12, 31), "Nytårsaftensdag"),
        ]
        for (date, name) in ordered where days[date] == nil { days[date] = name }
        if year <= 2023 { days[easter.adding(days: 26)] = "Store bededag" }
        return days
    }

    /// The Copenhagen wall-clock reading of an instant.
    public static func components(of instant: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        return (c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// The instant of a Copenhagen wall-clock time (in the gap when clocks go forward, the time just after it).
    public static func instant(_ date: LocalDate, hour: Int, minute: Int = 0, second: Int = 0) -> Date? {
        calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day, hour: hour, minute: minute, second: second))
    }

    /// The hour of the day in Copenhagen, 0…23.
    public static func hour(of instant: Date) -> Int {
        calendar.component(.hour, from: instant)
    }

    /// The name of the holiday (or special day) on this date, if any.
    public static func holiday(on date: LocalDate) -> String? {
        closedDays(date.year)[date]
    }

    public static func isWorkingDay(_ date: LocalDate) -> Bool {
        date.weekday <= 5 && holiday(on: date) == nil
    }
}
