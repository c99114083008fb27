import LindringCore
import Testing

/// The deadline rules of issue 20, table by table, on the real Danish calendars of 2023–2027.
@Suite struct DeadlineTests {
    @Test(arguments: [
        // calendar days; a result on a weekend or a closed day moves to the next working day
        ("2026-01-30", 10, DeadlineUnit.days, "2026-02-09"),
        ("2026-12-03", 2, .days, "2026-12-07"),  // Saturday → Monday
        ("2026-12-14", 10, .days, "2026-12-28"),  // Christmas Eve, Christmas, a weekend
        ("2026-12-05", 0, .days, "2026-12-07"),
        // weeks of 7 days
        ("2026-03-09", 4, .weeks, "2026-04-07"),  // Easter Monday → Tuesday
        ("2026-11-06", 9, .weeks, "2027-01-08"),
        // calendar months: the same day, or the month's last day
        ("2026-01-31", 1, .months, "2026-03-02"),  // 28 February is a Saturday
        ("2024-01-31", 1, .months, "2024-02-29"),  // a leap year
        ("2026-03-31", 2, .months, "2026-06-01"),  // 31 May is a Sunday
        ("2026-11-15", 3, .months, "2027-02-15"),  // over the turn of the year
        ("2026-08-31", 6, .months, "2027-03-01"),  // 28 February 2027 is a Sunday
        // working days after the start
        ("2026-12-03", 20, .workingDays, "2027-01-06"),  // over Christmas and New Year
        ("2026-03-31", 3, .workingDays, "2026-04-08"),  // over Easter
        ("2026-12-05", 1, .workingDays, "2026-12-07"),  // from a Saturday
        ("2026-06-04", 1, .workingDays, "2026-06-08"),  // Constitution Day
        ("2023-05-04", 1, .workingDays, "2023-05-08"),  // Great Prayer Day, until 2023
        ("2024-04-25", 1, .workingDays, "2024-04-26"),  // abolished from 2024
        ("2026-05-13", 1, .workingDays, "2026-05-15"),  // Ascension Day
        ("2026-01-05", 40, .workingDays, "2026-03-02"),
    ])
    func aDeadlineFallsDue(from: String, amount: Int, unit: DeadlineUnit, due: String) throws {
        let start = try #require(LocalDate(from))
        #expect(Deadlines.due(from: start, amount: amount, unit: unit).description == due)
    }

    @Test(arguments: [
        // sent, via, received, appeal deadline
        ("2026-03-30", DecisionDelivery.letter, "2026-04-10", "2026-05-08"),  // a letter before Easter
        ("2026-12-21", .letter, "2027-01-04", "2027-02-01"),  // a letter before Christmas
        ("2026-12-23", .quickLetter, "2026-12-25", "2027-01-22"),  // received on Christmas Day: not moved
        ("2026-12-04", .quickLetter, "2026-12-06", "2027-01-04"),  // received on a Sunday; the deadline moves
        ("2026-12-03", .digitalPost, "2026-12-03", "2027-01-04"),  // four weeks end on New Year's Eve
        ("2026-06-05", .inPerson, "2026-06-05", "2026-07-03"),
    ])
    func aDecisionIsReceivedAndCanBeAppealedUntil(sent: String, via: DecisionDelivery, received: String, appealDue: String) throws {
        let receivedOn = Deadlines.receivedOn(sentOn: try #require(LocalDate(sent)), via: via)
        #expect(receivedOn.description == received)
        #expect(Deadlines.appealDueOn(receivedOn: receivedOn).description == appealDue)
    }

    @Test func bereavementLeaveIsTwentySixWeeksFromTheDayAfterTheDeath() throws {
        let death = try #require(LocalDate("2026-12-03"))
        let leave = Bereavement.leave(afterDeathOn: death)
        #expect(leave.lowerBound.description == "2026-12-04" && leave.upperBound.description == "2027-06-03")
        #expect(Bereavement.plejevederlagLastDay(afterDeathOn: death).description == "2026-12-17")
    }

    @Test(arguments: [("2026-01-31", -1, "2025-12-31"), ("2024-02-29", 12, "2025-02-28"), ("2026-05-15", 0, "2026-05-15")])
    func monthsAreCalendarMonths(from: String, months: Int, expected: String) throws {
        #expect(try #require(LocalDate(from)).adding(months: months).description == expected)
    }

    @Test(arguments: [
        (DeadlineQuery(from: "2026-02-30", amount: "5", unit: "days"), [FieldError("from", .invalidFormat)]),
        (
            DeadlineQuery(from: nil, amount: nil, unit: nil),
            [FieldError("from", .required), FieldError("unit", .required), FieldError("amount", .required)]
        ),
        (DeadlineQuery(from: "2026-12-03", amount: "2.5", unit: "weeks"), [FieldError("amount", .notAnInteger)]),
        (DeadlineQuery(from: "2026-12-03", amount: "-1", unit: "days"), [FieldError("amount", .outOfRange)]),
        (DeadlineQuery(from: "2026-12-03", amount: "121", unit: "months"), [FieldError("amount", .outOfRange)]),
        (DeadlineQuery(from: "2026-12-03", amount: "3", unit: "fortnights"), [FieldError("unit", .invalidChoice)]),
        (
            DeadlineQuery(from: "03-12-2026", amount: "x", unit: "Days"),
            [FieldError("from", .invalidFormat), FieldError("unit", .invalidChoice), FieldError("amount", .notAnInteger)]
        ),
    ])
    func aBadQueryNamesEachBadPart(query: DeadlineQuery, errors: [FieldError]) {
        #expect(throws: ValidationFailure(errors)) { try query.due() }
    }

    @Test func aGoodQueryAnswersTheDueDate() throws {
        #expect(try DeadlineQuery(from: " 2026-12-03 ", amount: "20", unit: "workingDays").due().description == "2027-01-06")
    }
}
