/// The interface languages: Danish first, English second.
public enum Language: String, CaseIterable, Sendable, Codable {
    case danish = "da"
    case english = "en"

    /// Picks the preferred supported language from an Accept-Language header, honouring
    /// q-values; Danish when nothing matches.
    public static func preferred(acceptLanguage header: String?) -> Language {
        guard let header else { return .danish }
        let ranked = header.split(separator: ",").enumerated().compactMap { index, part -> (Language, Double, Int)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased() else { return nil }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            let language: Language? =
                switch primary {
                case "da", "nb", "no", "nn": .danish
                case "en": .english
                default: nil
                }
            guard let language else { return nil }
            let q = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return q > 0 ? (language, q, index) : nil
        }
        return ranked.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.2 < $1.2 }.first?.0 ?? .danish
    }
}

/// Looks texts up in the catalog of one language.
public struct Localizer: Sendable {
    public let language: Language

    public init(_ language: Language) {
        self.language = language
    }

    /// The text for a key; a missing key shows itself in brackets (and fails the catalog test).
    public func callAsFunction(_ key: String) -> String {
        Catalog.texts(for: language)[key] ?? "[\(key)]"
    }

    /// The text for a key with `{name}` placeholders filled in, in one pass over the text: a
    /// value that itself contains `{…}` (a name as typed) is shown as it is, and a placeholder
    /// without a value stays visible. Each placeholder is the innermost `{…}`; the scan works on
    /// UTF-8, so a combining mark after a brace is kept.
    public func callAsFunction(_ key: String, _ values: [String: String]) -> String {
        let template = self(key)
        var text = ""
        text.reserveCapacity(template.utf8.count + values.values.reduce(0) { $0 + $1.utf8.count })
        var rest = Substring(template)
        while let close = rest.utf8.firstIndex(of: UInt8(ascii: "}")) {
            let afterClose = rest.utf8.index(after: close)
            guard let open = rest.utf8[..<close].lastIndex(of: UInt8(ascii: "{")) else {
                text += Substring(rest.utf8[..<afterClose])
                rest = Substring(rest.utf8[afterClose...])
                continue
            }
            text += Substring(rest.utf8[..<open])
            let name = String(Substring(rest.utf8[rest.utf8.index(after: open)..<close]))
            text += values[name] ?? String(Substring(rest.utf8[open..<afterClose]))
            rest = Substring(rest.utf8[afterClose...])
        }
        text += rest
        return text
    }

    /// The display name of an enum value: the key is `prefix.rawValue`.
    public func label<T: RawRepresentable>(_ prefix: String, _ value: T) -> String where T.RawValue == String {
        self("\(prefix).\(value.rawValue)")
    }

    /// Every value of an enum with its display name, for a select or checkboxes.
    func options<T: RawRepresentable & CaseIterable>(_ prefix: String, _ type: T.Type) -> [(value: String, label: String)]
    where T.RawValue == String {
        T.allCases.map { ($0.rawValue, label(prefix, $0)) }
    }
}

/// Every text of the interface: the shared catalogs (`Catalog+Danish.swift`, `+English.swift`)
/// and each feature's own words (`Features/<Module>/<Module>Words.swift`).
enum Catalog {
    /// Each feature's words; a new module adds its table here.
    static let features: [[String: Words]] = [
        advisory, socialWork, learning, learningEvents, cohorts, budget,
        referrals, indicators, careCommunications, workingGroup,
    ]

    static let danish = sharedDanish.merging(features.flatMap { $0.mapValues(\.da) }) { shared, _ in shared }
    static let english = sharedEnglish.merging(features.flatMap { $0.mapValues(\.en) }) { shared, _ in shared }

    static func texts(for language: Language) -> [String: String] {
        switch language {
        case .danish: danish
        case .english: english
        }
    }
}

/// One text of a feature, in both languages side by side: a module's words live in its own
/// folder, and neither language can be left out.
struct Words: Sendable {
    let da: String
    let en: String
}
