import Foundation

/// "Within a working day": an item that arrives on a working day must be seen by the same time
/// on the next working day; one that arrives on a weekend or holiday by the end of the first
/// working day after it. Copenhagen time, Danish holidays.
public enum WorkingDayDeadline {
    public static func after(_ arrival: Date) -> Date {
        let day = LocalDate(arrival, in: DanishCalendar.timeZone)
        var next = day.adding(days: 1)
        while !DanishCalendar.isWorkingDay(next) { next = next.adding(days: 1) }
        if DanishCalendar.isWorkingDay(day) {
            let c = DanishCalendar.components(of: arrival)
            return DanishCalendar.instant(next, hour: c.hour, minute: c.minute, second: c.second)!
        }
        return DanishCalendar.instant(next.adding(days: 1), hour: 0)!
    }
}
