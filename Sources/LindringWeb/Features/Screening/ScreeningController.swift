import Foundation
import Hummingbird
import LindringCore
import LindringStore
import Plot

/// A patient's screenings: per instrument a trend chart of each scale (server-rendered SVG)
/// with the same numbers in a table for screen readers, newest first.
struct ScreeningController {
    let services: AppServices

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.patientScreening.routerPath, use: show)
        router.post(Routes.newSelfReportLink.routerPath, use: sendLink)
        router.post(Routes.revokeSelfReportLink.routerPath, use: revokeLink)
        AssessmentFormController(services: services).addRoutes(to: router)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        try await render(context, notice: request.query["notice"], link: nil, errors: [], typed: SelfReportLinkForm())
    }

    func render(
        _ context: AppContext, notice: String?, link: SelfReportLinkDTO?, errors: [FieldError], typed: SelfReportLinkForm,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let id = try context.requiredIdParameter()
        let screenings = try await PatientGate(services: services).read(context, patientId: id, action: "assessment.list") { tx, _ in
            guard let patient = try await PatientRepository.find(id: id, on: tx) else { throw AppError.notFound }
            let assessments = try await AssessmentRepository.list(patientId: id, on: tx)
            var thresholds: [Instrument: InstrumentThresholds] = [:]
            for instrument in Set(assessments.map(\.instrument)) {
                thresholds[instrument] = try await InstrumentThresholdRepository.find(instrument, on: tx).thresholds
            }
            return ScreeningViews.Screenings(
                patient: patient, assessments: assessments, checklists: try await SPICTRepository.list(patientId: id, on: tx),
                thresholds: thresholds, outstanding: try await SelfReportLinkRepository.outstanding(patientId: id, on: tx))
        }
        let user = try context.requireUser()
        return .html(
            ScreeningViews.page(
                PageContext(context, path: Routes.patientScreening(id)), screenings, canWrite: user.can(.writePatientData),
                wording: services.config.instrumentWording, notice: notice, link: link, errors: errors, typed: typed), status: status)
    }

    /// Takes back a link the patient has not used (sent to the wrong number, no longer wanted):
    /// the same permission and patient access as making one, audited as `selfReportLink.revoke`.
    /// A link that no longer works anyway (used, expired, revoked) changes nothing and is said so.
    @Sendable func revokeLink(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let revoked = try await ScreeningService(services: services).revokeLink(
            context, patientId: id, linkId: context.parameters.get("linkId").flatMap(UUID.init(uuidString:)))
        return .redirect(to: Routes.patientScreening(id) + "?notice=" + (revoked == nil ? "linkNotRevoked" : "linkRevoked"))
    }

    /// Issues a single-use link and shows it once, for the nurse to send by text or e-Boks.
    @Sendable func sendLink(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let form = try await request.decode(as: SelfReportLinkForm.self, context: context)
        // Validated inside the gate's job, after the decision, like every patient write.
        do {
            let link = try await ScreeningService(services: services).issueLink(context, request: request, patientId: id) {
                var v = Validator()
                let instrument = v.choice("instrument", form.instrument, as: Instrument.self)
                try v.check()
                return (instrument!, 72)
            }
            return try await render(context, notice: nil, link: link, errors: [], typed: form, status: .created)
        } catch let failure as ValidationFailure {
            return try await render(context, notice: nil, link: nil, errors: failure.errors, typed: form, status: .unprocessableContent)
        }
    }
}

enum ScreeningViews {
    /// What the page shows, read in one audited snapshot.
    struct Screenings: Sendable {
        var patient: Patient
        var assessments: [Assessment]
        var checklists: [SPICTRecord]
        /// The bands each shown instrument's items are judged by now (the charts' shading).
        var thresholds: [Instrument: InstrumentThresholds]
        var outstanding: [OutstandingSelfReportLink]
    }

    /// The page's own notices, besides the shared ones (`Notices`).
    static let notices = ["linkRevoked", "linkNotRevoked"]

    static func page(
        _ page: PageContext, _ screenings: Screenings, canWrite: Bool, wording: InstrumentWording, notice: String?,
        link: SelfReportLinkDTO?, errors: [FieldError], typed: SelfReportLinkForm
    ) -> HTML {
        let t = page.t, patient = screenings.patient, assessments = screenings.assessments
        let byInstrument = Dictionary(grouping: assessments, by: \.instrument)
        return Layout.page(
            page, title: t("screening.title"),
            .p(.class("breadcrumb"), .a(.href(Routes.patient(patient.id)), .plainText("← " + patient.name))),
            .div(
                .class("page-heading"), .h1(.plainText(t("screening.title") + ": " + patient.name)),
                .if(
                    canWrite,
                    .div(.class("heading-actions"), .a(.class("button secondary"), .href(Routes.newSPICT(patient.id)), .plainText(t("spict.new")))))),
            notice.map { notices.contains($0) } == true
                ? .div(
                    .class(notice == "linkRevoked" ? "notice" : "notice warning"), .attribute(named: "role", value: "status"),
                    .p(.plainText(t("selfReport.notice.\(notice ?? "")"))))
                : Notices.banner(t, notice),
            .if(
                canWrite,
                .nav(
                    .class("screening-new"), .attribute(named: "aria-label", value: t("screening.form.enter")),
                    .p(.strong(.plainText(t("screening.form.enter") + ": "))),
                    .ul(
                        .class("inline-list"),
                        .forEach(Instrument.allCases) { instrument in
                            .li(
                                .a(
                                    .class("button secondary"), .href(Routes.newAssessment(patient.id) + "?instrument=\(instrument.rawValue)"),
                                    .plainText(t.label("instrument", instrument))))
                        }))),
            .unwrap(link) { newLink(t, $0) },
            .if(
                canWrite,
                .form(
                    .method(.post), .action(Routes.newSelfReportLink(patient.id)), .class("filter-form"), .id("self-report-form"),
                    Layout.csrfField(page),
                    FormFields.errorSummary(t, errors, labels: ["instrument": t("selfReport.instrument")]),
                    .div(
                        .class("grid"),
                        FormFields.select(
                            t, name: "instrument", label: t("selfReport.instrument"),
                            options: t.options("instrument", Instrument.self),
                            selected: typed.instrument, errors: errors, required: true, includeEmpty: t("form.choose"))),
                    FormFields.submit(t("selfReport.createLink")))),
            outstandingLinks(page, patientId: patient.id, screenings.outstanding, canWrite: canWrite),
            .if(!screenings.checklists.isEmpty, SPICTViews.list(t, screenings.checklists)),
            .if(assessments.isEmpty, .p(.plainText(t("screening.none")))),
            .forEach(Instrument.allCases.filter { byInstrument[$0] != nil }) { instrument in
                section(
                    page, instrument, byInstrument[instrument] ?? [], thresholds: screenings.thresholds[instrument] ?? InstrumentThresholds(),
                    wording: wording)
            })
    }

    /// The new link, shown once, with a button that copies it (app.js shows the button; without
    /// script the field is read-only text to select).
    static func newLink(_ t: Localizer, _ link: SelfReportLinkDTO) -> Node<HTML.BodyContext> {
        .div(
            .class("notice"), .id("self-report-link"), .attribute(named: "role", value: "status"),
            .p(.strong(.plainText(t("selfReport.linkCreated", ["until": Timestamps.displayMinutes(link.expiresAt)])))),
            .div(
                .class("copy-field"),
                .input(
                    .type(.text), .id("self-report-url"), .value(HTMLEscaping.escape(link.url)), .readonly(true),
                    .attribute(named: "aria-label", value: t("selfReport.linkLabel"))),
                .button(
                    .type(.button), .class("button secondary copy-button"), .id("copy-self-report-url"), .attribute(named: "hidden", value: "hidden"),
                    .attribute(named: "data-copy", value: "self-report-url"), .attribute(named: "data-copied", value: t("selfReport.copied")),
                    .attribute(named: "data-selected", value: t("selfReport.copySelected")), .plainText(t("selfReport.copy")))),
            .p(.class("hint"), .plainText(t("selfReport.linkHint"))))
    }

    /// The patient's links that still work, with who made them and when they expire; those who
    /// may make links may take one back.
    static func outstandingLinks(_ page: PageContext, patientId: UUID, _ links: [OutstandingSelfReportLink], canWrite: Bool) -> Node<HTML.BodyContext>
    {
        let t = page.t
        return .section(
            .class("outstanding-links"), .id("outstanding-links"), .attribute(named: "aria-labelledby", value: "outstanding-links-heading"),
            .h2(.id("outstanding-links-heading"), .plainText(t("selfReport.outstanding"))),
            links.isEmpty
                ? .p(.class("hint"), .plainText(t("selfReport.outstandingNone")))
                : .ul(
                    .class("outstanding-list"),
                    .forEach(links) { link in
                        .li(
                            .strong(.class("outstanding-instrument"), .plainText(t.label("instrument", link.instrument))),
                            .span(
                                .plainText(
                                    link.createdByName.map {
                                        t("selfReport.createdBy", ["time": Timestamps.displayMinutes(link.createdAt), "name": $0])
                                    }
                                        ?? t("selfReport.created", ["time": Timestamps.displayMinutes(link.createdAt)]))),
                            .span(.plainText(t("selfReport.expires", ["time": Timestamps.displayMinutes(link.expiresAt)]))),
                            .if(
                                canWrite,
                                FormFields.actionButton(
                                    page, action: Routes.revokeSelfReportLink(patientId, link.id), label: t("selfReport.revoke"),
                                    style: "danger")))
                    }))
    }

    /// One instrument: a chart per scale, their table, and per item a chart with the severity
    /// bands (open when the newest result is red, so the severe item is in view).
    static func section(
        _ page: PageContext, _ instrument: Instrument, _ items: [Assessment], thresholds: InstrumentThresholds,
        wording: InstrumentWording
    ) -> Node<HTML.BodyContext> {
        let t = page.t
        let oldestFirst = Array(items.reversed())
        let name = t.label("instrument", instrument)
        return .section(
            .class("screening"),
            .h2(.plainText(name)),
            .div(
                .class("trend-charts"),
                .forEach(instrument.scales) { scale in
                    let points = oldestFirst.compactMap { a in (a.score.scores[scale.name] ?? nil).map { TrendChart.Point(at: a.takenAt, value: $0) }
                    }
                    return .div(
                        .class("trend-chart"), .p(.class("hint"), .plainText(t("scale.\(scale.name)"))),
                        .raw(TrendChart.scale(label: "\(name) \(t("scale.\(scale.name)"))", points: points, maximum: scale.maximum).svg(t)))
                }),
            table(t, instrument, items),
            .details(
                .class("item-trends"), .if(items.first?.score.trafficLight == .red, .attribute(named: "open", value: "open")),
                .summary(.plainText(t("screening.itemTrends"))),
                bandLegend(t),
                .div(
                    .class("trend-charts"),
                    .forEach(instrument.items) { item in
                        let label = wording.item(instrument, item.id, in: page.language)
                        let group = instrument.thresholdGroups.first { $0.items.contains(item.id) }
                        let points = oldestFirst.compactMap { a in
                            a.answers[item.id]?.integer.map {
                                TrendChart.Point(at: a.takenAt, value: Double($0), severity: a.score.severity[item.id])
                            }
                        }
                        return .div(
                            .class("trend-chart"), .p(.class("hint"), .plainText(label)),
                            points.isEmpty
                                ? .p(.class("no-answers"), .plainText(t("chart.noAnswers")))
                                : .raw(
                                    TrendChart.item(
                                        label: "\(name) \(label)", points: points, range: item.range, group: group,
                                        bands: group.map { thresholds.bands(for: $0) }
                                    ).svg(t)))
                    }),
                itemTable(t, instrument, items, wording: wording, language: page.language)))
    }

    /// What the shading and the dots' colours mean.
    static func bandLegend<Context: HTML.BodyContext>(_ t: Localizer) -> Node<Context> {
        .div(
            .class("band-legend"),
            .p(.class("hint"), .plainText(t("chart.bandsHint"))),
            .ul(
                .class("inline-list"),
                .forEach([Severity.mild, .moderate, .severe]) { severity in
                    .li(
                        .span(.class("swatch band-\(severity.rawValue)"), .attribute(named: "aria-hidden", value: "true")),
                        .plainText(" " + t.label("severity", severity)))
                }))
    }

    static func table(_ t: Localizer, _ instrument: Instrument, _ items: [Assessment]) -> Node<HTML.BodyContext> {
        .div(
            .class("table-wrap"),
            .table(
                .class("screening-table"),
                .caption(.plainText(t.label("instrument", instrument))),
                .thead(
                    .tr(
                        .th(.plainText(t("screening.at"))), .th(.plainText(t("screening.respondent"))), .th(.plainText(t("screening.light"))),
                        .forEach(instrument.scales) { .th(.plainText(t("scale.\($0.name)"))) })),
                .tbody(
                    .forEach(items) { a in
                        .tr(
                            .td(.plainText(Timestamps.displayMinutes(a.takenAt))), .td(.plainText(t.label("respondent", a.respondent))),
                            .td(.span(.class("light light-\(a.score.trafficLight.rawValue)"), .plainText(t.label("light", a.score.trafficLight)))),
                            .forEach(instrument.scales) { scale in
                                .td(.class("num"), .plainText((a.score.scores[scale.name] ?? nil).map(DanishNumber.score) ?? "–"))
                            })
                    })))
    }

    /// Each item's answers in a table, the same numbers as the item charts.
    static func itemTable<Context: HTML.BodyContext>(
        _ t: Localizer, _ instrument: Instrument, _ items: [Assessment], wording: InstrumentWording,
        language: Language
    ) -> Node<Context> {
        .div(
            .class("table-wrap"),
            .table(
                .class("screening-table items"),
                .caption(.plainText(t.label("instrument", instrument) + " – " + t("screening.itemTrends"))),
                .thead(
                    .tr(
                        .th(.plainText(t("screening.at"))),
                        .forEach(instrument.items) { item in
                            .th(.plainText(wording.item(instrument, item.id, in: language)))
                        })),
                .tbody(
                    .forEach(items) { a in
                        .tr(
                            .td(.plainText(Timestamps.displayMinutes(a.takenAt))),
                            .forEach(instrument.items) { item in
                                .td(
                                    .class("num severity-\(a.score.severity[item.id]?.rawValue ?? "none")"),
                                    .plainText(a.answers[item.id]?.integer.map(String.init) ?? "–"))
                            })
                    })))
    }
}

/// A new self-report link: which questionnaire.
struct SelfReportLinkForm: Decodable {
    var instrument: String?
}
