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
        AssessmentFormController(services: services).addRoutes(to: router)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        try await render(context, notice: request.query["notice"], link: nil, errors: [], typed: FormData())
    }

    func render(_ context: AppContext, notice: String?, link: SelfReportLinkDTO?, errors: [FieldError], typed: FormData,
                status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let id = context.idParameter else { throw AppError.notFound }
        let (patient, assessments, checklists) = try await PatientGate(services: services).access(context, patientId: id, .read, action: "assessment.list") { tx, _ in
            guard let patient = try await PatientRepository.find(id: id, on: tx) else { throw AppError.notFound }
            return (patient, try await AssessmentRepository.list(patientId: id, on: tx), try await SPICTRepository.list(patientId: id, on: tx))
        }
        let user = try context.requireUser()
        return .html(ScreeningViews.page(PageContext(context, path: Routes.patientScreening(id)), patient: patient, assessments: assessments,
                                         checklists: checklists, canWrite: user.can(.writePatientData), wording: services.config.instrumentWording, notice: notice, link: link, errors: errors,
                                         typed: typed), status: status)
    }

    /// Issues a single-use link and shows it once, for the nurse to send by text or e-Boks.
    @Sendable func sendLink(_ request: Request, context: AppContext) async throws -> Response {
        guard let id = context.idParameter else { throw AppError.notFound }
        let form = context.form
        var v = Validator()
        let instrument = v.choice("instrument", form["instrument"], as: Instrument.self)
        guard let instrument, v.errors.isEmpty else {
            return try await render(context, notice: nil, link: nil, errors: v.errors, typed: form, status: .unprocessableContent)
        }
        let link = try await ScreeningService(services: services).issueLink(context, request: request, patientId: id, instrument: instrument, hours: 72)
        return try await render(context, notice: nil, link: link, errors: [], typed: form, status: .created)
    }
}

enum ScreeningViews {
    static func page(_ page: PageContext, patient: Patient, assessments: [Assessment], checklists: [SPICTRecord], canWrite: Bool,
                     wording: InstrumentWording, notice: String?,
                     link: SelfReportLinkDTO?, errors: [FieldError], typed: FormData) -> HTML {
        let t = page.t
        let byInstrument = Dictionary(grouping: assessments, by: \.instrument)
        return Layout.page(page, title: t("screening.title"),
            .p(.class("breadcrumb"), .a(.href(Routes.patient(patient.id)), .plainText("← " + patient.name))),
            .div(.class("page-heading"), .h1(.plainText(t("screening.title") + ": " + patient.name)),
                 .if(canWrite, .div(.class("heading-actions"), .a(.class("button secondary"), .href(Routes.newSPICT(patient.id)), .plainText(t("spict.new")))))),
            Notices.banner(t, notice),
            .if(canWrite, .nav(.class("screening-new"), .attribute(named: "aria-label", value: t("screening.form.enter")),
                .p(.strong(.plainText(t("screening.form.enter") + ": "))),
                .ul(.class("inline-list"), .forEach(Instrument.allCases) { instrument in
                    .li(.a(.class("button secondary"), .href(Routes.newAssessment(patient.id) + "?instrument=\(instrument.rawValue)"),
                           .plainText(t.label("instrument", instrument))))
                }))),
            .unwrap(link) { link in
                .div(.class("notice"), .id("self-report-link"), .attribute(named: "role", value: "status"),
                     .p(.strong(.plainText(t("selfReport.linkCreated", ["until": Timestamps.displayMinutes(link.expiresAt)])))),
                     .p(.input(.type(.text), .id("self-report-url"), .value(link.url), .readonly(true),
                               .attribute(named: "aria-label", value: t("selfReport.linkLabel")))),
                     .p(.class("hint"), .plainText(t("selfReport.linkHint"))))
            },
            .if(canWrite, .form(.method(.post), .action(Routes.newSelfReportLink(patient.id)), .class("filter-form"), .id("self-report-form"),
                Layout.csrfField(page),
                FormFields.errorSummary(t, errors, labels: ["instrument": t("selfReport.instrument")]),
                .div(.class("grid"),
                     FormFields.select(t, name: "instrument", label: t("selfReport.instrument"),
                                       options: Instrument.allCases.map { ($0.rawValue, t.label("instrument", $0)) },
                                       selected: typed["instrument"], errors: errors, required: true, includeEmpty: t("form.choose"))),
                FormFields.submit(t("selfReport.createLink")))),
            .if(!checklists.isEmpty, SPICTViews.list(t, checklists)),
            .if(assessments.isEmpty, .p(.plainText(t("screening.none")))),
            .forEach(Instrument.allCases.filter { byInstrument[$0] != nil }) { instrument in
                let items = byInstrument[instrument] ?? []
                return .section(.class("screening"),
                    .h2(.plainText(t.label("instrument", instrument))),
                    .div(.class("trend-charts"), .forEach(instrument.scales) { scale in
                        .div(.class("trend-chart"), .p(.class("hint"), .plainText(t("scale.\(scale.name)"))),
                             .raw(trend(items.reversed(), value: { $0.score.scores[scale.name] ?? nil }, minimum: 0, maximum: scale.maximum,
                                        label: "\(t.label("instrument", instrument)) \(t("scale.\(scale.name)"))")))
                    }),
                    table(t, instrument, items),
                    .details(.class("item-trends"),
                             .summary(.plainText(t("screening.itemTrends"))),
                             .div(.class("trend-charts"), .forEach(instrument.items) { item in
                                 let label = wording.item(instrument, item.id, in: page.language)
                                 return .div(.class("trend-chart"), .p(.class("hint"), .plainText(label)),
                                             .raw(trend(items.reversed(), value: { $0.answers[item.id].flatMap(\.integer).map(Double.init) },
                                                        minimum: Double(item.range.lowerBound), maximum: Double(item.range.upperBound),
                                                        label: "\(t.label("instrument", instrument)) \(label)")))
                             }),
                             itemTable(t, instrument, items, wording: wording, language: page.language)))
            })
    }

    static func table(_ t: Localizer, _ instrument: Instrument, _ items: [Assessment]) -> Node<HTML.BodyContext> {
        .div(.class("table-wrap"), .table(.class("screening-table"),
            .caption(.plainText(t.label("instrument", instrument))),
            .thead(.tr(.th(.plainText(t("screening.at"))), .th(.plainText(t("screening.respondent"))), .th(.plainText(t("screening.light"))),
                       .forEach(instrument.scales) { .th(.plainText(t("scale.\($0.name)"))) })),
            .tbody(.forEach(items) { a in
                .tr(.td(.plainText(Timestamps.displayMinutes(a.takenAt))), .td(.plainText(t.label("respondent", a.respondent))),
                    .td(.span(.class("light light-\(a.score.trafficLight.rawValue)"), .plainText(t.label("light", a.score.trafficLight)))),
                    .forEach(instrument.scales) { scale in
                        .td(.class("num"), .plainText((a.score.scores[scale.name] ?? nil).map(DanishNumber.score) ?? "–"))
                    })
            })))
    }

    /// Each item's answers in a table, the same numbers as the item charts.
    static func itemTable<Context: HTML.BodyContext>(_ t: Localizer, _ instrument: Instrument, _ items: [Assessment], wording: InstrumentWording,
                                                       language: Language) -> Node<Context> {
        .div(.class("table-wrap"), .table(.class("screening-table items"),
            .caption(.plainText(t.label("instrument", instrument) + " – " + t("screening.itemTrends"))),
            .thead(.tr(.th(.plainText(t("screening.at"))), .forEach(instrument.items) { item in
                .th(.plainText(wording.item(instrument, item.id, in: language)))
            })),
            .tbody(.forEach(items) { a in
                .tr(.td(.plainText(Timestamps.displayMinutes(a.takenAt))), .forEach(instrument.items) { item in
                    .td(.class("num severity-\(a.score.severity[item.id]?.rawValue ?? "none")"), .plainText(a.answers[item.id]?.integer.map(String.init) ?? "–"))
                })
            })))
    }

    /// A line over time (oldest left), the value's range on the y axis; missing values leave gaps.
    static func trend(_ items: [Assessment], value: (Assessment) -> Double?, minimum: Double, maximum: Double, label: String) -> String {
        let width = 320.0, height = 120.0, pad = 6.0
        let points: [(Int, Double)] = items.enumerated().compactMap { index, a in value(a).map { (index, $0) } }
        let step = items.count > 1 ? (width - 2 * pad) / Double(items.count - 1) : 0
        let coordinates = points.map { (pad + Double($0.0) * step, height - pad - (($0.1 - minimum) / (maximum - minimum)) * (height - 2 * pad)) }
        var svg = "<svg class=\"chart trend\" role=\"img\" aria-label=\"\(HTMLEscaping.escape(label))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<rect x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height))\" class=\"frame\"/>"
        if coordinates.count > 1 {
            svg += "<polyline class=\"line\" points=\"" + coordinates.map { String(format: "%.1f,%.1f", $0.0, $0.1) }.joined(separator: " ") + "\"/>"
        }
        for (point, value) in zip(coordinates, points.map(\.1)) {
            svg += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" class=\"dot\">", point.0, point.1) + "<title>\(DanishNumber.score(value))</title></circle>"
        }
        return svg + "</svg>"
    }
}
