import Foundation
import LindringCore
import Testing

/// The working group's register: which fields each kind of item takes, what an open and an
/// overdue recommendation is, and the communication pathways' rules.
@Suite struct WorkingGroupRegisterTests {
    static var meeting: RegisterItemDraft {
        RegisterItemDraft(
            kind: "meeting", title: "Arbejdsgruppemøde 3/2026", date: "2026-11-12", text: "1. Udskrivelser\n2. Indikatorer",
            minutes: "Aftalt: ny korrespondanceskabelon.",
            attendees: [.init(name: "Lene Lund", sector: "region"), .init(name: "Per Holm", sector: "municipality")])
    }

    static var recommendation: RegisterItemDraft {
        RegisterItemDraft(
            kind: "recommendation", title: "Første kontakt inden for 10 dage", text: "Visitationen ringer inden for to hverdage.",
            owner: "Hvidovre Hospital, palliativt team", dueDate: "2027-03-01", status: "agreed", indicator: "firstContactWithin10Days")
    }

    @Test func aMeetingKeepsItsAgendaMinutesAndAttendeesBySector() throws {
        // given a meeting with two attendees
        // when it is checked
        let item = try Self.meeting.validated()
        // then its fields are kept and the sectors present are known
        #expect(item.kind == .meeting && item.date == LocalDate("2026-11-12") && item.minutes == "Aftalt: ny korrespondanceskabelon.")
        #expect(item.attendees == [Attendee(name: "Lene Lund", sector: .region), Attendee(name: "Per Holm", sector: .municipality)])
        #expect(item.sectorsPresent == [.region, .municipality])
        #expect(RegisterItemDraft(item) == Self.meeting)
    }

    @Test func aRecommendationLinksTheIndicatorItShouldMove() throws {
        let item = try Self.recommendation.validated()
        #expect(item.indicator == .firstContactWithin10Days && item.status == .agreed && item.dueDate == LocalDate("2027-03-01"))
        #expect(try RegisterItemDraft(item).validated() == item)
    }

    @Test(arguments: [
        // kind, the draft's change, the field refused and why
        ("meeting", ["date": ""], "date", ValidationCode.required),
        ("meeting", ["date": "12-11-2026"], "date", .invalidFormat),
        ("meeting", ["title": " "], "title", .required),
        ("meeting", ["title": String(repeating: "x", count: 201)], "title", .tooLong),
        ("meeting", ["text": String(repeating: "x", count: 10_001)], "text", .tooLong),
        ("meeting", ["attendeeSector": "hospital"], "attendees[1].sector", .invalidChoice),
        ("meeting", ["attendeeName": ""], "attendees[1].name", .required),
        ("meeting", ["kind": "workshop"], "kind", .invalidChoice),
        ("recommendation", ["owner": ""], "owner", .required),
        ("recommendation", ["dueDate": ""], "dueDate", .required),
        ("recommendation", ["dueDate": "2027-02-30"], "dueDate", .invalidFormat),
        ("recommendation", ["status": ""], "status", .required),
        ("recommendation", ["status": "open"], "status", .invalidChoice),
        ("recommendation", ["indicator": "happiness"], "indicator", .invalidChoice),
        ("recommendation", ["text": ""], "text", .required),
        ("decision", ["date": ""], "date", .required),
        ("decision", ["meetingId": "meeting 3"], "meetingId", .invalidFormat),
        ("analysis", ["indicator": "nope"], "indicator", .invalidChoice),
    ])
    func aBadFieldIsRefusedByName(kind: String, change: [String: String], field: String, code: ValidationCode) {
        // given a valid item of the kind with one field changed
        var draft = kind == "meeting" ? Self.meeting : Self.recommendation
        if kind == "decision" {
            draft = RegisterItemDraft(kind: "decision", title: "Skabelonen tages i brug", date: "2026-11-12", text: "Besluttet.")
        }
        if kind == "analysis" { draft = RegisterItemDraft(kind: "analysis", title: "Udskrivelser 2025", text: "Gennemgang af 40 forløb.") }
        for (key, value) in change {
            switch key {
            case "kind": draft.kind = value
            case "title": draft.title = value
            case "date": draft.date = value
            case "text": draft.text = value
            case "owner": draft.owner = value
            case "dueDate": draft.dueDate = value
            case "status": draft.status = value
            case "indicator": draft.indicator = value
            case "meetingId": draft.meetingId = value
            case "attendeeSector": draft.attendees?[1].sector = value
            case "attendeeName": draft.attendees?[1].name = value
            default: Issue.record("unknown key \(key)")
            }
        }
        // when it is checked
        #expect {
            try draft.validated()
        } throws: { error in
            // then the field is named with its reason
            (error as? ValidationFailure)?.code(for: field) == code
        }
    }

    @Test func fieldsOfAnotherKindAreLeftOut() throws {
        // given an analysis sent with a recommendation's and a meeting's fields
        let draft = RegisterItemDraft(
            kind: "analysis", title: "Udskrivelser 2025", text: "Gennemgang.", minutes: "x", attendees: [.init(name: "A", sector: "region")],
            owner: "B", dueDate: "2027-01-01", status: "done", indicator: "placeOfDeathConcordance", meetingId: UUID().uuidString)
        // when it is checked
        let item = try draft.validated()
        // then only the analysis's own fields remain
        #expect(item == ValidRegisterItem(kind: .analysis, title: "Udskrivelser 2025", text: "Gennemgang.", indicator: .placeOfDeathConcordance))
    }

    @Test(arguments: [
        // status, due date, today, overdue
        ("agreed", "2026-12-01", "2026-12-02", true),
        ("inProgress", "2026-12-01", "2026-12-01", false),
        ("proposed", "2026-11-01", "2026-12-04", true),
        ("done", "2026-11-01", "2026-12-04", false),
        ("rejected", "2026-11-01", "2026-12-04", false),
    ])
    func anOpenRecommendationPastItsDueDateIsOverdue(status: String, due: String, today: String, overdue: Bool) throws {
        var draft = Self.recommendation
        draft.status = status
        draft.dueDate = due
        #expect(try draft.validated().isOverdue(today: LocalDate(today)!) == overdue)
    }

    @Test func aVersionNamesWhatItChanged() throws {
        let before = try Self.recommendation.validated()
        var after = before
        after.status = .done
        after.title = "Første kontakt inden for 10 dage – gennemført"
        #expect(after.changes(since: before) == ["title", "status"])
        #expect(before.changes(since: before).isEmpty)
    }

    static var discharge: PathwayDraft {
        PathwayDraft(
            situation: "Udskrivelse af en palliativ patient", from: "Hospitalsafdelingen", to: "Hjemmesygeplejen og egen læge",
            how: "Korrespondancemeddelelse (MedCom) og telefon", within: "Senest på udskrivelsesdagen kl. 12", pages: ["plan", "inbox", "plan"],
            order: "10")
    }

    @Test func aPathwayKeepsItsTextsAndPages() throws {
        let pathway = try Self.discharge.validated()
        #expect(pathway.pages == [.plan, .inbox] && pathway.orderedPages == [.plan, .inbox] && pathway.order == 10)
        #expect(try PathwayDraft(pathway).validated() == pathway)
    }

    @Test(arguments: [
        ("situation", "", ValidationCode.required),
        ("from", " ", .required),
        ("to", "", .required),
        ("how", String(repeating: "x", count: 501), .tooLong),
        ("within", "", .required),
        ("pages", "frontPage", .invalidChoice),
        ("order", "first", .notAnInteger),
        ("order", "-1", .outOfRange),
    ])
    func aBadPathwayFieldIsRefusedByName(field: String, value: String, code: ValidationCode) {
        var draft = Self.discharge
        switch field {
        case "situation": draft.situation = value
        case "from": draft.from = value
        case "to": draft.to = value
        case "how": draft.how = value
        case "within": draft.within = value
        case "pages": draft.pages = [value]
        default: draft.order = value
        }
        #expect {
            try draft.validated()
        } throws: { error in
            (error as? ValidationFailure)?.code(for: field) == code
        }
    }

    @Test func aPathwayWithoutPagesOrOrderIsInTheCatalogueOnly() throws {
        var draft = Self.discharge
        draft.pages = nil
        draft.order = nil
        let pathway = try draft.validated()
        #expect(pathway.pages.isEmpty && pathway.order == 0)
    }
}
