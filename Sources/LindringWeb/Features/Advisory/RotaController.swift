import Foundation
import Hummingbird
import LindringCore
import LindringStore
import Plot

/// The advisory line's rota: who works each shift of the next two weeks, with a warning for
/// every shift that has no nurse.
struct RotaController {
    let services: AppServices
    var advisory: AdvisoryService { AdvisoryService(services: services) }

    static let days = 14

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.rota.routerPath, use: show)
        router.post(Routes.rota.routerPath, use: assign)
        router.post(Routes.removeRotaAssignment.routerPath, use: remove)
    }

    func requireViewer(_ context: AppContext) throws -> User {
        let user = try context.requireUser()
        guard user.can(.documentAdvisoryContacts) || user.can(.manageRota) else { throw AppError.forbidden }
        return user
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        _ = try requireViewer(context)
        let from = request.query["from"].flatMap(LocalDate.init) ?? advisory.today
        return try await render(context, from: from, errors: [], typed: RotaForm(), notice: request.query["notice"])
    }

    func render(
        _ context: AppContext, from: LocalDate, errors: [FieldError], typed: RotaForm, notice: String?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let user = try requireViewer(context)
        let shifts = services.config.advisoryShifts.occurrences(from: from, days: RotaController.days)
        let assignments = try await services.persistence.readEach {
            try await RotaRepository.assignments(from: from, to: from.adding(days: RotaController.days), on: $0)
        }
        let staff = try await services.persistence.readEach { try await UserRepository.list(on: $0) }.filter {
            $0.active && $0.roles.contains(.advisor)
        }
        let page = PageContext(context, path: Routes.rota())
        return .html(
            RotaViews.render(
                page, from: from, shifts: shifts, assignments: assignments, staff: staff, canManage: user.can(.manageRota),
                onDuty: try await advisory.onDuty(), errors: errors, typed: typed, notice: notice), status: status)
    }

    @Sendable func assign(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageRota)
        let form = try await request.decode(as: RotaForm.self, context: context)
        var v = Validator()
        let shiftParts = (form.shift ?? "").split(separator: "/")
        let date = shiftParts.count == 2 ? LocalDate(String(shiftParts[0])) : nil
        let code = shiftParts.count == 2 ? String(shiftParts[1]) : ""
        if (form.shift ?? "").isEmpty {
            v.add("shift", .required)
        } else if date == nil || services.config.advisoryShifts.occurrence(code, on: date!) == nil {
            v.add("shift", .invalidChoice)
        }
        let userId = (form.userId ?? "").isEmpty ? nil : form.userId.flatMap(UUID.init(uuidString:))
        var staffMember: User?
        if (form.userId ?? "").isEmpty {
            v.add("userId", .required)
        } else if let userId {
            staffMember = try await services.persistence.readEach { try await UserRepository.find(id: userId, on: $0) }
            if staffMember?.active != true { v.add("userId", .notFound) }
        } else {
            v.add("userId", .invalidFormat)
        }
        let from = form.from.flatMap(LocalDate.init) ?? advisory.today
        do {
            try v.check()
        } catch {
            return try await render(context, from: from, errors: error.errors, typed: form, notice: nil, status: .unprocessableContent)
        }
        let member = staffMember!.id, day = date!
        try await services.persistence.write { tx in
            if try await RotaRepository.assign(userId: member, shiftCode: code, on: day, on: tx) {
                try await AuditLog.append(
                    context.auditRecord(
                        "rota.assign", as: .manageRota, entityType: "user", entityId: member.uuidString,
                        purpose: "\(day) \(code)"), on: tx)
            }
        }
        return .redirect(to: Routes.rota() + "?from=\(from)&notice=saved")
    }

    @Sendable func remove(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageRota)
        let id = try context.requiredIdParameter()
        try await services.persistence.write { tx in
            guard try await RotaRepository.remove(id: id, on: tx) else { throw AppError.notFound }
            try await AuditLog.append(
                context.auditRecord("rota.remove", as: .manageRota, entityType: "rotaAssignment", entityId: id.uuidString), on: tx)
        }
        let from = try await request.decode(as: RotaForm.self, context: context).from.flatMap(LocalDate.init) ?? advisory.today
        return .redirect(to: Routes.rota() + "?from=\(from)&notice=saved")
    }
}

/// A shift given to a staff member (`shift` is `date/code`); `from` is the week shown.
struct RotaForm: Decodable {
    var shift: String?
    var userId: String?
    var from: String?
}

enum RotaViews {
    static func render(
        _ page: PageContext, from: LocalDate, shifts: [ShiftPattern.Occurrence], assignments: [RotaAssignment], staff: [User],
        canManage: Bool, onDuty: OnDuty, errors: [FieldError], typed: RotaForm, notice: String?
    ) -> HTML {
        let t = page.t
        let byShift = Dictionary(grouping: assignments) { "\($0.date)/\($0.shiftCode)" }
        let now = Date()
        let uncovered = shifts.filter { shift in
            shift.end > now && !(byShift["\(shift.date)/\(shift.code)"] ?? []).contains { $0.profession == .nurse }
        }
        let shiftLabel: (ShiftPattern.Occurrence) -> String = { label(t, $0) }
        let earlier = Routes.rota() + "?from=\(from.adding(days: -RotaController.days))"
        let later = Routes.rota() + "?from=\(from.adding(days: RotaController.days))"
        let warning: [String] = uncovered.prefix(10).map(shiftLabel)
        return Layout.page(
            page, title: t("rota.title"), bodyClass: "advisory",
            AdvisoryViews.onDuty(t, onDuty),
            .div(
                .class("page-heading"), .h1(.plainText(t("rota.title"))),
                .div(
                    .class("heading-actions"),
                    .a(.class("button secondary"), .href(earlier), .plainText("← " + t("rota.earlier"))),
                    .a(.class("button secondary"), .href(later), .plainText(t("rota.later") + " →")))),
            Notices.banner(t, notice),
            .if(
                !uncovered.isEmpty,
                .div(
                    .class("notice warning"), .id("rota-warning"), .attribute(named: "role", value: "alert"),
                    .p(.strong(.plainText(t("rota.noNurseWarning", ["count": String(uncovered.count)])))),
                    .ul(.forEach(warning) { .li(.plainText($0)) }))),
            .if(
                canManage,
                .form(
                    .method(.post), .action(Routes.rota()), .class("filter-form"), .id("rota-form"),
                    Layout.csrfField(page),
                    .input(.type(.hidden), .name("from"), .value(from.description)),
                    FormFields.errorSummary(t, errors, labels: ["shift": t("rota.shift"), "userId": t("rota.staff")]),
                    .div(
                        .class("grid"),
                        FormFields.select(
                            t, name: "shift", label: t("rota.shift"),
                            options: shifts.filter { $0.end > now }.map { ("\($0.date)/\($0.code)", shiftLabel($0)) },
                            selected: typed.shift, errors: errors, required: true, includeEmpty: t("form.choose")),
                        FormFields.select(
                            t, name: "userId", label: t("rota.staff"),
                            options: staff.map { ($0.id.uuidString, "\($0.name) (\(t.label("profession", $0.profession)))") },
                            selected: typed.userId, errors: errors, required: true, includeEmpty: t("form.choose"))),
                    FormFields.submit(t("rota.assign")))),
            table(page, from: from, shifts: shifts, byShift: byShift, canManage: canManage, now: now, label: shiftLabel))
    }

    static func table(
        _ page: PageContext, from: LocalDate, shifts: [ShiftPattern.Occurrence], byShift: [String: [RotaAssignment]], canManage: Bool,
        now: Date, label shiftLabel: (ShiftPattern.Occurrence) -> String
    ) -> Node<HTML.BodyContext> {
        let t = page.t
        return .div(
            .class("table-wrap"),
            .table(
                .class("rota"),
                .caption(.plainText(t("rota.caption", ["from": from.danish, "to": from.adding(days: RotaController.days - 1).danish]))),
                .thead(.tr(.th(.plainText(t("rota.shift"))), .th(.plainText(t("rota.staff"))))),
                .tbody(
                    .forEach(shifts) { shift in
                        row(
                            page, shift: shift, people: byShift["\(shift.date)/\(shift.code)"] ?? [], from: from, canManage: canManage, now: now,
                            label: shiftLabel(shift))
                    })))
    }

    static func row(
        _ page: PageContext, shift: ShiftPattern.Occurrence, people: [RotaAssignment], from: LocalDate, canManage: Bool, now: Date,
        label: String
    ) -> Node<HTML.TableContext> {
        let t = page.t
        let noNurse = !people.contains { $0.profession == .nurse }
        let staff: Node<HTML.BodyContext> = .ul(
            .class("inline-list"),
            .forEach(people) { person in
                .li(
                    .plainText("\(person.name) (\(person.profession.map { t.label("profession", $0) } ?? "–"))"),
                    .if(canManage, removeButton(page, person, from: from)))
            })
        return .tr(
            .class(noNurse && shift.end > now ? "uncovered" : ""),
            .th(.attribute(named: "scope", value: "row"), .plainText(label)),
            .td(
                .if(people.isEmpty, .span(.class("warning-text"), .plainText(t("rota.nobody")))),
                .if(!people.isEmpty && noNurse, .span(.class("warning-text"), .plainText(t("rota.noNurse") + " "))),
                staff))
    }

    static func removeButton(_ page: PageContext, _ person: RotaAssignment, from: LocalDate) -> Node<HTML.BodyContext> {
        .form(
            .method(.post), .action(Routes.removeRotaAssignment(person.id)), .class("inline-form"),
            Layout.csrfField(page), .input(.type(.hidden), .name("from"), .value(from.description)),
            .button(
                .type(.submit), .class("button-link"), .attribute(named: "aria-label", value: page.t("rota.removeNamed", ["name": person.name])),
                .plainText(page.t("rota.remove"))))
    }

    /// "Mandag 23.11.2026 · Aftenvagt 16:00–00:00"; a shift that starts at midnight is named by
    /// the night it belongs to ("Natten til lørdag 28.11.2026"), which is how staff speak of it.
    static func label(_ t: Localizer, _ shift: ShiftPattern.Occurrence) -> String {
        let weekday = t("weekday.\(shift.date.weekday)")
        let day =
            DanishCalendar.components(of: shift.start).hour == 0
            ? t("rota.nightBefore", ["weekday": weekday.lowercased(), "date": shift.date.danish]) : "\(weekday) \(shift.date.danish)"
        return "\(day) · \(AdvisoryViews.shiftName(t, shift.code)) \(AdvisoryViews.shiftTimes(shift))"
    }
}
