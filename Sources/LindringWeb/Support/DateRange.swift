import Foundation
import Hummingbird
import LindringCore

/// A `from`–`to` range of days as the advisory lists and statistics take it.
struct DateRange {
    let from: LocalDate
    let to: LocalDate

    /// The longest range asked for at once: ten years.
    static let maxDays = 3660

    /// Reads `from` and `to` (YYYY-MM-DD); either may default, both must be real dates in order.
    static func parse(_ query: FormData, defaultFrom: LocalDate?, defaultTo: LocalDate?) throws -> DateRange {
        var v = Validator()
        func day(_ field: String, _ fallback: LocalDate?) -> LocalDate? {
            guard let raw = query[field]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
                if fallback == nil { v.add(field, .required) }
                return fallback
            }
            guard let date = LocalDate(raw) else {
                v.add(field, .invalidFormat)
                return nil
            }
            return date
        }
        let from = day("from", defaultFrom), to = day("to", defaultTo)
        if let from, let to {
            if to < from { v.add("to", .beforeStart) } else if from.adding(days: maxDays) < to { v.add("to", .tooLong) }
        }
        try v.check()
        return DateRange(from: from!, to: to!)
    }
}
