import Foundation
import LindringCore
import Testing

@Suite struct ZeroPaddedTests {
    @Test func numbersGetLeadingZerosUpToTheWidthAndNeverLoseDigits() {
        #expect(7.zeroPadded(2) == "07")
        #expect(0.zeroPadded(2) == "00")
        #expect(23.zeroPadded(2) == "23")
        #expect(2026.zeroPadded(4) == "2026")
        #expect(12345.zeroPadded(2) == "12345")
        #expect(45.zeroPadded(4) == "0045")
        #expect((-5).zeroPadded(3) == "-005")
    }

    @Test func datesAreWrittenAsStoredAndAsDanesWriteThem() throws {
        let date = try #require(LocalDate("2026-03-07"))
        #expect(date.description == "2026-03-07")
        #expect(date.danish == "07.03.2026")
        #expect(LocalDate(Date(timeIntervalSince1970: 0), in: TimeZone(identifier: "UTC")!).description == "1970-01-01")
    }
}
