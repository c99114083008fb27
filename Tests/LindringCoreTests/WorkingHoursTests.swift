import Foundation
import Testing

@testable import LindringCore

@Suite struct WorkingHoursTests {
    @Test(arguments: [
        (1990, "1990-04-15"), (2000, "2000-04-23"), (2019, "2019-04-21"), (2024, "2024-03-31"), (2025, "2025-04-20"),
        (2026, "2026-04-05"), (2038, "2038-04-25"), (2049, "2049-04-18"), (2077, "2077-04-11"), (2100, "2100-03-28"),
    ])
    func easterSunday(year: Int, expected: String) {
        #expect(DanishCalendar.easterSunday(year).description == expected)
    }

    @Test func anyGregorianYearIsComputedWithoutCrashing() throws {
        let formatter = ISO8601DateFormatter()
        #expect(WorkingHours.at(try #require(formatter.date(from: "0669-04-04T18:27:58-11:30"))).outsideWorkingHours)
        #expect(DanishCalendar.easterSunday(1583).description == "1583-04-10")
    }

    @Test func whitsunOnConstitutionDayKeepsTheHolidaysName() {
        #expect(DanishCalendar.holiday(on: LocalDate("2022-06-05")!) == "Pinsedag")
        #expect(DanishCalendar.holiday(on: LocalDate("2033-06-05")!) == "Pinsedag")
        #expect(DanishCalendar.holiday(on: LocalDate("2006-06-05")!) == "2. pinsedag")
        #expect(DanishCalendar.holiday(on: LocalDate("2023-06-05")!) == "Grundlovsdag")
    }

    @Test func everyYearFrom1990To2100HasItsClosedDays() {
        for year in 1990...2100 {
            let days = DanishCalendar.closedDays(year)
            // 13 days, one fewer when Whitsun meets 5 June, one more with Great Prayer Day.
            let expected = 13 + (year <= 2023 ? 1 : 0) - (days.values.contains("Grundlovsdag") ? 0 : 1)
            #expect(days.count == expected, "\(year)")
            #expect(
                WorkingHours.nextWorkingDay(after: DanishCalendar.instant(LocalDate(year: year, month: 6, day: 4), hour: 12)!)
                    > Date(timeIntervalSince1970: 0))
        }
    }

    @Test(arguments: [
        "2026-12-24T10:00:00+01:00", "2026-12-24T10:00+01:00", "2026-12-24t09:00:00z", "2026-12-24 09:00:00Z",
        "2026-12-24T09:00:00.000Z", "2026-12-24T10:00:00+0100",
    ])
    func instantsAreReadInTheirCommonSpellings(text: String) {
        #expect(ISO8601Instant.parse(text) == ISO8601Instant.parse("2026-12-24T09:00:00Z"), "\(text)")
    }

    @Test(arguments: ["2026-12-24", "2026-12-24T10", "24.12.2026 10:00", "2026-12-24T10:00:00", "tomorrow", ""])
    func textThatIsNotAnInstantIsRefused(text: String) {
        #expect(ISO8601Instant.parse(text) == nil, "\(text)")
    }

    @Test func greatPrayerDayEndsAfter2023() {
        #expect(DanishCalendar.holiday(on: LocalDate("2023-05-05")!) == "Store bededag")
        #expect(DanishCalendar.holiday(on: LocalDate("2024-04-26")!) == nil)
    }

    @Test(arguments: [
        // instant (UTC), outside, holiday
        ("2026-11-23T07:00:00Z", false, nil as String?),  // Monday 08:00 CET: opens
        ("2026-11-23T06:59:59Z", true, nil),  // 07:59 CET
        ("2026-11-23T14:59:59Z", false, nil),  // 15:59 CET
        ("2026-11-23T15:00:00Z", true, nil),  // 16:00 CET: closed
        ("2026-11-21T10:00:00Z", true, nil),  // Saturday
        ("2026-03-30T06:30:00Z", false, nil),  // Monday after spring forward: 08:30 CEST
        ("2026-03-27T06:30:00Z", true, nil),  // Friday before: 07:30 CET
        ("2026-10-23T06:30:00Z", false, nil),  // Friday before fall back: 08:30 CEST
        ("2026-10-26T06:30:00Z", true, nil),  // Monday after: 07:30 CET
        ("2026-04-02T09:00:00Z", true, "Skærtorsdag"),
        ("2026-05-14T09:00:00Z", true, "Kristi himmelfartsdag"),
        ("2026-05-25T09:00:00Z", true, "2. pinsedag"),
        ("2026-06-05T09:00:00Z", true, "Grundlovsdag"),
        ("2026-12-24T09:00:00Z", true, "Juleaftensdag"),
        ("2026-12-31T09:00:00Z", true, "Nytårsaftensdag"),
        ("2027-01-01T09:00:00Z", true, "Nytårsdag"),
        ("2023-05-05T09:00:00Z", true, "Store bededag"),
        ("2024-04-26T09:00:00Z", false, nil),  // the Friday that was Great Prayer Day
        ("2026-12-31T23:30:00Z", true, "Nytårsdag"),  // already 1 January in Copenhagen
    ])
    func workingHours(instant: String, outside: Bool, holiday: String?) throws {
        let date = try #require(ISO8601DateFormatter().date(from: instant))
        #expect(WorkingHours.at(date) == WorkingHours(outsideWorkingHours: outside, holiday: holiday))
    }

    @Test func routineFollowUpsAreDueTheNextWorkingDayAtTen() throws {
        let formatter = ISO8601DateFormatter()
        // Maundy Thursday evening 2026 → Tuesday after Easter, 10:00 CEST = 08:00 UTC
        #expect(
            WorkingHours.nextWorkingDay(after: try #require(formatter.date(from: "2026-04-02T20:00:00Z")))
                == formatter.date(from: "2026-04-07T08:00:00Z"))
        // Friday afternoon in winter → Monday 10:00 CET = 09:00 UTC
        #expect(
            WorkingHours.nextWorkingDay(after: try #require(formatter.date(from: "2026-11-20T15:30:00Z")))
                == formatter.date(from: "2026-11-23T09:00:00Z"))
        // Christmas: 23 December → 28 December (24, 25, 26 closed; 27 is a Sunday)
        #expect(
            WorkingHours.nextWorkingDay(after: try #require(formatter.date(from: "2026-12-23T12:00:00Z")))
                == formatter.date(from: "2026-12-28T09:00:00Z"))
    }
}
