import Foundation
import Hummingbird
import LindringCore
import LindringStore
import Plot
import Synchronization

/// `/r/{token}`: a patient answers a screening at home, without an account, on a phone. The
/// link's random token is the only credential: it names one patient and one instrument, works
/// once and expires. The page greets by first name and shows nothing else about the patient.
/// One question a screen; the answers so far travel in the form, and only the last screen stores.
struct SelfReportController {
    let services: AppServices

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.selfReport.routerPath, use: show)
        router.post(Routes.selfReport.routerPath, use: submit)
    }

    enum LinkState {
        case usable(SelfReportLink, firstName: String)
        case unknown, expired, used
    }

    /// Rate limits: a link that exists counts against itself (so patients behind one hospital or
    /// home-care NAT do not use up each other's tries); a link that does not counts against the
    /// address, which is how guessing shows.
    func link(_ context: AppContext) async throws -> LinkState {
        let address = context.remoteAddress ?? "-"
        guard let token = context.parameters.get("token"), token.count <= 100,
            let link = try await services.persistence.readEach({ try await SelfReportLinkRepository.find(token: token, on: $0) })
        else {
            try services.selfReportLimiter.check(address)
            return .unknown
        }
        try services.selfReportLinkLimiter.check(link.id.uuidString)
        if link.usedAt != nil { return .used }
        // A revoked link says no more than an expired one: it no longer works, ask the team.
        if link.expiresAt < Date() || link.revokedAt != nil { return .expired }
        let name = try await services.persistence.readEach { try await PatientRepository.find(id: link.patientId, on: $0) }?.name ?? ""
        return .usable(link, firstName: String(name.split(separator: " ").first ?? ""))
    }

    static func language(_ request: Request, _ form: SelfReportForm? = nil) -> Localizer {
        Localizer((form?.lang ?? request.query["lang"]) == "en" ? .english : .danish)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let t = Self.language(request)
        return try await respond(to: request, context, t: t) { link, firstName in
            .html(
                SelfReportViews.step(
                    t, path: request.uri.path, instrument: link.instrument, wording: services.config.instrumentWording, firstName: firstName,
                    step: -1, answers: [:], errors: []))
        }
    }

    @Sendable func submit(_ request: Request, context: AppContext) async throws -> Response {
        let isJSON = request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true
        if isJSON {
            // Malformed JSON is answered below, once the link is known; a body over the limit is 413.
            let body: AnswersBody?
            do { body = try await request.decodeJSON(AnswersBody.self, limit: services.config.maxBodySize) } catch is AppError { body = nil }
            return try await respond(to: request, context, t: Localizer(.english), json: true) { link, _ in
                guard let body else { return Problem(status: .badRequest, detail: "Send {\"answers\": {...}}.").response() }
                do {
                    try await store(link, answers: body.answers.mapValues(\.value))
                    return try .json(["received": true], status: .created)
                } catch let failure as ValidationFailure {
                    return Problem(status: .unprocessableContent, detail: "Some answers are invalid.", errors: failure.errors).response()
                }
            }
        }
        let form = try await request.decode(as: SelfReportForm.self, context: context)
        let current = Self.language(request, form)
        let t = form.go == "language" ? Localizer(SelfReportViews.other(current)) : current
        return try await respond(to: request, context, t: t) { link, firstName in
            let items = SelfReportViews.questions(link.instrument)
            let answers = (form.a ?? [:]).filter { !$0.value.isEmpty }
            let step = min(max(Int(form.step ?? "") ?? -1, -1), items.count - 1)
            switch form.go {
            case "back":
                return .html(
                    SelfReportViews.step(
                        t, path: request.uri.path, instrument: link.instrument, wording: services.config.instrumentWording, firstName: firstName,
                        step: max(step - 1, -1),
                        answers: answers, errors: []))
            case "send":
                do {
                    let callNow = try await store(link, answers: answers.mapValues { Int($0).map(AnswerValue.integer) ?? .text($0) })
                    return .html(SelfReportViews.thanks(t, path: request.uri.path, callNow: callNow), status: .created)
                } catch let failure as ValidationFailure {
                    return .html(
                        SelfReportViews.step(
                            t, path: request.uri.path, instrument: link.instrument, wording: services.config.instrumentWording, firstName: firstName,
                            step: step,
                            answers: answers, errors: failure.errors), status: .unprocessableContent)
                }
            case "language":
                return .html(
                    SelfReportViews.step(
                        t, path: request.uri.path, instrument: link.instrument, wording: services.config.instrumentWording, firstName: firstName,
                        step: step,
                        answers: answers, errors: []))
            default:
                return .html(
                    SelfReportViews.step(
                        t, path: request.uri.path, instrument: link.instrument, wording: services.config.instrumentWording, firstName: firstName,
                        step: step + 1,
                        answers: answers, errors: []))
            }
        }
    }

    /// Answers the link's state: the page or JSON for a usable link; otherwise a kind message,
    /// 404 for a link that does not exist and 410 for one that has expired or was used.
    func respond(
        to request: Request, _ context: AppContext, t: Localizer, json: Bool = false,
        _ body: (SelfReportLink, String) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        switch try await link(context) {
        case .usable(let link, let firstName):
            do {
                return try await body(link, firstName)
            } catch is LinkAlreadyUsed {
                return json
                    ? Problem(status: .gone, detail: "These answers have already been sent.").response()
                    : .html(SelfReportViews.message(t, path: path, titleKey: "selfReport.used", textKey: "selfReport.usedText"), status: .gone)
            } catch is LinkRevoked {
                return json
                    ? Problem(status: .gone, detail: "This link no longer works.").response()
                    : .html(SelfReportViews.message(t, path: path, titleKey: "selfReport.expired", textKey: "selfReport.expiredText"), status: .gone)
            }
        case .unknown:
            return json
                ? Problem(status: .notFound, detail: "This link is not valid.").response()
                : .html(SelfReportViews.message(t, path: path, titleKey: "selfReport.unknown", textKey: "selfReport.unknownText"), status: .notFound)
        case .expired:
            return json
                ? Problem(status: .gone, detail: "This link no longer works.").response()
                : .html(SelfReportViews.message(t, path: path, titleKey: "selfReport.expired", textKey: "selfReport.expiredText"), status: .gone)
        case .used:
            return json
                ? Problem(status: .gone, detail: "These answers have already been sent.").response()
                : .html(SelfReportViews.message(t, path: path, titleKey: "selfReport.used", textKey: "selfReport.usedText"), status: .gone)
        }
    }

    /// Scores and stores the answers once: a link claimed by another submission meanwhile, or
    /// revoked, rolls this one back. Answers with a severe item (a red result, under the region's
    /// bands) give whom to call now, read from the plan in the same audited transaction.
    @discardableResult
    func store(_ link: SelfReportLink, answers: [String: AnswerValue], now: Date = Date()) async throws -> WhoToCallNow? {
        let score = try await services.score(link.instrument, answers)
        let stored = AnswerJSON.stored(answers)
        let severe = score.trafficLight == .red
        let units = severe ? try await services.units(includeInactive: false) : []
        let careTeam = try await services.persistence.write { tx -> [CareTeamMember] in
            let assessment = try await AssessmentRepository.create(
                patientId: link.patientId, instrument: link.instrument, respondent: .patient,
                answers: stored, score: score, takenAt: now, recordedBy: (nil, "Patienten (hjemmefra)"),
                on: tx)
            switch try await SelfReportLinkRepository.claim(linkId: link.id, assessmentId: assessment.id, now: now, on: tx) {
            case .claimed: break
            case .used: throw LinkAlreadyUsed()
            case .revoked: throw LinkRevoked()
            }
            try await AuditLog.append(
                AuditRecord(
                    username: "patient (self-report link)", action: "assessment.selfReport", entityType: "patient",
                    entityId: link.patientId.uuidString, patientId: link.patientId,
                    purpose: "\(link.instrument.rawValue) \(score.trafficLight.rawValue)"), on: tx)
            return severe ? try await PlanRepository.find(patientId: link.patientId, on: tx)?.content.careTeam ?? [] : []
        }
        guard severe else { return nil }
        services.advisoryEvents.publish("screening")
        func numbers(_ unit: OrgUnit) -> WhoToCallNow.UnitNumbers {
            WhoToCallNow.UnitNumbers(name: unit.name, dayPhone: unit.dayPhone, outOfHoursPhone: unit.outOfHoursPhone)
        }
        let byId = units.byId()
        return WhoToCallNow(
            careTeam: careTeam, units: { byId[$0].map(numbers) },
            advisoryLines: units.filter { $0.kind == .advisoryLine }.map(numbers), outsideWorkingHours: WorkingHours.at(now).outsideWorkingHours)
    }

    struct LinkAlreadyUsed: Error {}
    struct LinkRevoked: Error {}
}

/// At most `limit` requests per key (an address, a link) in each `window`, for the pages anyone may open.
final class RequestLimiter: Sendable {
    let limit: Int
    let window: TimeInterval
    private let counts = Mutex<[String: (start: Date, count: Int)]>([:])

    init(limit: Int = 60, window: TimeInterval = 600) {
        self.limit = limit
        self.window = window
    }

    func check(_ address: String, now: Date = Date()) throws {
        let allowed = counts.withLock { counts -> Bool in
            if counts.count > 10_000 { counts = counts.filter { now.timeIntervalSince($0.value.start) < window } }
            var entry = counts[address] ?? (now, 0)
            if now.timeIntervalSince(entry.start) >= window { entry = (now, 0) }
            entry.count += 1
            counts[address] = entry
            return entry.count <= limit
        }
        if !allowed { throw AppError.tooManyRequests(retryAfterSeconds: Int(window)) }
    }
}

/// A step of the patient's questionnaire: the answers so far (`a[pain]`), the step shown, and
/// which button was pressed (`go`: next, back, send, language).
struct SelfReportForm: Decodable {
    var lang: String?
    var step: String?
    var go: String?
    var a: [String: String]?
}
