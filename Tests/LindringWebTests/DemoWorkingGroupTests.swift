import Foundation
import LindringCore
import Testing

@testable import LindringDemoData
@testable import LindringStore
@testable import LindringWeb

/// The demo's working group: a past meeting with all four sectors and its decisions, an upcoming
/// one, recommendations linked to indicators (one overdue) and the six pathways on their pages.
@Suite struct DemoWorkingGroupTests {
    @Test func theDemoRegisterHasEveryKindAndSixPathways() async throws {
        try await TestApp.run { app in
            // given the working group's member
            try await app.createUser("arbejdsgruppe", roles: [.workingGroup])
            // when the demo is loaded, twice
            try await DemoWorkingGroup.load(persistence: app.persistence)
            try await DemoWorkingGroup.load(persistence: app.persistence)
            // then the register holds it once
            let items = try await app.persistence.readEach { try await RegisterItemRepository.list(on: $0) }
            let count = Dictionary(grouping: items, by: \.item.kind).mapValues(\.count)
            #expect(count == [.meeting: 2, .analysis: 1, .recommendation: 3, .decision: 2])
            let today = DanishCalendar.today()
            let past = try #require(items.first { $0.item.kind == .meeting && $0.item.date! < today })
            #expect(past.item.sectorsPresent == Sector.allCases && past.item.minutes != nil)
            #expect(items.contains { $0.item.kind == .meeting && $0.item.date! > today })
            #expect(items.filter { $0.item.kind == .decision }.allSatisfy { $0.item.meetingId == past.id })
            let recommendations = items.filter { $0.item.kind == .recommendation }
            #expect(Set(recommendations.compactMap(\.item.indicator)).isSuperset(of: [.firstContactWithin10Days, .placeOfDeathConcordance]))
            #expect(recommendations.filter { $0.item.isOverdue(today: today) }.count == 1)
            // six pathways, each shown where it applies
            let pathways = try await app.persistence.readEach { try await PathwayRepository.list(on: $0) }
            #expect(pathways.count == 6 && pathways.allSatisfy { !$0.pathway.pages.isEmpty })
            for page in PathwayPage.allCases {
                #expect(try await app.persistence.readEach { try await PathwayRepository.forPage(page, on: $0) }.count >= 2, "\(page)")
            }
        }
    }
}
