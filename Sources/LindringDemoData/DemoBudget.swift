import Foundation
import LindringCore
import LindringStore

/// The demo's budget (synthetic figures): the price levels with an index each, the seed's training
/// initiative as a draft with the administration's remarks, a second initiative to compare it
/// with, and the 2025 palliation package (DKK 2.6 million in 2025, 2.5 million a year from 2026)
/// as an allocation with its three parts, actuals for 2025 and for 2026 up to last month, the FTEs
/// filled and 2025's carry-over; and Region Østdanmark as the Capital Region's successor.
enum DemoBudget {
    static let priceLevels: [(Int, Decimal)] = [(2024, "97.4"), (2025, "100"), (2026, "102.9"), (2027, "105.6")].map { ($0, Decimal(string: $1)!) }

    static var training: InitiativeDraft {
        InitiativeDraft(
            title: "Opruste uddannelsen af læger og sygeplejersker i palliation", proposedBy: "Socialdemokratiet",
            purpose: "Flere læger og sygeplejersker i hospitaler, kommuner og almen praksis skal kunne yde basal palliation og vide, "
                + "hvornår de skal inddrage den specialiserede indsats. Forslaget udvider e-læringen »tidlig palliation«, de tværsektorielle "
                + "temaeftermiddage og specialuddannelsen i kræftsygepleje og ansætter to undervisere.",
            remarks: "Administrationen bemærker, at forslaget understøtter regionens palliationsplan. Udgiften til løn svarer til to "
                + "årsværk til undervisere; etableringsudgiften dækker e-læringens nye moduler. Effekten kan følges i Lindrings "
                + "opgørelse af, hvor stor en andel af personalet der har gennemført basal palliation.",
            priceLevel: "2026-pl", firstYear: "2026",
            lines: [
                .init(type: "salaries", amounts: ["2026": "1.2", "2027": "1.2", "2028": "1.2", "2029": "1.2"]),
                .init(type: "otherOperations", amounts: ["2026": "0.4", "2027": "0.3", "2028": "0.3", "2029": "0.3"]),
                .init(type: "establishment", amounts: ["2026": "0.2"]),
            ], fte: ["2026": "2.0", "2027": "2.0", "2028": "2.0", "2029": "2.0"],
            funds: [.init(fund: "health", sharePercent: "100")], commitmentBudgetable: false, scalable: true,
            scalingNote: "Kan nedskaleres ved at udskyde specialuddannelsens næste hold et år.",
            agreementText: "Partierne er enige om at opruste uddannelsen af læger og sygeplejersker i palliation med 1,8 mio. kr. i 2026 "
                + "og 1,5 mio. kr. årligt fra 2027.",
            sdgs: [
                .init(goal: "3", effect: "positive", text: "Bedre lindring og livskvalitet for mennesker med livstruende sygdom."),
                .init(goal: "4", effect: "positive", text: "Efter- og videreuddannelse af sundhedspersonale."),
            ], status: "draft")
    }

    static var nursingHomes: InitiativeDraft {
        InitiativeDraft(
            title: "Palliativ rådgivning til plejecentre", proposedBy: "Administrationen",
            purpose: "Palliative sygeplejersker rådgiver plejecentrenes personale om lindring og den sidste tid, så færre beboere "
                + "indlægges i deres sidste levedøgn.",
            priceLevel: "2026-pl", firstYear: "2026",
            lines: [
                .init(type: "salaries", amounts: ["2026": "0.6", "2027": "0.9", "2028": "0.9", "2029": "0.9"]),
                .init(type: "otherOperations", amounts: ["2026": "0.1", "2027": "0.1", "2028": "0.1", "2029": "0.1"]),
            ], fte: ["2026": "1.0", "2027": "1.5", "2028": "1.5", "2029": "1.5"],
            funds: [.init(fund: "health", sharePercent: "66.7"), .init(fund: "social", sharePercent: "33.3")],
            sdgs: [.init(goal: "3", effect: "positive", text: "Færre indlæggelser i den sidste tid.")], status: "submitted")
    }

    static var package: AllocationDraft {
        AllocationDraft(
            name: "Palliationspakken 2025", organisation: "Region Hovedstaden", successor: "Region Østdanmark", successorFrom: "2027-01-01",
            decidedOn: "2024-09-19",
            parts: [
                .init(
                    code: "24-7", name: "Palliativ rådgivning døgnet rundt", activity: "advisoryLine",
                    budgets: [
                        "2025": ["salaries": "1450000", "otherOperations": "150000"], "2026": ["salaries": "1400000", "otherOperations": "100000"],
                    ], fte: ["2025": "2.0", "2026": "2.0"]),
                .init(
                    code: "PABU", name: "Socialrådgivning i det pædiatriske palliative team", activity: "paediatricSocialWork",
                    budgets: ["2025": ["salaries": "800000"], "2026": ["salaries": "800000"]], fte: ["2025": "1.1", "2026": "1.1"]),
                .init(
                    code: "ARB", name: "Tværsektoriel arbejdsgruppe", activity: "workingGroup",
                    budgets: ["2025": ["otherOperations": "200000"], "2026": ["otherOperations": "200000"]]),
            ])
    }

    /// How far each month's spending is from a twelfth of the year (July's holiday, December's catch-up).
    static let monthFactors: [Decimal] = ["0.94", "1.02", "0.98", "1.01", "1.06", "0.97", "0.72", "0.93", "1.04", "1.03", "1.01", "1.29"].map {
        Decimal(string: $0)!
    }

    /// Region Østdanmark, which carries the Capital Region's administration on from 1 January 2027.
    static func successor(now: Date, on tx: WriteTransaction) async throws {
        guard let capital = try await UnitRepository.find(code: "REGION-H", on: tx),
            try await UnitRepository.find(code: "REGION-OST", on: tx) == nil
        else { return }
        _ = try await UnitRepository.create(
            try UnitDraft(code: "REGION-OST", name: "Region Østdanmark", kind: "administration", sector: "region").validated(), on: tx)
        var draft = UnitDraft(capital)
        draft.successorCode = "REGION-OST"
        draft.successorFrom = "2027-01-01"
        _ = try await UnitRepository.update(id: capital.id, try draft.validated(), on: tx)
    }

    static func load(persistence: Persistence, now: Date = Date()) async throws {
        let users = try await persistence.readEach { try await UserRepository.list(on: $0) }
        guard let finance = users.first(where: { $0.roles.contains(.finance) }) else { return }
        let author = RecordAuthor(userId: finance.id, name: finance.name)
        let thisMonth = BudgetMonth(DanishCalendar.today(now))
        try await persistence.write { tx in
            guard try await AllocationRepository.list(on: tx).isEmpty else { return }
            for (year, index) in priceLevels {
                try await InitiativeRepository.setIndex(index, of: PriceLevel(year: year), author: author, now: now, on: tx)
            }
            _ = try await InitiativeRepository.create(try training.validated(), author: author, now: now, on: tx)
            _ = try await InitiativeRepository.create(try nursingHomes.validated(), author: author, now: now.addingTimeInterval(-86_400 * 9), on: tx)
            let allocation = try package.validated()
            let id = try await AllocationRepository.create(allocation, draft: package, author: author, now: now, on: tx)
            var entries: [ActualEntry] = []
            var filled: [FilledFTE] = []
            for year in allocation.years {
                for month in 1...12 where BudgetMonth(year: year, month: month) < thisMonth {
                    let budgetMonth = BudgetMonth(year: year, month: month)
                    for part in allocation.parts {
                        // PABU's new post was filled from April 2025: its first quarter is spent at the old 0.4 FTE's level.
                        let vacant = part.code == "PABU" && year == 2025 && month < 4
                        for (type, annual) in part.budgets[year] ?? [:] {
                            let amount = (annual / 12 * monthFactors[month - 1] * (vacant ? Decimal(string: "0.2")! : 1)).rounded(scale: 2)
                            entries.append(ActualEntry(month: budgetMonth, partCode: part.code, costType: type, amount: amount))
                        }
                        if let fte = part.fte[year] { filled.append(FilledFTE(month: budgetMonth, partCode: part.code, fte: vacant ? 0 : fte)) }
                    }
                }
            }
            try await AllocationRepository.record(
                ValidActuals(entries: entries, fte: filled), allocationId: id, source: "import", author: author, now: now, on: tx)
            try await successor(now: now, on: tx)
            try await AllocationRepository.setCarryOver(
                CarryOver(fromYear: 2025, amount: 150_000, reason: "Stillingen som socialrådgiver i PABU blev først besat 1. april 2025."),
                allocationId: id, author: author, now: now, on: tx)
        }
    }
}
