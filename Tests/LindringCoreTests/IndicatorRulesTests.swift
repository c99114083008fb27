import Foundation
import Testing

@testable import LindringCore

/// The working group's indicator arithmetic, table by table: who is in the numerator, who in
/// the denominator, who is left out, and on which Copenhagen day each case counts.
@Suite struct IndicatorRulesTests {
    static let year = LocalDate("2026-01-01")!...LocalDate("2026-12-31")!
    static let patient = UUID()

    static func referral(
        received: String, status: ReferralStatus, reason: NotReachedReason? = nil, firstContact: String? = nil, death: String? = nil,
        conference: Bool = false, eortc: Bool = false, cancer: Bool = true
    ) -> IndicatorFacts.Referral {
        IndicatorFacts.Referral(
            patientId: UUID(), group: "101", cancer: cancer, receivedOn: LocalDate(received)!, status: status, notReachedReason: reason,
            firstContactOn: firstContact.flatMap(LocalDate.init), discussedAtConference: conference, eortcCompleted: eortc,
            dateOfDeath: death.flatMap(LocalDate.init))
    }

    static func counted(_ cases: [IndicatorCase], _ id: IndicatorID) -> (numerator: Int, denominator: Int) {
        let row = IndicatorReport.rows(cases).first { $0.indicator == id }
        return (row?.all.numerator ?? 0, row?.all.denominator ?? 0)
    }

    @Test(
        "DPD 1: reached, not reached because of death or illness, left out otherwise",
        arguments: [
            (referral(received: "2026-03-02", status: .firstContact, firstContact: "2026-03-05"), 1, 1),
            (referral(received: "2026-03-02", status: .notReached, reason: .died), 0, 1),
            (referral(received: "2026-03-02", status: .notReached, reason: .tooIll), 0, 1),
            (referral(received: "2026-03-02", status: .notReached, reason: .declined), 0, 0),
            (referral(received: "2026-03-02", status: .notReached, reason: .other), 0, 0),
            // still waiting: pending, unless the patient has died since the referral came
            (referral(received: "2026-03-02", status: .received), 0, 0),
            (referral(received: "2026-03-02", status: .received, death: "2026-03-04"), 0, 1),
            (referral(received: "2026-03-02", status: .received, death: "2026-03-02"), 0, 1),
            // a first contact dated after the death was no contact with the patient
            (referral(received: "2026-03-02", status: .firstContact, firstContact: "2026-03-09", death: "2026-03-08"), 0, 1),
            (referral(received: "2026-03-02", status: .firstContact, firstContact: "2026-03-08", death: "2026-03-08"), 1, 1),
            // a death before the referral was received is another matter: still pending
            (referral(received: "2026-03-02", status: .received, death: "2026-02-27"), 0, 0),
        ])
    func referralsReached(referral: IndicatorFacts.Referral, numerator: Int, denominator: Int) {
        let cases = IndicatorRules.cases(referrals: [referral], period: Self.year)
        #expect(Self.counted(cases, .referralsReached) == (numerator, denominator))
    }

    @Test(
        "DPD 2: at most 10 days from the day received to the first contact",
        arguments: [
            ("2026-03-02", "2026-03-02", 1), ("2026-03-02", "2026-03-12", 1), ("2026-03-02", "2026-03-13", 0),
            // across the turn of a month and a year: whole calendar days
            ("2026-02-24", "2026-03-06", 1), ("2026-02-24", "2026-03-07", 0), ("2025-12-28", "2026-01-07", 1),
        ])
    func firstContactWithinTenDays(received: String, firstContact: String, numerator: Int) {
        let cases = IndicatorRules.cases(
            referrals: [Self.referral(received: received, status: .firstContact, firstContact: firstContact)],
            period: LocalDate("2025-01-01")!...LocalDate("2026-12-31")!)
        #expect(Self.counted(cases, .firstContactWithin10Days) == (numerator, 1))
    }

    @Test func eortcAndConferenceCountOnlyReachedPatients() {
        let cases = IndicatorRules.cases(
            referrals: [
                Self.referral(received: "2026-03-02", status: .firstContact, firstContact: "2026-03-03", conference: true, eortc: true),
                Self.referral(received: "2026-03-02", status: .firstContact, firstContact: "2026-03-03"),
                Self.referral(received: "2026-03-02", status: .notReached, reason: .died),
            ], period: Self.year)
        #expect(Self.counted(cases, .eortcAtStart) == (1, 2))
        #expect(Self.counted(cases, .discussedAtConference) == (1, 2))
    }

    @Test func aReferralCountsInTheMonthItWasReceived() {
        // given referrals received on the last day of March and the first of April
        let cases = IndicatorRules.cases(
            referrals: [
                Self.referral(received: "2026-03-31", status: .firstContact, firstContact: "2026-04-20"),
                Self.referral(received: "2026-04-01", status: .firstContact, firstContact: "2026-04-02"),
            ], period: Self.year)
        // when the 10-day indicator is drawn by month
        let points = IndicatorReport.series(cases, indicator: .firstContactWithin10Days, group: nil, period: Self.year, interval: .month)
        // then March holds the late one, April the early one
        #expect(points.count == 12)
        #expect(points[2].count == IndicatorCount(numerator: 0, denominator: 1))
        #expect(points[3].count == IndicatorCount(numerator: 1, denominator: 1))
        // and by quarter they fall in Q1 and Q2
        let quarters = IndicatorReport.series(cases, indicator: .firstContactWithin10Days, group: nil, period: Self.year, interval: .quarter)
        #expect(quarters.map(\.count.denominator) == [1, 1, 0, 0])
    }

    @Test func thePlanIndicatorsCountEachReferredPatientOnce() {
        let patient = UUID()
        var first = Self.referral(received: "2026-03-02", status: .firstContact, firstContact: "2026-03-03")
        first.patientId = patient
        first.plan = IndicatorFacts.PlanFacts(hasKeyWorker: true, preferredPlaceOfDeath: .home, resuscitationDecided: false)
        var second = first
        second.receivedOn = LocalDate("2026-05-02")!
        let withoutPlan = Self.referral(received: "2026-03-02", status: .received)
        let cases = IndicatorRules.cases(referrals: [first, second, withoutPlan], period: Self.year)
        #expect(Self.counted(cases, .sharedPlan) == (1, 2))
        #expect(Self.counted(cases, .keyWorker) == (1, 2))
        #expect(Self.counted(cases, .preferredPlaceOfDeathDocumented) == (1, 2))
        #expect(Self.counted(cases, .resuscitationDecision) == (0, 2))
        // and the DPD indicators count both referrals
        #expect(Self.counted(cases, .firstContactWithin10Days) == (2, 2))
    }

    @Test(
        "Place of death against the preferred place; no preference, or none to compare with, is left out",
        arguments: [
            (PreferredPlace.home, PlaceOfDeath?.some(.home), Bool?.some(true)),
            (.home, .hospitalDepartment, false),
            (.hospice, .hospice, true), (.hospice, .palliativeUnit, true), (.hospital, .palliativeUnit, true),
            (.nursingHome, .nursingHome, true), (.home, .otherOrUnknown, nil),
            (.notDiscussed, .home, nil), (.other, .home, nil), (.home, nil, nil),
        ])
    func concordance(preferred: PreferredPlace, actual: PlaceOfDeath?, concordant: Bool?) {
        #expect(PlaceOfDeathConcordance.concordant(preferred: preferred, actual: actual) == concordant)
    }

    @Test func deathsCountSpecialisedContactOnOrBeforeTheDayOfDeath() {
        func death(_ day: String, contact: String?, preferred: PreferredPlace = .home, place: PlaceOfDeath? = .home) -> IndicatorFacts.Death {
            IndicatorFacts.Death(
                patientId: UUID(), group: "101", cancer: false, dateOfDeath: LocalDate(day)!, placeOfDeath: place, preferredPlaceOfDeath: preferred,
                firstSpecialisedContactOn: contact.flatMap(LocalDate.init))
        }
        let cases = IndicatorRules.cases(
            deaths: [
                death("2026-06-10", contact: "2026-06-10"), death("2026-06-10", contact: "2026-06-11"), death("2026-06-10", contact: nil),
                death("2026-06-10", contact: nil, preferred: .notDiscussed), death("2027-01-01", contact: "2026-12-01"),
            ], period: Self.year)
        #expect(Self.counted(cases, .deathsWithSpecialisedContact) == (1, 4))
        #expect(Self.counted(cases, .placeOfDeathConcordance) == (3, 3))
        let row = IndicatorReport.rows(cases).first { $0.indicator == .deathsWithSpecialisedContact }
        #expect(row?.nonCancer == IndicatorCount(numerator: 1, denominator: 4) && row?.cancer == IndicatorCount())
    }

    @Test func aFollowUpCountsOnItsCopenhagenDayAndOnlyWhenDue() {
        let now = ISO8601DateFormatter().date(from: "2026-07-01T12:00:00Z")!
        func followUp(due: String, status: FollowUpStatus, closed: String? = nil, sector: Sector = .municipality) -> IndicatorFacts.FollowUp {
            let f = ISO8601DateFormatter()
            return IndicatorFacts.FollowUp(
                patientId: nil, group: "x", cancer: nil, unitSector: sector, dueAt: f.date(from: due)!, status: status,
                closedAt: closed.flatMap { f.date(from: $0) })
        }
        let june = LocalDate("2026-06-01")!...LocalDate("2026-06-30")!
        let cases = IndicatorRules.cases(
            followUps: [
                followUp(due: "2026-06-10T08:00:00Z", status: .done, closed: "2026-06-10T07:59:00Z"),
                followUp(due: "2026-06-10T08:00:00Z", status: .done, closed: "2026-06-10T08:01:00Z"),
                followUp(due: "2026-06-10T08:00:00Z", status: .open),
                followUp(due: "2026-06-10T08:00:00Z", status: .cancelled),
                followUp(due: "2026-06-10T08:00:00Z", status: .done, closed: "2026-06-10T07:00:00Z", sector: .region),
                // 23:30 UTC on 30 June is 1 July in Copenhagen: not June's
                followUp(due: "2026-06-30T23:30:00Z", status: .done, closed: "2026-06-30T20:00:00Z"),
                // 22:30 UTC on 31 May is 1 June in Copenhagen: June's
                followUp(due: "2026-05-31T22:30:00Z", status: .done, closed: "2026-05-31T20:00:00Z"),
            ], period: june, now: now)
        #expect(Self.counted(cases, .crossSectorFollowUpsOnTime) == (2, 4))
    }

    @Test(
        "Within a working day: the same time next working day; from a day off, the end of the first working day",
        arguments: [
            ("2026-06-09T10:00:00+02:00", "2026-06-10T10:00:00+02:00"),  // Tuesday → Wednesday
            ("2026-06-12T15:00:00+02:00", "2026-06-15T15:00:00+02:00"),  // Friday → Monday
            ("2026-06-13T09:00:00+02:00", "2026-06-16T00:00:00+02:00"),  // Saturday → end of Monday
            ("2026-12-23T11:00:00+01:00", "2026-12-28T11:00:00+01:00"),  // before Christmas → after the holidays
            ("2026-03-27T02:30:00+01:00", "2026-03-30T02:30:00+02:00"),  // Friday, across the change to summer time
        ])
    func workingDayDeadline(arrival: String, deadline: String) {
        let f = ISO8601DateFormatter()
        #expect(WorkingDayDeadline.after(f.date(from: arrival)!) == f.date(from: deadline)!)
    }

    @Test func anUnreadInboxItemIsLeftOutUntilItsDeadlinePasses() {
        let f = ISO8601DateFormatter()
        let arrived = f.date(from: "2026-06-09T08:00:00Z")!
        let item = { (read: String?) in
            IndicatorFacts.InboxItem(patientId: UUID(), group: "x", cancer: true, createdAt: arrived, firstReadAt: read.flatMap { f.date(from: $0) })
        }
        let period = LocalDate("2026-06-01")!...LocalDate("2026-06-30")!
        let early = IndicatorRules.cases(
            inbox: [item(nil), item("2026-06-10T07:59:00Z")], period: period, now: f.date(from: "2026-06-09T12:00:00Z")!)
        #expect(Self.counted(early, .inboxAcknowledgedWithinWorkingDay) == (1, 1))
        let later = IndicatorRules.cases(
            inbox: [item(nil), item("2026-06-10T07:59:00Z"), item("2026-06-10T08:01:00Z")], period: period, now: f.date(from: "2026-06-20T12:00:00Z")!
        )
        #expect(Self.counted(later, .inboxAcknowledgedWithinWorkingDay) == (1, 3))
    }

    @Test func callsAreInEverySectorsDenominatorAndTheirOwnNumerator() {
        let day = LocalDate("2026-06-01")!
        let cases = IndicatorRules.cases(
            calls: [
                .init(day: day, key: .homeCareNurse, group: "101", cancer: true, count: 6),
                .init(day: day, key: .gp, group: "101", cancer: false, count: 3),
                .init(day: day, key: .relative, group: "101", cancer: nil, count: 1),
            ], period: Self.year)
        #expect(Self.counted(cases, .callsFromMunicipality) == (6, 10))
        #expect(Self.counted(cases, .callsFromGeneralPractice) == (3, 10))
        #expect(Self.counted(cases, .callsFromPatientOrRelatives) == (1, 10))
        #expect(Self.counted(cases, .callsFromHospital) == (0, 10))
    }

    @Test(
        "Shares to one decimal, half away from zero, and the Wilson interval",
        arguments: [
            (
                IndicatorCount(numerator: 62, denominator: 100), Decimal?.some(62), Decimal?.some(Decimal(string: "52.2")!),
                Decimal?.some(Decimal(string: "70.9")!)
            ),
            (IndicatorCount(numerator: 1, denominator: 3), Decimal(string: "33.3"), Decimal(string: "6.1"), Decimal(string: "79.2")),
            (IndicatorCount(numerator: 2, denominator: 3), Decimal(string: "66.7"), Decimal(string: "20.8"), Decimal(string: "93.9")),
            (IndicatorCount(numerator: 0, denominator: 4), 0, 0, 49),
            (IndicatorCount(numerator: 0, denominator: 0), nil, nil, nil),
        ])
    func shareAndInterval(count: IndicatorCount, share: Decimal?, lower: Decimal?, upper: Decimal?) {
        #expect(count.share == share)
        #expect(count.confidenceInterval?.lowerBound == lower)
        #expect(count.confidenceInterval?.upperBound == upper)
    }
}
