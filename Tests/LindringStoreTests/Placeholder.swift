import Testing
@testable import LindringStore
@Test func placeholder() {}
