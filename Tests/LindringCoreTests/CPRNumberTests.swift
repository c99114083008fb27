import Foundation
import Testing

@testable import LindringCore

@Suite struct CPRNumberTests {
    // MARK: Century rule

    @Test(arguments: [
        // seventh digit 0–3: always 1900s
        ("0101000123", 1900),
        ("0101991234", 1999),
        ("0101212345", 1921),
        ("0101363456", 1936),
        // 4 and 9: 00–36 in the 2000s, 37–99 in the 1900s
        ("0101364000", 2036),
        ("0101374000", 1937),
        ("0101009000", 2000),
        ("0101369000", 2036),
        ("0101379000", 1937),
        ("0101999000", 1999),
        // 5–8: 00–57 in the 2000s, 58–99 in the 1800s
        ("0101005000", 2000),
        ("0101575000", 2057),
        ("0101585000", 1858),
        ("0101236000", 2023),
        ("0101997000", 1899),
        ("0101578000", 2057),
        ("0101588000", 1858),
    ])
    func seventhDigitAndYearSelectTheCentury(text: String, expectedYear: Int) throws {
        // when
        let cpr = try CPRNumber(text)
        // then
        #expect(cpr.birthDate.year == expectedYear)
        #expect(cpr.birthDate.month == 1)
        #expect(cpr.birthDate.day == 1)
    }

    @Test func birthDateIsAGregorianCalendarDay() throws {
        // given
        let cpr = try CPRNumber("311299-1234")
        // when
        let birthDate = cpr.birthDate
        // then
        #expect(birthDate.calendar?.identifier == .gregorian)
        #expect(birthDate.year == 1999)
        #expect(birthDate.month == 12)
        #expect(birthDate.day == 31)
        #expect(birthDate.hour == nil)
    }

    // MARK: Dates

    @Test(arguments: [
        ("2902004000", true),  // 2000 is a leap year (divisible by 400)
        ("2902001000", false),  // 1900 is not (divisible by 100)
        ("2902969000", true),  // 1996
        ("2902972000", false),  // 1997
        ("2902565000", true),  // 2056
        ("2902845000", true),  // 1884
        ("2902006000", true),  // 2000 again, via the 5–8 rule
        ("2902007800", true),  // 2000
        ("2902995000", false),  // 1899
    ])
    func twentyNinthOfFebruaryOnlyInLeapYearsOfTheFullYear(text: String, isValid: Bool) {
        // when
        do {
            _ = try CPRNumber(text)
            // then
            #expect(isValid)
        } catch {
            // then
            #expect(!isValid)
            #expect(error == .date)
        }
    }

    @Test(arguments: [
        "3204001234",  // 32 April
        "3104001234",  // 31 April
        "3102001234",  // 31 February
        "3002001234",  // 30 February
        "0013001234",  // month 13
        "0100001234",  // month 0
        "0001001234",  // day 0
        "0000000000",
    ])
    func impossibleDatesAreADateError(text: String) {
        // when / then
        #expect(throws: CPRNumber.Invalid.date) { try CPRNumber(text) }
    }

    @Test(arguments: ["3101001234", "2802011234", "3103001234", "3004001234", "3006001234", "3112001234"])
    func lastDaysOfMonthsAreAccepted(text: String) throws {
        // when
        let cpr = try CPRNumber(text)
        // then
        #expect(cpr.digits == text)
    }

    @Test func futureBirthDatesAreNotRejectedHere() throws {
        // given: 2036 is in the future at the time of writing, which is the caller's concern
        let text = "0101364000"
        // when
        let cpr = try CPRNumber(text)
        // then
        #expect(cpr.birthDate.year == 2036)
    }

    @Test func modulusElevenIsNotChecked() throws {
        // given: 0101011235 fails the old modulus-11 check (weights 4 3 2 7 6 5 4 3 2 1)
        let text = "0101011235"
        // when
        let cpr = try CPRNumber(text)
        // then
        #expect(cpr.digits == text)
    }

    // MARK: Format

    @Test(arguments: [
        "",
        "12345",
        "abcdefghij",
        "010101-12345",
        "01010112345",
        "01-0101-1234",
        "010101 1234",
        "010101/1234",
        "010101--1234",
        "010101.1234",
        "0101011234-",
        "-0101011234",
        "01010-11234",
        "010101–1234",  // en dash
        "０１０１０１１２３４",  // full-width digits
        "٠١٠١٠١١٢٣٤",  // Arabic-Indic digits
        "+101011234",
        "0101 011234",
    ])
    func malformedTextIsAFormatError(text: String) {
        // when / then
        #expect(throws: CPRNumber.Invalid.format) { try CPRNumber(text) }
    }

    @Test(arguments: [
        "0101011234",
        "010101-1234",
        "0101011234 ",
        " 010101-1234",
        "\t0101011234\n",
    ])
    func plainOrHyphenatedWithSurroundingWhitespaceIsAccepted(text: String) throws {
        // when
        let cpr = try CPRNumber(text)
        // then
        #expect(cpr.digits == "0101011234")
    }

    @Test func hyphenatedAndPlainFormsAreTheSameNumber() throws {
        // given
        let plain = try CPRNumber("0101011234")
        // when
        let hyphenated = try CPRNumber("010101-1234")
        // then
        #expect(plain == hyphenated)
        #expect(Set([plain, hyphenated]).count == 1)
    }

    // MARK: Display

    @Test func maskedHidesTheSerialAndFormattedShowsIt() throws {
        // given
        let cpr = try CPRNumber("0101019876")
        // then
        #expect(cpr.masked == "010101-XXXX")
        #expect(cpr.formatted == "010101-9876")
        #expect(cpr.description == cpr.masked)
    }

    @Test func stringInterpolationNeverRevealsTheSerialDigits() throws {
        // given
        let cpr = try CPRNumber("0101019876")
        struct Patient {
            let name: String
            let cpr: CPRNumber
        }
        // when
        var dumped = ""
        dump(cpr, to: &dumped)
        let renderings = [
            "\(cpr)",
            String(describing: cpr),
            String(reflecting: cpr),
            "\([cpr])",
            "\(Patient(name: "Åse", cpr: cpr))",
            "\(Optional(cpr) as Any)",
            dumped,
        ]
        // then
        for rendering in renderings {
            #expect(!rendering.contains("9876"), "\(rendering)")
            #expect(rendering.contains("010101-XXXX"), "\(rendering)")
        }
    }

    // MARK: Age

    @Test(arguments: [
        ("2025-05-09T12:00:00Z", 74),  // the day before the birthday
        ("2025-05-10T12:00:00Z", 75),  // on the birthday
        ("2025-12-31T12:00:00Z", 75),
        ("2026-05-09T12:00:00Z", 75),
    ])
    func ageIsCompletedYearsOnThatDay(instant: String, expectedAge: Int) throws {
        // given: born 10 May 1950
        let cpr = try CPRNumber("100550-1234")
        let date = try Date(instant, strategy: .iso8601)
        // when
        let age = cpr.age(on: date, in: try #require(TimeZone(identifier: "Europe/Copenhagen")))
        // then
        #expect(age == expectedAge)
    }

    @Test func ageCountsTheLocalDateNotTheUTCDate() throws {
        // given: 22:30 UTC on 9 May is already 00:30 on 10 May in Copenhagen (summer time)
        let cpr = try CPRNumber("100550-1234")
        let date = try Date("2025-05-09T22:30:00Z", strategy: .iso8601)
        // when
        let inCopenhagen = cpr.age(on: date, in: try #require(TimeZone(identifier: "Europe/Copenhagen")))
        let inUTC = cpr.age(on: date, in: .gmt)
        // then
        #expect(inCopenhagen == 75)
        #expect(inUTC == 74)
    }

    @Test(arguments: [
        ("2021-02-28T12:00:00Z", 20),
        ("2021-03-01T12:00:00Z", 21),
        ("2024-02-28T12:00:00Z", 23),
        ("2024-02-29T12:00:00Z", 24),
    ])
    func leapDayBabiesAgeOnFirstOfMarchInCommonYears(instant: String, expectedAge: Int) throws {
        // given: born 29 February 2000
        let cpr = try CPRNumber("290200-4000")
        let date = try Date(instant, strategy: .iso8601)
        // when
        let age = cpr.age(on: date, in: .gmt)
        // then
        #expect(age == expectedAge)
    }

    // MARK: Codable

    private struct Envelope: Codable, Equatable {
        let cpr: CPRNumber
    }

    @Test func encodesAsTheTenDigitStringAndDecodesBack() throws {
        // given
        let envelope = Envelope(cpr: try CPRNumber("010101-9876"))
        // when
        let json = try JSONEncoder().encode(envelope)
        let decoded = try JSONDecoder().decode(Envelope.self, from: json)
        // then
        #expect(String(decoding: json, as: UTF8.self) == #"{"cpr":"0101019876"}"#)
        #expect(decoded == envelope)
    }

    @Test(arguments: [
        #"{"cpr":"3102009876"}"#,
        #"{"cpr":"12345"}"#,
        #"{"cpr":"abcdefghij"}"#,
        #"{"cpr":""}"#,
        #"{"cpr":101019876}"#,
        #"{"cpr":null}"#,
    ])
    func decodingRejectsInvalidNumbersWithoutQuotingThem(json: String) {
        // when
        let error = #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Envelope.self, from: Data(json.utf8))
        }
        // then
        #expect(!"\(String(describing: error))".contains("9876"))
    }
}

@Suite struct CPRShapeTests {
    @Test(arguments: [
        ("0101401234", true), ("010140-1234", true), ("010140 1234", true), ("3213991234", true), ("01014012345", false),
        ("010140123", false), ("Åse 0101401234", false), ("Åse", false), ("", false),
    ])
    func cprShapedTextIsRecognised(text: String, shaped: Bool) {
        #expect(CPRNumber.hasShape(text) == shaped)
    }
}
