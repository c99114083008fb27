import Foundation

/// Folding of patient names and search queries, so that staff find a patient however the name
/// was typed: with or without capitals and accents, and with å, æ, ø or their two-letter
/// spellings (aa, ae, oe), which Danes use interchangeably on keyboards and in old records.
public enum NameSearch {
    /// Folds a name or a query for matching: lowercased; the Danish letters spelled out
    /// (å → aa, æ → ae, ø → oe); every other diacritic removed (é → e, ö → o, ä → a);
    /// runs of whitespace and hyphens collapsed to a single space; trimmed.
    public static func fold(_ text: String) -> String {
        // Composed first, so that an å typed as "a" + combining ring (or as the Ångström sign)
        // is spelled out as "aa" like any other å, instead of losing its ring below.
        let composed = text.precomposedStringWithCanonicalMapping.lowercased()
        var spelledOut = ""
        spelledOut.reserveCapacity(composed.utf8.count)
        for scalar in composed.unicodeScalars {
            switch scalar {
            case "å": spelledOut += "aa"
            case "æ": spelledOut += "ae"
            case "ø": spelledOut += "oe"
            default: spelledOut.unicodeScalars.append(scalar)
            }
        }
        // Compatibility decomposition also turns full-width letters and ligatures into plain ones.
        var folded = String.UnicodeScalarView()
        for scalar in spelledOut.decomposedStringWithCompatibilityMapping.unicodeScalars {
            switch scalar {
            // ǽ and ǿ only reveal their æ and ø once decomposed.
            case "æ": folded.append(contentsOf: "ae".unicodeScalars)
            case "ø": folded.append(contentsOf: "oe".unicodeScalars)
            case _ where scalar.properties.generalCategory == .nonspacingMark:
                continue
            case _ where scalar.properties.generalCategory == .dashPunctuation || scalar.properties.isWhitespace:
                folded.append(" ")
            default:
                folded.append(scalar)
            }
        }
        return String(folded).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// The folded query split into words; empty when the query holds no words.
    public static func terms(_ query: String) -> [String] {
        fold(query).split(separator: " ").map(String.init)
    }

    /// A search as staff type it: an exact CPR number, or name words with at most one birth date
    /// among them (`12.03.1940`, `12-03-1940` or `12031940`), so that two patients of one name
    /// are told apart by when they were born.
    public struct Query: Equatable, Sendable {
        public var birthDate: LocalDate?
        public var terms: [String]

        public init(_ text: String) {
            var birthDate: LocalDate?
            var words: [Substring] = []
            for word in text.split(whereSeparator: \.isWhitespace) {
                if birthDate == nil, let date = Self.date(word) { birthDate = date } else { words.append(word) }
            }
            self.birthDate = birthDate
            terms = NameSearch.terms(words.joined(separator: " "))
        }

        /// `dd.mm.yyyy`, `dd-mm-yyyy`, `dd/mm/yyyy` or `ddmmyyyy`, a real day.
        static func date(_ word: Substring) -> LocalDate? {
            let digits = word.filter { $0.isASCII && $0.isNumber }
            let separators = word.filter { !($0.isASCII && $0.isNumber) }
            guard digits.count == 8, separators.isEmpty || (separators.count == 2 && Set(separators).count == 1 && ".-/".contains(separators.first!)),
                separators.isEmpty || word.split(whereSeparator: { ".-/".contains($0) }).map(\.count) == [2, 2, 4]
            else { return nil }
            let chars = Array(digits)
            return LocalDate(String(chars[4..<8]) + "-" + String(chars[2..<4]) + "-" + String(chars[0..<2]))
        }
    }

    /// True when every word of the query occurs, as a substring and in any order, in the folded name.
    /// An empty query matches no one: a search box left blank must not list every patient.
    public static func matches(name: String, query: String) -> Bool {
        let words = terms(query)
        guard !words.isEmpty else { return false }
        let foldedName = fold(name)
        return words.allSatisfy { foldedName.contains($0) }
    }
}
