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
}
