import Foundation

/// The numbers to call a care-team member on (issue 18, item 8): the member's own numbers in the
/// plan, else its unit's in the organisation register. A key worker with neither for out of hours
/// is a gap the night nurse must see at once, not a quiet "–".
public struct CareTeamNumbers: Equatable, Sendable {
    public var day: String?
    public var outOfHours: String?
    /// The out-of-hours number is the unit's from the register, not one the plan names.
    public var outOfHoursFromRegister: Bool
    public var dayFromRegister: Bool

    public init(member: CareTeamMember, unitDay: String?, unitOutOfHours: String?) {
        let own = (day: Self.number(member.dayPhone), night: Self.number(member.outOfHoursPhone))
        day = own.day ?? Self.number(unitDay)
        outOfHours = own.night ?? Self.number(unitOutOfHours)
        dayFromRegister = own.day == nil && day != nil
        outOfHoursFromRegister = own.night == nil && outOfHours != nil
    }

    /// A key worker nobody can call outside working hours.
    public static func keyWorkerUnreachableOutOfHours(_ member: CareTeamMember, _ numbers: CareTeamNumbers) -> Bool {
        member.role == .keyWorker && numbers.outOfHours == nil
    }

    static func number(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
