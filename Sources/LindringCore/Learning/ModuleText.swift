import Foundation

/// Reads a module's text (the format educators write in, one module per text):
///
///     # Title
///     passMark: 80
///     ## page: A page's title
///     Paragraphs, blank-line separated; `- ` bullets; `1. ` numbered; **bold** and *emphasis*.
///     ## case: A patient case
///     ? A reflection question
///     ## reflection: Title
///     ? A reflection question
///     ## check
///     Q: A question
///     - a wrong option
///     * the right option
///
/// Anything else is refused with its line number, so an educator's edit never stores a module
/// that cannot be shown, and text that looks like HTML is refused rather than escaped away.
public enum ModuleText {
    public struct Problem: Error, Equatable, Sendable {
        public var line: Int
        public var code: Code

        public enum Code: String, Sendable, Codable {
            case missingTitle
            case missingPassMark
            case unknownSection
            case textOutsideSection
            case questionOutsideSection
            case html
            case unbalancedEmphasis
            case optionOutsideQuestion
            case questionWithoutRightOption
            case questionWithSeveralRightOptions
            case questionWithTooFewOptions
            case emptySection
            case missingCheck
            case checkNotLast
            case tooLong
        }

        public init(line: Int, code: Code) {
            self.line = line
            self.code = code
        }
    }

    public static let maxLength = 100_000

    public static func parse(_ text: String) throws(Problem) -> ModuleContent {
        guard text.count <= maxLength else { throw Problem(line: 1, code: .tooLong) }
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.first, first.hasPrefix("# "), !trimmed(String(first.dropFirst(2))).isEmpty else {
            throw Problem(line: 1, code: .missingTitle)
        }
        guard lines.count > 1, let mark = passMark(lines[1]) else { throw Problem(line: 2, code: .missingPassMark) }
        var content = ModuleContent(title: trimmed(String(first.dropFirst(2))), passMark: mark, sections: [], check: [])
        var section: ModuleContent.Section?
        var sectionLine = 0
        var paragraph: [String] = []
        var list: (numbered: Bool, items: [String])?
        var inCheck = false
        var checkLine = 0
        var question: (line: Int, text: String, options: [String], right: [Int])?

        func flushText() throws(Problem) {
            if !paragraph.isEmpty {
                section?.body.append(.paragraph(try inlines(paragraph.joined(separator: " "), line: sectionLine)))
                paragraph = []
            }
            if let current = list {
                var items: [[ModuleContent.Inline]] = []
                for item in current.items { items.append(try inlines(item, line: sectionLine)) }
                section?.body.append(current.numbered ? .numbered(items) : .bullets(items))
                list = nil
            }
        }
        func flushSection() throws(Problem) {
            try flushText()
            if let done = section {
                if done.body.isEmpty && done.questions.isEmpty { throw Problem(line: sectionLine, code: .emptySection) }
                content.sections.append(done)
            }
            section = nil
        }
        func flushQuestion() throws(Problem) {
            guard let asked = question else { return }
            if asked.options.count < 2 { throw Problem(line: asked.line, code: .questionWithTooFewOptions) }
            if asked.right.isEmpty { throw Problem(line: asked.line, code: .questionWithoutRightOption) }
            if asked.right.count > 1 { throw Problem(line: asked.line, code: .questionWithSeveralRightOptions) }
            content.check.append(ModuleContent.Question(text: asked.text, options: asked.options, correct: asked.right[0]))
            question = nil
        }

        for (offset, raw) in lines.enumerated().dropFirst(2) {
            let number = offset + 1
            let line = trimmed(raw)
            if looksLikeHTML(line) { throw Problem(line: number, code: .html) }
            if line.hasPrefix("## ") {
                if inCheck { throw Problem(line: number, code: .checkNotLast) }
                try flushSection()
                let heading = trimmed(String(line.dropFirst(3)))
                if heading == "check" {
                    inCheck = true
                    checkLine = number
                    continue
                }
                let parts = heading.split(separator: ":", maxSplits: 1).map { trimmed(String($0)) }
                guard parts.count == 2, let kind = ModuleContent.SectionKind(rawValue: parts[0]), !parts[1].isEmpty else {
                    throw Problem(line: number, code: .unknownSection)
                }
                section = ModuleContent.Section(kind: kind, title: parts[1], body: [], questions: [])
                sectionLine = number
                continue
            }
            if inCheck {
                if line.isEmpty { continue }
                if line.hasPrefix("Q:") {
                    try flushQuestion()
                    question = (number, trimmed(String(line.dropFirst(2))), [], [])
                } else if line.hasPrefix("- ") || line.hasPrefix("* ") {
                    guard question != nil else { throw Problem(line: number, code: .optionOutsideQuestion) }
                    if line.hasPrefix("* ") { question!.right.append(question!.options.count) }
                    question!.options.append(trimmed(String(line.dropFirst(2))))
                } else {
                    throw Problem(line: number, code: .textOutsideSection)
                }
                continue
            }
            guard section != nil else {
                if line.isEmpty { continue }
                throw Problem(line: number, code: .textOutsideSection)
            }
            if line.isEmpty {
                try flushText()
            } else if line.hasPrefix("? ") {
                guard section?.kind != .page else { throw Problem(line: number, code: .questionOutsideSection) }
                try flushText()
                section?.questions.append(trimmed(String(line.dropFirst(2))))
            } else if line.hasPrefix("- ") {
                if !paragraph.isEmpty || list?.numbered == true { try flushText() }
                list = (false, (list?.items ?? []) + [String(line.dropFirst(2))])
            } else if let item = numberedItem(line) {
                if !paragraph.isEmpty || list?.numbered == false { try flushText() }
                list = (true, (list?.items ?? []) + [item])
            } else {
                if list != nil { try flushText() }
                paragraph.append(line)
            }
        }
        if inCheck { try flushQuestion() } else { try flushSection() }
        guard inCheck, !content.check.isEmpty else { throw Problem(line: max(checkLine, lines.count), code: .missingCheck) }
        return content
    }

    /// A tag or an entity: `<b>`, `</p>`, `<!--`, `&amp;`. A lone "<" or "&" (a score < 4) is text.
    static func looksLikeHTML(_ line: String) -> Bool {
        line.range(of: #"<\s*[A-Za-z/!?]|&[A-Za-z#][A-Za-z0-9]*;"#, options: .regularExpression) != nil
    }

    static func passMark(_ line: String) -> Int? {
        let parts = line.split(separator: ":", maxSplits: 1).map { trimmed(String($0)) }
        guard parts.count == 2, parts[0] == "passMark",
            let mark = Int(parts[1].replacingOccurrences(of: "%", with: "").trimmingCharacters(in: .whitespaces)),
            (1...100).contains(mark)
        else { return nil }
        return mark
    }

    static func numberedItem(_ line: String) -> String? {
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3, line.dropFirst(digits.count).hasPrefix(". ") else { return nil }
        return String(line.dropFirst(digits.count + 2))
    }

    /// `**bold**` and `*emphasis*` within a line; a marker left open is refused.
    static func inlines(_ text: String, line: Int) throws(Problem) -> [ModuleContent.Inline] {
        var result: [ModuleContent.Inline] = []
        var rest = Substring(text)
        while let star = rest.firstIndex(of: "*") {
            if star > rest.startIndex { result.append(.text(String(rest[..<star]))) }
            let strong = rest[star...].hasPrefix("**")
            let marker = strong ? "**" : "*"
            let inner = rest[rest.index(star, offsetBy: marker.count)...]
            guard let close = inner.range(of: marker) else { throw Problem(line: line, code: .unbalancedEmphasis) }
            let span = String(inner[..<close.lowerBound])
            guard !span.isEmpty else { throw Problem(line: line, code: .unbalancedEmphasis) }
            result.append(strong ? .strong(span) : .emphasis(span))
            rest = inner[close.upperBound...]
        }
        if !rest.isEmpty { result.append(.text(String(rest))) }
        return result
    }
}
