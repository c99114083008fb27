import Foundation

/// A reflection written in a workshop group, on one of the case's questions.
public struct GroupReflectionDraft: Codable, Equatable, Sendable {
    /// The question's index in the case, as a number (JSON) or its text (a form).
    public var question: String?
    public var text: String?

    public init(question: String? = nil, text: String? = nil) {
        self.question = question
        self.text = text
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        question = try container.decodeNumberText(forKey: .question)
        text = try container.decodeIfPresent(String.self, forKey: .text)
    }

    /// Checked against the number of questions the case asks.
    public func validated(questions: Int) throws(ValidationFailure) -> (question: Int, text: String) {
        var v = Validator()
        let question = questions > 0 ? v.wholeNumber("question", question, in: 0...(questions - 1), required: true) : nil
        if questions == 0 { v.add("question", .outOfRange) }
        let text = v.requiredText("text", text ?? "", maxLength: ProgressChangeDraft.maxReflectionLength)
        try v.check()
        return (question!, text)
    }
}
