import Foundation
import LindringCore
import LindringStore

/// The region's municipalities as the organisation register knows them: one home-care unit each,
/// coded `HJ-<municipality code>`.
enum MunicipalityUnits {
    static func options(_ units: [OrgUnit]) -> [(code: String, name: String)] {
        units.filter { $0.kind == .homeCare && $0.code.hasPrefix("HJ-") }
            .map { (String($0.code.dropFirst(3)), $0.name.replacingOccurrences(of: "Hjemmeplejen, ", with: "")) }
    }

    /// Municipality names by code, for showing where a patient lives.
    static func names(_ units: some Sequence<OrgUnit>) -> [String: String] {
        Dictionary(options(Array(units)).map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
    }
}

/// `from`–`to` (default the last twelve months) and `by` (department, hospital or municipality).
struct EarlyIdentificationQuery {
    var range: DateRange
    var grouping: EarlyIdentificationOverview.Grouping

    static let groupings: [EarlyIdentificationOverview.Grouping] = [.department, .hospital, .municipality]

    static func parse(_ query: FormData) throws -> EarlyIdentificationQuery {
        let today = LocalDate(Date(), in: DanishCalendar.timeZone)
        var failures: [FieldError] = []
        var range = DateRange(from: today.adding(days: -364), to: today)
        do { range = try DateRange.parse(query, defaultFrom: range.from, defaultTo: range.to) } catch let failure as ValidationFailure {
            failures = failure.errors
        }
        let by = query["by"].flatMap { $0.isEmpty ? nil : $0 } ?? EarlyIdentificationOverview.Grouping.department.rawValue
        let grouping = EarlyIdentificationOverview.Grouping(rawValue: by).flatMap { groupings.contains($0) ? $0 : nil }
        if grouping == nil { failures.append(FieldError("by", .invalidChoice)) }
        guard failures.isEmpty, let grouping else { throw ValidationFailure(failures) }
        return EarlyIdentificationQuery(range: range, grouping: grouping)
    }

    struct Report {
        struct Group {
            var name: String
            var row: EarlyIdentificationOverview.Row
        }

        var groups: [Group]
        var total: EarlyIdentificationOverview.Row
    }

    func run(_ services: AppServices) async throws -> Report {
        guard let from = DanishCalendar.instant(range.from, hour: 0), let to = DanishCalendar.instant(range.to.adding(days: 1), hour: 0) else {
            throw ValidationFailure([FieldError("from", .invalidFormat)])
        }
        let grouping = grouping
        // One snapshot: the groups and the region's total count the same screenings.
        let (rows, total) = try await services.persistence.read { snapshot in
            (
                try await EarlyIdentificationOverview.rows(from: from, to: to, by: grouping, on: snapshot),
                try await EarlyIdentificationOverview.rows(from: from, to: to, by: .region, on: snapshot).first
                    ?? EarlyIdentificationOverview.Row(key: nil)
            )
        }
        let units = try await services.units()
        let names: [String: String] =
            grouping == .municipality
            ? Dictionary(MunicipalityUnits.options(units).map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
            : Dictionary(units.map { ($0.id.uuidString, $0.name) }, uniquingKeysWith: { a, _ in a })
        let groups = rows.map { Report.Group(name: $0.key.flatMap { names[$0] ?? $0 } ?? "–", row: $0) }
            .sorted { $0.name.localizedCompare($1.name) == .orderedAscending }
        return Report(groups: groups, total: total)
    }
}

struct EarlyIdentificationDTO: Encodable {
    struct Counts: Encodable {
        var screened: Int
        var positive: Int
        var withPlan: Int
        /// Of those screened, in percent to one decimal; null when nobody was screened.
        var positiveShare: Double?
        /// Of those positive.
        var withPlanShare: Double?

        init(_ c: EarlyIdentificationOverview.Counts) {
            screened = c.screened
            positive = c.positive
            withPlan = c.withPlan
            positiveShare = EarlyIdentificationDTO.share(c.positive, of: c.screened)
            withPlanShare = EarlyIdentificationDTO.share(c.withPlan, of: c.positive)
        }

        enum CodingKeys: String, CodingKey { case screened, positive, withPlan, positiveShare, withPlanShare }

        /// A share nobody could have is written as null, not left out.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(screened, forKey: .screened)
            try container.encode(positive, forKey: .positive)
            try container.encode(withPlan, forKey: .withPlan)
            try container.encode(positiveShare, forKey: .positiveShare)
            try container.encode(withPlanShare, forKey: .withPlanShare)
        }
    }

    struct Group: Encodable {
        /// Always present (null for the total and for an unknown unit or municipality).
        var key: String??
        var name: String
        var cancer: Counts
        var nonCancer: Counts
    }

    var from: String
    var to: String
    var by: String
    var groups: [Group]
    var total: Group

    static func share(_ part: Int, of whole: Int) -> Double? {
        whole == 0 ? nil : (Double(part) * 1000 / Double(whole)).rounded() / 10
    }

    init(_ report: EarlyIdentificationQuery.Report, query: EarlyIdentificationQuery) {
        from = query.range.from.description
        to = query.range.to.description
        by = query.grouping.rawValue
        groups = report.groups.map {
            Group(key: .some($0.row.key), name: $0.name, cancer: Counts($0.row.cancer), nonCancer: Counts($0.row.nonCancer))
        }
        total = Group(key: .some(nil), name: "total", cancer: Counts(report.total.cancer), nonCancer: Counts(report.total.nonCancer))
    }
}
