import Foundation

/// What the working group's register holds.
public enum RegisterItemKind: String, CaseIterable, Codable, Sendable {
    case meeting, analysis, recommendation, decision
}

/// Where a recommendation stands. Proposed, agreed and in progress are open: they have a due
/// date to meet.
public enum RecommendationStatus: String, CaseIterable, Codable, Sendable {
    case proposed, agreed, inProgress, done, rejected

    public static let open: [RecommendationStatus] = [.proposed, .agreed, .inProgress]

    public var isOpen: Bool { Self.open.contains(self) }
}

/// Someone at a meeting, and the sector they came from.
public struct Attendee: Codable, Equatable, Sendable {
    public var name: String
    public var sector: Sector

    public init(name: String, sector: Sector) {
        self.name = name
        self.sector = sector
    }
}

/// An item of the working group's register as it is typed or sent: every value as text, so that an
/// unknown status or a malformed date is a field error rather than an unreadable body. Which fields
/// count depends on the kind; the others are left out of the valid item.
public struct RegisterItemDraft: Codable, Equatable, Sendable {
    public struct AttendeeInput: Codable, Equatable, Sendable {
        public var name: String?
        public var sector: String?

        public init(name: String? = nil, sector: String? = nil) {
            self.name = name
            self.sector = sector
        }
    }

    public var kind: String?
    public var title: String?
    /// `YYYY-MM-DD`: the meeting's day, the analysis's, the day the recommendation was made, the decision's.
    public var date: String?
    /// A meeting's agenda, an analysis's summary, the recommendation's or the decision's text.
    public var text: String?
    public var minutes: String?
    public var attendees: [AttendeeInput]?
    public var owner: String?
    public var dueDate: String?
    public var status: String?
    public var indicator: String?
    public var meetingId: String?

    public init(
        kind: String? = nil, title: String? = nil, date: String? = nil, text: String? = nil, minutes: String? = nil,
        attendees: [AttendeeInput]? = nil, owner: String? = nil, dueDate: String? = nil, status: String? = nil, indicator: String? = nil,
        meetingId: String? = nil
    ) {
        self.kind = kind
        self.title = title
        self.date = date
        self.text = text
        self.minutes = minutes
        self.attendees = attendees
        self.owner = owner
        self.dueDate = dueDate
        self.status = status
        self.indicator = indicator
        self.meetingId = meetingId
    }

    public static let maxTitleLength = 200
    public static let maxTextLength = 10_000
    public static let maxNameLength = 200
    public static let maxAttendees = 60

    /// Checks the item; each error names its field (`title`, `attendees[2].sector`). A decision's
    /// meeting is only checked to be an id here: whether it exists is the store's to say.
    public func validated() throws(ValidationFailure) -> ValidRegisterItem {
        var v = Validator()
        let kind = v.choice("kind", kind.map(trimmed), as: RegisterItemKind.self)
        let title = v.requiredText("title", title ?? "", maxLength: Self.maxTitleLength)
        let dated = kind == .meeting || kind == .decision
        let date = v.localDate("date", date, required: dated)
        let textRequired = kind != nil && kind != .meeting
        let text =
            textRequired
            ? v.requiredText("text", text ?? "", maxLength: Self.maxTextLength) : v.optionalText("text", text, maxLength: Self.maxTextLength)
        var item = ValidRegisterItem(kind: kind ?? .meeting, title: title, date: date, text: text)
        switch kind {
        case .meeting:
            item.minutes = v.optionalText("minutes", minutes, maxLength: Self.maxTextLength)
            item.attendees = attendees(&v)
        case .analysis:
            item.indicator = indicator(&v)
        case .recommendation:
            item.owner = v.requiredText("owner", owner ?? "", maxLength: Self.maxNameLength)
            item.dueDate = v.localDate("dueDate", dueDate, required: true)
            item.status = v.choice("status", status.map(trimmed), as: RecommendationStatus.self)
            item.indicator = indicator(&v)
        case .decision:
            item.meetingId = v.uuid("meetingId", meetingId, required: false)
        case nil:
            break
        }
        try v.check()
        return item
    }

    func indicator(_ v: inout Validator) -> IndicatorID? {
        isBlankText(indicator) ? nil : v.choice("indicator", indicator.map(trimmed), as: IndicatorID.self)
    }

    func attendees(_ v: inout Validator) -> [Attendee] {
        let rows = attendees ?? []
        if rows.count > Self.maxAttendees { v.add("attendees", .outOfRange) }
        var result: [Attendee] = []
        for (index, row) in rows.prefix(Self.maxAttendees).enumerated() {
            let name = v.requiredText("attendees[\(index)].name", row.name ?? "", maxLength: Self.maxNameLength)
            let sector = v.choice("attendees[\(index)].sector", row.sector.map(trimmed), as: Sector.self)
            if let sector, !name.isEmpty { result.append(Attendee(name: name, sector: sector)) }
        }
        return result
    }
}

/// A register item that meets the rules: only its kind's fields are set.
public struct ValidRegisterItem: Equatable, Sendable {
    public var kind: RegisterItemKind
    public var title: String
    public var date: LocalDate?
    public var text: String?
    public var minutes: String?
    public var attendees: [Attendee]
    public var owner: String?
    public var dueDate: LocalDate?
    public var status: RecommendationStatus?
    public var indicator: IndicatorID?
    public var meetingId: UUID?

    public init(
        kind: RegisterItemKind, title: String, date: LocalDate? = nil, text: String? = nil, minutes: String? = nil, attendees: [Attendee] = [],
        owner: String? = nil, dueDate: LocalDate? = nil, status: RecommendationStatus? = nil, indicator: IndicatorID? = nil,
        meetingId: UUID? = nil
    ) {
        self.kind = kind
        self.title = title
        self.date = date
        self.text = text
        self.minutes = minutes
        self.attendees = attendees
        self.owner = owner
        self.dueDate = dueDate
        self.status = status
        self.indicator = indicator
        self.meetingId = meetingId
    }

    /// An open recommendation whose due date has passed (the due day itself is still on time).
    public func isOverdue(today: LocalDate) -> Bool {
        guard kind == .recommendation, let status, status.isOpen, let dueDate else { return false }
        return dueDate < today
    }

    /// The sectors represented at a meeting, in the register's order.
    public var sectorsPresent: [Sector] { Sector.allCases.filter { sector in attendees.contains { $0.sector == sector } } }

    /// The fields that differ from `other`, by name: what a version changed.
    public func changes(since other: ValidRegisterItem) -> [String] {
        let fields: [(String, Bool)] = [
            ("kind", kind != other.kind), ("title", title != other.title), ("date", date != other.date), ("text", text != other.text),
            ("minutes", minutes != other.minutes), ("attendees", attendees != other.attendees), ("owner", owner != other.owner),
            ("dueDate", dueDate != other.dueDate), ("status", status != other.status), ("indicator", indicator != other.indicator),
            ("meetingId", meetingId != other.meetingId),
        ]
        return fields.filter(\.1).map(\.0)
    }
}

extension RegisterItemDraft {
    /// A valid item as a draft: to store it, to change it on the form.
    public init(_ item: ValidRegisterItem) {
        self.init(
            kind: item.kind.rawValue, title: item.title, date: item.date?.description, text: item.text, minutes: item.minutes,
            attendees: item.kind == .meeting ? item.attendees.map { AttendeeInput(name: $0.name, sector: $0.sector.rawValue) } : nil,
            owner: item.owner, dueDate: item.dueDate?.description, status: item.status?.rawValue, indicator: item.indicator?.rawValue,
            meetingId: item.meetingId?.uuidString)
    }
}
