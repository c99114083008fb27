import Plot

/// Escaping of text and attribute values. Plot writes attribute values as given, so a value typed
/// by a user (re-rendered in a form) could close the attribute and inject markup; and its text
/// escaping goes character by character, building a string for each, which was 7 % of a patient
/// search's CPU (docs/performance.md), and leaves anything that looks like an entity ("&amp;")
/// as markup. One escaping serves both: `&`, `"`, `'`, `<` and `>` become entities.
enum HTMLEscaping {
    static func escape(_ value: String) -> String {
        // Most names and labels hold none of the five: scanned as bytes, returned as they are.
        guard
            value.utf8.contains(where: {
                $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'")
                    || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
            })
        else { return value }
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count + 16)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}

extension Node {
    /// Text, escaped (`HTMLEscaping`): what Plot's `.text` is for, every character shown as typed.
    static func plainText(_ text: String) -> Node {
        .raw(HTMLEscaping.escape(text))
    }

    /// A fieldset's caption (Plot has no `.legend`), escaped like `.plainText`.
    static func legend(_ text: String) -> Node {
        .element(named: "legend", nodes: [.plainText(text)])
    }
}
