import Foundation

/// A CSV file as another system exports it (comma or semicolon separated, quoted fields
/// allowed, a byte order mark and CRLF tolerated): its header and its non-blank lines with their
/// numbers (1 is the header), for the imports that refuse a file whole and name each bad line.
public struct CSVText: Sendable {
    public struct Line: Sendable {
        /// The line's number in the file, 1 being the header.
        public var number: Int
        public var fields: [String]
    }

    public var header: [String]
    public var lines: [Line]

    /// Reads `text`; refused (naming line 1) when it has no header or its header is not `expectedHeader`.
    public init(_ text: String, expectedHeader: [String]) throws(ValidationFailure) {
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = String(first.dropFirst()) }
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        guard let headerLine = lines.first else { throw ValidationFailure([FieldError("header", .required, line: 1)]) }
        let separator: Character = headerLine.contains(";") && !headerLine.contains(",") ? ";" : ","
        header = Self.fields(headerLine, separator).map(trimmed)
        guard header == expectedHeader else { throw ValidationFailure([FieldError("header", .invalidFormat, line: 1)]) }
        self.lines = lines.enumerated().dropFirst().compactMap { index, line in
            line.trimmingCharacters(in: .whitespaces).isEmpty ? nil : Line(number: index + 1, fields: Self.fields(line, separator).map(trimmed))
        }
    }

    /// A line's fields: separated by `separator`, a field in double quotes may hold the separator
    /// and `""` for a quote.
    static func fields(_ line: String, _ separator: Character) -> [String] {
        var result: [String] = []
        var current = ""
        var quoted = false
        var iterator = Array(line).makeIterator()
        while let character = iterator.next() {
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" {
                            current.append("\"")
                        } else {
                            quoted = false
                            if next == separator {
                                result.append(current)
                                current = ""
                            } else {
                                current.append(next)
                            }
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" && current.trimmingCharacters(in: .whitespaces).isEmpty {
                quoted = true
                current = ""
            } else if character == separator {
                result.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        result.append(current)
        return result
    }
}
