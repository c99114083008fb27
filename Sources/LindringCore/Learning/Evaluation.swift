import Foundation

/// A participant's evaluation of a session they attended: two ratings from 1 (poor) to 5
/// (very good) and an optional comment.
public struct EvaluationDraft: Codable, Equatable, Sendable {
    /// How good the session was, as a number (JSON) or its text (a form).
    public var rating: String?
    /// How useful it is in one's daily work.
    public var relevance: String?
    public var comment: String?

    public init(rating: String? = nil, relevance: String? = nil, comment: String? = nil) {
        self.rating = rating
        self.relevance = relevance
        self.comment = comment
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rating = try container.decodeNumberText(forKey: .rating)
        relevance = try container.decodeNumberText(forKey: .relevance)
        comment = try container.decodeIfPresent(String.self, forKey: .comment)
    }

    public static let scale = 1...5
    public static let maxCommentLength = 2000

    public func validated() throws(ValidationFailure) -> ValidEvaluation {
        var v = Validator()
        let rating = v.wholeNumber("rating", rating, in: Self.scale, required: true)
        let relevance = v.wholeNumber("relevance", relevance, in: Self.scale, required: true)
        let comment = v.optionalText("comment", comment, maxLength: Self.maxCommentLength)
        try v.check()
        return ValidEvaluation(rating: rating!, relevance: relevance!, comment: comment)
    }
}

public struct ValidEvaluation: Equatable, Sendable {
    public var rating: Int
    public var relevance: Int
    public var comment: String?

    public init(rating: Int, relevance: Int, comment: String? = nil) {
        self.rating = rating
        self.relevance = relevance
        self.comment = comment
    }
}

/// A session's evaluations summed up for the educator: how many answered and the mean of each
/// rating to one decimal (exact: decimals, rounded half up).
public struct EvaluationSummary: Equatable, Sendable {
    public var count: Int
    public var meanRating: Decimal?
    public var meanRelevance: Decimal?

    public init(_ evaluations: [ValidEvaluation]) {
        count = evaluations.count
        meanRating = Self.mean(evaluations.map(\.rating))
        meanRelevance = Self.mean(evaluations.map(\.relevance))
    }

    static func mean(_ values: [Int]) -> Decimal? {
        guard !values.isEmpty else { return nil }
        var exact = Decimal(values.reduce(0, +)) / Decimal(values.count)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 1, .plain)
        return rounded
    }
}

/// When a session's attendance may be taken and when participants may evaluate it.
public enum SessionTiming {
    /// Attendance is taken on the day: from midnight (Danish time) of the day the session starts.
    public static func attendanceOpens(startsAt: Date) -> Date {
        DanishCalendar.instant(LocalDate(startsAt, in: DanishCalendar.timeZone), hour: 0) ?? startsAt
    }

    public static func mayTakeAttendance(startsAt: Date, now: Date) -> Bool { now >= attendanceOpens(startsAt: startsAt) }

    /// A workshop group is opened on the session's day, until the session ends.
    public static func mayOpenGroup(startsAt: Date, endsAt: Date, now: Date) -> Bool {
        mayTakeAttendance(startsAt: startsAt, now: now) && now < endsAt
    }

    /// Participants evaluate a session once it has begun (the last hour is often the evaluation).
    public static func mayEvaluate(startsAt: Date, now: Date) -> Bool { now >= startsAt }
}
