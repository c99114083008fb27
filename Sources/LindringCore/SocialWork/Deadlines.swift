import Foundation

/// The deadline rules of the social worker's applications, as the issue states them: one place
/// that the applications, the worklist and `GET /api/v1/calendar/deadline` all use.
///
/// Working days are Monday to Friday except the days `DanishCalendar.closedDays` lists (the
/// public holidays, Constitution Day, Christmas Eve and New Year's Eve).
public enum Deadlines {
    /// The largest amount a deadline may have, per unit: ten years, so that a typing error
    /// (`amount=2000` weeks) is refused rather than computed.
    public static func maxAmount(_ unit: DeadlineUnit) -> Int {
        switch unit {
        case .days: 3660
        case .workingDays: 2600
        case .weeks: 520
        case .months: 120
        }
    }

    /// The day a deadline of `amount` `unit`s counted from `start` falls due.
    ///
    /// `days`, `weeks` and `months` count calendar days, weeks of 7 days, or calendar months
    /// (the same day of the month, or the month's last day when it has none); `workingDays`
    /// counts that many working days after `start`. A result that is not a working day moves to
    /// the next working day.
    public static func due(from start: LocalDate, amount: Int, unit: DeadlineUnit) -> LocalDate {
        let counted: LocalDate =
            switch unit {
            case .days: start.adding(days: amount)
            case .weeks: start.adding(days: 7 * amount)
            case .months: start.adding(months: amount)
            case .workingDays: workingDays(amount, after: start)
            }
        return nextWorkingDay(onOrAfter: counted)
    }

    /// The `count`-th working day after `start` (`start` itself when `count` is 0).
    public static func workingDays(_ count: Int, after start: LocalDate) -> LocalDate {
        var date = start
        var counted = 0
        while counted < count {
            date = date.adding(days: 1)
            if DanishCalendar.isWorkingDay(date) { counted += 1 }
        }
        return date
    }

    public static func nextWorkingDay(onOrAfter date: LocalDate) -> LocalDate {
        var date = date
        while !DanishCalendar.isWorkingDay(date) { date = date.adding(days: 1) }
        return date
    }

    /// When a decision counts as received (Ankestyrelsen's rules since 2018): by digital post or
    /// in person the day it is sent; by letter 6 working days after it is sent; by quick letter
    /// 2 calendar days after. A date of receipt is not moved to a working day; a deadline is.
    public static func receivedOn(sentOn: LocalDate, via channel: DecisionDelivery) -> LocalDate {
        switch channel {
        case .digitalPost, .inPerson: sentOn
        case .letter: workingDays(6, after: sentOn)
        case .quickLetter: sentOn.adding(days: 2)
        }
    }

    /// Weeks to appeal a decision, from its receipt (Retssikkerhedsloven: the appeal goes to the
    /// deciding authority, which reconsiders it and forwards it to Ankestyrelsen within 4 weeks).
    public static let appealWeeks = 4

    /// The last day to appeal a decision received on `receivedOn`.
    public static func appealDueOn(receivedOn: LocalDate) -> LocalDate {
        due(from: receivedOn, amount: appealWeeks, unit: .weeks)
    }
}

/// A deadline asked for as text (the calendar endpoint's query, a form): each part is checked
/// and named in the errors.
public struct DeadlineQuery: Equatable, Sendable {
    public var from: String?
    public var amount: String?
    public var unit: String?

    public init(from: String?, amount: String?, unit: String?) {
        self.from = from
        self.amount = amount
        self.unit = unit
    }

    public func due() throws(ValidationFailure) -> LocalDate {
        var v = Validator()
        var start: LocalDate?
        if let text = from?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            start = LocalDate(text)
            if start == nil { v.add("from", .invalidFormat) }
        } else {
            v.add("from", .required)
        }
        let unit = v.choice("unit", unit?.trimmingCharacters(in: .whitespaces), as: DeadlineUnit.self)
        var count: Int?
        if let text = amount?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            count = Int(text)
            if count == nil {
                v.add("amount", .notAnInteger)
            } else if let count, count < 0 || count > Deadlines.maxAmount(unit ?? .days) {
                v.add("amount", .outOfRange)
            }
        } else {
            v.add("amount", .required)
        }
        try v.check()
        return Deadlines.due(from: start!, amount: count!, unit: unit!)
    }
}
