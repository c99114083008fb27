import Foundation
import Testing

@testable import LindringCore

@Suite struct AdvisoryContactTests {
    let unit = UUID()
    let keyWorkerUnit = UUID()
    /// Monday 23 November 2026, 21:30 in Copenhagen (CET, UTC+1).
    let now = ISO8601Instant.parse("2026-11-23T20:30:00Z")!

    var context: ContactDraft.Context {
        ContactDraft.Context(now: now, knownUnitIds: [unit, keyWorkerUnit], keyWorkerUnitId: keyWorkerUnit)
    }

    func draft(_ change: (inout ContactDraft) -> Void = { _ in }) -> ContactDraft {
        var draft = ContactDraft(
            startedAt: "2026-11-23T20:14:00Z", callerRole: "relative", patientId: UUID().uuidString,
            reasons: ["dyspnoea"], situation: "Breathless at rest", triage: "routine", outcome: "resolved",
            stayedAtHome: true)
        change(&draft)
        return draft
    }

    func errors(_ draft: ContactDraft) -> [FieldError] {
        do {
            _ = try draft.validated(context)
            return []
        } catch {
            return error.errors
        }
    }

    @Test func aCallSavedAtItsEndEndsNowAndIsOutsideWorkingHours() throws {
        let contact = try draft().validated(context)
        #expect(contact.endedAt == now)
        #expect(contact.durationSeconds == 16 * 60)
        #expect(contact.channel == .phone && contact.direction == .incoming)
        #expect(contact.workingHours.outsideWorkingHours)
        #expect(contact.reasons == [.dyspnoea])
    }

    @Test(
        arguments: [
            ("callerRole", { @Sendable (d: inout ContactDraft) in d.callerRole = "" }, ValidationCode.required),
            ("callerRole", { @Sendable (d: inout ContactDraft) in d.callerRole = "neighbour" }, .invalidChoice),
            ("channel", { @Sendable (d: inout ContactDraft) in d.channel = "fax" }, .invalidChoice),
            ("reasons", { @Sendable (d: inout ContactDraft) in d.reasons = [] }, .required),
            ("reasons", { @Sendable (d: inout ContactDraft) in d.reasons = ["pain", "hiccups"] }, .invalidChoice),
            ("actions", { @Sendable (d: inout ContactDraft) in d.actions = ["prayed"] }, .invalidChoice),
            ("triage", { @Sendable (d: inout ContactDraft) in d.triage = "soon" }, .invalidChoice),
            ("outcome", { @Sendable (d: inout ContactDraft) in d.outcome = nil }, .required),
            ("startedAt", { @Sendable (d: inout ContactDraft) in d.startedAt = "yesterday evening" }, .invalidFormat),
            ("startedAt", { @Sendable (d: inout ContactDraft) in d.startedAt = nil }, .required),
            ("startedAt", { @Sendable (d: inout ContactDraft) in d.startedAt = "2026-11-23T22:00:00Z" }, .inFuture),
            ("endedAt", { @Sendable (d: inout ContactDraft) in d.endedAt = "2026-11-23T20:00:00Z" }, .beforeStart),
            (
                "endedAt",
                { @Sendable (d: inout ContactDraft) in
                    d.startedAt = "2026-11-20T20:00:00Z"
                    d.endedAt = "2026-11-22T20:00:00Z"
                }, .tooLong
            ),
            ("endedAt", { @Sendable (d: inout ContactDraft) in d.startedAt = "2026-11-21T20:00:00Z" }, .required),
            ("endedAt", { @Sendable (d: inout ContactDraft) in d.endedAt = "2026-11-23T23:00:00Z" }, .inFuture),
            ("patientId", { @Sendable (d: inout ContactDraft) in d.patientId = "42" }, .invalidFormat),
            ("callerPhone", { @Sendable (d: inout ContactDraft) in d.callerPhone = "call me" }, .invalidFormat),
            ("callerUnitId", { @Sendable (d: inout ContactDraft) in d.callerUnitId = UUID().uuidString }, .notFound),
            ("situation", { @Sendable (d: inout ContactDraft) in d.situation = "a\u{0}b" }, .invalidFormat),
            ("assessment", { @Sendable (d: inout ContactDraft) in d.assessment = String(repeating: "x", count: 4001) }, .tooLong),
            ("followUp.text", { @Sendable (d: inout ContactDraft) in d.outcome = "needsFollowUp" }, .required),
            ("followUp.text", { @Sendable (d: inout ContactDraft) in d.actions = ["callbackScheduled"] }, .required),
            (
                "followUp.unitId",
                { @Sendable (d: inout ContactDraft) in
                    d.patientId = nil
                    d.followUp = .init(text: "Call back")
                }, .required
            ),
            ("followUp.unitId", { @Sendable (d: inout ContactDraft) in d.followUp = .init(unitId: "x", text: "Call back") }, .invalidFormat),
            ("followUp.dueAt", { @Sendable (d: inout ContactDraft) in d.followUp = .init(dueAt: "tomorrow", text: "Call back") }, .invalidFormat),
        ] as [(String, @Sendable (inout ContactDraft) -> Void, ValidationCode)])
    func badInputIsAFieldError(field: String, change: @Sendable (inout ContactDraft) -> Void, code: ValidationCode) {
        #expect(errors(draft(change)).contains(FieldError(field, code)), "\(errors(draft(change)))")
    }

    @Test func repeatedChoicesCountOnce() throws {
        let contact = try draft {
            $0.reasons = ["pain", "dyspnoea", "pain"]
            $0.actions = ["adviceOnly", "adviceOnly"]
        }.validated(context)
        #expect(contact.reasons == [.pain, .dyspnoea])
        #expect(contact.actions == [.adviceOnly])
    }

    @Test func aFollowUpGoesToTheKeyWorkerUnitByDefault() throws {
        let contact = try draft {
            $0.outcome = "needsFollowUp"
            $0.followUp = .init(text: "Check the oxygen")
        }.validated(context)
        #expect(contact.followUp?.unitId == keyWorkerUnit)
        // Routine, Monday evening: Tuesday 10:00 Copenhagen time.
        #expect(contact.followUp?.dueAt == ISO8601Instant.parse("2026-11-24T09:00:00Z"))
    }

    @Test func aNamedUnitAndDueTimeAreKept() throws {
        let contact = try draft { $0.followUp = .init(unitId: unit.uuidString, dueAt: "2026-11-24T06:00:00Z", text: "Call back") }.validated(context)
        #expect(contact.followUp == ValidContact.FollowUp(unitId: unit, dueAt: ISO8601Instant.parse("2026-11-24T06:00:00Z")!, text: "Call back"))
    }

    @Test(arguments: [
        // triage, started (UTC), default due (UTC)
        (Triage.acute, "2026-11-23T20:14:00Z", "2026-11-23T21:14:00Z"),
        (.urgent, "2026-11-23T20:14:00Z", "2026-11-23T23:00:00Z"),  // evening shift ends at midnight CET
        (.urgent, "2026-11-24T01:00:00Z", "2026-11-24T07:00:00Z"),  // night shift ends 08:00 CET
        (.routine, "2026-12-23T20:00:00Z", "2026-12-28T09:00:00Z"),  // 24–26 Dec and a Sunday are closed
        (.routine, "2027-03-24T12:00:00Z", "2027-03-30T08:00:00Z"),  // Easter 2027, after the change to summer time
        (.information, "2026-11-27T15:30:00Z", "2026-11-30T09:00:00Z"),  // Friday evening → Monday
    ])
    func defaultDueTimes(triage: Triage, started: String, due: String) {
        #expect(FollowUpDue.defaultDue(triage: triage, startedAt: ISO8601Instant.parse(started)!, shifts: .standard) == ISO8601Instant.parse(due))
    }
}

@Suite struct ShiftPatternTests {
    @Test(arguments: [
        ("2026-11-23T07:00:00Z", "day", "2026-11-23"),
        ("2026-11-23T15:00:00Z", "evening", "2026-11-23"),
        ("2026-11-23T22:59:59Z", "evening", "2026-11-23"),
        ("2026-11-23T23:00:00Z", "night", "2026-11-24"),
        ("2026-03-29T01:30:00Z", "night", "2026-03-29"),  // the night summer time begins
    ])
    func theShiftRunningAtAnInstant(instant: String, code: String, date: String) {
        let occurrence = ShiftPattern.standard.occurrence(at: ISO8601Instant.parse(instant)!)
        #expect(occurrence.code == code)
        #expect(occurrence.date.description == date)
    }

    @Test func aShiftPastMidnightBelongsToTheDayItStarts() throws {
        let pattern = try ShiftPattern("day=07-15,evening=15-22,night=22-07")
        let occurrence = pattern.occurrence(at: ISO8601Instant.parse("2026-11-24T02:00:00Z")!)
        #expect(occurrence.code == "night" && occurrence.date.description == "2026-11-23")
        #expect(occurrence.start == ISO8601Instant.parse("2026-11-23T21:00:00Z"))
        #expect(occurrence.end == ISO8601Instant.parse("2026-11-24T06:00:00Z"))
    }

    @Test func theNightOfTheChangeToWinterTimeHasNineHours() throws {
        let night = try #require(ShiftPattern.standard.occurrence("night", on: LocalDate("2026-10-25")!))
        #expect(night.end.timeIntervalSince(night.start) == 9 * 3600)
    }

    @Test(arguments: ["day=08-16,evening=16-24", "day=08-16,evening=15-24,night=00-08", "day=8-16,day=16-24,night=0-8", "day", "day=08-16x"])
    func patternsThatDoNotCoverTheDayAreRefused(text: String) {
        #expect(throws: ShiftPattern.Invalid.self) { try ShiftPattern(text) }
    }

    @Test func occurrencesComeInOrder() {
        let list = ShiftPattern.standard.occurrences(from: LocalDate("2026-11-23")!, days: 2)
        #expect(list.map(\.code) == ["night", "day", "evening", "night", "day", "evening"])
        #expect(zip(list, list.dropFirst()).allSatisfy { $0.end == $1.start })
    }
}
