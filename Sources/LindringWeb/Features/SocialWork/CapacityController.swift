import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// The team lead's capacity page (`/social-work/capacity`), its CSV, and the funding periods.
struct CapacityController {
    let services: AppServices
    var capacity: CapacityService { CapacityService(services: services) }

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.socialWorkCapacity.routerPath, use: show)
        router.get(Routes.socialWorkCapacityCSV.routerPath, use: csv)
        router.post(Routes.socialWorkFunding.routerPath, use: setFunding)
    }

    static func range(_ query: FormData) throws -> DateRange {
        let range = CapacityService.defaultRange()
        return try DateRange.parse(query, defaultFrom: range.from, defaultTo: range.to)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        guard CapacityService.mayRead(user) else { throw AppError.forbidden }
        let page = PageContext(context, path: Routes.socialWorkCapacity())
        do {
            let range = try Self.range(request.query)
            let report = try await capacity.report(context, from: range.from, to: range.to)
            return .html(CapacityViews.page(page, report: report, errors: [], typed: request.query, notice: request.query["notice"]))
        } catch let failure as ValidationFailure {
            return .html(
                CapacityViews.page(page, report: nil, errors: failure.errors, typed: request.query, notice: nil), status: .unprocessableContent)
        }
    }

    @Sendable func csv(_ request: Request, context: AppContext) async throws -> Response {
        let range = try Self.range(request.query)
        let report = try await capacity.report(context, from: range.from, to: range.to)
        let forSystems = request.query["lang"] == "en"
        let t = PageContext(context, path: Routes.socialWorkCapacity()).t
        var csv = CSVWriter(forSystems ? .system : .danishSpreadsheet)
        let columns = CapacityViews.columns
        csv.row(["month"] + columns.map { .text(forSystems ? $0.key : t("capacity.column.\($0.key)")) })
        for month in report.months {
            csv.row([.text(String(month.month.description.prefix(7)))] + columns.map { $0.value(month) })
        }
        return csv.response(filename: "social-work-capacity-\(range.from)-\(range.to)\(forSystems ? "-en" : "").csv")
    }

    @Sendable func setFunding(_ request: Request, context: AppContext) async throws -> Response {
        let form = try await request.decode(as: FundingForm.self, context: context)
        do {
            try await capacity.setFunding(context, from: form.fundingFrom, fte: form.fundingFte)
            return .redirect(to: Routes.socialWorkCapacity() + "?notice=saved#funding")
        } catch let failure as ValidationFailure {
            let range = CapacityService.defaultRange()
            let report = try await capacity.report(context, from: range.from, to: range.to)
            let page = PageContext(context, path: Routes.socialWorkCapacity())
            return .html(
                CapacityViews.page(page, report: report, errors: failure.errors, typed: FormData(), notice: nil, funding: form),
                status: .unprocessableContent)
        }
    }
}

/// A new funding period as typed.
struct FundingForm: Decodable, Sendable {
    var fundingFrom: String?
    var fundingFte: String?
}
