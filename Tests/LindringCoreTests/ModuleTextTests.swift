import Foundation
import Testing

@testable import LindringCore

/// The e-learning modules' text format: what it reads, what it refuses (with the line), and
/// the five "tidlig palliation" modules Lindring ships.
@Suite struct ModuleTextTests {
    let sample = """
        # Et modul
        passMark: 60

        ## page: Første side
        En **vigtig** pointe og en *fremhævet* en,
        der fortsætter på næste linje.

        - punkt et
        - punkt **to**

        1. først
        2. så

        ## case: Ib, 82 år
        Ib har KOL.
        ? Hvad bekymrer Ib?

        ## reflection: Din praksis
        ? Hvornår talte du sidst med en pårørende?
        ? Hvad gjorde du?

        ## check
        Q: Hvad er rigtigt?
        - forkert
        * rigtigt
        Q: Og her?
        * ja
        - nej
        """

    @Test func aModuleReadsIntoSectionsBlocksAndACheck() throws {
        let module = try ModuleText.parse(sample)
        #expect(module.title == "Et modul" && module.passMark == 60)
        #expect(module.sections.map(\.kind) == [.page, .case, .reflection])
        #expect(
            module.sections[0].body == [
                .paragraph([
                    .text("En "), .strong("vigtig"), .text(" pointe og en "), .emphasis("fremhævet"), .text(" en, der fortsætter på næste linje."),
                ]),
                .bullets([[.text("punkt et")], [.text("punkt "), .strong("to")]]),
                .numbered([[.text("først")], [.text("så")]]),
            ])
        #expect(module.sections[1].questions == ["Hvad bekymrer Ib?"] && module.sections[2].questions.count == 2)
        #expect(module.reflectionQuestions.map(\.section) == [1, 2, 2])
        #expect(module.check.map(\.correct) == [1, 0] && module.check[0].options == ["forkert", "rigtigt"])
    }

    @Test(arguments: [
        (answers: [1, 0] as [Int?], right: 2, passed: true),
        ([1, 1], 1, false),  // 50 % < 60 %
        ([nil, 0], 1, false),
        ([1], 1, false),
        ([7, 0], 1, false),
    ])
    func theCheckPassesAtThePassMark(answers: [Int?], right: Int, passed: Bool) throws {
        let result = try ModuleText.parse(sample).score(answers)
        #expect(result.right == right && result.passed == passed)
    }

    @Test func aPassMarkIsReachedExactlyInWholeNumbers() {
        let questions = (0..<5).map { _ in ModuleContent.Question(text: "?", options: ["a", "b"], correct: 0) }
        let module = ModuleContent(title: "T", passMark: 80, sections: [], check: questions)
        #expect(module.score([0, 0, 0, 0, 1]).passed)  // 4 of 5 = 80 %
        #expect(!module.score([0, 0, 0, 1, 1]).passed)  // 3 of 5 = 60 %
    }

    @Test(arguments: [
        ("passMark: 80\n## check\nQ: a\n* b\n- c", 1, ModuleText.Problem.Code.missingTitle),
        ("# T\n## page: x\ntekst", 2, .missingPassMark),
        ("# T\npassMark: 120\n", 2, .missingPassMark),
        ("# T\npassMark: 80\nløs tekst", 3, .textOutsideSection),
        ("# T\npassMark: 80\n## side: x\ntekst", 3, .unknownSection),
        ("# T\npassMark: 80\n## page: x\nEn <b>fed</b> tekst", 4, .html),
        ("# T\npassMark: 80\n## page: x\nEn &amp; to", 4, .html),
        ("# T\npassMark: 80\n## page: x\nEn **åben tekst", 3, .unbalancedEmphasis),
        ("# T\npassMark: 80\n## page: x\n? Et spørgsmål på en side", 4, .questionOutsideSection),
        ("# T\npassMark: 80\n## page: x\n\n## check\nQ: a\n* b\n- c", 3, .emptySection),
        ("# T\npassMark: 80\n## page: x\ntekst", 4, .missingCheck),
        ("# T\npassMark: 80\n## page: x\ntekst\n## check\nQ: a\n- b\n- c", 6, .questionWithoutRightOption),
        ("# T\npassMark: 80\n## page: x\ntekst\n## check\nQ: a\n* b\n* c", 6, .questionWithSeveralRightOptions),
        ("# T\npassMark: 80\n## page: x\ntekst\n## check\nQ: a\n* b", 6, .questionWithTooFewOptions),
        ("# T\npassMark: 80\n## page: x\ntekst\n## check\n- b", 6, .optionOutsideQuestion),
        ("# T\npassMark: 80\n## check\nQ: a\n* b\n- c\n## page: x", 7, .checkNotLast),
    ])
    func whatTheFormatRefusesIsNamedWithItsLine(text: String, line: Int, code: ModuleText.Problem.Code) {
        #expect(throws: ModuleText.Problem(line: line, code: code)) { try ModuleText.parse(text) }
    }

    @Test func aLoneLessThanSignIsText() throws {
        let module = try ModuleText.parse("# T\npassMark: 80\n## page: x\nEn score < 4 og > 7 er to ting.\n## check\nQ: a\n* b\n- c")
        #expect(module.sections[0].body == [.paragraph([.text("En score < 4 og > 7 er to ting.")])])
    }

    /// The five modules of "tidlig palliation" as shipped: each reads, with at least three pages,
    /// two cases, three reflection questions and a five-question check.
    @Test(arguments: 1...5)
    func theShippedModulesAreComplete(number: Int) throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/LindringStore/Resources/learning/tidlig-palliation-\(number).md")
        let module = try ModuleText.parse(try String(contentsOf: file, encoding: .utf8))
        #expect(module.sections.filter { $0.kind == .page }.count >= 3)
        #expect(module.sections.filter { $0.kind == .case }.count >= 2)
        #expect(module.reflectionQuestions.count >= 3)
        #expect(module.check.count == 5 && module.passMark == 80)
    }
}
