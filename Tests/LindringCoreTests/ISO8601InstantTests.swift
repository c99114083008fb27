import Foundation
import LindringCore
import Testing

/// Instants as the API reads them (issue 17, item 9): every field must exist as written.
@Suite struct ISO8601InstantTests {
    @Test(arguments: [
        // text, the same instant in UTC
        ("2026-12-24T10:00:00+01:00", "2026-12-24T09:00:00Z"),
        ("2026-12-24T10:00:00+0100", "2026-12-24T09:00:00Z"),
        ("2026-12-24T10:00+01:00", "2026-12-24T09:00:00Z"),
        ("2026-12-24t09:00:00z", "2026-12-24T09:00:00Z"),
        ("2026-12-24 09:00:00Z", "2026-12-24T09:00:00Z"),
        ("2026-12-24T09:00:00.000Z", "2026-12-24T09:00:00Z"),
        ("2026-12-24T09:00:00.250Z", "2026-12-24T09:00:00.250Z"),
        ("2026-12-24T09:00:00.123456789Z", "2026-12-24T09:00:00.123456789Z"),
        ("2026-12-24T00:30:00-05:30", "2026-12-24T06:00:00Z"),
        ("2026-12-24T23:59:59+18:00", "2026-12-24T05:59:59Z"),
        ("2026-12-24T00:00:00-18:00", "2026-12-24T18:00:00Z"),
        ("2024-02-29T12:00:00Z", "2024-02-29T12:00:00Z"),
        ("2000-02-29T12:00:00Z", "2000-02-29T12:00:00Z"),
        ("1900-01-01T00:00:00Z", "1900-01-01T00:00:00Z"),
        ("9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"),
        ("2027-01-01T00:59:59+01:00", "2026-12-31T23:59:59Z"),
    ])
    func instantsWhoseEveryFieldExistsAreAccepted(text: String, utc: String) throws {
        // when
        let parsed = try #require(ISO8601Instant.parse(text), "\(text)")
        // then
        let expected = try #require(ISO8601Instant.parse(utc))
        #expect(abs(parsed.timeIntervalSince(expected)) < 1e-6, "\(text)")
    }

    @Test func anAcceptedInstantIsTheSecondsSince1970ItNames() throws {
        #expect(ISO8601Instant.parse("1970-01-01T00:00:00Z") == Date(timeIntervalSince1970: 0))
        #expect(ISO8601Instant.parse("2026-12-24T09:00:00Z") == Date(timeIntervalSince1970: 1_798_102_800))
        #expect(ISO8601Instant.parse("1900-03-01T00:00:00Z") == Date(timeIntervalSince1970: -2_203_891_200))
    }

    @Test(arguments: [
        "0001-01-01T00:00:00Z",  // year 1
        "-0001-01-01T00:00:00Z",  // a year before 1 (stored as year 2)
        "1899-12-31T23:59:59Z",  // before 1900
        "+2026-12-24T09:00:00Z",
        "12026-12-24T09:00:00Z",
        "2026-02-30T09:00:00Z",  // 30 February (stored as 2 March)
        "2026-02-29T09:00:00Z",  // not a leap year
        "1900-02-29T09:00:00Z",  // nor is 1900
        "2026-04-31T09:00:00Z",
        "2026-13-01T09:00:00Z",
        "2026-00-10T09:00:00Z",
        "2026-12-00T09:00:00Z",
        "2026-12-24T24:00:00Z",
        "2026-12-24T09:60:00Z",
        "2026-12-24T09:00:60Z",
        "2026-12-24T09:00:00+99:00",  // no such offset
        "2026-12-24T09:00:00+18:01",
        "2026-12-24T09:00:00-19:00",
        "2026-12-24T09:00:00+01:60",
        "2026-12-24T09:00:00+1:00",
        "2026-12-24T09:00:00+01",
        "2026-12-24T09:00:00.Z",
        "2026-12-24T09:00:00.1234567890Z",
        "2026-12-24T9:00:00Z",
        "2026-1-24T09:00:00Z",
        "2026-12-24T09:00:00Z ",
        "2026-12-24T09:00:00ZZ",
        "2026-12-24T09:00:00",
        "2026-12-24",
        "24.12.2026 10:00",
        "२०२६-12-24T09:00:00Z",
        "",
    ])
    func instantsNamingAFieldThatDoesNotExistAreRefused(text: String) {
        #expect(ISO8601Instant.parse(text) == nil, "\(text)")
    }

    @Test(arguments: [
        // observed at, born on, refused
        ("2026-11-23T10:00:00Z", "1940-01-01", false),
        ("1940-01-01T00:30:00+01:00", "1940-01-01", false),  // the first minutes of the birthday in Copenhagen
        ("1939-12-31T23:30:00Z", "1940-01-01", false),  // 00:30 on the birthday in Copenhagen
        ("1939-12-31T22:59:59Z", "1940-01-01", true),  // 23:59:59 the day before in Copenhagen
        ("1930-06-01T12:00:00Z", "1940-01-01", true),
    ])
    func anObservationBeforeThePatientsBirthIsRefused(at: String, bornOn: String, refused: Bool) throws {
        // given
        let instant = try #require(ISO8601Instant.parse(at))
        var v = Validator()
        // when
        v.notBeforeBirth("at", instant, birthDate: try #require(LocalDate(bornOn)))
        // then
        #expect(v.errors == (refused ? [FieldError("at", .beforeBirth)] : []), "\(at)")
    }
}

/// A form's `datetime-local` text goes to Core as it was typed, read as Copenhagen wall-clock time.
@Suite struct InstantInputTests {
    @Test func aFormsTimeIsCopenhagenWallClockAndTheAPIsIsISO8601() {
        #expect(InstantInput.copenhagen("2026-07-02T00:00").date == ISO8601Instant.parse("2026-07-01T22:00:00Z"))
        #expect(InstantInput.copenhagen("2026-11-23T21:14").date == ISO8601Instant.parse("2026-11-23T20:14:00Z"))
        #expect(InstantInput.iso8601("2026-11-23T21:14").date == nil, "the API's text needs its offset")
        #expect(InstantInput.copenhagen("i går").date == nil && InstantInput(formText: "  ") == nil)
    }

    @Test func aFormsBadTimeIsAFieldErrorNamedByItsField() {
        var v = Validator()
        #expect(v.instant("startedAt", InstantInput(formText: "23.11.2026 21:14"), required: true) == nil)
        #expect(v.errors == [FieldError("startedAt", .invalidFormat)])
    }
}
