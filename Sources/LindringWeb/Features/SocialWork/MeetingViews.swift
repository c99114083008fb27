import Foundation
import LindringCore
import LindringStore
import Plot

/// Network meetings on a case's page, and the form to record one.
enum MeetingViews {
    static func section(
        _ page: PageContext, _ meetings: [NetworkMeeting], familyId: UUID, canChange: Bool, today: LocalDate
    ) -> Node<HTML.BodyContext> {
        let t = page.t
        return .section(
            .id("meetings"),
            .div(
                .class("page-heading"), .h2(.plainText(t("meeting.title"))),
                .if(canChange, .a(.class("button secondary"), .id("new-meeting"), .href(Routes.newMeeting(familyId)), .plainText(t("meeting.new"))))),
            meetings.isEmpty
                ? .p(.plainText(t("meeting.none")))
                : .ul(
                    .class("meetings"),
                    .forEach(meetings) { meeting in
                        .li(
                            .class("meeting"),
                            .h3(.plainText(t("meeting.heldOn", ["date": meeting.heldOn.danish]))),
                            .p(.class("hint"), .plainText(t("meeting.participants") + ": " + meeting.participants.joined(separator: ", "))),
                            .if(
                                !meeting.decisions.isEmpty,
                                .ul(
                                    .forEach(meeting.decisions) { decision in
                                        let late = decision.doneOn == nil && (decision.dueOn.map { $0 < today } ?? false)
                                        return .li(
                                            .class(late ? "overdue" : ""),
                                            .plainText(decision.text + " – " + t("meeting.owner", ["owner": decision.owner])),
                                            .unwrap(decision.dueOn) { .plainText(" · " + t("meeting.dueOn", ["date": $0.danish])) },
                                            .unwrap(decision.doneOn) { .strong(.plainText(" · " + t("meeting.doneOn", ["date": $0.danish]))) },
                                            .if(
                                                canChange,
                                                actionForm(
                                                    page, Routes.meetingDecisionDone(familyId),
                                                    fields: [
                                                        "decisionId": decision.id.uuidString, "done": decision.doneOn == nil ? "true" : "false",
                                                    ],
                                                    label: t(decision.doneOn == nil ? "meeting.markDone" : "meeting.markNotDone"))))
                                    })),
                            .forEach(meeting.lostEarnings) { lost in
                                .p(
                                    .plainText(t("meeting.lostEarnings", ["parent": lost.parentName]) + " "),
                                    lost.applicationId == nil
                                        ? (canChange
                                            ? actionForm(
                                                page, Routes.lostEarningsApplication(familyId),
                                                fields: ["meetingId": meeting.id.uuidString, "parentId": lost.parentId.uuidString],
                                                label: t("meeting.applyForLostEarnings"), style: "primary")
                                            : .empty)
                                        : .a(.href(Routes.family(familyId) + "#applications"), .plainText(t("meeting.applicationMade"))))
                            })
                    }))
    }

    static func actionForm(
        _ page: PageContext, _ action: String, fields: [String: String], label: String, style: String = "secondary"
    )
        -> Node<HTML.BodyContext>
    {
        .form(
            .method(.post), .action(action), .class("inline-form"),
            Layout.csrfField(page),
            .forEach(fields.sorted { $0.key < $1.key }) { .input(.type(.hidden), .name($0.key), .value($0.value)) },
            .button(.type(.submit), .class("button small \(style)"), .plainText(label)))
    }

    static func form(_ page: PageContext, family: FamilyCase, form: MeetingForm, errors: [FieldError]) -> HTML {
        let t = page.t
        let draft = form.draft
        let title = t("meeting.newFor", ["child": family.child.name])
        func label(_ field: String) -> String { t("meeting.field.\(FormName.row(field)?.field ?? String(field.prefix { $0 != "[" }))") }
        let decisions = (draft.decisions ?? []) + [NetworkMeetingDraft.DecisionInput(), NetworkMeetingDraft.DecisionInput()]
        let ticked = Set(draft.lostEarningsParentIds ?? [])
        return Layout.page(
            page, title: title,
            .h1(.plainText(title)),
            .p(.a(.href(Routes.family(family.id) + "#meetings"), .plainText("← " + t("family.back")))),
            .form(
                .method(.post), .action(Routes.newMeeting(family.id)), .id("meeting-form"), .class("stacked"),
                .attribute(named: "novalidate", value: "novalidate"),
                Layout.csrfField(page),
                FormFields.errorSummary(t, errors, labels: Dictionary(errors.map { ($0.field, label($0.field)) }, uniquingKeysWith: { a, _ in a })),
                FormFields.requiredNote(t),
                FormFields.text(t, name: "heldOn", label: label("heldOn"), value: draft.heldOn, errors: errors, type: .date, required: true),
                FormFields.textarea(
                    t, name: "participants", label: label("participants"), value: form.participants, errors: errors, required: true,
                    hint: t("meeting.participantsHint")),
                .fieldset(
                    .legend(t("meeting.decisions")), .p(.class("hint"), .plainText(t("form.rowsHint"))),
                    .forEach(Array(decisions.enumerated())) { index, decision in
                        let p = "decisions[\(index)]"
                        return .div(
                            .class("row-group"),
                            FormFields.text(t, name: "\(p).text", label: label("\(p).text"), value: decision.text, errors: errors, rowRequired: true),
                            FormFields.text(
                                t, name: "\(p).owner", label: label("\(p).owner"), value: decision.owner, errors: errors, rowRequired: true),
                            FormFields.text(t, name: "\(p).dueOn", label: label("\(p).dueOn"), value: decision.dueOn, errors: errors, type: .date))
                    }),
                FormFields.checkboxes(
                    t, name: "lostEarningsParentIds", legend: t("meeting.field.lostEarningsParentIds"),
                    options: family.details.parents.compactMap { parent in parent.id.map { ($0.uuidString, parent.name) } }, checked: ticked,
                    errors: errors),
                FormFields.submit(t("meeting.save"), id: "save-meeting")))
    }
}
