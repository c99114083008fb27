import Foundation

/// Where a referral to specialised palliative care stands (the Danish Palliative Database's
/// terms): received and waiting, reached (the first contact took place), or not reached.
public enum ReferralStatus: String, CaseIterable, Codable, Sendable {
    case received, firstContact, notReached
}

/// Why a referred patient was never reached. `died` and `tooIll` count against the DPD's first
/// indicator; `declined` and `other` leave the referral out of it.
public enum NotReachedReason: String, CaseIterable, Codable, Sendable {
    case died, tooIll, declined, other
}

/// Why no EORTC QLQ-C15-PAL was completed at the start.
public enum EORTCNotDoneReason: String, CaseIterable, Codable, Sendable {
    case tooIll, declined, died, noReason
}

/// A referral as the palliative team's form or another system sends it: every value as text,
/// so that an unknown choice is a field error rather than an unreadable body.
public struct ReferralDraft: Codable, Equatable, Sendable {
    public var receivedOn: String?
    public var referringUnitId: String?
    public var receivingUnitId: String?
    public var diagnosisGroup: String?
    public var status: String?
    public var notReachedReason: String?
    public var firstContactOn: String?
    public var discussedAtConference: Bool?
    public var conferenceOn: String?
    public var eortcNotDoneReason: String?

    public init(
        receivedOn: String? = nil, referringUnitId: String? = nil, receivingUnitId: String? = nil, diagnosisGroup: String? = nil,
        status: String? = nil, notReachedReason: String? = nil, firstContactOn: String? = nil, discussedAtConference: Bool? = nil,
        conferenceOn: String? = nil, eortcNotDoneReason: String? = nil
    ) {
        self.receivedOn = receivedOn
        self.referringUnitId = referringUnitId
        self.receivingUnitId = receivingUnitId
        self.diagnosisGroup = diagnosisGroup
        self.status = status
        self.notReachedReason = notReachedReason
        self.firstContactOn = firstContactOn
        self.discussedAtConference = discussedAtConference
        self.conferenceOn = conferenceOn
        self.eortcNotDoneReason = eortcNotDoneReason
    }

    public init(_ referral: ValidReferral) {
        self.init(
            receivedOn: referral.receivedOn.description, referringUnitId: referral.referringUnitId.uuidString,
            receivingUnitId: referral.receivingUnitId.uuidString, diagnosisGroup: referral.diagnosisGroup.rawValue,
            status: referral.status.rawValue, notReachedReason: referral.notReachedReason?.rawValue,
            firstContactOn: referral.firstContactOn?.description, discussedAtConference: referral.discussedAtConference,
            conferenceOn: referral.conferenceOn?.description, eortcNotDoneReason: referral.eortcNotDoneReason?.rawValue)
    }

    /// Checks the referral against itself: the dates in order and none in the future, the first
    /// contact only for a reached patient, a reason only for one not reached, the conference's
    /// date only when the patient was discussed. `knownUnitIds`: the register's active units.
    public func validated(knownUnitIds: Set<UUID>, today: LocalDate) throws(ValidationFailure) -> ValidReferral {
        var v = Validator()
        let received = v.localDate("receivedOn", receivedOn, required: true)
        let referring = v.unit("referringUnitId", referringUnitId, known: knownUnitIds)
        if referring == nil, isBlankText(referringUnitId) { v.add("referringUnitId", .required) }
        let receiving = v.unit("receivingUnitId", receivingUnitId, known: knownUnitIds)
        if receiving == nil, isBlankText(receivingUnitId) { v.add("receivingUnitId", .required) }
        let diagnosis = v.choice("diagnosisGroup", diagnosisGroup, as: DiagnosisGroup.self)
        let status = v.choice("status", status, as: ReferralStatus.self)
        let firstContact = v.localDate("firstContactOn", firstContactOn, required: status == .firstContact)
        let reason: NotReachedReason? =
            isBlankText(notReachedReason) && status != .notReached ? nil : v.choice("notReachedReason", notReachedReason, as: NotReachedReason.self)
        let discussed = discussedAtConference ?? false
        let conference = v.localDate("conferenceOn", conferenceOn, required: discussed)
        let eortcReason: EORTCNotDoneReason? =
            isBlankText(eortcNotDoneReason) ? nil : v.choice("eortcNotDoneReason", eortcNotDoneReason, as: EORTCNotDoneReason.self)

        if firstContact != nil, status != .firstContact, status != nil { v.add("firstContactOn", .notAllowedWithStatus) }
        if reason != nil, status != .notReached, status != nil { v.add("notReachedReason", .notAllowedWithStatus) }
        if conference != nil, !discussed { v.add("conferenceOn", .notAllowedWithStatus) }
        for (field, date) in [("receivedOn", received), ("firstContactOn", firstContact), ("conferenceOn", conference)] {
            if let date, date > today { v.add(field, .inFuture) }
        }
        if let received {
            if let firstContact, firstContact < received { v.add("firstContactOn", .beforeStart) }
            if let conference, conference < received { v.add("conferenceOn", .beforeStart) }
        }
        try v.check()
        return ValidReferral(
            receivedOn: received!, referringUnitId: referring!, receivingUnitId: receiving!, diagnosisGroup: diagnosis!, status: status!,
            notReachedReason: reason, firstContactOn: firstContact, discussedAtConference: discussed, conferenceOn: conference,
            eortcNotDoneReason: eortcReason)
    }
}

/// A referral that passed validation.
public struct ValidReferral: Equatable, Codable, Sendable {
    public var receivedOn: LocalDate
    public var referringUnitId: UUID
    public var receivingUnitId: UUID
    public var diagnosisGroup: DiagnosisGroup
    public var status: ReferralStatus
    public var notReachedReason: NotReachedReason?
    public var firstContactOn: LocalDate?
    public var discussedAtConference: Bool
    public var conferenceOn: LocalDate?
    public var eortcNotDoneReason: EORTCNotDoneReason?

    public init(
        receivedOn: LocalDate, referringUnitId: UUID, receivingUnitId: UUID, diagnosisGroup: DiagnosisGroup, status: ReferralStatus,
        notReachedReason: NotReachedReason? = nil, firstContactOn: LocalDate? = nil, discussedAtConference: Bool = false,
        conferenceOn: LocalDate? = nil, eortcNotDoneReason: EORTCNotDoneReason? = nil
    ) {
        self.receivedOn = receivedOn
        self.referringUnitId = referringUnitId
        self.receivingUnitId = receivingUnitId
        self.diagnosisGroup = diagnosisGroup
        self.status = status
        self.notReachedReason = notReachedReason
        self.firstContactOn = firstContactOn
        self.discussedAtConference = discussedAtConference
        self.conferenceOn = conferenceOn
        self.eortcNotDoneReason = eortcNotDoneReason
    }

    /// The days, counted from the day the referral was received, to the first contact.
    public var daysToFirstContact: Int? {
        firstContactOn.map { receivedOn.days(until: $0) }
    }
}

/// When an EORTC QLQ-C15-PAL counts as completed "at the start": observed (a Copenhagen day) from
/// the day the referral was received to a week after the first contact, the DPD's baseline.
public enum EORTCAtStart {
    public static let daysAfterFirstContact = 7

    public static func window(receivedOn: LocalDate, firstContactOn: LocalDate?) -> ClosedRange<LocalDate>? {
        guard let firstContactOn else { return nil }
        return receivedOn...firstContactOn.adding(days: daysAfterFirstContact)
    }
}
