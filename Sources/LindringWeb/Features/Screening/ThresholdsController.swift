import Foundation
import Hummingbird
import LindringCore
import LindringStore
import Plot

/// `/screening/thresholds`: administrators set, instrument by instrument, which answers count as
/// mild, moderate and severe, and so when the traffic light turns amber or red.
struct ThresholdsController {
    let services: AppServices

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.screeningThresholds.routerPath, use: show)
        router.post(Routes.screeningThresholds.routerPath, use: save)
    }

    func instrument(_ text: String?) -> Instrument {
        text.flatMap(Instrument.init(rawValue:)) ?? .esasR
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.configureScreening)
        let instrument = instrument(request.query["instrument"])
        let configured = try await services.persistence.readEach { try await InstrumentThresholdRepository.find(instrument, on: $0) }
        return .html(
            ThresholdsViews.page(
                PageContext(context, path: Routes.screeningThresholds()), instrument: instrument, configured: configured,
                typed: nil, errors: [], notice: request.query["notice"]))
    }

    @Sendable func save(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.require(.configureScreening)
        let form = try await request.decode(as: ThresholdsForm.self, context: context)
        let instrument = instrument(form.instrument)
        var v = Validator()
        var bands: [String: SeverityBands] = [:]
        if form.reset == nil {
            for group in instrument.thresholdGroups {
                func value(_ band: String) -> Int {
                    let field = ThresholdsViews.field(group, band)
                    let typed = form.value(group, band) ?? ""
                    guard let number = Int(typed.trimmingCharacters(in: .whitespaces)) else {
                        v.add(field, typed.isEmpty ? .required : .notAnInteger)
                        return group.best
                    }
                    return number
                }
                bands[group.id] = SeverityBands(mild: value("mild"), moderate: value("moderate"), severe: value("severe"))
            }
        }
        let thresholds = InstrumentThresholds(bands: bands)
        do {
            try v.check()
            try instrument.validate(thresholds)
        } catch let failure {
            let configured = try await services.persistence.readEach { try await InstrumentThresholdRepository.find(instrument, on: $0) }
            let errors = v.errors.isEmpty ? failure.errors : v.errors
            return .html(
                ThresholdsViews.page(
                    PageContext(context, path: Routes.screeningThresholds()), instrument: instrument, configured: configured,
                    typed: form, errors: errors, notice: nil), status: .unprocessableContent)
        }
        try await ScreeningThresholds.save(thresholds, for: instrument, user: user, context: context, services: services)
        return .redirect(to: Routes.screeningThresholds() + "?instrument=\(instrument.rawValue)&notice=saved")
    }
}

/// The thresholds form: each group's bands as typed (`bands[items][mild]`), or `reset`.
struct ThresholdsForm: Decodable {
    var instrument: String?
    var reset: String?
    var bands: [String: [String: String]]?

    func value(_ group: ThresholdGroup, _ band: String) -> String? { bands?[group.id]?[band] }
}

enum ScreeningThresholds {
    /// Stores the bands with their audit entry; the API and the page both save through here.
    static func save(
        _ thresholds: InstrumentThresholds, for instrument: Instrument, user: User, context: AppContext, services: AppServices
    ) async throws {
        try await services.persistence.write { tx in
            try await InstrumentThresholdRepository.save(thresholds, for: instrument, by: user.name, on: tx)
            try await AuditLog.append(
                context.auditRecord(
                    "instrumentThresholds.update", as: .configureScreening, entityType: "instrument",
                    entityId: instrument.rawValue), on: tx)
        }
    }
}

enum ThresholdsViews {
    static let bands = ["mild", "moderate", "severe"]

    static func field(_ group: ThresholdGroup, _ band: String) -> String { "bands.\(group.id).\(band)" }

    static func page(
        _ page: PageContext, instrument: Instrument, configured: ConfiguredThresholds, typed: ThresholdsForm?, errors: [FieldError],
        notice: String?
    ) -> HTML {
        let t = page.t
        var labels: [String: String] = [:]
        for group in instrument.thresholdGroups {
            for band in bands { labels[field(group, band)] = "\(t("thresholds.group.\(group.id)")) – \(t("severity.\(band)"))" }
        }
        return Layout.page(
            page, title: t("thresholds.title"),
            .p(.class("breadcrumb"), .a(.href(Routes.screening()), .plainText("← " + t("screening.overview.title")))),
            .h1(.plainText(t("thresholds.title"))),
            .p(.class("lead"), .plainText(t("thresholds.intro"))),
            .nav(
                .class("tabs"), .attribute(named: "aria-label", value: t("thresholds.instruments")),
                .ul(
                    .forEach(Instrument.allCases) { other in
                        .li(
                            .a(
                                .href(Routes.screeningThresholds() + "?instrument=\(other.rawValue)"),
                                .if(other == instrument, .attribute(named: "aria-current", value: "page")),
                                .plainText(t.label("instrument", other))))
                    })),
            Notices.banner(t, notice),
            .form(
                .method(.post), .action(Routes.screeningThresholds()), .id("thresholds-form"),
                Layout.csrfField(page),
                .input(.type(.hidden), .name("instrument"), .value(instrument.rawValue)),
                FormFields.errorSummary(t, errors, labels: labels),
                .forEach(instrument.thresholdGroups) { group in
                    let current = configured.thresholds.bands(for: group)
                    return .fieldset(
                        .legend(
                            t("thresholds.group.\(group.id)") + " – "
                                + t(
                                    group.higherIsWorse ? "thresholds.higherIsWorse" : "thresholds.lowerIsWorse",
                                    ["min": String(group.range.lowerBound), "max": String(group.range.upperBound)])),
                        .div(
                            .class("grid"),
                            .forEach(bands) { band in
                                let name = field(group, band)
                                let value =
                                    typed?.value(group, band)
                                    ?? String(band == "mild" ? current.mild : band == "moderate" ? current.moderate : current.severe)
                                let standard =
                                    band == "mild" ? group.defaults.mild : band == "moderate" ? group.defaults.moderate : group.defaults.severe
                                return FormFields.text(
                                    t, name: name, label: t("thresholds.from", ["band": t("severity.\(band)")]), value: value, errors: errors,
                                    type: .number, required: true, hint: t("thresholds.default", ["value": String(standard)]))
                            }))
                },
                .p(
                    .class("hint"),
                    .plainText(
                        configured.updatedAt.map {
                            t("thresholds.updated", ["name": configured.updatedByName ?? "", "at": Timestamps.displayMinutes($0)])
                        } ?? t("thresholds.usingDefaults"))),
                .div(
                    .class("form-actions"),
                    FormFields.submit(t("action.save")),
                    .button(
                        .type(.submit), .name("reset"), .value("1"), .class("button secondary"),
                        .attribute(named: "formnovalidate", value: "formnovalidate"),
                        .plainText(t("thresholds.reset"))))))
    }
}
