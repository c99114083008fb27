import Foundation
import LindringCore
import LindringStore
import Plot

/// The compose form, an outbox item's page and the outbox list.
enum CareCommunicationViews {
    static func form(
        _ page: PageContext, summary: PatientSummary, receivers: [OrgUnit], form: CareCommunicationForm, errors: [FieldError],
        missing: MissingMessagingAddress?
    ) -> HTML {
        let t = page.t
        let patient = summary.patient
        let labels = ["receiverUnitId": t("message.field.receiver"), "text": t("message.field.text"), "senderUnit": t("message.field.sender")]
        let fromContact = form.draft.contactId != nil
        return Layout.page(
            page, title: t("message.new"),
            .h1(.plainText(t("message.new"))),
            .p(.class("patient-line"), .plainText("\(patient.name) · \(patient.cpr.formatted)")),
            .p(.class("lead"), .plainText(t(fromContact ? "message.lead.contact" : "message.lead.plan"))),
            .unwrap(missing) { missing in
                .div(
                    .class("notice warning"), .attribute(named: "role", value: "alert"),
                    .p(
                        .plainText(
                            t(missing.field == "senderUnit" ? "message.missing.sender" : "message.missing.receiver", ["unit": missing.unitName]))))
            },
            .form(
                .method(.post), .action(Routes.newCareCommunication(patient.id)), .class("stacked"),
                Layout.csrfField(page),
                .input(.type(.hidden), .name("contactId"), .value(form.draft.contactId ?? "")),
                FormFields.requiredNote(t),
                FormFields.errorSummary(t, errors.filter { $0.code != .noMessagingAddress }, labels: labels),
                FormFields.select(
                    t, name: "receiverUnitId", label: labels["receiverUnitId"]!, options: receivers.map { ($0.id.uuidString, $0.name) },
                    selected: form.draft.receiverUnitId, errors: errors, required: true, includeEmpty: t("form.choose")),
                FormFields.textarea(
                    t, name: "text", label: labels["text"]!, value: form.draft.text, errors: errors, required: true, hint: t("message.hint.text"),
                    maxLength: CareCommunicationDraft.maxTextLength),
                .p(.class("hint"), .plainText(t("message.hint.topic"))),
                .div(
                    .class("actions button-row"),
                    .button(.type(.submit), .name("status"), .value("ready"), .class("button primary"), .plainText(t("message.ready"))),
                    .button(.type(.submit), .name("status"), .value("draft"), .class("button secondary"), .plainText(t("message.keepDraft"))),
                    .a(.class("button secondary"), .href(Routes.patient(patient.id)), .plainText(t("action.cancel"))))))
    }

    static func statusBadge(_ t: Localizer, _ status: OutboxStatus) -> Node<HTML.BodyContext> {
        .span(.class("status-tag outbox-\(status.rawValue)"), .plainText(t.label("outboxStatus", status)))
    }

    static func item(
        _ page: PageContext, _ item: OutboxItem, patientName: String?, units: UnitDirectory, notice: String?, reply: String? = nil,
        replyErrors: [FieldError] = []
    ) -> HTML {
        let t = page.t
        let user = page.user
        let mayOperate = user?.can(.operateOutbox) == true
        let isAuthorUnit = user?.unitId == item.senderUnitId && user?.can(.writePatientData) == true
        return Layout.page(
            page, title: t("message.title"),
            .h1(.plainText(t("message.title"))),
            .p(.class("message-status"), .plainText(t("outbox.status") + ": "), statusBadge(t, item.status)),
            Notices.banner(t, notice),
            .dl(
                .class("facts"),
                .unwrap(patientName) { name in
                    .group(.dt(.plainText(t("message.patient"))), .dd(.a(.href(Routes.patient(item.patientId)), .plainText(name))))
                },
                .dt(.plainText(t("message.field.sender"))), .dd(.plainText(units.name(item.senderUnitId))),
                .dt(.plainText(t("message.field.receiver"))), .dd(.plainText(units.name(item.receiverUnitId))),
                .dt(.plainText(t("message.activity"))), .dd(.plainText(t.label("messageActivity", item.activity))),
                .dt(.plainText(t("message.created"))), .dd(.plainText("\(Timestamps.displayMinutes(item.createdAt)) · \(item.authorName)")),
                .dt(.plainText(t("message.statusChanged"))),
                .dd(.plainText("\(Timestamps.displayMinutes(item.statusAt)) · \(item.statusBy)" + (item.statusNote.map { " – \($0)" } ?? "")))),
            .if(
                patientName != nil,
                .group(
                    .h2(.plainText(t("message.field.text"))),
                    .p(.class("prewrap message-text"), .plainText(item.text)),
                    .h2(.plainText(t("message.check"))),
                    item.problems.isEmpty
                        ? .p(.class("notice"), .plainText(t("message.check.passed")))
                        : .div(
                            .class("notice warning"),
                            .p(.plainText(t("message.check.failed"))),
                            .ul(.forEach(item.problems) { .li(.code(.plainText($0))) })),
                    .p(.a(.class("button secondary"), .href(Routes.API.outboxBundle(item.id)), .plainText(t("message.bundle")))))),
            .if(
                isAuthorUnit && item.status == .draft && item.problems.isEmpty,
                FormFields.actionButton(
                    page, action: Routes.outboxItemStatus(item.id), label: t("message.ready"), style: "primary", fields: [("status", "ready")])
            ),
            .if(mayOperate && (item.status == .ready || item.status == .failed), operatorForm(page, item)),
            .if(
                // A reply continues a conversation the network has carried: once the message is sent.
                patientName != nil && user?.can(.writePatientData) == true && item.status == .sent,
                .form(
                    .method(.post), .action(Routes.outboxItemReply(item.id)), .class("stacked"),
                    Layout.csrfField(page),
                    .h2(.plainText(t("message.reply"))),
                    FormFields.textarea(
                        t, name: "text", label: t("message.reply.text"), value: reply, errors: replyErrors, required: true,
                        maxLength: CareCommunicationDraft.maxTextLength),
                    .button(.type(.submit), .class("button primary"), .plainText(t("message.reply.save"))))),
            .p(.a(.href(Routes.outbox()), .plainText(t("message.backToOutbox")))))
    }

    static func operatorForm(_ page: PageContext, _ item: OutboxItem) -> Node<HTML.BodyContext> {
        let t = page.t
        let choices: [OutboxStatus] = item.status == .ready ? [.sent, .failed] : [.ready]
        return .form(
            .method(.post), .action(Routes.outboxItemStatus(item.id)), .class("stacked"),
            Layout.csrfField(page),
            .h2(.plainText(t("message.operator"))),
            FormFields.text(t, name: "note", label: t("message.operator.note"), value: nil, errors: [], maxLength: 500),
            .div(
                .class("actions button-row"),
                .forEach(choices) { status in
                    .button(
                        .type(.submit), .name("status"), .value(status.rawValue), .class("button secondary"),
                        .plainText(t("message.mark.\(status.rawValue)")))
                }))
    }

    static func outbox(_ page: PageContext, _ items: [OutboxItem], status: OutboxStatus?, units: UnitDirectory) -> HTML {
        let t = page.t
        return Layout.page(
            page, title: t("outbox.title"),
            .h1(.plainText(t("outbox.title"))),
            .p(.class("lead"), .plainText(t("outbox.lead"))),
            .nav(
                .class("filter-links"), .attribute(named: "aria-label", value: t("outbox.filter")),
                .a(.href(Routes.outbox()), .plainText(t("outbox.all"))),
                .forEach(OutboxStatus.allCases) { s in
                    .group(.plainText(" · "), .a(.href(Routes.outbox() + "?status=\(s.rawValue)"), .plainText(t.label("outboxStatus", s))))
                }),
            .if(items.isEmpty, .p(.plainText(t("outbox.none")))),
            .if(
                !items.isEmpty,
                .div(
                    .class("table-wrap"),
                    .table(
                        .caption(.plainText(status.map { t.label("outboxStatus", $0) } ?? t("outbox.all"))),
                        .thead(
                            .tr(
                                .th(.plainText(t("message.created"))), .th(.plainText(t("message.field.sender"))),
                                .th(.plainText(t("message.field.receiver"))), .th(.plainText(t("message.activity"))),
                                .th(.plainText(t("outbox.status"))))),
                        .tbody(
                            .forEach(items) { item in
                                .tr(
                                    .td(.a(.href(Routes.outboxItem(item.id)), .plainText(Timestamps.displayMinutes(item.createdAt)))),
                                    .td(.plainText(units.name(item.senderUnitId))), .td(.plainText(units.name(item.receiverUnitId))),
                                    .td(.plainText(t.label("messageActivity", item.activity))), .td(statusBadge(t, item.status)))
                            })))))
    }

    /// The patient page's messages: each links to its page.
    static func section(_ t: Localizer, patientId: UUID, _ items: [OutboxItem], canWrite: Bool, units: UnitDirectory) -> Node<HTML.BodyContext> {
        .section(
            .id("messages"),
            .div(
                .class("section-heading"),
                .h2(.plainText(t("message.section"))),
                .if(canWrite, .a(.class("button secondary"), .href(Routes.newCareCommunication(patientId)), .plainText(t("message.new"))))),
            .if(items.isEmpty, .p(.class("hint"), .plainText(t("message.none")))),
            .if(
                !items.isEmpty,
                .ul(
                    .class("message-list"),
                    .forEach(items) { item in
                        .li(
                            .a(
                                .href(Routes.outboxItem(item.id)),
                                .plainText("\(Timestamps.displayMinutes(item.createdAt)) → \(units.name(item.receiverUnitId))")),
                            .plainText(" "), statusBadge(t, item.status))
                    })))
    }
}
