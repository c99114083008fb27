import Foundation
import LindringCore
import LindringStore

/// The coverage report: for each group of the staff register, the share who completed an offer at
/// the level, beside the group's early identification over the last twelve months. Counts only:
/// educators, finance and administrators see it, and it names no one.
struct CoverageService {
    let services: AppServices

    struct Query {
        var by: CoverageGrouping
        var level: CompetenceLevel

        /// `by` (default department) and `level` (default basal); a value that is not one is named.
        static func parse(_ query: FormData) throws -> Query {
            var v = Validator()
            let by = v.choice("by", query["by"]?.nilIfEmpty ?? CoverageGrouping.department.rawValue, as: CoverageGrouping.self)
            let level = v.choice("level", query["level"]?.nilIfEmpty ?? CompetenceLevel.basal.rawValue, as: CompetenceLevel.self)
            try v.check()
            return Query(by: by!, level: level!)
        }
    }

    struct Report {
        var query: Query
        /// The group's code beside its row: a unit's code, a municipality code, a profession.
        var rows: [(key: String, row: CoverageRow)]
        var total: CoverageRow
    }

    static func mayRead(_ user: User) -> Bool { user.can(.manageTraining) || user.can(.manageBudget) || user.can(.manageUsers) }

    func report(_ query: Query, _ context: AppContext, today: LocalDate = LocalDate(Date(), in: DanishCalendar.timeZone)) async throws -> Report {
        let user = try context.requireUser()
        guard Self.mayRead(user) else { throw AppError.forbidden }
        let t = Localizer(context.language)
        let from = DanishCalendar.instant(today.adding(days: -364), hour: 0) ?? Date()
        let to = DanishCalendar.instant(today.adding(days: 1), hour: 0) ?? Date()
        let (counts, screening, units) = try await services.persistence.read { tx in
            let offers = try await OfferRepository.list(includeInactive: true, on: tx).filter { $0.offer.levels.contains(query.level) }.map(\.id)
            // Figures about patients only for those who may see the screening overview.
            let screeningGroup: EarlyIdentificationOverview.Grouping? =
                switch query.by {
                case _ where !user.can(.viewScreeningOverview): nil
                case .department: .department
                case .hospital: .hospital
                case .municipality: .municipality
                case .profession: nil
                }
            return (
                try await CoverageRepository.counts(by: query.by, offerIds: offers, on: tx),
                try await screeningGroup.asyncMap { try await EarlyIdentificationOverview.rows(from: from, to: to, by: $0, on: tx) } ?? [],
                try await UnitRepository.list(includeInactive: true, on: tx)
            )
        }
        let directory = UnitDirectory(units)
        let municipalities = MunicipalityUnits.names(units)
        let screened = Dictionary(screening.compactMap { row in row.key.map { ($0, row) } }) { first, _ in first }
        let rows = counts.map { count -> (key: String, row: CoverageRow) in
            let unit = UUID(uuidString: count.key).flatMap { directory.byId[$0] }
            let name: String =
                switch query.by {
                case .department, .hospital: unit?.name ?? count.key
                case .municipality: municipalities[count.key] ?? count.key
                case .profession: Profession(rawValue: count.key).map { t.label("profession", $0) } ?? count.key
                }
            var row = CoverageRow(group: name, staff: count.staff, completed: count.completed)
            if query.by != .profession, user.can(.viewScreeningOverview) {
                let figures = screened[count.key]
                row.screenedPatients = (figures?.cancer.screened ?? 0) + (figures?.nonCancer.screened ?? 0)
                row.identifiedPatients = (figures?.cancer.positive ?? 0) + (figures?.nonCancer.positive ?? 0)
                row.patientsWithPlan = (figures?.cancer.withPlan ?? 0) + (figures?.nonCancer.withPlan ?? 0)
            }
            return (unit?.code ?? count.key, row)
        }
        let ordered = rows.sorted { Coverage.comesBefore($0.row, $1.row) }
        return Report(query: query, rows: ordered, total: Coverage.total(ordered.map(\.row), name: t("coverage.total")))
    }
}

struct CoverageRowDTO: NullPreservingEncodable {
    var group: String
    var key: String
    var staff: Int
    var completed: Int
    var share: Decimal?
    var screenedPatients: Int?
    var planShare: Decimal?

    init(key: String, _ row: CoverageRow) {
        group = row.group
        self.key = key
        staff = row.staff
        completed = row.completed
        share = row.share
        screenedPatients = row.screenedPatients
        planShare = row.planShare
    }
}

struct CoverageDTO: Encodable {
    var by: CoverageGrouping
    var level: CompetenceLevel
    var rows: [CoverageRowDTO]
    var total: CoverageRowDTO

    init(_ report: CoverageService.Report) {
        by = report.query.by
        level = report.query.level
        rows = report.rows.map { CoverageRowDTO(key: $0.key, $0.row) }
        total = CoverageRowDTO(key: "total", report.total)
    }
}
