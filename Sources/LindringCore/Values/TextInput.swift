import Foundation

public enum TextInput {
    /// Control characters (Unicode's Cc) other than tab, line feed and carriage return. Format
    /// characters are text: a zero-width joiner inside an emoji, a soft hyphen.
    public static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control && !["\t", "\n", "\r"].contains($0) }
    }

    /// The text without any control characters, for look-ups of values that can never contain them.
    public static func withoutControlCharacters(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }))
    }
}

extension KeyedDecodingContainer {
    /// A number typed into a form (text) or sent as a JSON number, kept as text so that the
    /// draft's validation names a bad one (`siblings[0].age`) instead of refusing the whole body.
    public func decodeNumberText(forKey key: Key) throws -> String? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let text = try? decode(String.self, forKey: key) { return text }
        return "\(try decode(Decimal.self, forKey: key))"
    }

    /// A map of numbers (an amount per year) sent as JSON numbers or as text, value by value,
    /// kept as text like `decodeNumberText`; a null value is left out.
    public func decodeNumberTextMap(forKey key: Key) throws -> [String: String]? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decode([String: NumberText].self, forKey: key).compactMapValues(\.text)
    }

    /// A list of numbers sent as JSON numbers or typed as text, kept as text like `decodeNumberText`.
    public func decodeNumberTexts(forKey key: Key) throws -> [String]? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let texts = try? decode([String].self, forKey: key) { return texts }
        return try decode([Decimal].self, forKey: key).map { "\($0)" }
    }
}

/// One number of a JSON map, sent as text, as a number or as null.
public struct NumberText: Decodable, Sendable {
    public var text: String?

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            text = nil
        } else if let text = try? container.decode(String.self) {
            self.text = text
        } else {
            text = "\(try container.decode(Decimal.self))"
        }
    }
}

extension String {
    /// Nil for the empty string: an optional field left blank.
    public var nilIfEmpty: String? { isEmpty ? nil : self }
}
