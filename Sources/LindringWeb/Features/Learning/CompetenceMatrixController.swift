import Foundation
import Hummingbird
import LindringCore
import LindringStore
import Plot

/// `/learning/matrix`: a unit's competence matrix, person by person and profession by
/// profession. It names staff and what they have completed: educators and administrators only.
struct CompetenceMatrixController {
    let services: AppServices

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.learningMatrix.routerPath, use: matrix)
    }

    static func mayRead(_ user: User) -> Bool { user.can(.manageTraining) || user.can(.manageUsers) }

    struct Report {
        var units: [OrgUnit]
        var matrix: CompetenceMatrix?
    }

    /// The units to choose among and, when `unit` names one, its matrix (only `profession`'s
    /// staff when given); a value that is not one is named.
    func report(_ query: FormData, _ context: AppContext) async throws -> Report {
        let user = try context.requireUser()
        guard Self.mayRead(user) else { throw AppError.forbidden }
        let choices = try await unitChoices()
        var v = Validator()
        let unitId = v.unit("unit", query["unit"], known: Set(choices.map(\.id)))
        let profession = query["profession"]?.nilIfEmpty.flatMap { v.choice("profession", $0, as: Profession.self) }
        try v.check()
        guard let unitId else { return Report(units: choices, matrix: nil) }
        let (people, records) = try await services.persistence.read { tx in
            (
                try await CompetenceMatrixRepository.people(unitId: unitId, on: tx),
                try await CompetenceMatrixRepository.records(unitId: unitId, on: tx)
            )
        }
        return Report(
            units: choices, matrix: CompetenceMatrix(people: people.filter { profession == nil || $0.profession == profession }, records: records))
    }

    /// The units with staff in the register.
    func unitChoices() async throws -> [OrgUnit] {
        let units = try await services.units(includeInactive: false)
        let staffed = try await services.persistence.read { try await CompetenceMatrixRepository.unitsWithStaff(on: $0) }
        return units.filter { staffed.contains($0.id) }
    }

    @Sendable func matrix(_ request: Request, context: AppContext) async throws -> Response {
        let page = PageContext(context, path: Routes.learningMatrix())
        do {
            let report = try await report(request.query, context)
            return .html(CompetenceMatrixViews.page(page, units: report.units, query: request.query, matrix: report.matrix, errors: []))
        } catch let failure as ValidationFailure {
            return .html(
                CompetenceMatrixViews.page(page, units: try await unitChoices(), query: request.query, matrix: nil, errors: failure.errors),
                status: .unprocessableContent)
        }
    }
}

enum CompetenceMatrixViews {
    static func page(_ page: PageContext, units: [OrgUnit], query: FormData, matrix: CompetenceMatrix?, errors: [FieldError]) -> HTML {
        let t = page.t
        return Layout.page(
            page, title: t("matrix.title"),
            .p(.a(.href(Routes.learning()), .plainText("← " + t("learning.title")))),
            .h1(.plainText(t("matrix.title"))),
            .p(.class("lead"), .plainText(t("matrix.lead"))),
            .form(
                .method(.get), .action(Routes.learningMatrix()), .class("filter-form"),
                FormFields.select(
                    t, name: "unit", label: t("matrix.unit"), options: units.map { ($0.id.uuidString, $0.name) }, selected: query["unit"],
                    errors: errors, required: true, includeEmpty: t("form.choose")),
                FormFields.select(
                    t, name: "profession", label: t("learning.offer.profession"), options: t.options("profession", Profession.self),
                    selected: query["profession"], errors: errors, includeEmpty: t("learning.filter.all")),
                FormFields.submit(t("learning.filter.apply"))),
            .unwrap(matrix) { matrix in .group(summary(t, matrix), people(t, matrix)) })
    }

    static let levels = CompetenceLevel.allCases

    static func summary(_ t: Localizer, _ matrix: CompetenceMatrix) -> Node<HTML.BodyContext> {
        .section(
            .id("by-profession"),
            .h2(.plainText(t("matrix.byProfession"))),
            .div(
                .class("table-wrap"),
                .table(
                    .class("matrix"),
                    .thead(
                        .tr(
                            .th(.plainText(t("learning.offer.profession"))), .th(.class("number"), .plainText(t("matrix.staff"))),
                            .forEach(levels) { .th(.class("number"), .plainText(t("competenceLevel.\($0.rawValue)"))) })),
                    .tbody(
                        .forEach(matrix.professions) { summary in
                            .tr(
                                .th(.attribute(named: "scope", value: "row"), .plainText(t.label("profession", summary.profession))),
                                .td(.class("number"), .plainText(String(summary.staff))),
                                .forEach(levels) { level in
                                    .td(.class("number"), .plainText("\(summary.holding[level] ?? 0) / \(summary.staff)"))
                                })
                        }))))
    }

    static func people(_ t: Localizer, _ matrix: CompetenceMatrix) -> Node<HTML.BodyContext> {
        .section(
            .id("people"),
            .h2(.plainText(t("matrix.people", ["count": String(matrix.rows.count)]))),
            matrix.rows.isEmpty
                ? .p(.plainText(t("matrix.none")))
                : .div(
                    .class("table-wrap"),
                    .table(
                        .class("matrix people"),
                        .thead(
                            .tr(
                                .th(.plainText(t("matrix.person"))),
                                .forEach(levels) { .th(.plainText(t("competenceLevel.\($0.rawValue)"))) },
                                .th(.plainText(t("matrix.competencies"))))),
                        .tbody(
                            .forEach(matrix.rows) { row in
                                .tr(
                                    .th(
                                        .attribute(named: "scope", value: "row"), .plainText(row.person.name),
                                        .span(
                                            .class("hint"),
                                            .plainText(" · " + t.label("profession", row.person.profession) + " · " + row.person.employeeNumber))),
                                    .forEach(levels) { level in
                                        .td(
                                            .class(row.levels[level] == nil ? "missing" : "held"),
                                            .plainText(row.levels[level].map { "✓ " + $0.danish } ?? "–"))
                                    },
                                    .td(.plainText(row.competencies.sorted().map(String.init).joined(separator: ", "))))
                            }))))
    }
}
