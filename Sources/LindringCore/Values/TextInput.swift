import Foundation

public enum TextInput {
    /// Control characters other than tab, line feed and carriage return.
    public static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { CharacterSet.controlCharacters.contains($0) && !["\t", "\n", "\r"].contains($0) }
    }

    /// The text without any control characters, for look-ups of values that can never contain them.
    public static func withoutControlCharacters(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }))
    }
}
