import Foundation
import LindringCore
import LindringStore
import Plot

/// After the child's death, on the case's page: the date, each parent's bereavement leave, the
/// continuation of plejevederlag, and the follow-up conversations the team plans.
enum BereavementViews {
    /// `typed` is a form that was refused, shown again with what was typed and its errors.
    static func section(
        _ page: PageContext, _ casePage: SocialWorkService.CasePage, family: FamilyCase, canChange: Bool, typed: Typed? = nil
    ) -> Node<HTML.BodyContext> {
        let t = page.t
        let errors = typed?.errors ?? []
        let form = typed?.form
        func focus(_ field: String) -> Bool { errors.first?.field == field }
        guard let death = casePage.deathOn else {
            return .if(
                canChange && family.details.status != .closed,
                .section(
                    .id("bereavement"),
                    .h2(.plainText(t("bereavement.title"))),
                    .form(
                        .method(.post), .action(Routes.familyDeath(family.id)), .class("filter-form"),
                        Layout.csrfField(page),
                        .div(
                            .class("grid"),
                            FormFields.text(
                                t, name: "deathOn", label: t("bereavement.field.deathOn"), value: form?.deathOn, errors: errors, type: .date,
                                required: true, autofocus: focus("deathOn"))),
                        FormFields.submit(t("bereavement.recordDeath")))))
        }
        let leave = Bereavement.leave(afterDeathOn: death)
        return .section(
            .id("bereavement"),
            .h2(.plainText(t("bereavement.title"))),
            .dl(
                .class("facts"),
                .dt(.plainText(t("bereavement.field.deathOn"))),
                .dd(.plainText(death.danish + (casePage.deathFromPlan ? " " + t("bereavement.fromPlan") : ""))),
                .dt(.plainText(t("bereavement.plejevederlag"))),
                .dd(.plainText(t("bereavement.plejevederlagUntil", ["date": Bereavement.plejevederlagLastDay(afterDeathOn: death).danish]))),
                .forEach(family.details.parents) { parent in
                    .group(
                        .dt(.plainText(t("bereavement.leaveFor", ["parent": parent.name]))),
                        .dd(.plainText(t("bereavement.leavePeriod", ["from": leave.lowerBound.danish, "to": leave.upperBound.danish]))))
                }),
            .h3(.plainText(t("bereavement.conversations"))),
            casePage.conversations.isEmpty
                ? .p(.plainText(t("bereavement.conversations.none")))
                : .ul(
                    .forEach(casePage.conversations) { conversation in
                        .li(
                            .plainText(t("bereavement.conversation", ["who": conversation.withWhom, "date": conversation.plannedOn.danish])),
                            .unwrap(conversation.doneOn) { .strong(.plainText(" · " + t("meeting.doneOn", ["date": $0.danish]))) },
                            .if(
                                canChange,
                                MeetingViews.actionForm(
                                    page, Routes.bereavementConversationDone(family.id),
                                    fields: ["conversationId": conversation.id.uuidString, "done": conversation.doneOn == nil ? "true" : "false"],
                                    label: t(conversation.doneOn == nil ? "bereavement.markHeld" : "meeting.markNotDone"))))
                    }),
            .if(
                canChange,
                .form(
                    .method(.post), .action(Routes.bereavementConversations(family.id)), .class("filter-form"), .id("plan-conversation"),
                    Layout.csrfField(page),
                    .div(
                        .class("grid"),
                        FormFields.select(
                            t, name: "withWhom", label: t("bereavement.field.withWhom"),
                            options: ([t("bereavement.theFamily")] + family.details.parents.map(\.name) + family.details.siblings.compactMap(\.name))
                                .map {
                                    ($0, $0)
                                }, selected: form?.withWhom, errors: errors, required: true, autofocus: focus("withWhom")),
                        FormFields.text(
                            t, name: "plannedOn", label: t("bereavement.field.plannedOn"), value: form?.plannedOn, errors: errors, type: .date,
                            required: true, autofocus: focus("plannedOn"))),
                    FormFields.submit(t("bereavement.plan")))))
    }
}

extension BereavementViews {
    /// A bereavement form that was refused: what was typed and why.
    struct Typed {
        var form: BereavementForm
        var errors: [FieldError]
    }
}

/// The bereavement forms as sent.
struct BereavementForm: Decodable {
    var deathOn: String?
    var withWhom: String?
    var plannedOn: String?
    var conversationId: String?
    var done: String?
}
