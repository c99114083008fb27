import Testing
@testable import LindringWeb
@Test func placeholder() {}
