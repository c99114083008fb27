import Foundation
import LindringCore
import LindringStore
import Plot

/// The advisory line's board, contact page and contact list.
enum AdvisoryViews {
    /// "On duty now", shown on every advisory page.
    static func onDuty(_ t: Localizer, _ duty: OnDuty) -> Node<HTML.BodyContext> {
        .aside(
            .class("on-duty"), .attribute(named: "aria-label", value: t("advisory.onDuty")),
            .strong(.plainText(t("advisory.onDuty") + ": ")),
            .plainText(shiftName(t, duty.shift.code) + " " + shiftTimes(duty.shift) + " · "),
            duty.staff.isEmpty
                ? .span(.class("warning-text"), .plainText(t("rota.nobody")))
                : .plainText(duty.staff.map { "\($0.name) (\($0.profession.map { t.label("profession", $0) } ?? "–"))" }.joined(separator: ", ")))
    }

    /// The shift's name in the catalog, or its configured code for a shift the catalog does not know.
    static func shiftName(_ t: Localizer, _ code: String) -> String {
        Catalog.texts(for: t.language)["shift.\(code)"] ?? code
    }

    static func shiftTimes(_ shift: ShiftPattern.Occurrence) -> String {
        "\(clock(shift.start))–\(clock(shift.end))"
    }

    static func clock(_ date: Date) -> String {
        let c = DanishCalendar.components(of: date)
        return "\(c.hour.zeroPadded(2)):\(c.minute.zeroPadded(2))"
    }

    static func shortcuts(_ t: Localizer) -> Node<HTML.BodyContext> {
        .div(
            .class("heading-actions"),
            .a(
                .class("button primary"), .href(Routes.newContact()), .id("new-contact"), .attribute(named: "accesskey", value: "n"),
                .attribute(named: "aria-keyshortcuts", value: "Alt+N N"), .plainText(t("contact.new")), .span(.class("kbd"), .plainText("N"))),
            .a(.class("button secondary"), .href(Routes.handover()), .plainText(t("handover.title"))),
            .a(.class("button secondary"), .href(Routes.contacts()), .plainText(t("contact.list"))),
            .a(.class("button secondary"), .href(Routes.rota()), .plainText(t("rota.title"))),
            .a(.class("button secondary"), .href(Routes.statistics()), .plainText(t("statistics.title"))))
    }

    static func board(_ page: PageContext, _ board: Board) -> HTML {
        let t = page.t
        return Layout.page(
            page, title: t("advisory.title"), bodyClass: "advisory",
            .div(.class("page-heading"), .h1(.plainText(t("advisory.title"))), shortcuts(t)),
            .div(
                .id("board"), .attribute(named: "data-board", value: Routes.advisoryBoard()),
                .attribute(named: "data-events", value: Routes.advisoryEvents()), .attribute(named: "aria-live", value: "polite"),
                boardContent(page, board)))
    }

    /// The part of the board that is fetched again when a colleague saves.
    static func boardContent(_ page: PageContext, _ board: Board) -> Node<HTML.BodyContext> {
        let t = page.t
        return .group(
            onDuty(t, board.onDuty),
            .if(
                !board.redScreenings.isEmpty,
                .section(
                    .class("board-section red-screenings"), .id("red-screenings"),
                    .h2(.plainText(t("advisory.redScreenings") + " (\(board.redScreenings.count))")),
                    .ul(
                        .forEach(board.redScreenings) { red in
                            .li(
                                .span(.class("light light-red"), .plainText(t.label("light", TrafficLight.red))),
                                .plainText(" \(clock(red.takenAt)) · \(t.label("instrument", red.instrument)) · "),
                                .a(.href(Routes.patientScreening(red.patientId)), .plainText(red.patientName)))
                        }))),
            .section(
                .class("board-section"),
                .h2(.plainText(t("advisory.openFollowUps") + " (\(board.followUps.count))")),
                followUpTable(page, board.followUps, returnTo: Routes.advisory())),
            .section(
                .class("board-section"),
                .h2(.plainText(t("advisory.todaysContacts") + " (\(board.contacts.count))")),
                contactTable(t, board.contacts, emptyText: t("advisory.noContactsToday"))))
    }

    static func contactTable(_ t: Localizer, _ contacts: [ContactListItem], emptyText: String, showDate: Bool = false) -> Node<HTML.BodyContext> {
        contacts.isEmpty
            ? .p(.class("hint"), .plainText(emptyText))
            : .div(
                .class("table-wrap"),
                .table(
                    .class("contacts"),
                    .thead(
                        .tr(
                            .th(.plainText(t("contact.field.startedAt"))), .th(.plainText(t("contact.field.callerRole"))),
                            .th(.plainText(t("contact.field.patientId"))),
                            .th(.plainText(t("contact.field.reasons"))), .th(.plainText(t("contact.field.triage"))),
                            .th(.plainText(t("contact.field.outcome"))),
                            .th(.plainText(t("contact.by"))))),
                    .tbody(
                        .forEach(contacts) { c in
                            .tr(
                                .class(c.outsideWorkingHours ? "outside-hours" : ""),
                                .td(
                                    .a(
                                        .href(Routes.contact(c.id)),
                                        .plainText(showDate ? Timestamps.displayMinutes(c.startedAt) : clock(c.startedAt))),
                                    .if(
                                        c.outsideWorkingHours,
                                        .span(.class("tag"), .attribute(named: "title", value: t("contact.outsideWorkingHours")), .plainText(" ☾")))),
                                .td(.plainText(t.label("callerRole", c.callerRole))),
                                .td(patientCell(t, c)),
                                .td(.plainText(c.reasons.map { t.label("reason", $0) }.joined(separator: ", "))),
                                .td(.span(.class("triage-badge triage-\(c.triage.rawValue)"), .plainText(t.label("triage", c.triage)))),
                                .td(.plainText(t.label("outcome", c.outcome))),
                                .td(.plainText(c.createdByName)))
                        })),
                .if(contacts.contains { $0.outsideWorkingHours }, .p(.class("hint"), .plainText("☾ = " + t("contact.outsideWorkingHours")))))
    }

    /// The patient a line record names, or why it names none.
    static func patientCell(_ t: Localizer, _ record: some LineRecord) -> Node<HTML.BodyContext> {
        if record.patientWithheld { return .span(.class("hint"), .plainText(t("contact.patientWithheld"))) }
        return .plainText(record.patientName ?? "–")
    }

    static func followUpTable(_ page: PageContext, _ followUps: [FollowUp], returnTo: String, showStatus: Bool = false) -> Node<HTML.BodyContext> {
        let t = page.t
        let now = Date()
        return followUps.isEmpty
            ? .p(.class("hint"), .plainText(t("followUps.none")))
            : .div(
                .class("table-wrap"),
                .table(
                    .class("follow-ups cards-on-phone"),
                    .thead(
                        .tr(
                            .th(.plainText(t("followUp.dueAt"))), .th(.plainText(t("contact.field.triage"))),
                            .th(.plainText(t("contact.field.patientId"))),
                            .th(.plainText(t("followUp.unit"))), .th(.plainText(t("followUp.text"))),
                            .th(.plainText(showStatus ? t("followUp.status") : t("followUp.action"))))),
                    .tbody(
                        .forEach(followUps) { f in
                            // `data-label`: on a phone each row is a card, and each cell says what it is (app.css).
                            .tr(
                                .class(f.status == .open && f.dueAt < now ? "overdue" : ""),
                                .td(
                                    .attribute(named: "data-label", value: t("followUp.dueAt")), .plainText(Timestamps.displayMinutes(f.dueAt)),
                                    .if(
                                        f.status == .open && f.dueAt < now, .span(.class("tag warning-text"), .plainText(" " + t("followUp.overdue")))
                                    )),
                                .td(
                                    .attribute(named: "data-label", value: t("contact.field.triage")),
                                    .span(.class("triage-badge triage-\(f.triage.rawValue)"), .plainText(t.label("triage", f.triage)))),
                                .td(.attribute(named: "data-label", value: t("contact.field.patientId")), patientCell(t, f)),
                                .td(.attribute(named: "data-label", value: t("followUp.unit")), .plainText(f.unitName)),
                                .td(
                                    .attribute(named: "data-label", value: t("followUp.text")), .plainText(f.text), sbarDetails(t, f.sbar),
                                    .a(.class("hint"), .href(Routes.contact(f.contactId)), .plainText(t("followUp.fromContact")))),
                                .td(
                                    .attribute(named: "data-label", value: showStatus ? t("followUp.status") : t("followUp.action")),
                                    statusCell(page, f, returnTo: returnTo)))
                        })))
    }

    /// The advice a contact gave, short (the recommendation, else the situation), the whole SBAR
    /// a click away. Shown with a follow-up and in the patient's list of contacts.
    static func sbarDetails(_ t: Localizer, _ sbar: SBAR) -> Node<HTML.BodyContext> {
        guard let lead = sbar.recommendation ?? sbar.situation ?? sbar.assessment ?? sbar.background else {
            return .p(.class("hint"), .plainText(t("contact.noSBAR")))
        }
        let fields = [
            ("situation", sbar.situation), ("background", sbar.background), ("assessment", sbar.assessment),
            ("recommendation", sbar.recommendation),
        ].compactMap { name, text in text.map { (name, $0) } }
        return .details(
            .class("sbar-summary"),
            .summary(.strong(.plainText("SBAR")), .plainText(" · " + short(lead, 120))),
            // Label above text (not `facts`' two columns): it also fits a table cell on a phone.
            .dl(
                .forEach(fields) { name, text in
                    .group(.dt(.strong(.plainText(t("contact.field.\(name)")))), .dd(.class("prewrap"), .plainText(text)))
                }))
    }

    /// The first `limit` characters of a text on one line, with an ellipsis if cut.
    static func short(_ text: String, _ limit: Int) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count <= limit ? line : String(line.prefix(limit - 1)).trimmingCharacters(in: .whitespaces) + "…"
    }

    /// An open follow-up's note and buttons (for its unit and advisory staff, who may close it), or
    /// how a closed one ended, with its note.
    static func statusCell(_ page: PageContext, _ f: FollowUp, returnTo: String) -> Node<HTML.BodyContext> {
        let t = page.t
        let mayClose = page.user.map { $0.unitId == f.unitId || $0.can(.documentAdvisoryContacts) } ?? false
        guard f.status == .open, mayClose else {
            if f.status == .open { return .span(.class("status-open"), .plainText(t.label("followUpStatus", f.status))) }
            let closedBy = f.closedByName.map { " – \($0)" } ?? ""
            let closedAt = f.closedAt.map { " " + Timestamps.displayMinutes($0) } ?? ""
            return .group(
                .plainText(t.label("followUpStatus", f.status) + closedBy + closedAt),
                .unwrap(f.closedNote) { .p(.class("closing-note prewrap"), .plainText($0)) })
        }
        return .group(
            .span(.class("status-open"), .plainText(t.label("followUpStatus", f.status))), closeForm(page, id: f.id, returnTo: returnTo, failed: nil))
    }

    /// One small form: a note, then "Udført" (the note is optional) or "Annullér" (which needs
    /// it: app.js says so before sending, the server in any case). Enter in the note makes a new
    /// line, never a choice between the two.
    static func closeForm(_ page: PageContext, id followUpId: UUID, returnTo: String, failed: FailedClose?) -> Node<HTML.BodyContext> {
        let t = page.t
        let id = "note-\(followUpId.uuidString.lowercased())"
        let error = failed?.errors.first { $0.field == "note" }
        let described = error == nil ? "\(id)-hint" : "\(id)-hint \(id)-error"
        return .form(
            .method(.post), .action(Routes.followUpDone(followUpId)), .class("close-follow-up"),
            Layout.csrfField(page),
            .input(.type(.hidden), .name("returnTo"), .value(HTMLEscaping.escape(returnTo))),
            .div(
                .class(error == nil ? "field" : "field has-error"),
                .label(.for(id), .plainText(t("followUp.note"))),
                .span(.class("hint"), .id("\(id)-hint"), .plainText(" " + t("followUp.noteHint"))),
                .unwrap(error) { .p(.class("field-error"), .id("\(id)-error"), .plainText(FormFields.message(t, $0.code))) },
                .textarea(
                    .id(id), .name("note"), .attribute(named: "rows", value: "1"),
                    .attribute(named: "maxlength", value: String(FollowUpClosing.noteMaxLength)),
                    .attribute(named: "aria-describedby", value: described),
                    .if(error != nil, .attribute(named: "aria-invalid", value: "true")),
                    .plainText(failed?.note ?? ""))),
            .div(
                .class("row-actions"),
                .button(.type(.submit), .class("button small primary"), .plainText(t("followUp.markDone"))),
                .button(
                    .type(.submit), .class("button small secondary"), .attribute(named: "formaction", value: Routes.followUpCancel(followUpId)),
                    .attribute(named: "data-requires-note", value: t("followUp.cancelNeedsNote")), .plainText(t("followUp.cancel")))))
    }

    /// A follow-up's close that was refused: the note it carried, and why.
    struct FailedClose {
        let note: String
        let errors: [FieldError]
    }

    /// Addenda beneath a saved contact, oldest first, each dated and signed; and the form to add
    /// one, for those who document contacts.
    static func addenda(_ page: PageContext, _ contact: Contact, typed: String?, errors: [FieldError]) -> Node<HTML.BodyContext> {
        let t = page.t
        let canAdd = page.user?.can(.documentAdvisoryContacts) == true
        return .section(
            .class("addenda"), .id("addenda"),
            .h2(.plainText(t("addendum.title") + (contact.addenda.isEmpty ? "" : " (\(contact.addenda.count))"))),
            contact.addenda.isEmpty
                ? .p(.class("hint"), .plainText(t("addendum.none")))
                : .ol(
                    .class("addendum-list"),
                    .forEach(contact.addenda) { addendum in
                        .li(
                            .class("addendum"), .id("addendum-\(addendum.id.uuidString.lowercased())"),
                            .p(.class("prewrap"), .plainText(addendum.text)),
                            .p(
                                .class("signature"),
                                .plainText(
                                    t(
                                        "addendum.signed",
                                        [
                                            "time": Timestamps.displayMinutes(addendum.createdAt),
                                            "name": [addendum.authorName, addendum.authorUnitName].compactMap { $0 }.joined(separator: ", "),
                                        ]))))
                    }),
            .if(
                canAdd,
                .form(
                    .method(.post), .action(Routes.contactAddenda(contact.id)), .class("addendum-form"),
                    Layout.csrfField(page),
                    FormFields.errorSummary(t, errors, labels: ["text": t("addendum.text")]),
                    FormFields.textarea(
                        t, name: "text", label: t("addendum.text"), value: typed, errors: errors, required: true,
                        hint: t("addendum.hint"), maxLength: ContactAddendumText.maxLength),
                    FormFields.submit(t("addendum.save"), id: "save-addendum"))))
    }

    static func contact(
        _ page: PageContext, _ contact: Contact, units: UnitDirectory, onDuty: OnDuty, canProposePlanChange: Bool,
        notice: String?, addendum: (typed: String?, errors: [FieldError]) = (nil, [])
    ) -> HTML {
        let t = page.t
        let d = contact.details
        let minutes = Int((Double(d.durationSeconds) / 60).rounded())
        return Layout.page(
            page, title: t("contact.title"), bodyClass: "advisory",
            AdvisoryViews.onDuty(t, onDuty),
            .div(
                .class("page-heading"),
                .h1(.plainText(t("contact.title") + " " + Timestamps.displayMinutes(d.startedAt))),
                .div(
                    .class("heading-actions"),
                    .unwrap(contact.patientWithheld ? nil : d.patientId) { patientId in
                        .group(
                            .a(
                                .class("button secondary"), .href(Routes.patient(patientId) + "?contact=\(contact.id.uuidString)"),
                                .plainText(t("contact.openPlan"))),
                            .if(
                                canProposePlanChange,
                                .a(
                                    .class("button primary"), .id("propose-plan-change"),
                                    .href(Routes.editPlan(patientId) + "?contact=\(contact.id.uuidString)"),
                                    .plainText(t("contact.proposePlanChange")))),
                            .if(
                                canProposePlanChange,
                                .a(
                                    .class("button secondary"),
                                    .href(Routes.newCareCommunication(patientId) + "?contact=\(contact.id.uuidString)"),
                                    .plainText(t("message.new")))))
                    },
                    .if(
                        page.user?.can(.documentAdvisoryContacts) == true,
                        .a(
                            .class("button secondary"), .href(Routes.newContact()), .attribute(named: "accesskey", value: "n"),
                            .plainText(t("contact.new")))))),
            Notices.banner(t, notice),
            .div(
                .class("triage-line triage-\(d.triage.rawValue)"),
                .strong(.plainText(t.label("triage", d.triage))), .plainText(" – " + t(FollowUpDue.guidanceKey(d.triage)))),
            .dl(
                .class("facts"),
                .dt(.plainText(t("contact.field.patientId"))),
                .dd(
                    contact.patientWithheld
                        ? .group(
                            .plainText(t("contact.patientWithheld") + " "),
                            .unwrap(contact.patientId) { .a(.href(Routes.breakGlass($0)), .plainText(t("contact.breakGlass"))) })
                        : .plainText(contact.patientName ?? t("contact.noPatient"))),
                .dt(.plainText(t("contact.field.callerRole"))),
                .dd(
                    .plainText(
                        t.label("callerRole", d.callerRole)
                            + [d.callerName, d.callerPhone, contact.callerUnitName].compactMap { $0 }.map { " · " + $0 }.joined())),
                .dt(.plainText(t("contact.field.channel"))),
                .dd(.plainText(t.label("channel", d.channel) + " · " + t.label("direction", d.direction))),
                .dt(.plainText(t("contact.duration"))),
                .dd(.plainText(t("contact.minutes", ["minutes": String(minutes)]) + " (" + clock(d.startedAt) + "–" + clock(d.endedAt) + ")")),
                .dt(.plainText(t("contact.workingHours"))),
                .dd(
                    .plainText(d.workingHours.outsideWorkingHours ? t("contact.outsideWorkingHours") : t("contact.insideWorkingHours")),
                    .unwrap(d.workingHours.holiday) { .plainText(" · " + $0) }),
                .dt(.plainText(t("contact.field.reasons"))), .dd(.plainText(d.reasons.map { t.label("reason", $0) }.joined(separator: ", "))),
                .dt(.plainText(t("contact.field.actions"))),
                .dd(.plainText(d.actions.isEmpty ? "–" : d.actions.map { t.label("contactAction", $0) }.joined(separator: ", "))),
                .dt(.plainText(t("contact.field.outcome"))), .dd(.plainText(t.label("outcome", d.outcome))),
                .dt(.plainText(t("contact.field.stayedAtHome"))), .dd(.plainText(d.stayedAtHome.map { $0 ? t("form.yes") : t("form.no") } ?? "–")),
                .dt(.plainText(t("contact.by"))), .dd(.plainText(contact.createdByName + " · " + Timestamps.displayMinutes(contact.createdAt)))),
            .section(
                .class("sbar"), .h2(.plainText(t("contact.section.sbar"))),
                .dl(
                    .class("facts"),
                    .forEach([
                        ("situation", d.situation), ("background", d.background), ("assessment", d.assessment),
                        ("recommendation", d.recommendation),
                    ]) { name, text in
                        .group(.dt(.plainText(t("contact.field.\(name)"))), .dd(.class("prewrap"), .plainText(text ?? "–")))
                    })),
            .section(
                .h2(.plainText(t("contact.section.followUp"))),
                followUpTable(page, contact.followUps, returnTo: Routes.contact(contact.id), showStatus: false)),
            addenda(page, contact, typed: addendum.typed, errors: addendum.errors))
    }

    static func list(
        _ page: PageContext, range: DateRange, contacts: [ContactListItem], truncated: Bool, onDuty: OnDuty, errors: [FieldError],
        typed: FormData
    ) -> HTML {
        let t = page.t
        return Layout.page(
            page, title: t("contact.list"), bodyClass: "advisory",
            AdvisoryViews.onDuty(t, onDuty),
            .div(.class("page-heading"), .h1(.plainText(t("contact.list"))), shortcuts(t)),
            DateRangeForm.render(t, action: Routes.contacts(), range: range, typed: typed, errors: errors),
            .if(truncated, .p(.class("notice warning"), .plainText(t("contact.listTruncated")))),
            contactTable(t, contacts, emptyText: t("contact.noneInRange"), showDate: true))
    }
}
