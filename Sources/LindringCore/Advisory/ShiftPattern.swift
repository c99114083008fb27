import Foundation

/// The advisory line's shifts: by default day 08–16, evening 16–24 and night 00–08,
/// configurable as `day=08-16,evening=16-24,night=00-08`. Together they must cover every hour
/// of the day exactly once; a shift may run past midnight (`night=22-06`).
public struct ShiftPattern: Equatable, Sendable {
    public struct Shift: Equatable, Sendable {
        public var code: String
        public var startHour: Int
        public var endHour: Int

        var hours: [Int] {
            let end = endHour > startHour ? endHour : endHour + 24
            return (startHour..<end).map { $0 % 24 }
        }
    }

    /// One shift on one day: `date` is the day on which it starts.
    public struct Occurrence: Equatable, Hashable, Sendable {
        public var code: String
        public var date: LocalDate
        public var start: Date
        public var end: Date
    }

    public let shifts: [Shift]

    public static let standard = try! ShiftPattern("day=08-16,evening=16-24,night=00-08")

    public struct Invalid: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    public init(_ text: String) throws(Invalid) {
        var shifts: [Shift] = []
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=")
            let hours = pair.count == 2 ? pair[1].split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } : []
            let code = pair.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard pair.count == 2, hours.count == 2, !code.isEmpty, code.allSatisfy({ $0.isLetter || $0.isNumber }),
                (0...23).contains(hours[0]), (0...24).contains(hours[1]), hours[0] != hours[1] % 24
            else {
                throw Invalid(description: "\"\(part)\" is not a shift of the form name=HH-HH")
            }
            shifts.append(Shift(code: code, startHour: hours[0], endHour: hours[1]))
        }
        let covered = shifts.flatMap(\.hours)
        guard covered.count == 24, Set(covered).count == 24, Set(shifts.map(\.code)).count == shifts.count else {
            throw Invalid(description: "the shifts must cover every hour of the day exactly once, with distinct names")
        }
        self.shifts = shifts.sorted { $0.startHour < $1.startHour }
    }

    /// The shift running at `instant`.
    public func occurrence(at instant: Date) -> Occurrence {
        let local = DanishCalendar.calendar.dateComponents([.year, .month, .day, .hour], from: instant)
        let today = LocalDate(year: local.year!, month: local.month!, day: local.day!)
        let shift = shifts.first { $0.hours.contains(local.hour!) }!
        // A shift past midnight that is running in the small hours started the day before.
        let startedYesterday = shift.endHour < shift.startHour && local.hour! < shift.endHour
        return occurrence(shift, on: startedYesterday ? today.adding(days: -1) : today)
    }

    /// The shift the handover opens on when none is chosen: the one that just ended (the shift
    /// before the one running at `instant`). A handover is the report of a finished shift, read by
    /// the team that has just taken over; the running shift is one step on ("Næste vagt").
    public func handoverDefault(at instant: Date) -> Occurrence {
        previous(occurrence(at: instant))
    }

    /// The shift before `occurrence`: by the pattern's order, so a short or long night (the
    /// changes to and from summer time) and a shift past midnight step exactly one shift back.
    public func previous(_ occurrence: Occurrence) -> Occurrence {
        guard let index = shifts.firstIndex(where: { $0.code == occurrence.code }) else {
            return self.occurrence(at: occurrence.start.addingTimeInterval(-60))
        }
        return index > 0
            ? self.occurrence(shifts[index - 1], on: occurrence.date)
            : self.occurrence(shifts[shifts.count - 1], on: occurrence.date.adding(days: -1))
    }

    /// The shift after `occurrence`.
    public func next(_ occurrence: Occurrence) -> Occurrence {
        guard let index = shifts.firstIndex(where: { $0.code == occurrence.code }) else {
            return self.occurrence(at: occurrence.end.addingTimeInterval(60))
        }
        return index < shifts.count - 1
            ? self.occurrence(shifts[index + 1], on: occurrence.date)
            : self.occurrence(shifts[0], on: occurrence.date.adding(days: 1))
    }

    public func occurrence(_ code: String, on date: LocalDate) -> Occurrence? {
        shifts.first { $0.code == code }.map { occurrence($0, on: date) }
    }

    /// Every shift starting on the days from `date`, in order.
    public func occurrences(from date: LocalDate, days: Int) -> [Occurrence] {
        (0..<max(days, 0)).flatMap { offset in shifts.map { occurrence($0, on: date.adding(days: offset)) } }
    }

    func occurrence(_ shift: Shift, on date: LocalDate) -> Occurrence {
        let endDate = shift.endHour > shift.startHour ? date : date.adding(days: 1)
        return Occurrence(
            code: shift.code, date: date, start: Self.instant(date, hour: shift.startHour),
            end: Self.instant(endDate, hour: shift.endHour))
    }

    /// `hour` may be 24: midnight at the end of the day.
    static func instant(_ date: LocalDate, hour: Int) -> Date {
        let day = hour == 24 ? date.adding(days: 1) : date
        return DanishCalendar.calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: hour % 24))!
    }
}
