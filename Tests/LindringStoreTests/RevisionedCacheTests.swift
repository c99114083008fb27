import Testing

@testable import LindringStore

/// The cache under `UnitCatalog` and `AdvisoryStatisticsCache`: a value is computed once per
/// key and revision, and nothing computed at an old revision outlives a newer one.
@Suite struct RevisionedCacheTests {
    actor Computations {
        var count = 0
        func next() -> Int {
            count += 1
            return count
        }
    }

    @Test func aValueIsComputedOncePerKeyAndRevision() async throws {
        let cache = RevisionedCache<String, Int>(capacity: 8)
        let computations = Computations()
        #expect(try await cache.value(for: "year", at: 1) { await computations.next() } == 1)
        #expect(try await cache.value(for: "year", at: 1) { await computations.next() } == 1)
        #expect(try await cache.value(for: "month", at: 1) { await computations.next() } == 2)
        // a new revision drops every value
        #expect(try await cache.value(for: "year", at: 2) { await computations.next() } == 3)
        #expect(try await cache.value(for: "month", at: 2) { await computations.next() } == 4)
        #expect(await computations.count == 4)
    }

    @Test func aValueReadAtAnOlderRevisionIsNotKept() async throws {
        let cache = RevisionedCache<String, Int>(capacity: 8)
        _ = try await cache.value(for: "year", at: 5) { 50 }
        // a reader that started before the change finishes after it: answered, not filed
        #expect(try await cache.value(for: "year", at: 4) { 40 } == 40)
        #expect(try await cache.value(for: "year", at: 5) { 0 } == 50)
    }

    @Test func aFailedComputationIsNotKept() async throws {
        struct Refused: Error {}
        let cache = RevisionedCache<String, Int>(capacity: 8)
        await #expect(throws: Refused.self) { try await cache.value(for: "year", at: 1) { throw Refused() } }
        #expect(try await cache.value(for: "year", at: 1) { 7 } == 7)
    }

    @Test func theCacheHoldsNoMoreThanItsCapacity() async throws {
        let cache = RevisionedCache<Int, Int>(capacity: 2)
        for key in 0..<3 { _ = try await cache.value(for: key, at: 1) { key } }
        // full at the third key: emptied, then the third filed
        #expect(try await cache.value(for: 0, at: 1) { -1 } == -1)
        #expect(try await cache.value(for: 2, at: 1) { -1 } == 2)
    }
}
