import Foundation

/// The year's four cross-sector theme afternoons, planned together: four dates in the year in
/// order, one time of day, place and number of places for all of them.
public struct ThemeAfternoonSeriesDraft: Codable, Equatable, Sendable {
    public var year: String?
    /// The four dates as `yyyy-mm-dd`.
    public var dates: [String]?
    /// Wall-clock times in Denmark, `HH:MM`.
    public var startTime: String?
    public var endTime: String?
    public var capacity: String?
    public var place: String?

    public init(
        year: String? = nil, dates: [String]? = nil, startTime: String? = nil, endTime: String? = nil, capacity: String? = nil,
        place: String? = nil
    ) {
        self.year = year
        self.dates = dates
        self.startTime = startTime
        self.endTime = endTime
        self.capacity = capacity
        self.place = place
    }

    public static let afternoons = 4
    public static let years = 2000...2100

    /// The four sessions, or every error named: `dates` (also `dates.1` … `dates.4` for one
    /// date), `startTime`, `endTime`, `capacity`, `place`.
    public func validated() throws(ValidationFailure) -> [ValidLearningSession] {
        var v = Validator()
        let year = v.wholeNumber("year", year, in: Self.years, required: true)
        let texts = dates ?? []
        var days: [LocalDate] = []
        for index in 0..<Self.afternoons {
            let field = "dates.\(index + 1)"
            guard let day = v.localDate(field, index < texts.count ? texts[index] : nil, required: true) else { continue }
            if let year, day.year != year {
                v.add(field, .outOfRange)
                continue
            }
            if let previous = days.last, day <= previous { v.add(field, .outOfOrder) }
            days.append(day)
        }
        if texts.count > Self.afternoons { v.add("dates", .outOfRange) }
        let start = Self.clockTime(startTime)
        let end = Self.clockTime(endTime)
        if start == nil { v.add("startTime", isBlankText(startTime) ? .required : .invalidFormat) }
        if end == nil {
            v.add("endTime", isBlankText(endTime) ? .required : .invalidFormat)
        } else if let start, let end, end <= start {
            v.add("endTime", .beforeStart)
        }
        let capacity = v.wholeNumber("capacity", capacity, in: LearningSessionDraft.capacities, required: true)
        let place = v.requiredText("place", place ?? "", maxLength: OfferDraft.maxTitleLength)
        try v.check()
        return days.map { day in
            ValidLearningSession(
                startsAt: DanishCalendar.instant(day, hour: start!.hour, minute: start!.minute)!,
                endsAt: DanishCalendar.instant(day, hour: end!.hour, minute: end!.minute)!, capacity: capacity!, place: place)
        }
    }

    /// `HH:MM` on a 24-hour clock.
    static func clockTime(_ text: String?) -> (hour: Int, minute: Int)? {
        let parts = trimmed(text ?? "").split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour),
            (0...59).contains(minute)
        else { return nil }
        return (hour, minute)
    }
}
