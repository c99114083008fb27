import Foundation
import Hummingbird
import LindringCore
import LindringStore
import Plot

/// `/social-work/benefits`: administrators keep the benefit catalogue (each benefit's default
/// processing time, whether it is offered) and each municipality's published processing times,
/// which the applications' deadlines are computed from. Changes apply to applications saved
/// afterwards; the dates of those already saved stay as they were computed.
struct BenefitCatalogueController {
    let services: AppServices

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.benefitCatalogue.routerPath, use: show)
        router.post(Routes.benefitCatalogue.routerPath, use: updateBenefit)
        router.post(Routes.municipalDeadlines.routerPath, use: setMunicipalDeadline)
    }

    struct BenefitForm: Decodable {
        var code: String?
        var amount: String?
        var unit: String?
        var active: Bool?
    }

    struct MunicipalForm: Decodable {
        var municipalityCode: String?
        var benefitCode: String?
        var municipalAmount: String?
        var municipalUnit: String?
        /// `clear`: back to the catalogue's default.
        var intent: String?
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        try await page(context, errors: [], typed: nil, notice: request.query["notice"])
    }

    @Sendable func updateBenefit(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageBenefitCatalogue)
        let form = try await request.decode(as: BenefitForm.self, context: context)
        var v = Validator()
        let deadline = ProcessingDeadline.parse(amount: form.amount, unit: form.unit, fields: ("amount", "unit"), &v)
        do {
            try v.check()
            let found = try await services.persistence.write { tx in
                let found = try await BenefitRepository.update(code: form.code ?? "", deadline: deadline!, active: form.active ?? false, on: tx)
                if found {
                    try await AuditLog.append(
                        context.auditRecord("benefit.update", as: .manageBenefitCatalogue, entityType: "benefit", entityId: form.code), on: tx)
                }
                return found
            }
            guard found else { throw AppError.notFound }
            return .redirect(to: Routes.benefitCatalogue() + "?notice=saved")
        } catch let failure as ValidationFailure {
            return try await page(context, errors: failure.errors, typed: nil, notice: nil, status: .unprocessableContent)
        }
    }

    @Sendable func setMunicipalDeadline(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageBenefitCatalogue)
        let form = try await request.decode(as: MunicipalForm.self, context: context)
        var v = Validator()
        let municipality = v.municipalityCode("municipalityCode", form.municipalityCode, required: true)
        let benefits = try await services.persistence.readEach { try await BenefitRepository.list(activeOnly: false, on: $0) }
        let benefit = v.choice("benefitCode", form.benefitCode, among: benefits.map(\.code))
        let clearing = form.intent == "clear"
        let deadline =
            clearing
            ? nil : ProcessingDeadline.parse(amount: form.municipalAmount, unit: form.municipalUnit, fields: ("municipalAmount", "municipalUnit"), &v)
        do {
            try v.check()
            try await services.persistence.write { tx in
                try await BenefitRepository.setProcessingDeadline(deadline, benefitCode: benefit!, municipalityCode: municipality!, on: tx)
                try await AuditLog.append(
                    context.auditRecord(
                        "benefit.municipalDeadline", as: .manageBenefitCatalogue, entityType: "benefit", entityId: "\(municipality!):\(benefit!)"),
                    on: tx)
            }
            return .redirect(to: Routes.benefitCatalogue() + "?notice=saved#municipal")
        } catch let failure as ValidationFailure {
            return try await page(context, errors: failure.errors, typed: form, notice: nil, status: .unprocessableContent)
        }
    }

    func page(
        _ context: AppContext, errors: [FieldError], typed: MunicipalForm?, notice: String?, status: HTTPResponse.Status = .ok
    )
        async throws -> Response
    {
        _ = try context.require(.manageBenefitCatalogue)
        let (benefits, active, published) = try await services.persistence.read { tx in
            (
                try await BenefitRepository.list(activeOnly: false, on: tx),
                Set(try await BenefitRepository.list(activeOnly: true, on: tx).map(\.code)),
                try await BenefitRepository.publishedDeadlines(on: tx)
            )
        }
        return .html(
            BenefitCatalogueViews.page(
                PageContext(context, path: Routes.benefitCatalogue()), benefits: benefits, active: active, published: published, errors: errors,
                typed: typed,
                notice: notice),
            status: status)
    }
}

extension Validator {
    /// One of `choices` (a catalogue kept as data, such as the benefits' codes), or
    /// `invalidChoice`; `required` when blank.
    mutating func choice(_ field: String, _ value: String?, among choices: [String]) -> String? {
        let text = (value ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else {
            add(field, .required)
            return nil
        }
        guard choices.contains(text) else {
            add(field, .invalidChoice)
            return nil
        }
        return text
    }
}

enum BenefitCatalogueViews {
    static func fieldLabels(_ t: Localizer) -> [String: String] {
        [
            "amount": t("benefits.amount"), "unit": t("benefits.unit"), "municipalityCode": t("family.municipality"),
            "benefitCode": t("application.benefit"), "municipalAmount": t("benefits.amount"), "municipalUnit": t("benefits.unit"),
        ]
    }

    static func page(
        _ page: PageContext, benefits: [BenefitEntry], active: Set<String>,
        published: [(municipalityCode: String, benefitCode: String, deadline: ProcessingDeadline)],
        errors: [FieldError], typed: BenefitCatalogueController.MunicipalForm?, notice: String?
    ) -> HTML {
        let t = page.t
        let units = DeadlineUnit.allCases.map { ($0.rawValue, t("deadlineUnit.\($0.rawValue)")) }
        func name(_ entry: BenefitEntry) -> String { page.language == .danish ? entry.danishName : entry.englishName }
        let names = Dictionary(uniqueKeysWithValues: benefits.map { ($0.code, name($0)) })
        return Layout.page(
            page, title: t("benefits.title"),
            .h1(.plainText(t("benefits.title"))),
            Notices.banner(t, notice),
            .p(.class("lead"), .plainText(t("benefits.lead"))),
            .if(
                !errors.isEmpty,
                .div(
                    .class("notice warning"), .attribute(named: "role", value: "alert"), .id("catalogue-errors"),
                    .ul(
                        .forEach(errors) { error in
                            .li(.plainText("\(fieldLabels(t)[error.field] ?? error.field): \(FormFields.message(t, error.code))"))
                        }))),
            .div(
                .class("table-wrap"),
                .table(
                    .class("benefits cards-on-phone"),
                    .caption(.class("visually-hidden"), .plainText(t("benefits.title"))),
                    .thead(
                        .tr(
                            .th(.plainText(t("application.benefit"))), .th(.plainText(t("benefits.defaultDeadline"))))),
                    .tbody(
                        .forEach(benefits) { entry in
                            .tr(
                                .td(
                                    .plainText(name(entry)),
                                    .span(.class("hint block"), .plainText("\(entry.code) · \(entry.law) · \(t.label("authority", entry.authority))"))
                                ),
                                .td(
                                    .attribute(named: "data-label", value: t("benefits.defaultDeadline")),
                                    .form(
                                        .method(.post), .action(Routes.benefitCatalogue()), .class("inline-form deadline-form"),
                                        Layout.csrfField(page),
                                        .input(.type(.hidden), .name("code"), .value(HTMLEscaping.escape(entry.code))),
                                        .input(
                                            .type(.number), .name("amount"), .value(String(entry.deadline.amount)),
                                            .attribute(named: "aria-label", value: t("benefits.amountFor", ["benefit": name(entry)])),
                                            .attribute(named: "min", value: "1"), .class("short")),
                                        .element(
                                            named: "select",
                                            nodes: [
                                                .attribute(named: "name", value: "unit"),
                                                .attribute(named: "aria-label", value: t("benefits.unitFor", ["benefit": name(entry)])),
                                                .forEach(units) { value, label in
                                                    .element(
                                                        named: "option",
                                                        nodes: [
                                                            .attribute(named: "value", value: value),
                                                            .if(
                                                                value == entry.deadline.unit.rawValue,
                                                                .attribute(named: "selected", value: "selected")),
                                                            .plainText(label),
                                                        ])
                                                },
                                            ]),
                                        .label(
                                            .class("checkbox-inline"),
                                            .input(.type(.checkbox), .name("active"), .value("true"), .checked(active.contains(entry.code))),
                                            .plainText(" " + t("benefits.offered"))),
                                        .button(.type(.submit), .class("button small secondary"), .plainText(t("action.save"))))))
                        }))),
            .section(
                .id("municipal"),
                .h2(.plainText(t("benefits.municipal"))),
                .p(.class("hint"), .plainText(t("benefits.municipalLead"))),
                published.isEmpty
                    ? .p(.plainText(t("benefits.municipal.none")))
                    : .ul(
                        .forEach(published) { item in
                            .li(
                                .plainText(
                                    "\(Municipalities.name(item.municipalityCode) ?? item.municipalityCode): \(names[item.benefitCode] ?? item.benefitCode) – "
                                        + "\(item.deadline.amount) \(t("deadlineUnit.\(item.deadline.unit.rawValue)").lowercased())"))
                        }),
                .form(
                    .method(.post), .action(Routes.municipalDeadlines()), .class("filter-form"), .id("municipal-form"),
                    Layout.csrfField(page),
                    .div(
                        .class("grid"),
                        FormFields.select(
                            t, name: "municipalityCode", label: t("family.municipality"),
                            options: Municipalities.all.map { ($0.code, "\($0.name) (\($0.code))") }, selected: typed?.municipalityCode,
                            errors: errors,
                            required: true, includeEmpty: t("form.choose")),
                        FormFields.select(
                            t, name: "benefitCode", label: t("application.benefit"), options: benefits.map { ($0.code, name($0)) },
                            selected: typed?.benefitCode, errors: errors, required: true, includeEmpty: t("form.choose")),
                        FormFields.text(
                            t, name: "municipalAmount", label: t("benefits.amount"), value: typed?.municipalAmount, errors: errors, type: .number),
                        FormFields.select(
                            t, name: "municipalUnit", label: t("benefits.unit"), options: units, selected: typed?.municipalUnit, errors: errors,
                            includeEmpty: t("form.choose"))),
                    .div(
                        .class("actions"),
                        .button(.type(.submit), .name("intent"), .value("set"), .class("button primary"), .plainText(t("benefits.setMunicipal"))),
                        .button(
                            .type(.submit), .name("intent"), .value("clear"), .class("button secondary"), .plainText(t("benefits.clearMunicipal"))))))
        )
    }
}
