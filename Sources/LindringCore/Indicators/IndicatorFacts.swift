import Foundation

/// What the store reads for the indicators, one value per record: plain facts, no rules. The
/// rules that turn them into counted cases are `IndicatorRules`.
///
/// `group` is the code of the group the record belongs to under the chosen grouping (a
/// hospital's unit code, a municipality code, a diagnosis group); `cancer` whether the patient's
/// diagnosis group is cancer.
public enum IndicatorFacts {
    public struct Referral: Equatable, Sendable {
        public var patientId: UUID
        public var group: String
        public var cancer: Bool
        public var receivedOn: LocalDate
        public var status: ReferralStatus
        public var notReachedReason: NotReachedReason?
        public var firstContactOn: LocalDate?
        public var discussedAtConference: Bool
        /// An EORTC QLQ-C15-PAL in the screening module within `EORTCAtStart.window`.
        public var eortcCompleted: Bool
        /// The plan's date of death, if the patient has died.
        public var dateOfDeath: LocalDate?
        /// The patient's plan now: nil when the patient has none.
        public var plan: PlanFacts?

        public init(
            patientId: UUID, group: String, cancer: Bool, receivedOn: LocalDate, status: ReferralStatus,
            notReachedReason: NotReachedReason? = nil, firstContactOn: LocalDate? = nil, discussedAtConference: Bool = false,
            eortcCompleted: Bool = false, dateOfDeath: LocalDate? = nil, plan: PlanFacts? = nil
        ) {
            self.patientId = patientId
            self.group = group
            self.cancer = cancer
            self.receivedOn = receivedOn
            self.status = status
            self.notReachedReason = notReachedReason
            self.firstContactOn = firstContactOn
            self.discussedAtConference = discussedAtConference
            self.eortcCompleted = eortcCompleted
            self.dateOfDeath = dateOfDeath
            self.plan = plan
        }
    }

    /// What the indicators read of a shared plan.
    public struct PlanFacts: Equatable, Sendable {
        public var hasKeyWorker: Bool
        public var preferredPlaceOfDeath: PreferredPlace
        public var resuscitationDecided: Bool

        public init(hasKeyWorker: Bool, preferredPlaceOfDeath: PreferredPlace, resuscitationDecided: Bool) {
            self.hasKeyWorker = hasKeyWorker
            self.preferredPlaceOfDeath = preferredPlaceOfDeath
            self.resuscitationDecided = resuscitationDecided
        }
    }

    /// A patient whose plan records a death.
    public struct Death: Equatable, Sendable {
        public var patientId: UUID
        public var group: String
        public var cancer: Bool
        public var dateOfDeath: LocalDate
        public var placeOfDeath: PlaceOfDeath?
        public var preferredPlaceOfDeath: PreferredPlace
        /// The earliest first contact of the patient's referrals to specialised palliative care.
        public var firstSpecialisedContactOn: LocalDate?

        public init(
            patientId: UUID, group: String, cancer: Bool, dateOfDeath: LocalDate, placeOfDeath: PlaceOfDeath?,
            preferredPlaceOfDeath: PreferredPlace, firstSpecialisedContactOn: LocalDate?
        ) {
            self.patientId = patientId
            self.group = group
            self.cancer = cancer
            self.dateOfDeath = dateOfDeath
            self.placeOfDeath = placeOfDeath
            self.preferredPlaceOfDeath = preferredPlaceOfDeath
            self.firstSpecialisedContactOn = firstSpecialisedContactOn
        }
    }

    /// Records counted together (advisory contacts by caller, plan changes by sector): `count`
    /// of them on `day` in `group`. `cancer` is nil for records without a patient.
    public struct Tally<Key: Hashable & Sendable>: Equatable, Sendable {
        public var day: LocalDate
        public var key: Key
        public var group: String
        public var cancer: Bool?
        public var count: Int

        public init(day: LocalDate, key: Key, group: String, cancer: Bool?, count: Int) {
            self.day = day
            self.key = key
            self.group = group
            self.cancer = cancer
            self.count = count
        }
    }

    /// A follow-up the advisory line handed to a unit.
    public struct FollowUp: Equatable, Sendable {
        public var patientId: UUID?
        public var group: String
        public var cancer: Bool?
        public var unitSector: Sector
        public var dueAt: Date
        public var status: FollowUpStatus
        public var closedAt: Date?

        public init(
            patientId: UUID?, group: String, cancer: Bool?, unitSector: Sector, dueAt: Date, status: FollowUpStatus, closedAt: Date?
        ) {
            self.patientId = patientId
            self.group = group
            self.cancer = cancer
            self.unitSector = unitSector
            self.dueAt = dueAt
            self.status = status
            self.closedAt = closedAt
        }
    }

    /// An inbox item and when someone of its unit first read it.
    public struct InboxItem: Equatable, Sendable {
        public var patientId: UUID
        public var group: String
        public var cancer: Bool
        public var createdAt: Date
        public var firstReadAt: Date?

        public init(patientId: UUID, group: String, cancer: Bool, createdAt: Date, firstReadAt: Date?) {
            self.patientId = patientId
            self.group = group
            self.cancer = cancer
            self.createdAt = createdAt
            self.firstReadAt = firstReadAt
        }
    }
}
