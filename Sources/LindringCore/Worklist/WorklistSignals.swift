import Foundation

/// What puts a patient at the top of a clinical unit's "Mine patienter": an open follow-up from
/// the advisory line for the unit, a recent red screening, a recent change to the plan.
public struct WorklistSignals: Equatable, Sendable {
    /// How far back a red screening still asks for attention.
    public static let redScreeningWindow: TimeInterval = 14 * 24 * 3600
    /// How far back a plan change is still news.
    public static let changeWindow: TimeInterval = 7 * 24 * 3600

    public struct RedScreening: Equatable, Sendable {
        public var instrument: Instrument
        public var takenAt: Date

        public init(instrument: Instrument, takenAt: Date) {
            self.instrument = instrument
            self.takenAt = takenAt
        }
    }

    public struct Change: Equatable, Sendable {
        public var at: Date
        public var criticalTopics: [CriticalTopic]
        /// Not yet read by the user in the unit's inbox.
        public var unread: Bool

        public init(at: Date, criticalTopics: [CriticalTopic], unread: Bool) {
            self.at = at
            self.criticalTopics = criticalTopics
            self.unread = unread
        }
    }

    public var openFollowUps: Int
    public var nextFollowUpDue: Date?
    /// The newest red screening within `redScreeningWindow`.
    public var redScreening: RedScreening?
    /// The newest plan change within `changeWindow`, with the critical topics of all of them.
    public var change: Change?

    public init(openFollowUps: Int = 0, nextFollowUpDue: Date? = nil, redScreening: RedScreening? = nil, change: Change? = nil) {
        self.openFollowUps = openFollowUps
        self.nextFollowUpDue = nextFollowUpDue
        self.redScreening = redScreening
        self.change = change
    }

    public var needsAttention: Bool { openFollowUps > 0 || redScreening != nil || change != nil }

    /// Open follow-ups first, soonest due first; then red screenings, newest first; then plan
    /// changes, critical before others, newest first. Ties keep their order (the caller's, by name).
    public static func comesBefore(_ a: WorklistSignals, _ b: WorklistSignals) -> Bool {
        if (a.openFollowUps > 0) != (b.openFollowUps > 0) { return a.openFollowUps > 0 }
        if let dueA = a.nextFollowUpDue, let dueB = b.nextFollowUpDue, dueA != dueB { return dueA < dueB }
        if (a.redScreening != nil) != (b.redScreening != nil) { return a.redScreening != nil }
        if let redA = a.redScreening, let redB = b.redScreening, redA.takenAt != redB.takenAt { return redA.takenAt > redB.takenAt }
        let criticalA = a.change.map { !$0.criticalTopics.isEmpty } ?? false, criticalB = b.change.map { !$0.criticalTopics.isEmpty } ?? false
        if criticalA != criticalB { return criticalA }
        if (a.change != nil) != (b.change != nil) { return a.change != nil }
        if let changeA = a.change, let changeB = b.change, changeA.at != changeB.at { return changeA.at > changeB.at }
        return false
    }
}
