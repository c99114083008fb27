import Foundation

/// A contact on the advisory line as a form or another system submits it: every value as
/// text, so that an unknown enum value is a field error rather than an unreadable body.
public struct ContactDraft: Codable, Equatable, Sendable {
    public struct FollowUpInput: Codable, Equatable, Sendable {
        public var unitId: String?
        public var dueAt: InstantInput?
        public var text: String?

        public init(unitId: String? = nil, dueAt: InstantInput? = nil, text: String? = nil) {
            self.unitId = unitId
            self.dueAt = dueAt
            self.text = text
        }

        var isBlank: Bool { [unitId, dueAt?.text, text].allSatisfy { ($0 ?? "").trimmingCharacters(in: .whitespaces).isEmpty } }
    }

    public var startedAt: InstantInput?
    public var endedAt: InstantInput?
    public var channel: String?
    public var direction: String?
    public var callerRole: String?
    public var callerName: String?
    public var callerPhone: String?
    public var callerUnitId: String?
    public var patientId: String?
    public var reasons: [String]?
    public var situation: String?
    public var background: String?
    public var assessment: String?
    public var recommendation: String?
    public var triage: String?
    public var actions: [String]?
    public var outcome: String?
    public var stayedAtHome: Bool?
    public var followUp: FollowUpInput?

    public init(
        startedAt: InstantInput? = nil, endedAt: InstantInput? = nil, channel: String? = nil, direction: String? = nil, callerRole: String? = nil,
        callerName: String? = nil, callerPhone: String? = nil, callerUnitId: String? = nil, patientId: String? = nil,
        reasons: [String]? = nil, situation: String? = nil, background: String? = nil, assessment: String? = nil,
        recommendation: String? = nil, triage: String? = nil, actions: [String]? = nil, outcome: String? = nil,
        stayedAtHome: Bool? = nil, followUp: FollowUpInput? = nil
    ) {
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.channel = channel
        self.direction = direction
        self.callerRole = callerRole
        self.callerName = callerName
        self.callerPhone = callerPhone
        self.callerUnitId = callerUnitId
        self.patientId = patientId
        self.reasons = reasons
        self.situation = situation
        self.background = background
        self.assessment = assessment
        self.recommendation = recommendation
        self.triage = triage
        self.actions = actions
        self.outcome = outcome
        self.stayedAtHome = stayedAtHome
        self.followUp = followUp
    }

    /// What validation needs to know beyond the draft.
    public struct Context: Sendable {
        public var now: Date
        public var knownUnitIds: Set<UUID>
        /// The key-worker unit of the patient's plan: the default unit of a follow-up.
        public var keyWorkerUnitId: UUID?
        public var shifts: ShiftPattern

        public init(now: Date, knownUnitIds: Set<UUID>, keyWorkerUnitId: UUID? = nil, shifts: ShiftPattern = .standard) {
            self.now = now
            self.knownUnitIds = knownUnitIds
            self.keyWorkerUnitId = keyWorkerUnitId
            self.shifts = shifts
        }
    }

    static let maxTextLength = 4000
    /// Contacts are documented during or soon after the call; a start further ahead than this is a typing error.
    static let allowedClockSkew: TimeInterval = 5 * 60
    static let maxDuration: TimeInterval = 24 * 3600

    /// The patient's id, when one is given and well-formed, so that the caller can look up the plan before validating.
    public var patientUUID: UUID? {
        patientId.flatMap { UUID(uuidString: $0.trimmingCharacters(in: .whitespaces)) }
    }

    public func validated(_ context: Context) throws(ValidationFailure) -> ValidContact {
        var v = Validator()
        let started = v.instant("startedAt", startedAt, required: true)
        var ended = v.instant("endedAt", endedAt, required: false)
        if let started, started > context.now.addingTimeInterval(Self.allowedClockSkew) { v.add("startedAt", .inFuture) }
        if let started {
            if ended == nil, (endedAt?.text ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                // Saved at the end of the call: the call ends now. A call documented long after
                // it began must say when it ended, rather than get a made-up duration.
                if context.now.timeIntervalSince(started) > Self.maxDuration {
                    v.add("endedAt", .required)
                } else {
                    ended = max(started, context.now)
                }
            }
            if let end = ended, end < started { v.add("endedAt", .beforeStart) }
            if let end = ended, end.timeIntervalSince(started) > Self.maxDuration { v.add("endedAt", .tooLong) }
            if let end = ended, end > context.now.addingTimeInterval(Self.allowedClockSkew) { v.add("endedAt", .inFuture) }
        }
        let channel = v.choice("channel", channel ?? ContactChannel.phone.rawValue, as: ContactChannel.self)
        let direction = v.choice("direction", direction ?? ContactDirection.incoming.rawValue, as: ContactDirection.self)
        let callerRole = v.choice("callerRole", callerRole, as: CallerRole.self)
        let callerName = v.optionalText("callerName", callerName, maxLength: 200)
        let callerPhone = PhoneNumber.check("callerPhone", callerPhone, &v)
        let callerUnit = v.unit("callerUnitId", callerUnitId, known: context.knownUnitIds)
        var patient: UUID?
        if let raw = patientId?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            if let id = UUID(uuidString: raw) { patient = id } else { v.add("patientId", .invalidFormat) }
        }
        let reasons = v.choices("reasons", reasons ?? [], as: ContactReason.self)
        if reasons.isEmpty { v.add("reasons", .required) }
        let situation = v.optionalText("situation", situation, maxLength: Self.maxTextLength)
        let background = v.optionalText("background", background, maxLength: Self.maxTextLength)
        let assessment = v.optionalText("assessment", assessment, maxLength: Self.maxTextLength)
        let recommendation = v.optionalText("recommendation", recommendation, maxLength: Self.maxTextLength)
        let triage = v.choice("triage", triage, as: Triage.self)
        let actions = v.choices("actions", actions ?? [], as: ContactAction.self)
        let outcome = v.choice("outcome", outcome, as: ContactOutcome.self)

        var followUp: ValidContact.FollowUp?
        if let input = self.followUp, !input.isBlank {
            let text = v.requiredText("followUp.text", input.text ?? "", maxLength: 2000)
            var unit = v.unit("followUp.unitId", input.unitId, known: context.knownUnitIds)
            if unit == nil, (input.unitId ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                unit = patient == nil ? nil : context.keyWorkerUnitId
                if unit == nil { v.add("followUp.unitId", .required) }
            }
            var due = v.instant("followUp.dueAt", input.dueAt, required: false)
            if due == nil, let started, let triage { due = FollowUpDue.defaultDue(triage: triage, startedAt: started, shifts: context.shifts) }
            if let unit, let due { followUp = ValidContact.FollowUp(unitId: unit, dueAt: due, text: text) }
        } else if outcome == .needsFollowUp || actions.contains(.callbackScheduled) {
            v.add("followUp.text", .required)
        }
        try v.check()
        return ValidContact(
            startedAt: started!, endedAt: ended!, channel: channel!, direction: direction!, callerRole: callerRole!,
            callerName: callerName, callerPhone: callerPhone, callerUnitId: callerUnit, patientId: patient,
            reasons: reasons, situation: situation, background: background,
            assessment: assessment, recommendation: recommendation, triage: triage!,
            actions: actions, outcome: outcome!, stayedAtHome: stayedAtHome, followUp: followUp,
            workingHours: WorkingHours.at(started!))
    }
}

/// A contact that passed validation.
public struct ValidContact: Equatable, Sendable {
    public struct FollowUp: Equatable, Sendable {
        public var unitId: UUID
        public var dueAt: Date
        public var text: String

        public init(unitId: UUID, dueAt: Date, text: String) {
            self.unitId = unitId
            self.dueAt = dueAt
            self.text = text
        }
    }

    public var startedAt: Date
    public var endedAt: Date
    public var channel: ContactChannel
    public var direction: ContactDirection
    public var callerRole: CallerRole
    public var callerName: String?
    public var callerPhone: String?
    public var callerUnitId: UUID?
    public var patientId: UUID?
    public var reasons: [ContactReason]
    public var situation: String?
    public var background: String?
    public var assessment: String?
    public var recommendation: String?
    public var triage: Triage
    public var actions: [ContactAction]
    public var outcome: ContactOutcome
    public var stayedAtHome: Bool?
    public var followUp: FollowUp?
    public var workingHours: WorkingHours

    public init(
        startedAt: Date, endedAt: Date, channel: ContactChannel, direction: ContactDirection, callerRole: CallerRole,
        callerName: String?, callerPhone: String?, callerUnitId: UUID?, patientId: UUID?, reasons: [ContactReason],
        situation: String?, background: String?, assessment: String?, recommendation: String?, triage: Triage,
        actions: [ContactAction], outcome: ContactOutcome, stayedAtHome: Bool?, followUp: FollowUp?, workingHours: WorkingHours
    ) {
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.channel = channel
        self.direction = direction
        self.callerRole = callerRole
        self.callerName = callerName
        self.callerPhone = callerPhone
        self.callerUnitId = callerUnitId
        self.patientId = patientId
        self.reasons = reasons
        self.situation = situation
        self.background = background
        self.assessment = assessment
        self.recommendation = recommendation
        self.triage = triage
        self.actions = actions
        self.outcome = outcome
        self.stayedAtHome = stayedAtHome
        self.followUp = followUp
        self.workingHours = workingHours
    }

    public var durationSeconds: Int { Int(endedAt.timeIntervalSince(startedAt).rounded()) }
}

/// When a follow-up falls due if the advisor does not say.
public enum FollowUpDue {
    public static func defaultDue(triage: Triage, startedAt: Date, shifts: ShiftPattern) -> Date {
        switch triage {
        case .acute: startedAt.addingTimeInterval(3600)
        case .urgent: shifts.occurrence(at: startedAt).end
        case .routine, .information: WorkingHours.nextWorkingDay(after: startedAt, at: 10)
        }
    }

    /// The one-line guidance shown with each triage level, as a catalog key.
    public static func guidanceKey(_ triage: Triage) -> String { "triage.\(triage.rawValue).guidance" }
}
