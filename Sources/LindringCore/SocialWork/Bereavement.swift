/// The periods that follow a child's death, counted from the date of death.
public enum Bereavement {
    /// Bereavement leave (Barselsloven § 13): 26 weeks for each parent, from the day after the death.
    public static let leaveWeeks = 26
    /// Plejevederlag continues for 14 days after the death.
    public static let plejevederlagContinuationDays = 14

    /// The first and last day of a parent's bereavement leave.
    public static func leave(afterDeathOn death: LocalDate) -> ClosedRange<LocalDate> {
        let first = death.adding(days: 1)
        return first...first.adding(days: 7 * leaveWeeks - 1)
    }

    /// The last day plejevederlag is paid after the death.
    public static func plejevederlagLastDay(afterDeathOn death: LocalDate) -> LocalDate {
        death.adding(days: plejevederlagContinuationDays)
    }
}
