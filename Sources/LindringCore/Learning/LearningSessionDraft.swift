import Foundation

/// A dated session of a workshop, supervision, theme afternoon or course, with its places.
public struct LearningSessionDraft: Codable, Equatable, Sendable {
    public var startsAt: InstantInput?
    public var endsAt: InstantInput?
    /// Places, as a number (JSON) or its text (a form).
    public var capacity: String?
    /// A room and address, or a link to an online meeting.
    public var place: String?

    public init(startsAt: InstantInput? = nil, endsAt: InstantInput? = nil, capacity: String? = nil, place: String? = nil) {
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.capacity = capacity
        self.place = place
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        startsAt = try container.decodeIfPresent(InstantInput.self, forKey: .startsAt)
        endsAt = try container.decodeIfPresent(InstantInput.self, forKey: .endsAt)
        capacity = try container.decodeNumberText(forKey: .capacity)
        place = try container.decodeIfPresent(String.self, forKey: .place)
    }

    public static let capacities = 1...1000
    /// A session is one day's teaching: at most 12 hours.
    public static let longest: TimeInterval = 12 * 3600

    public func validated() throws(ValidationFailure) -> ValidLearningSession {
        var v = Validator()
        let startsAt = v.instant("startsAt", startsAt, required: true)
        let endsAt = v.instant("endsAt", endsAt, required: true)
        if let startsAt, let endsAt {
            if endsAt <= startsAt {
                v.add("endsAt", .beforeStart)
            } else if endsAt.timeIntervalSince(startsAt) > Self.longest {
                v.add("endsAt", .outOfRange)
            }
        }
        let capacity = v.wholeNumber("capacity", capacity, in: Self.capacities, required: true)
        let place = v.requiredText("place", place ?? "", maxLength: OfferDraft.maxTitleLength)
        try v.check()
        return ValidLearningSession(startsAt: startsAt!, endsAt: endsAt!, capacity: capacity!, place: place)
    }
}

public struct ValidLearningSession: Equatable, Sendable {
    public var startsAt: Date
    public var endsAt: Date
    public var capacity: Int
    public var place: String

    public init(startsAt: Date, endsAt: Date, capacity: Int, place: String) {
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.capacity = capacity
        self.place = place
    }
}
