import Foundation

/// An instant as it was given, read into a `Date` when validated: ISO 8601 text with an offset
/// (the API's JSON), or a Copenhagen wall-clock time typed into a form's `datetime-local` field
/// (`2026-11-23T21:14`). Kept as typed so that a refused form shows it again unchanged.
public enum InstantInput: Equatable, Sendable, Codable, ExpressibleByStringLiteral {
    case iso8601(String)
    case copenhagen(String)

    public init(stringLiteral text: String) { self = .iso8601(text) }

    /// A form's text, nil when left blank.
    public init?(formText: String?) {
        guard let text = formText, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        self = .copenhagen(text)
    }

    public var text: String {
        switch self {
        case .iso8601(let text), .copenhagen(let text): text
        }
    }

    /// The instant, or nil when the text is not one.
    public var date: Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        switch self {
        case .iso8601: return ISO8601Instant.parse(text)
        case .copenhagen: return LocalDateTime.parse(text)
        }
    }

    /// The `userInfo` flag of the decoder that reads HTML forms, whose instants are
    /// `datetime-local` fields: Copenhagen wall-clock times.
    public static let typedInForm = CodingUserInfoKey(rawValue: "lindring.instantInput.typedInForm")!

    /// JSON carries ISO 8601 text; a form (`typedInForm`) a Copenhagen wall-clock time.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = decoder.userInfo[Self.typedInForm] as? Bool == true ? .copenhagen(text) : .iso8601(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

/// `datetime-local` values (`2026-11-23T21:14`), which are Copenhagen wall-clock times.
public enum LocalDateTime {
    public static func format(_ date: Date) -> String {
        let c = DanishCalendar.components(of: date)
        return "\(c.year.zeroPadded(4))-\(c.month.zeroPadded(2))-\(c.day.zeroPadded(2))T\(c.hour.zeroPadded(2)):\(c.minute.zeroPadded(2))"
    }

    public static func parse(_ text: String) -> Date? {
        let parts = text.split(whereSeparator: { $0 == "T" || $0 == " " })
        guard parts.count == 2, let day = LocalDate(String(parts[0])) else { return nil }
        let time = parts[1].split(separator: ":").map { Int($0) }
        guard (2...3).contains(time.count), time.allSatisfy({ $0 != nil }), let hour = time[0], let minute = time[1],
            (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        return DanishCalendar.instant(day, hour: hour, minute: minute, second: time.count == 3 ? time[2]! : 0)
    }
}
