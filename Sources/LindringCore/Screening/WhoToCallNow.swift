import Foundation

/// Whom a patient should call right away after answering a questionnaire with a severe answer
/// (issue 18, item 12): the care team's units with the number that answers now, the key worker
/// first; the palliative advisory line, which answers day and night; and 112 always (the page
/// says so itself). A member's own numbers come before its unit's (`CareTeamNumbers`). Outside
/// working hours only an out-of-hours number is offered: a day number rings in a closed office.
public struct WhoToCallNow: Equatable, Sendable {
    /// A unit's name and its numbers in the organisation register.
    public struct UnitNumbers: Equatable, Sendable {
        public var name: String
        public var dayPhone: String?
        public var outOfHoursPhone: String?

        public init(name: String, dayPhone: String?, outOfHoursPhone: String?) {
            self.name = name
            self.dayPhone = dayPhone
            self.outOfHoursPhone = outOfHoursPhone
        }
    }

    public struct Call: Equatable, Sendable {
        public var unitName: String
        public var role: CareTeamRole
        /// The number that answers now.
        public var number: String
        /// The unit's other number, for the other part of the day (shown as such), if any.
        public var otherNumber: String?
        /// Whether `number` is the out-of-hours one (so `otherNumber` is for the day).
        public var numberIsOutOfHours: Bool
    }

    /// The key worker first (when it has a number for now), then the rest of the care team in
    /// the plan's order; each unit once, and a number already offered is not offered again.
    public var careTeam: [Call]
    /// The advisory line's number, when the register has one.
    public var advisoryLine: String?

    /// `advisoryLines`: the register's advisory-line units; the first with a number is offered.
    public init(careTeam members: [CareTeamMember], units: (UUID) -> UnitNumbers?, advisoryLines: [UnitNumbers], outsideWorkingHours: Bool) {
        var calls: [Call] = []
        var seenUnits = Set<UUID>(), seenNumbers = Set<String>()
        let ordered = members.filter { $0.role == .keyWorker } + members.filter { $0.role != .keyWorker }
        for member in ordered {
            guard let unit = units(member.unitId), seenUnits.insert(member.unitId).inserted else { continue }
            let numbers = CareTeamNumbers(member: member, unitDay: unit.dayPhone, unitOutOfHours: unit.outOfHoursPhone)
            let now = outsideWorkingHours ? numbers.outOfHours : numbers.day ?? numbers.outOfHours
            guard let now, seenNumbers.insert(Self.dialable(now)).inserted else { continue }
            let isOutOfHours = now == numbers.outOfHours && (outsideWorkingHours || numbers.day == nil)
            let other = isOutOfHours ? numbers.day : numbers.outOfHours
            calls.append(
                Call(
                    unitName: unit.name, role: member.role, number: now, otherNumber: other == now ? nil : other,
                    numberIsOutOfHours: isOutOfHours))
        }
        careTeam = calls
        let line = advisoryLines.lazy.compactMap { CareTeamNumbers.number($0.outOfHoursPhone) ?? CareTeamNumbers.number($0.dayPhone) }.first
        advisoryLine = line.flatMap { seenNumbers.contains(Self.dialable($0)) ? nil : $0 }
    }

    /// The digits (and a leading +) a phone dials: what a `tel:` address carries.
    public static func dialable(_ number: String) -> String {
        number.filter { $0.isNumber || $0 == "+" }
    }
}
