import Foundation

/// One change to a learner's progress in a module, made on their device (perhaps offline) and
/// sent when it can be: a section read, a reflection written, the check answered. The device
/// gives each change its own id, so a change sent twice is stored once; reflections are never
/// overwritten, so two devices' reflections on one question are both kept.
public struct ProgressChangeDraft: Codable, Equatable, Sendable {
    public var clientId: String?
    public var moduleId: String?
    public var kind: String?
    public var section: Int?
    public var question: Int?
    public var text: String?
    public var answers: [Int?]?
    /// When it happened on the device (ISO 8601); the time it arrives when absent.
    public var at: String?

    public init(
        clientId: String? = nil, moduleId: String? = nil, kind: String? = nil, section: Int? = nil, question: Int? = nil, text: String? = nil,
        answers: [Int?]? = nil, at: String? = nil
    ) {
        self.clientId = clientId
        self.moduleId = moduleId
        self.kind = kind
        self.section = section
        self.question = question
        self.text = text
        self.answers = answers
        self.at = at
    }

    public static let maxReflectionLength = 4000

    /// Checked against the module it names (`content`): the section and question must exist.
    /// A device's clock may be off, so a time in the future is taken as now.
    public func validated(content: (UUID) -> ModuleContent?, now: Date) throws(ValidationFailure) -> ProgressChange {
        var v = Validator()
        let clientId = v.uuid("clientId", clientId, required: true)
        let moduleId = v.uuid("moduleId", moduleId, required: true)
        let kind = v.choice("kind", kind, as: ProgressChange.Kind.self)
        let at = v.instant("at", at, required: false).map { min($0, now) } ?? now
        try v.check()
        guard let module = content(moduleId!) else { throw ValidationFailure([FieldError("moduleId", .notFound)]) }
        var change = ProgressChange(clientId: clientId!, moduleId: moduleId!, kind: kind!, at: at)
        switch kind! {
        case .sectionRead:
            guard let section, module.sections.indices.contains(section) else { throw ValidationFailure([FieldError("section", .outOfRange)]) }
            change.section = section
        case .reflection:
            guard let section, module.sections.indices.contains(section) else { throw ValidationFailure([FieldError("section", .outOfRange)]) }
            guard let question, module.sections[section].questions.indices.contains(question) else {
                throw ValidationFailure([FieldError("question", .outOfRange)])
            }
            let text = v.requiredText("text", text ?? "", maxLength: Self.maxReflectionLength)
            try v.check()
            change.section = section
            change.question = question
            change.text = text
        case .checkAnswers:
            guard let answers, answers.count == module.check.count else { throw ValidationFailure([FieldError("answers", .invalidFormat)]) }
            change.answers = answers
        }
        return change
    }
}

public struct ProgressChange: Equatable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case sectionRead
        case reflection
        case checkAnswers
    }

    public var clientId: UUID
    public var moduleId: UUID
    public var kind: Kind
    public var section: Int?
    public var question: Int?
    public var text: String?
    public var answers: [Int?]?
    public var at: Date

    public init(
        clientId: UUID, moduleId: UUID, kind: Kind, section: Int? = nil, question: Int? = nil, text: String? = nil, answers: [Int?]? = nil,
        at: Date
    ) {
        self.clientId = clientId
        self.moduleId = moduleId
        self.kind = kind
        self.section = section
        self.question = question
        self.text = text
        self.answers = answers
        self.at = at
    }
}

/// A learner's standing in a module: which sections they have read, their best check, and
/// whether that completes it (every section read and the check passed).
public struct ModuleProgress: Equatable, Sendable {
    public var sectionsRead: Set<Int>
    public var bestRight: Int?
    public var passed: Bool

    public init(sectionsRead: Set<Int> = [], bestRight: Int? = nil, passed: Bool = false) {
        self.sectionsRead = sectionsRead
        self.bestRight = bestRight
        self.passed = passed
    }

    public func isComplete(_ module: ModuleContent) -> Bool {
        passed && Set(module.sections.indices).isSubset(of: sectionsRead)
    }
}
