/// Plot escapes text nodes but writes attribute values as given, so a value typed by a
/// user (re-rendered in a form) could close the attribute and inject markup. Every
/// attribute that can carry user input goes through this.
enum AttributeEscaping {
    static func escape(_ value: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(value.count)
        for character in value {
            switch character {
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
