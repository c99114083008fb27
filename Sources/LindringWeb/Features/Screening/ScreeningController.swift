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
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        guard let id = context.idParameter else { throw AppError.notFound }
        let (patient, assessments) = try await PatientGate(services: services).access(context, patientId: id, .read, action: "assessment.list") { tx, _ in
            guard let patient = try await PatientRepository.find(id: id, on: tx) else { throw AppError.notFound }
            return (patient, try await AssessmentRepository.list(patientId: id, on: tx))
        }
        return .html(ScreeningViews.page(PageContext(context, path: Routes.patientScreening(id)), patient: patient, assessments: assessments))
    }
}

enum ScreeningViews {
    static func page(_ page: PageContext, patient: Patient, assessments: [Assessment]) -> HTML {
        let t = page.t
        let byInstrument = Dictionary(grouping: assessments, by: \.instrument)
        return Layout.page(page, title: t("screening.title"),
            .p(.class("breadcrumb"), .a(.href(Routes.patient(patient.id)), .text("← " + patient.name))),
            .h1(.text(t("screening.title") + ": " + patient.name)),
            .if(assessments.isEmpty, .p(.text(t("screening.none")))),
            .forEach(Instrument.allCases.filter { byInstrument[$0] != nil }) { instrument in
                let items = byInstrument[instrument] ?? []
                return .section(.class("screening"),
                    .h2(.text(t.label("instrument", instrument))),
                    .div(.class("trend-charts"), .forEach(instrument.scales) { scale in
                        .div(.class("trend-chart"), .p(.class("hint"), .text(t("scale.\(scale.name)"))),
                             .raw(trend(items.reversed(), scale: scale.name, maximum: scale.maximum,
                                        label: "\(t.label("instrument", instrument)) \(t("scale.\(scale.name)"))")))
                    }),
                    table(t, instrument, items))
            })
    }

    static func table(_ t: Localizer, _ instrument: Instrument, _ items: [Assessment]) -> Node<HTML.BodyContext> {
        .div(.class("table-wrap"), .table(.class("screening-table"),
            .caption(.text(t.label("instrument", instrument))),
            .thead(.tr(.th(.text(t("screening.at"))), .th(.text(t("screening.respondent"))), .th(.text(t("screening.light"))),
                       .forEach(instrument.scales) { .th(.text(t("scale.\($0.name)"))) })),
            .tbody(.forEach(items) { a in
                .tr(.td(.text(Timestamps.displayMinutes(a.takenAt))), .td(.text(t.label("respondent", a.respondent))),
                    .td(.span(.class("light light-\(a.score.trafficLight.rawValue)"), .text(t.label("light", a.score.trafficLight)))),
                    .forEach(instrument.scales) { scale in
                        .td(.class("num"), .text((a.score.scores[scale.name] ?? nil).map { String(format: "%.2f", $0) } ?? "–"))
                    })
            })))
    }

    /// A line over time (oldest left), the scale's range on the y axis; missing scores leave gaps.
    static func trend(_ items: [Assessment], scale: String, maximum: Double, label: String) -> String {
        let width = 320.0, height = 120.0, pad = 6.0
        let points: [(Int, Double)] = items.enumerated().compactMap { index, a in (a.score.scores[scale] ?? nil).map { (index, $0) } }
        let step = items.count > 1 ? (width - 2 * pad) / Double(items.count - 1) : 0
        let coordinates = points.map { (pad + Double($0.0) * step, height - pad - ($0.1 / maximum) * (height - 2 * pad)) }
        var svg = "<svg class=\"chart trend\" role=\"img\" aria-label=\"\(AttributeEscaping.escape(label))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<rect x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height))\" class=\"frame\"/>"
        if coordinates.count > 1 {
            svg += "<polyline class=\"line\" points=\"" + coordinates.map { String(format: "%.1f,%.1f", $0.0, $0.1) }.joined(separator: " ") + "\"/>"
        }
        for (point, value) in zip(coordinates, points.map(\.1)) {
            svg += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" class=\"dot\">", point.0, point.1) + "<title>\(String(format: "%.2f", value))</title></circle>"
        }
        return svg + "</svg>"
    }
}
