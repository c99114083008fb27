/// How long an authority normally takes to decide, from submission: the default deadline of
/// an application, which the team follows up on when it passes.
public struct ProcessingDeadline: Hashable, Codable, Sendable {
    public var amount: Int
    public var unit: DeadlineUnit

    public init(_ amount: Int, _ unit: DeadlineUnit) {
        self.amount = amount
        self.unit = unit
    }
}

/// A benefit a family can apply for. The catalogue is data that administrators edit (laws and
/// municipal deadlines change), so this is a plain value the store seeds and keeps, not a
/// Swift enum; an application names its benefit by `code`, which never changes once used.
public struct BenefitEntry: Hashable, Codable, Sendable {
    public var code: String
    /// The legal basis as it applies now (`Barnets lov § 86`).
    public var law: String
    /// The legal basis before `lawChangedOn`, for a provision that moved to another act:
    /// an application is judged by the law of the day it was submitted.
    public var previousLaw: String?
    /// The first day `law` applies; nil when it has no earlier reference.
    public var lawChangedOn: LocalDate?
    public var danishName: String
    public var englishName: String
    public var authority: BenefitAuthority
    public var deadline: ProcessingDeadline
    /// Conditions worth knowing when applying (the 12-day rule, maximum periods), in Danish.
    public var danishNote: String?
    public var englishNote: String?

    public init(
        code: String, law: String, previousLaw: String? = nil, lawChangedOn: LocalDate? = nil, danishName: String, englishName: String,
        authority: BenefitAuthority, deadline: ProcessingDeadline, danishNote: String? = nil, englishNote: String? = nil
    ) {
        self.code = code
        self.law = law
        self.previousLaw = previousLaw
        self.lawChangedOn = lawChangedOn
        self.danishName = danishName
        self.englishName = englishName
        self.authority = authority
        self.deadline = deadline
        self.danishNote = danishNote
        self.englishNote = englishNote
    }

    /// The legal basis on a day: the previous reference before the change, the current one from it.
    public func law(on date: LocalDate) -> String {
        if let previousLaw, let lawChangedOn, date < lawChangedOn { return previousLaw }
        return law
    }
}

/// The benefits PABU's social workers help families apply for.
///
/// Codes of the seed (stable: applications refer to them):
/// - `bl86` Barnets lov § 86, additional costs (merudgifter)
/// - `bl87` Barnets lov § 87, lost earnings (tabt arbejdsfortjeneste)
/// - `bl87-meeting` Barnets lov § 87, lost earnings for single days (meetings, hospital visits)
/// - `bl89` Barnets lov § 89, accompaniment (ledsagelse)
/// - `bl90-aids`, `bl90-goods`, `bl90-housing`, `bl90-transport`, `bl90-relief`: Barnets lov § 90,
///   the Social Services Act's aids, consumer goods, housing adaptation, transport and relief care
///   applied to children
/// - `bl32` Barnets lov § 32, general support for the child and family
/// - `barsel26` Barselsloven § 26, daily benefit for caring for a seriously ill child
/// - `sel118` Serviceloven § 118, employment to care for a close relative
/// - `plejevederlag` care allowance for caring for a dying child at home
///   (Ældreloven § 24 from 1 July 2025, Serviceloven § 120 before)
/// - `barsel13` Barselsloven § 13, bereavement leave
///
/// The deadlines are defaults: each municipality publishes its own processing times
/// (Retssikkerhedsloven § 3), which administrators enter here.
public enum BenefitCatalogue {
    /// The day the Elderly Act (Ældreloven) took over the care allowance for the dying from the Social Services Act.
    public static let elderlyActInForce = LocalDate(year: 2025, month: 7, day: 1)

    public static let seed: [BenefitEntry] = [
        BenefitEntry(
            code: "bl86", law: "Barnets lov § 86", danishName: "Merudgifter", englishName: "Additional costs",
            authority: .municipality, deadline: ProcessingDeadline(8, .weeks)),
        BenefitEntry(
            code: "bl87", law: "Barnets lov § 87", danishName: "Tabt arbejdsfortjeneste", englishName: "Lost earnings",
            authority: .municipality, deadline: ProcessingDeadline(8, .weeks)),
        BenefitEntry(
            code: "bl87-meeting", law: "Barnets lov § 87", danishName: "Tabt arbejdsfortjeneste, enkeltdage (møder)",
            englishName: "Lost earnings, single days (meetings)", authority: .municipality, deadline: ProcessingDeadline(4, .weeks),
            danishNote: "Til enkelte dage med møder, undersøgelser eller behandling.",
            englishNote: "For single days of meetings, examinations or treatment."),
        BenefitEntry(
            code: "bl89", law: "Barnets lov § 89", danishName: "Ledsagelse", englishName: "Accompaniment",
            authority: .municipality, deadline: ProcessingDeadline(8, .weeks)),
        BenefitEntry(
            code: "bl90-aids", law: "Barnets lov § 90, jf. serviceloven § 112", danishName: "Hjælpemidler", englishName: "Aids",
            authority: .municipality, deadline: ProcessingDeadline(6, .weeks)),
        BenefitEntry(
            code: "bl90-goods", law: "Barnets lov § 90, jf. serviceloven § 113", danishName: "Forbrugsgoder", englishName: "Consumer goods",
            authority: .municipality, deadline: ProcessingDeadline(6, .weeks)),
        BenefitEntry(
            code: "bl90-housing", law: "Barnets lov § 90, jf. serviceloven § 116", danishName: "Boligindretning",
            englishName: "Housing adaptation", authority: .municipality, deadline: ProcessingDeadline(3, .months)),
        BenefitEntry(
            code: "bl90-transport", law: "Barnets lov § 90 (transport)", danishName: "Transport", englishName: "Transport",
            authority: .municipality, deadline: ProcessingDeadline(8, .weeks)),
        BenefitEntry(
            code: "bl90-relief", law: "Barnets lov § 90 (aflastning)", danishName: "Aflastning", englishName: "Relief care",
            authority: .municipality, deadline: ProcessingDeadline(6, .weeks)),
        BenefitEntry(
            code: "bl32", law: "Barnets lov § 32", danishName: "Støtte til barnet og familien", englishName: "Support for the child and family",
            authority: .municipality, deadline: ProcessingDeadline(8, .weeks)),
        BenefitEntry(
            code: "barsel26", law: "Barselsloven § 26", danishName: "Dagpenge ved pasning af alvorligt sygt barn",
            englishName: "Daily benefit for caring for a seriously ill child", authority: .udbetalingDanmark,
            deadline: ProcessingDeadline(4, .weeks),
            danishNote: "Barnet forventes at være indlagt eller i behandling i mindst 12 dage (12-dagesreglen); højst 52 uger inden for 18 måneder.",
            englishNote:
                "The child is expected to be in hospital or treatment for at least 12 days (the 12-day rule); at most 52 weeks within 18 months."),
        BenefitEntry(
            code: "sel118", law: "Serviceloven § 118", danishName: "Pasning af nærtstående med alvorlig sygdom",
            englishName: "Employment to care for a close relative", authority: .municipality, deadline: ProcessingDeadline(6, .weeks)),
        BenefitEntry(
            code: "plejevederlag", law: "Ældreloven § 24", previousLaw: "Serviceloven § 120", lawChangedOn: elderlyActInForce,
            danishName: "Plejevederlag ved pasning af døende", englishName: "Care allowance for caring for a dying child at home",
            authority: .municipality, deadline: ProcessingDeadline(5, .workingDays),
            danishNote: "Skal afgøres hurtigt: barnet er døende og ønsker at være hjemme.",
            englishNote: "Must be decided quickly: the child is dying and wishes to be at home."),
        BenefitEntry(
            code: "barsel13", law: "Barselsloven § 13", danishName: "Sorgorlov", englishName: "Bereavement leave",
            authority: .udbetalingDanmark, deadline: ProcessingDeadline(4, .weeks),
            danishNote: "26 uger til hver forælder fra dagen efter dødsfaldet.",
            englishNote: "26 weeks for each parent from the day after the death."),
    ]
}

extension ProcessingDeadline {
    /// A processing time as typed (an amount and a unit), checked like the calendar endpoint's:
    /// a whole number within `Deadlines.maxAmount` of a known unit, at least 1.
    public static func parse(amount: String?, unit: String?, fields: (amount: String, unit: String), _ v: inout Validator) -> ProcessingDeadline? {
        let unit = v.choice(fields.unit, unit?.trimmingCharacters(in: .whitespaces), as: DeadlineUnit.self)
        let amount = v.wholeNumber(fields.amount, amount, in: 1...Deadlines.maxAmount(unit ?? .days), required: true)
        guard let unit, let amount else { return nil }
        return ProcessingDeadline(amount, unit)
    }
}
