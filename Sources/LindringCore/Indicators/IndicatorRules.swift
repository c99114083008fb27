import Foundation

/// One counted case of an indicator: a patient (or a tally of records) on the day that places it
/// in a period, in the numerator or not. Cases a definition excludes are never made.
public struct IndicatorCase: Equatable, Sendable {
    public var indicator: IndicatorID
    public var day: LocalDate
    public var group: String
    public var cancer: Bool?
    /// The patient, for the drill-down; nil for a tally.
    public var patientId: UUID?
    public var numerator: Int
    public var denominator: Int

    public init(indicator: IndicatorID, day: LocalDate, group: String, cancer: Bool?, patientId: UUID?, numerator: Int, denominator: Int) {
        self.indicator = indicator
        self.day = day
        self.group = group
        self.cancer = cancer
        self.patientId = patientId
        self.numerator = numerator
        self.denominator = denominator
    }

    init(_ indicator: IndicatorID, day: LocalDate, group: String, cancer: Bool?, patientId: UUID?, counted: Bool) {
        self.init(indicator: indicator, day: day, group: group, cancer: cancer, patientId: patientId, numerator: counted ? 1 : 0, denominator: 1)
    }
}

/// The definitions: which records count, in the numerator and the denominator, and which are
/// left out. Each indicator's words on the page say the same.
public enum IndicatorRules {
    /// The DPD's limit for the first contact: at most 10 days after the referral was received.
    public static let firstContactDays = 10

    /// How a referral ended, as the indicators see it: a referral still waiting whose patient has
    /// died since it was received was not reached (died), as is one whose first contact is dated
    /// after the death; one still waiting otherwise is pending and left out.
    public enum ReferralOutcome: Equatable, Sendable {
        case reached, notReachedCounted, excluded, pending
    }

    public static func outcome(_ referral: IndicatorFacts.Referral) -> ReferralOutcome {
        switch referral.status {
        case .firstContact:
            // A first contact dated after the patient's death cannot have been one with the patient.
            if let death = referral.dateOfDeath, let first = referral.firstContactOn, first > death { return .notReachedCounted }
            return .reached
        case .notReached:
            switch referral.notReachedReason {
            case .died, .tooIll: return .notReachedCounted
            case .declined, .other, nil: return .excluded
            }
        case .received:
            if let death = referral.dateOfDeath, death >= referral.receivedOn { return .notReachedCounted }
            return .pending
        }
    }

    /// The DPD's indicators 1, 2, 4 and 5, each counted on the day the referral was received, and
    /// the plan indicators for each patient once, on the day of their first referral in `period`.
    public static func cases(referrals: [IndicatorFacts.Referral], period: ClosedRange<LocalDate>) -> [IndicatorCase] {
        var cases: [IndicatorCase] = []
        var planPatients: Set<UUID> = []
        for referral in referrals.sorted(by: { $0.receivedOn < $1.receivedOn }) where period.contains(referral.receivedOn) {
            let at = (day: referral.receivedOn, group: referral.group, cancer: referral.cancer, patient: referral.patientId)
            func add(_ indicator: IndicatorID, _ counted: Bool) {
                cases.append(IndicatorCase(indicator, day: at.day, group: at.group, cancer: at.cancer, patientId: at.patient, counted: counted))
            }
            switch outcome(referral) {
            case .reached:
                add(.referralsReached, true)
                let days = referral.firstContactOn.map { referral.receivedOn.days(until: $0) } ?? Int.max
                add(.firstContactWithin10Days, days <= firstContactDays)
                add(.eortcAtStart, referral.eortcCompleted)
                add(.discussedAtConference, referral.discussedAtConference)
            case .notReachedCounted: add(.referralsReached, false)
            case .excluded, .pending: break
            }
            if planPatients.insert(referral.patientId).inserted {
                let plan = referral.plan
                add(.sharedPlan, plan != nil)
                add(.keyWorker, plan?.hasKeyWorker == true)
                add(.preferredPlaceOfDeathDocumented, (plan?.preferredPlaceOfDeath ?? .notDiscussed) != .notDiscussed)
                add(.resuscitationDecision, plan?.resuscitationDecided == true)
            }
        }
        return cases
    }

    /// The DPD's indicator 3 and place-of-death concordance, counted on the day of death.
    public static func cases(deaths: [IndicatorFacts.Death], period: ClosedRange<LocalDate>) -> [IndicatorCase] {
        deaths.filter { period.contains($0.dateOfDeath) }.flatMap { death -> [IndicatorCase] in
            let contact = death.firstSpecialisedContactOn.map { $0 <= death.dateOfDeath } ?? false
            var cases = [
                IndicatorCase(
                    .deathsWithSpecialisedContact, day: death.dateOfDeath, group: death.group, cancer: death.cancer,
                    patientId: death.patientId, counted: contact)
            ]
            if let concordant = PlaceOfDeathConcordance.concordant(preferred: death.preferredPlaceOfDeath, actual: death.placeOfDeath) {
                cases.append(
                    IndicatorCase(
                        .placeOfDeathConcordance, day: death.dateOfDeath, group: death.group, cancer: death.cancer,
                        patientId: death.patientId, counted: concordant))
            }
            return cases
        }
    }

    /// Advisory-line contacts by the caller's sector: every contact is in each sector's
    /// denominator, and in its own sector's numerator. Counted on the contact's Copenhagen day.
    public static func cases(calls: [IndicatorFacts.Tally<CallerRole>], period: ClosedRange<LocalDate>) -> [IndicatorCase] {
        tallies(
            calls.map { .init(day: $0.day, key: CallerSector($0.key).indicator, group: $0.group, cancer: $0.cancer, count: $0.count) },
            of: CallerSector.allCases.map(\.indicator), period: period)
    }

    /// Plan versions by the sector of the author's unit, counted on the version's Copenhagen day.
    public static func cases(planChanges: [IndicatorFacts.Tally<Sector>], period: ClosedRange<LocalDate>) -> [IndicatorCase] {
        tallies(
            planChanges.map { .init(day: $0.day, key: $0.key.planChangesIndicator, group: $0.group, cancer: $0.cancer, count: $0.count) },
            of: Sector.allCases.map(\.planChangesIndicator), period: period)
    }

    static func tallies(
        _ tallies: [IndicatorFacts.Tally<IndicatorID>], of indicators: [IndicatorID], period: ClosedRange<LocalDate>
    )
        -> [IndicatorCase]
    {
        tallies.filter { period.contains($0.day) }.flatMap { tally in
            indicators.map { indicator in
                IndicatorCase(
                    indicator: indicator, day: tally.day, group: tally.group, cancer: tally.cancer, patientId: nil,
                    numerator: tally.key == indicator ? tally.count : 0, denominator: tally.count)
            }
        }
    }

    /// Follow-ups handed to a unit in another sector than the advisory line's (the region's):
    /// done by the time they were due. Counted on the Copenhagen day they were due; cancelled
    /// ones are left out, and open ones until they are overdue.
    public static func cases(followUps: [IndicatorFacts.FollowUp], period: ClosedRange<LocalDate>, now: Date) -> [IndicatorCase] {
        followUps.compactMap { followUp in
            let day = LocalDate(followUp.dueAt, in: DanishCalendar.timeZone)
            guard followUp.unitSector != .region, period.contains(day) else { return nil }
            let onTime: Bool
            switch followUp.status {
            case .cancelled: return nil
            case .open:
                guard followUp.dueAt < now else { return nil }
                onTime = false
            case .done: onTime = (followUp.closedAt ?? .distantFuture) <= followUp.dueAt
            }
            return IndicatorCase(
                .crossSectorFollowUpsOnTime, day: day, group: followUp.group, cancer: followUp.cancer, patientId: followUp.patientId,
                counted: onTime)
        }
    }

    /// Inbox items read by someone of their unit within a working day (`WorkingDayDeadline`),
    /// counted on the Copenhagen day they arrived; unread ones are left out until the deadline passes.
    public static func cases(inbox: [IndicatorFacts.InboxItem], period: ClosedRange<LocalDate>, now: Date) -> [IndicatorCase] {
        inbox.compactMap { item in
            let day = LocalDate(item.createdAt, in: DanishCalendar.timeZone)
            guard period.contains(day) else { return nil }
            let deadline = WorkingDayDeadline.after(item.createdAt)
            if item.firstReadAt == nil, deadline > now { return nil }
            return IndicatorCase(
                .inboxAcknowledgedWithinWorkingDay, day: day, group: item.group, cancer: item.cancer, patientId: item.patientId,
                counted: item.firstReadAt.map { $0 <= deadline } ?? false)
        }
    }
}
