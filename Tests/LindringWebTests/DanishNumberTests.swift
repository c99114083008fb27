import Testing

@testable import LindringWeb

@Suite struct DanishNumberTests {
    @Test(arguments: [
        (70.0, "70"), (13.6, "13,6"), (13.64, "13,6"), (13.65, "13,7"), (0.0, "0"), (2.5, "2,5"), (99.96, "100"), (-1.25, "-1,3"),
        (33.333333, "33,3"),
    ])
    func scoresAreWrittenTheDanishWay(value: Double, text: String) {
        #expect(DanishNumber.score(value) == text)
    }
}
