import Foundation

/// A meeting of the family's network (the cross-sector meeting) as a form or another system
/// submits it: who took part, what was decided and by whom, and which parents lost earnings to
/// attend (the basis of an application under Barnets lov § 87, `bl87-meeting`).
public struct NetworkMeetingDraft: Codable, Equatable, Sendable {
    public struct DecisionInput: Codable, Equatable, Sendable {
        public var text: String?
        public var owner: String?
        public var dueOn: String?

        public init(text: String? = nil, owner: String? = nil, dueOn: String? = nil) {
            self.text = text
            self.owner = owner
            self.dueOn = dueOn
        }

        var isBlank: Bool { [text, owner, dueOn].allSatisfy(isBlankText) }
    }

    public var heldOn: String?
    /// One participant a line, as written (`Mette Holm, sundhedsplejerske, Gentofte`).
    public var participants: [String]?
    public var decisions: [DecisionInput]?
    /// The ids of the family's parents who lost earnings that day.
    public var lostEarningsParentIds: [String]?

    public init(heldOn: String? = nil, participants: [String]? = nil, decisions: [DecisionInput]? = nil, lostEarningsParentIds: [String]? = nil) {
        self.heldOn = heldOn
        self.participants = participants
        self.decisions = decisions
        self.lostEarningsParentIds = lostEarningsParentIds
    }

    public struct Context: Sendable {
        /// The stored parents of the family case the meeting belongs to.
        public var parentIds: Set<UUID>

        public init(parentIds: Set<UUID>) {
            self.parentIds = parentIds
        }
    }

    public func validated(_ context: Context) throws(ValidationFailure) -> ValidNetworkMeeting {
        var v = Validator()
        let heldOn = v.localDate("heldOn", heldOn, required: true)
        var participants: [String] = []
        for (index, text) in (self.participants ?? []).enumerated() where !isBlankText(text) {
            participants.append(v.requiredText("participants[\(index)]", text, maxLength: FamilyDraft.maxNameLength))
        }
        if participants.isEmpty { v.add("participants", .required) }

        var decisions: [ValidNetworkMeeting.Decision] = []
        for (index, input) in (self.decisions ?? []).enumerated() where !input.isBlank {
            let field = "decisions[\(index)]"
            let text = v.requiredText("\(field).text", input.text ?? "", maxLength: FamilyDraft.maxTextLength)
            let owner = v.requiredText("\(field).owner", input.owner ?? "", maxLength: FamilyDraft.maxNameLength)
            let due = v.localDate("\(field).dueOn", input.dueOn, required: false)
            // Something agreed at a meeting cannot have been due before it.
            if let due, let heldOn, due < heldOn { v.add("\(field).dueOn", .beforeStart) }
            decisions.append(ValidNetworkMeeting.Decision(text: text, owner: owner, dueOn: due))
        }

        var parentIds: [UUID] = []
        for raw in self.lostEarningsParentIds ?? [] where !isBlankText(raw) {
            guard let id = UUID(uuidString: trimmed(raw)) else {
                v.add("lostEarningsParentIds", .invalidFormat)
                continue
            }
            if !context.parentIds.contains(id) {
                v.add("lostEarningsParentIds", .notFound)
            } else if !parentIds.contains(id) {
                parentIds.append(id)
            }
        }
        try v.check()
        return ValidNetworkMeeting(heldOn: heldOn!, participants: participants, decisions: decisions, lostEarningsParentIds: parentIds)
    }
}

/// A network meeting that passed validation.
public struct ValidNetworkMeeting: Equatable, Sendable {
    public struct Decision: Equatable, Codable, Sendable {
        public var text: String
        public var owner: String
        public var dueOn: LocalDate?

        public init(text: String, owner: String, dueOn: LocalDate? = nil) {
            self.text = text
            self.owner = owner
            self.dueOn = dueOn
        }
    }

    public var heldOn: LocalDate
    public var participants: [String]
    public var decisions: [Decision]
    /// Each parent once, in the order given.
    public var lostEarningsParentIds: [UUID]

    public init(heldOn: LocalDate, participants: [String], decisions: [Decision], lostEarningsParentIds: [UUID]) {
        self.heldOn = heldOn
        self.participants = participants
        self.decisions = decisions
        self.lostEarningsParentIds = lostEarningsParentIds
    }
}
