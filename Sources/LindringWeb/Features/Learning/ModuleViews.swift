import Foundation
import LindringCore
import LindringStore
import Plot

/// An e-learning module to read, on a phone as on a desktop, online or not: every section on one
/// page (so it reads on offline once opened), a "read" button per section, reflection questions
/// with the learner's own earlier reflections, and the knowledge check. The forms post without
/// script; learning.js queues them on the device instead and sends them when it can.
enum ModuleViews {
    struct Standing {
        var progress: ModuleProgress
        var reflections: [Reflection]
        var complete: Bool
        /// The result of the check just sent (without script).
        var justChecked: (right: Int, passed: Bool)?
        /// A reflection that was refused, shown again as typed with why: its section and question.
        var refused: (section: Int, question: Int, text: String, code: ValidationCode)?
    }

    static func page(_ page: PageContext, _ module: LearningModule, offerTitle: String, standing: Standing, notice: String?) -> HTML {
        let t = page.t
        let content = module.content
        let readCount = standing.progress.sectionsRead.intersection(Set(content.sections.indices)).count
        return Layout.page(
            page, title: content.title, bodyClass: "module-page",
            .div(
                .id("module"), .class("module"), .data(named: "module", value: module.id.uuidString),
                .data(named: "csrf", value: page.csrfToken ?? ""),
                .data(named: "user", value: page.user?.id.uuidString ?? ""),
                .data(named: "saved-device", value: t("module.sync.device")), .data(named: "saved-server", value: t("module.sync.server")),
                .data(named: "saved-reflection", value: t("module.reflection.savedOnDevice")),
                .data(named: "check-sent", value: t("module.check.sent")), .data(named: "check-passed", value: t("module.check.passed")),
                .data(named: "check-failed", value: t("module.check.failed")),
                .p(.a(.href(Routes.learningOffer(module.offerId)), .plainText("← " + offerTitle))),
                .h1(.plainText(content.title)),
                .if(
                    page.user?.can(.manageTraining) == true,
                    .p(
                        .a(
                            .id("edit-module"), .class("button secondary"), .href(Routes.learningModuleEdit(module.id)),
                            .plainText(t("moduleEdit.link"))))),
                .p(
                    .class("lead"),
                    .plainText(t("module.position", ["number": String(module.position)]) + " · "),
                    .span(
                        .id("read-count"), .plainText(t("module.readCount", ["read": String(readCount), "total": String(content.sections.count)]))),
                    .if(standing.complete, .strong(.class("status-ok"), .plainText(" · " + t("module.complete"))))),
                .p(
                    .id("sync-status"), .class("sync-status"), .attribute(named: "role", value: "status"),
                    .plainText(notice.map { t("module.notice.\($0)") } ?? "")),
                .forEach(Array(content.sections.enumerated())) { index, section in
                    sectionView(page, module, index: index, section: section, standing: standing)
                },
                checkView(page, module, standing: standing)),
            .script(.src("/assets/learning.js"), .attribute(named: "defer", value: "defer")))
    }

    static func sectionView(
        _ page: PageContext, _ module: LearningModule, index: Int, section: ModuleContent.Section, standing: Standing
    ) -> Node<HTML.BodyContext> {
        let t = page.t
        let read = standing.progress.sectionsRead.contains(index)
        return .section(
            .id("section-\(index)"), .class("module-section \(section.kind.rawValue)\(read ? " read" : "")"),
            .data(named: "section", value: String(index)),
            .p(.class("section-kind"), .plainText(t("module.kind.\(section.kind.rawValue)"))),
            .h2(.plainText(section.title)),
            .forEach(section.body) { block(t, $0) },
            .forEach(Array(section.questions.enumerated())) { number, question in
                let mine = standing.reflections.filter { $0.section == index && $0.question == number }
                let refused = standing.refused.flatMap { $0.section == index && $0.question == number ? $0 : nil }
                return .div(
                    .class("reflection"), .id("reflection-\(index)-\(number)"),
                    .form(
                        .method(.post), .action(Routes.learningModuleProgress(module.id)), .class("progress-form"),
                        Layout.csrfField(page),
                        hidden("clientId", UUID().uuidString), hidden("kind", ProgressChange.Kind.reflection.rawValue),
                        hidden("section", String(index)), hidden("question", String(number)),
                        // Every reflection form sends `text`; the ids tell the questions apart.
                        .div(
                            .class(refused == nil ? "field" : "field has-error"),
                            .label(.for("text-\(index)-\(number)"), .plainText(question)),
                            .unwrap(refused) {
                                .p(.class("field-error"), .id("text-\(index)-\(number)-error"), .plainText(FormFields.message(t, $0.code)))
                            },
                            .textarea(
                                .id("text-\(index)-\(number)"), .name("text"), .attribute(named: "rows", value: "4"),
                                .attribute(named: "maxlength", value: String(ProgressChangeDraft.maxReflectionLength)),
                                .if(refused != nil, .attribute(named: "autofocus", value: "autofocus")), .plainText(refused?.text ?? ""))),
                        .div(.class("actions"), .button(.type(.submit), .class("button secondary"), .plainText(t("module.reflection.save"))))),
                    .ul(
                        .class("reflections"),
                        .forEach(mine) { reflection in
                            .li(
                                .p(.class("prewrap"), .plainText(reflection.text)),
                                .p(
                                    .class("hint"),
                                    .plainText(t("module.reflection.writtenAt", ["at": Timestamps.displayMinutes(reflection.writtenAt)]))))
                        }))
            },
            .form(
                .method(.post), .action(Routes.learningModuleProgress(module.id)), .class("progress-form read-form"),
                Layout.csrfField(page),
                hidden("clientId", UUID().uuidString), hidden("kind", ProgressChange.Kind.sectionRead.rawValue), hidden("section", String(index)),
                .div(
                    .class("actions"),
                    .button(
                        .type(.submit), .class("button \(read ? "secondary" : "primary")"),
                        .plainText(t(read ? "module.section.readAgain" : "module.section.markRead"))))))
    }

    static func checkView(_ page: PageContext, _ module: LearningModule, standing: Standing) -> Node<HTML.BodyContext> {
        let t = page.t
        let content = module.content
        return .section(
            .id("check"), .class("module-section check"),
            .h2(.plainText(t("module.check.title"))),
            .p(.plainText(t("module.check.lead", ["count": String(content.check.count), "passMark": String(content.passMark)]))),
            .unwrap(standing.justChecked ?? standing.progress.bestRight.map { ($0, standing.progress.passed) }) { result in
                .p(
                    .id("check-result"), .class(result.passed ? "notice" : "notice warning"),
                    .plainText(
                        t(
                            result.passed ? "module.check.passedResult" : "module.check.failedResult",
                            ["right": String(result.right), "count": String(content.check.count)])))
            },
            .form(
                .method(.post), .action(Routes.learningModuleProgress(module.id)), .class("progress-form check-form"),
                Layout.csrfField(page),
                hidden("clientId", UUID().uuidString), hidden("kind", ProgressChange.Kind.checkAnswers.rawValue),
                .forEach(Array(content.check.enumerated())) { number, question in questionView(number, question) },
                .div(.class("actions"), .button(.type(.submit), .class("button primary"), .plainText(t("module.check.submit"))))))
    }

    static func questionView(_ number: Int, _ question: ModuleContent.Question) -> Node<HTML.FormContext> {
        .fieldset(
            .class("field question"),
            .legend("\(number + 1). " + question.text),
            .forEach(Array(question.options.enumerated())) { option, text in optionView(number, option, text) })
    }

    static func optionView(_ number: Int, _ option: Int, _ text: String) -> Node<HTML.FormContext> {
        let id = "answer-\(number)-\(option)"
        return .div(
            .class("checkbox"),
            .input(.type(.radio), .id(id), .name("answers[\(number)]"), .value(String(option))),
            .label(.for(id), .plainText(text)))
    }

    static func hidden(_ name: String, _ value: String) -> Node<HTML.FormContext> {
        .input(.type(.hidden), .name(name), .value(value))
    }

    static func block(_ t: Localizer, _ block: ModuleContent.Block) -> Node<HTML.BodyContext> {
        switch block {
        case .paragraph(let inlines): .p(.group(inlines.map(inline)))
        case .bullets(let items): .ul(.forEach(items) { .li(.group($0.map(inline))) })
        case .numbered(let items): .ol(.forEach(items) { .li(.group($0.map(inline))) })
        }
    }

    static func inline(_ inline: ModuleContent.Inline) -> Node<HTML.BodyContext> {
        switch inline {
        case .text(let text): .plainText(text)
        case .strong(let text): .strong(.plainText(text))
        case .emphasis(let text): .em(.plainText(text))
        }
    }
}
