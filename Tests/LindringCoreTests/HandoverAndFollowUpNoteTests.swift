import Foundation
import Testing

@testable import LindringCore

/// Issue 18, item 11: the handover opens on the shift that just ended; a follow-up is closed with
/// a short note; a saved contact gets addenda.
@Suite struct HandoverDefaultTests {
    static let pastMidnight = try! ShiftPattern("day=07-15,evening=15-22,night=22-07")

    @Test(arguments: [
        // the standard pattern (night 00–08, day 08–16, evening 16–24), Copenhagen time in winter (UTC+1)
        ("standard", "2026-11-23T07:00:00Z", "night", "2026-11-23"),  // 08:00: the day shift has just begun
        ("standard", "2026-11-23T06:59:59Z", "evening", "2026-11-22"),  // 07:59: the night is still on
        ("standard", "2026-11-23T10:00:00Z", "night", "2026-11-23"),  // 11:00
        ("standard", "2026-11-23T15:00:00Z", "day", "2026-11-23"),  // 16:00
        ("standard", "2026-11-23T22:59:59Z", "day", "2026-11-23"),  // 23:59:59, the evening shift's last second
        ("standard", "2026-11-23T23:00:00Z", "evening", "2026-11-23"),  // midnight: the night of the 24th begins
        ("standard", "2026-12-31T23:30:00Z", "evening", "2026-12-31"),  // New Year's night
        // the night summer time begins (02:00 CET → 03:00 CEST): a seven-hour night
        ("standard", "2026-03-29T05:59:00Z", "evening", "2026-03-28"),  // 07:59 CEST
        ("standard", "2026-03-29T06:00:00Z", "night", "2026-03-29"),  // 08:00 CEST
        ("standard", "2026-03-29T01:30:00Z", "evening", "2026-03-28"),  // 03:30 CEST, just after the change
        // the night winter time begins (03:00 CEST → 02:00 CET): a nine-hour night
        ("standard", "2026-10-25T00:30:00Z", "evening", "2026-10-24"),  // 02:30 CEST, the first time round
        ("standard", "2026-10-25T01:30:00Z", "evening", "2026-10-24"),  // 02:30 CET, the second time round
        ("standard", "2026-10-25T07:00:00Z", "night", "2026-10-25"),  // 08:00 CET
        // a night past midnight (22–07): the night belongs to the day it starts
        ("pastMidnight", "2026-11-23T21:00:00Z", "evening", "2026-11-23"),  // 22:00: the night begins
        ("pastMidnight", "2026-11-24T02:00:00Z", "evening", "2026-11-23"),  // 03:00, in the night of the 23rd
        ("pastMidnight", "2026-11-24T06:00:00Z", "night", "2026-11-23"),  // 07:00: the day begins, the night is over
        ("pastMidnight", "2026-11-24T13:59:00Z", "night", "2026-11-23"),  // 14:59
        ("pastMidnight", "2026-11-24T14:00:00Z", "day", "2026-11-24"),  // 15:00
        ("pastMidnight", "2026-03-29T05:00:00Z", "night", "2026-03-28"),  // 07:00 CEST, after an eight-hour night
    ])
    func theHandoverOpensOnTheShiftThatJustEnded(pattern: String, instant: String, code: String, date: String) {
        let shifts = pattern == "standard" ? ShiftPattern.standard : Self.pastMidnight
        let shown = shifts.handoverDefault(at: ISO8601Instant.parse(instant)!)
        #expect(shown.code == code && shown.date.description == date, "at \(instant): \(shown.code) \(shown.date)")
    }

    @Test(arguments: ["standard", "pastMidnight"])
    func theDefaultHasEndedAndTheRunningShiftFollowsItOnEveryDayOfTheYear(pattern: String) {
        // given every 37 minutes of 2026, through both changes of the clock
        let shifts = pattern == "standard" ? ShiftPattern.standard : Self.pastMidnight
        let start = ISO8601Instant.parse("2026-01-01T00:00:00Z")!
        for step in stride(from: 0, to: 365 * 24 * 60, by: 37) {
            let instant = start.addingTimeInterval(TimeInterval(step * 60))
            // when
            let shown = shifts.handoverDefault(at: instant)
            // then: it is over, and the shift after it is the one running now
            let running = shifts.occurrence(at: instant)
            #expect(shown.end <= instant, "\(instant): \(shown.code) \(shown.date) has not ended")
            #expect(
                shifts.next(shown) == running && shown.end == running.start,
                "\(instant): \(shown.code) \(shown.date) is not the shift before \(running.code)")
        }
    }

    @Test func previousAndNextStepOneShiftAcrossTheChangesOfTheClock() {
        for shifts in [ShiftPattern.standard, Self.pastMidnight] {
            let list = shifts.occurrences(from: LocalDate("2026-03-27")!, days: 3) + shifts.occurrences(from: LocalDate("2026-10-24")!, days: 3)
            for occurrence in list {
                #expect(shifts.next(shifts.previous(occurrence)) == occurrence)
                #expect(shifts.previous(occurrence).end == occurrence.start && shifts.next(occurrence).start == occurrence.end)
            }
        }
    }
}

@Suite struct FollowUpClosingTests {
    static let long = String(repeating: "x", count: FollowUpClosing.noteMaxLength + 1)

    @Test(
        arguments: [
            (FollowUpStatus.done, nil, nil, nil),  // done needs no note
            (.done, "  ", nil, nil),
            (.done, "  Tilset, smerterne er lettet  ", "Tilset, smerterne er lettet", nil),
            (.done, "Ringede kl. 9\nAlt vel", "Ringede kl. 9\nAlt vel", nil),
            (.done, long, nil, FieldError("note", .tooLong)),
            (.done, "bip\u{7}", nil, FieldError("note", .invalidFormat)),
            (.cancelled, nil, nil, FieldError("note", .required)),  // a cancellation says why
            (.cancelled, " \n ", nil, FieldError("note", .required)),
            (.cancelled, "Indlagt på hospice i går", "Indlagt på hospice i går", nil),
            (.cancelled, long, nil, FieldError("note", .tooLong)),
            (.open, "x", nil, FieldError("status", .invalidChoice)),
        ] as [(FollowUpStatus, String?, String?, FieldError?)])
    func aClosingNoteIsCheckedByStatus(status: FollowUpStatus, note: String?, stored: String?, expected: FieldError?) {
        switch Result(catching: { () throws(ValidationFailure) in try FollowUpClosing.validated(status, note: note) }) {
        case .success(let closing):
            #expect(expected == nil, "\(status) accepted \(String(describing: note))")
            #expect(closing == FollowUpClosing(status: status, note: stored))
        case .failure(let failure):
            #expect(failure.errors == [expected].compactMap { $0 }, "\(status), \(String(describing: note))")
        }
    }
}

@Suite struct ContactAddendumTextTests {
    @Test(
        arguments: [
            ("  Datter ringede tilbage kl. 03: smerterne er lettet. ", "Datter ringede tilbage kl. 03: smerterne er lettet.", nil as FieldError?),
            ("Linje 1\nLinje 2", "Linje 1\nLinje 2", nil),
            ("", nil, FieldError("text", .required)),
            (" \n\t", nil, FieldError("text", .required)),
            (String(repeating: "ø", count: ContactAddendumText.maxLength), String(repeating: "ø", count: ContactAddendumText.maxLength), nil),
            (String(repeating: "ø", count: ContactAddendumText.maxLength + 1), nil, FieldError("text", .tooLong)),
            ("nul\u{0}", nil, FieldError("text", .invalidFormat)),
        ] as [(String, String?, FieldError?)])
    func anAddendumHasTextOfAtMost2000Characters(text: String, stored: String?, expected: FieldError?) {
        switch Result(catching: { () throws(ValidationFailure) in try ContactAddendumText.validated(text) }) {
        case .success(let valid):
            #expect(expected == nil && valid == stored)
        case .failure(let failure):
            #expect(failure.errors == [expected].compactMap { $0 })
        }
    }
}
