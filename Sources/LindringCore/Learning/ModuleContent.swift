import Foundation

/// An e-learning module as its text is written: pages of learning content, patient cases and
/// reflection questions, and a knowledge check with a pass mark. Educators edit the text in the
/// browser (`ModuleText`), so it holds only what the format allows: no HTML, ever.
public struct ModuleContent: Equatable, Codable, Sendable {
    public var title: String
    /// The share of the check's questions to answer right, in percent.
    public var passMark: Int
    public var sections: [Section]
    public var check: [Question]

    public enum SectionKind: String, Codable, Sendable, CaseIterable {
        case page
        case `case`
        case reflection
    }

    public struct Section: Equatable, Codable, Sendable {
        public var kind: SectionKind
        public var title: String
        public var body: [Block]
        /// Reflection questions (in a case or a reflection section).
        public var questions: [String]
    }

    public enum Block: Equatable, Codable, Sendable {
        case paragraph([Inline])
        case bullets([[Inline]])
        case numbered([[Inline]])
    }

    public enum Inline: Equatable, Codable, Sendable {
        case text(String)
        case strong(String)
        case emphasis(String)
    }

    public struct Question: Equatable, Codable, Sendable {
        public var text: String
        public var options: [String]
        /// The index of the right option.
        public var correct: Int
    }

    /// Every reflection question with the section it belongs to, numbered across the module.
    public var reflectionQuestions: [(section: Int, question: Int, text: String)] {
        sections.enumerated().flatMap { index, section in section.questions.enumerated().map { (index, $0, $1) } }
    }

    /// The check's result: how many answers were right, and whether that reaches the pass mark.
    /// An answer missing or out of range counts as wrong.
    public func score(_ answers: [Int?]) -> (right: Int, passed: Bool) {
        let right = check.enumerated().filter { index, question in index < answers.count && answers[index] == question.correct }.count
        // right / count ≥ passMark / 100, in whole numbers
        return (right, !check.isEmpty && right * 100 >= passMark * check.count)
    }
}
