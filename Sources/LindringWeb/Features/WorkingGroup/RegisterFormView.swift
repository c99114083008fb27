import Foundation
import LindringCore
import LindringStore
import Plot

/// The form of a register item. It shows the fields of its kind only (`?kind=meeting` on a new
/// item; an item keeps its kind), so it needs no script; a refused form shows what was typed.
enum RegisterFormView {
    /// Blank attendee rows offered below those typed.
    static let blankAttendeeRows = 4

    static func label(_ t: Localizer, _ field: String) -> String {
        if let row = FormName.row(field) { return t("workingGroup.field.attendee.\(row.field)", ["number": String(row.index + 1)]) }
        return t("workingGroup.field.\(field)")
    }

    static func form(
        _ page: PageContext, draft: RegisterItemDraft, errors: [FieldError], id: UUID?, baseVersion: Int?, meetings: [StoredRegisterItem],
        stale: Bool = false
    ) -> HTML {
        let t = page.t
        let kind = RegisterItemKind(rawValue: draft.kind ?? "") ?? .meeting
        let title = id == nil ? t("workingGroup.new.\(kind.rawValue)") : t("workingGroup.edit.\(kind.rawValue)")
        let action = id.map { Routes.editWorkingGroupItem($0) } ?? Routes.newWorkingGroupItem()
        var labels = Dictionary(errors.map { ($0.field, label(t, $0.field)) }, uniquingKeysWith: { a, _ in a })
        labels["text"] = t("workingGroup.text.\(kind.rawValue)")
        return Layout.page(
            page, title: title,
            .p(.a(.href(id.map { Routes.workingGroupItem($0) } ?? Routes.workingGroup()), .plainText("← " + t("workingGroup.back")))),
            .h1(.plainText(title)),
            .if(
                id == nil,
                .p(
                    .class("row-actions"), .id("kind-choice"),
                    .forEach(RegisterItemKind.allCases.filter { $0 != kind }) { other in
                        .a(.href(Routes.newWorkingGroupItem() + "?kind=" + other.rawValue), .plainText(t("workingGroup.new.\(other.rawValue)")))
                    })),
            .if(stale, .div(.class("form-error"), .attribute(named: "role", value: "alert"), .p(.plainText(t("workingGroup.stale"))))),
            .form(
                .method(.post), .action(action), .id("register-item-form"), .class("stacked"), .attribute(named: "novalidate", value: "novalidate"),
                Layout.csrfField(page),
                .input(.type(.hidden), .name("kind"), .value(kind.rawValue)),
                .unwrap(baseVersion) { .input(.type(.hidden), .name("baseVersion"), .value(String($0))) },
                FormFields.errorSummary(t, errors, labels: labels),
                FormFields.requiredNote(t),
                FormFields.text(
                    t, name: "title", label: label(t, "title"), value: draft.title, errors: errors, required: true,
                    maxLength: RegisterItemDraft.maxTitleLength),
                FormFields.text(
                    t, name: "date", label: label(t, "date"), value: draft.date, errors: errors, type: .date,
                    required: kind == .meeting || kind == .decision),
                FormFields.textarea(
                    t, name: "text", label: t("workingGroup.text.\(kind.rawValue)"), value: draft.text, errors: errors, required: kind != .meeting,
                    maxLength: RegisterItemDraft.maxTextLength),
                kindFields(t, kind, draft: draft, errors: errors, meetings: meetings, itemId: id),
                .if(
                    kind == .meeting,
                    .group(
                        FormFields.textarea(
                            t, name: "minutes", label: label(t, "minutes"), value: draft.minutes, errors: errors,
                            hint: t("workingGroup.field.minutesHint"), maxLength: RegisterItemDraft.maxTextLength),
                        attendeeRows(t, draft.attendees ?? [], errors: errors))),
                FormFields.submit(t("workingGroup.save"), id: "save-item")))
    }

    static func kindFields(
        _ t: Localizer, _ kind: RegisterItemKind, draft: RegisterItemDraft, errors: [FieldError], meetings: [StoredRegisterItem], itemId: UUID?
    ) -> Node<HTML.FormContext> {
        let indicators = IndicatorID.allCases.map { (value: $0.rawValue, label: RegisterViews.indicatorName(t, $0)) }
        switch kind {
        case .meeting:
            return .empty
        case .analysis:
            return FormFields.select(
                t, name: "indicator", label: t("workingGroup.indicator.analysis"), options: indicators, selected: draft.indicator, errors: errors,
                includeEmpty: t("workingGroup.noIndicator"))
        case .recommendation:
            return .group(
                FormFields.text(
                    t, name: "owner", label: label(t, "owner"), value: draft.owner, errors: errors, required: true,
                    hint: t("workingGroup.field.ownerHint"), maxLength: RegisterItemDraft.maxNameLength),
                FormFields.text(t, name: "dueDate", label: label(t, "dueDate"), value: draft.dueDate, errors: errors, type: .date, required: true),
                FormFields.select(
                    t, name: "status", label: label(t, "status"), options: t.options("recommendationStatus", RecommendationStatus.self),
                    selected: draft.status ?? RecommendationStatus.proposed.rawValue, errors: errors, required: true),
                FormFields.select(
                    t, name: "indicator", label: t("workingGroup.indicator.recommendation"), options: indicators, selected: draft.indicator,
                    errors: errors, includeEmpty: t("workingGroup.noIndicator")))
        case .decision:
            return FormFields.select(
                t, name: "meetingId", label: label(t, "meetingId"),
                options: meetings.filter { $0.id != itemId }.map {
                    (value: $0.id.uuidString, label: $0.item.title + ($0.item.date.map { " (\($0.danish))" } ?? ""))
                }, selected: draft.meetingId, errors: errors, includeEmpty: t("workingGroup.noMeeting"))
        }
    }

    static func attendeeRows(_ t: Localizer, _ attendees: [RegisterItemDraft.AttendeeInput], errors: [FieldError]) -> Node<HTML.FormContext> {
        let rows = attendees + Array(repeating: RegisterItemDraft.AttendeeInput(), count: blankAttendeeRows)
        return .fieldset(
            .id("attendees"),
            FormFields.legend(t("workingGroup.field.attendees"), required: false),
            .p(.class("hint"), .plainText(t("workingGroup.attendeesHint"))),
            .div(
                .class("rows"),
                .forEach(Array(rows.enumerated())) { index, row in
                    let p = "attendees[\(index)]"
                    return .div(
                        .class("grid row-group"),
                        FormFields.text(
                            t, name: "\(p).name", label: label(t, "\(p).name"), value: row.name, errors: errors, rowRequired: true,
                            maxLength: RegisterItemDraft.maxNameLength),
                        FormFields.select(
                            t, name: "\(p).sector", label: label(t, "\(p).sector"), options: t.options("sector", Sector.self), selected: row.sector,
                            errors: errors, rowRequired: true, includeEmpty: t("form.choose")))
                }))
    }
}
