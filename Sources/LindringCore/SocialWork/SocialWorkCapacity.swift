import Foundation

/// A period of social-work FTE the team is funded for (`to` nil: until further notice).
public struct FundedFTE: Equatable, Sendable {
    public var from: LocalDate
    public var to: LocalDate?
    public var fte: Decimal

    public init(from: LocalDate, to: LocalDate?, fte: Decimal) {
        self.from = from
        self.to = to
        self.fte = fte
    }

    public func covers(_ day: LocalDate) -> Bool { from <= day && (to.map { day <= $0 } ?? true) }
}

/// The team's capacity, month by month: what the team lead shows the region (no names).
public struct CapacityMonth: Equatable, Sendable {
    /// The month's first day.
    public var month: LocalDate
    /// Cases open at the month's end (open or in bereavement follow-up).
    public var openFamilies: Int
    /// Cases opened during the month.
    public var newReferrals: Int
    public var networkMeetings: Int
    public var consultations: Int
    public var consultationHours: Decimal
    public var teaching: Int
    public var teachingHours: Decimal
    public var applicationsSubmitted: Int
    /// The FTE funded on the month's last day; nil when no period covers it.
    public var fundedFTE: Decimal?
    /// Open cases per funded FTE, to one decimal; nil without funding.
    public var caseloadPerFTE: Decimal?
}

/// What the capacity figures are counted from: dates only.
public struct CapacityFacts: Sendable {
    public var cases: [(openedOn: LocalDate, closedOn: LocalDate?)]
    public var meetings: [LocalDate]
    public var consultations: [(heldOn: LocalDate, kind: ConsultationKind, hours: Decimal)]
    public var applications: [LocalDate]
    public var funding: [FundedFTE]

    public init(
        cases: [(openedOn: LocalDate, closedOn: LocalDate?)] = [], meetings: [LocalDate] = [],
        consultations: [(heldOn: LocalDate, kind: ConsultationKind, hours: Decimal)] = [], applications: [LocalDate] = [],
        funding: [FundedFTE] = []
    ) {
        self.cases = cases
        self.meetings = meetings
        self.consultations = consultations
        self.applications = applications
        self.funding = funding
    }
}

public enum SocialWorkCapacity {
    /// At most ten years of months in one report.
    public static let maxMonths = 120

    /// The first day of each month from `from`'s month to `to`'s.
    public static func months(from: LocalDate, to: LocalDate) -> [LocalDate] {
        var month = LocalDate(year: from.year, month: from.month, day: 1)
        var months: [LocalDate] = []
        while month <= to, months.count < maxMonths {
            months.append(month)
            month = month.adding(months: 1)
        }
        return months
    }

    public static func lastDay(of month: LocalDate) -> LocalDate {
        month.adding(months: 1).adding(days: -1)
    }

    /// The FTE funded on `day`: the latest period that covers it.
    public static func fte(on day: LocalDate, _ funding: [FundedFTE]) -> Decimal? {
        funding.filter { $0.covers(day) }.max { $0.from < $1.from }?.fte
    }

    public static func report(from: LocalDate, to: LocalDate, _ facts: CapacityFacts) -> [CapacityMonth] {
        months(from: from, to: to).map { month in
            let end = lastDay(of: month)
            func inMonth(_ day: LocalDate) -> Bool { month <= day && day <= end }
            let open = facts.cases.filter { $0.openedOn <= end && ($0.closedOn.map { $0 > end } ?? true) }.count
            let consultations = facts.consultations.filter { inMonth($0.heldOn) }
            let advice = consultations.filter { $0.kind == .consultation }
            let teaching = consultations.filter { $0.kind == .teaching }
            let fte = fte(on: end, facts.funding)
            return CapacityMonth(
                month: month, openFamilies: open, newReferrals: facts.cases.filter { inMonth($0.openedOn) }.count,
                networkMeetings: facts.meetings.filter(inMonth).count, consultations: advice.count,
                consultationHours: advice.reduce(0) { $0 + $1.hours }, teaching: teaching.count,
                teachingHours: teaching.reduce(0) { $0 + $1.hours }, applicationsSubmitted: facts.applications.filter(inMonth).count,
                fundedFTE: fte, caseloadPerFTE: fte.flatMap { $0 > 0 ? (Decimal(open) / $0).rounded(scale: 1) : nil })
        }
    }

}

extension FundedFTE {
    /// The most FTE a team is funded for; more is a typing error.
    public static let maxFTE: Decimal = 50

    /// An FTE as typed (`1.5`, `1,5`): more than 0, at most `maxFTE`, at most two decimals.
    public static func parse(_ field: String, _ text: String?, _ v: inout Validator) -> Decimal? {
        let typed = (text ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        guard !typed.isEmpty else {
            v.add(field, .required)
            return nil
        }
        guard typed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let value = Decimal(string: typed),
            value.hasAtMost(decimals: 2)
        else {
            v.add(field, .invalidFormat)
            return nil
        }
        guard value > 0, value <= maxFTE else {
            v.add(field, .outOfRange)
            return nil
        }
        return value
    }
}
