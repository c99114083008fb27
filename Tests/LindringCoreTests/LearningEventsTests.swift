import Foundation
import Testing

@testable import LindringCore

/// Issue 21 after registration: join and verification codes, certificates' expiry and reminder
/// day, evaluations and their means, the theme-afternoon series, group reflections.
@Suite struct LearningEventsTests {
    @Test func aCodeUsesOnlyLettersAndDigitsThatCannotBeMistaken() {
        for _ in 0..<200 {
            let code = ShortCode.make(length: 12)
            #expect(code.count == 12 && code.allSatisfy(ShortCode.alphabet.contains))
        }
        #expect(!ShortCode.alphabet.contains("0") && !ShortCode.alphabet.contains("O") && !ShortCode.alphabet.contains("1"))
        #expect(!ShortCode.alphabet.contains("I") && !ShortCode.alphabet.contains("L"))
    }

    @Test(arguments: [
        (typed: "k7mq2x", length: 6, expected: "K7MQ2X" as String?),
        (" K7M-Q2X ", 6, "K7MQ2X"),
        ("K7MQ 2XRT-HW9D", 12, "K7MQ2XRTHW9D"),
        ("K7MQ2", 6, nil),  // too short
        ("K7MQ2XA", 6, nil),  // too long
        ("K0MQ2X", 6, nil),  // a zero is never in a code
        ("K7MQ2Æ", 6, nil),
        ("", 6, nil),
    ])
    func aCodeIsReadHoweverItIsTyped(typed: String, length: Int, expected: String?) {
        #expect(ShortCode.normalized(typed, length: length) == expected)
    }

    @Test func aCodeIsShownInGroupsOfFour() {
        #expect(ShortCode.grouped("K7MQ2XRTHW9D") == "K7MQ-2XRT-HW9D")
        #expect(ShortCode.grouped("K7MQ2X") == "K7MQ-2X")
    }

    @Test(arguments: [
        (issued: "2026-03-15", months: 12 as Int?, lastValid: "2027-03-14" as String?, reminder: "2027-02-13" as String?),
        ("2026-01-31", 1, "2026-02-27", "2026-01-29"),  // 31 January + 1 month is 28 February; valid through the 27th
        ("2024-02-29", 12, "2025-02-27", "2025-01-29"),  // leap day
        ("2026-12-04", nil, nil, nil),  // no expiry
    ])
    func aCertificateIsValidUntilTheDayBeforeTheSameDateMonthsLater(issued: String, months: Int?, lastValid: String?, reminder: String?) {
        let last = CertificateValidity.lastValidDay(issuedOn: LocalDate(issued)!, months: months)
        #expect(last?.description == lastValid)
        #expect(last.map { CertificateValidity.reminderDay(lastValidDay: $0).description } == reminder)
        // the reminder day is 30 days before expiry counting the last valid day
        if let last { #expect(CertificateValidity.reminderDay(lastValidDay: last).adding(days: 29) == last) }
    }

    @Test(arguments: [
        (lastValid: "2027-03-14" as String?, today: "2027-02-12", expected: CertificateValidity.Status.valid),
        ("2027-03-14", "2027-02-13", .expiringSoon),
        ("2027-03-14", "2027-03-14", .expiringSoon),
        ("2027-03-14", "2027-03-15", .expired),
        (nil, "2099-01-01", .valid),
    ])
    func aCertificatesStatusOnADay(lastValid: String?, today: String, expected: CertificateValidity.Status) {
        #expect(CertificateValidity.status(lastValidDay: lastValid.flatMap(LocalDate.init), on: LocalDate(today)!) == expected)
    }

    @Test(arguments: [
        (rating: "5", relevance: "4", comment: " Godt ", errors: [String]()),
        ("0", "4", nil, ["rating"]),
        ("6", "", nil, ["rating", "relevance"]),
        ("fire", "3", nil, ["rating"]),
        ("3", "3", String(repeating: "x", count: 2001), ["comment"]),
    ])
    func anEvaluationIsTwoRatingsFromOneToFive(rating: String, relevance: String, comment: String?, errors: [String]) {
        let draft = EvaluationDraft(rating: rating, relevance: relevance, comment: comment)
        do {
            let valid = try draft.validated()
            #expect(errors.isEmpty && valid.comment == comment?.trimmingCharacters(in: .whitespaces))
        } catch {
            #expect(error.errors.map(\.field) == errors)
        }
    }

    @Test(arguments: [
        (ratings: [5, 4, 4], expected: "4.3" as String?),
        ([5, 4], "4.5"),
        ([1, 2, 2], "1.7"),
        ([3], "3"),
        ([], nil),
    ])
    func theMeanRatingIsExactToOneDecimal(ratings: [Int], expected: String?) {
        let summary = EvaluationSummary(ratings.map { ValidEvaluation(rating: $0, relevance: 3) })
        #expect(summary.count == ratings.count)
        #expect(summary.meanRating.map { "\($0)" } == expected)
    }

    @Test func attendanceIsTakenFromMidnightOnTheSessionsDay() throws {
        let startsAt = try #require(DanishCalendar.instant(LocalDate("2027-03-04")!, hour: 13))
        let midnight = try #require(DanishCalendar.instant(LocalDate("2027-03-04")!, hour: 0))
        #expect(!SessionTiming.mayTakeAttendance(startsAt: startsAt, now: midnight.addingTimeInterval(-1)))
        #expect(SessionTiming.mayTakeAttendance(startsAt: startsAt, now: midnight))
        #expect(!SessionTiming.mayEvaluate(startsAt: startsAt, now: startsAt.addingTimeInterval(-60)))
        #expect(SessionTiming.mayEvaluate(startsAt: startsAt, now: startsAt))
    }

    static func series(_ dates: [String], start: String = "13:00", end: String = "16:00") -> ThemeAfternoonSeriesDraft {
        ThemeAfternoonSeriesDraft(year: "2027", dates: dates, startTime: start, endTime: end, capacity: "60", place: "Hillerød Hospital, auditoriet")
    }

    @Test func theYearsFourThemeAfternoonsArePlannedTogetherInDanishTime() throws {
        let sessions = try Self.series(["2027-03-04", "2027-06-03", "2027-09-02", "2027-11-25"]).validated()
        #expect(sessions.count == 4 && sessions.allSatisfy { $0.capacity == 60 })
        // 13:00 in Copenhagen: winter time UTC+1, summer time UTC+2
        #expect(ISO8601Instant.format(sessions[0].startsAt) == "2027-03-04T12:00:00.000Z")
        #expect(ISO8601Instant.format(sessions[1].startsAt) == "2027-06-03T11:00:00.000Z")
        #expect(ISO8601Instant.format(sessions[3].endsAt) == "2027-11-25T15:00:00.000Z")
    }

    @Test(arguments: [
        (dates: ["2027-03-04", "2027-06-03", "2027-09-02"], start: "13:00", end: "16:00", errors: ["dates.4"]),
        (["2027-03-04", "2027-02-03", "2027-09-02", "2027-11-25"], "13:00", "16:00", ["dates.2"]),  // out of order
        (["2027-03-04", "2028-06-03", "2027-09-02", "2027-11-25"], "13:00", "16:00", ["dates.2"]),  // another year
        (["2027-03-04", "2027-06-03", "2027-09-02", "2027-11-25"], "16:00", "13:00", ["endTime"]),
        (["2027-03-04", "2027-06-03", "2027-09-02", "2027-11-25"], "25:00", "9.30", ["startTime", "endTime"]),
        (["2027-03-04", "2027-06-03", "2027-09-02", "2027-11-31"], "13:00", "16:00", ["dates.4"]),  // no such day
    ])
    func aSeriesNamesEachDateThatIsWrong(dates: [String], start: String, end: String, errors: [String]) {
        do {
            _ = try Self.series(dates, start: start, end: end).validated()
            Issue.record("accepted")
        } catch {
            #expect(error.errors.map(\.field) == errors)
        }
    }

    @Test(arguments: [
        (question: "1", text: "Vi ville spørge til hendes ønsker", questions: 3, errors: [String]()),
        ("3", "tekst", 3, ["question"]),
        ("", "tekst", 3, ["question"]),
        ("0", "  ", 3, ["text"]),
        ("0", "tekst", 0, ["question"]),
    ])
    func aGroupReflectionAnswersOneOfTheCasesQuestions(question: String, text: String, questions: Int, errors: [String]) {
        do {
            let valid = try GroupReflectionDraft(question: question, text: text).validated(questions: questions)
            #expect(errors.isEmpty && valid.question == Int(question))
        } catch {
            #expect(error.errors.map(\.field) == errors)
        }
    }
}

/// The competence matrix: each person's first completion per level and the competencies
/// covered; per profession how many hold each level.
@Suite struct CompetenceMatrixTests {
    @Test func eachPersonsFirstCompletionPerLevelAndTheProfessionsCounts() throws {
        let people = [
            CompetenceMatrix.Person(employeeNumber: "2", name: "Bent", profession: .socialAndHealthCareHelper),
            CompetenceMatrix.Person(employeeNumber: "1", name: "Anna", profession: .nurse),
            CompetenceMatrix.Person(employeeNumber: "3", name: "Cecilie", profession: .nurse),
        ]
        let records = [
            CompetenceRecord(employeeNumber: "1", levels: [.basal, .a], competencies: [1, 2], completedOn: LocalDate("2026-05-01")!),
            CompetenceRecord(employeeNumber: "1", levels: [.basal], competencies: [5], completedOn: LocalDate("2026-02-01")!),
            CompetenceRecord(employeeNumber: "2", levels: [.basal], competencies: [], completedOn: LocalDate("2026-03-01")!),
            // someone not in the unit
            CompetenceRecord(employeeNumber: "9", levels: [.specialised], competencies: [3], completedOn: LocalDate("2026-03-01")!),
        ]
        let matrix = CompetenceMatrix(people: people, records: records)
        #expect(matrix.rows.map(\.person.name) == ["Anna", "Bent", "Cecilie"])
        #expect(matrix.rows[0].levels == [.basal: LocalDate("2026-02-01")!, .a: LocalDate("2026-05-01")!])
        #expect(matrix.rows[0].competencies == [1, 2, 5])
        #expect(matrix.rows[2].levels.isEmpty)
        #expect(matrix.professions.map(\.profession) == [.nurse, .socialAndHealthCareHelper])
        let nurses = try #require(matrix.professions.first)
        #expect(nurses.staff == 2 && nurses.holding[.basal] == 1 && nurses.holding[.a] == 1 && nurses.holding[.specialised] == 0)
    }
}
