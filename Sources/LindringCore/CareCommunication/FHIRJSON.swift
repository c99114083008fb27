import Crypto
import Foundation

/// A JSON value as the builder writes FHIR: strings, objects and arrays only (nothing in a
/// CareCommunication is a number or a boolean). Encoding it with sorted keys makes the output a
/// function of the message alone.
indirect enum FHIRValue: Encodable, Equatable {
    case string(String)
    case object([String: FHIRValue])
    case array([FHIRValue])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .object(let members): try container.encode(members)
        case .array(let elements): try container.encode(elements)
        }
    }

    var data: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings, objects and arrays cannot fail to encode.
        return (try? encoder.encode(self)) ?? Data()
    }
}

extension FHIRValue: ExpressibleByStringLiteral, ExpressibleByDictionaryLiteral, ExpressibleByArrayLiteral {
    init(stringLiteral value: String) { self = .string(value) }
    init(dictionaryLiteral elements: (String, FHIRValue)...) { self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last })) }
    init(arrayLiteral elements: FHIRValue...) { self = .array(elements) }
}

/// Text and time in the forms FHIR R4 accepts.
enum FHIRText {
    /// A FHIR `string` may not hold control characters other than tab, CR and LF, and XML 1.0
    /// (the narrative, and MedCom's XML form of the same message) cannot hold them at all.
    static func string(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\t" || $0 == "\n" || $0 == "\r" }))
    }

    /// Text escaped for XHTML character data and attribute values.
    static func xhtml(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in string(text) {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Multi-line text for the narrative: escaped, each line break a `<br/>` so that the
    /// receiver's rendering keeps the writer's lines.
    static func xhtmlLines(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { xhtml(String($0)) }.joined(separator: "<br/>")
    }

    /// The narrative `div` FHIR requires, around XHTML that is already escaped.
    static func div(_ xhtml: String) -> String { "<div xmlns=\"http://www.w3.org/1999/xhtml\">\(xhtml)</div>" }

    /// A FHIR `dateTime` and `instant`: Copenhagen wall-clock time with its offset, whole seconds,
    /// as MedCom's examples write it (`2024-05-01T12:00:00+02:00`). The receiver's staff read the
    /// same time in the narrative.
    static func dateTime(_ date: Date) -> String {
        let whole = Date(timeIntervalSince1970: (date.timeIntervalSince1970).rounded(.down))
        let c = DanishCalendar.components(of: whole)
        let offset = DanishCalendar.timeZone.secondsFromGMT(for: whole)
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 3600, minutes = abs(offset) % 3600 / 60
        return "\(c.year.zeroPadded(4))-\(c.month.zeroPadded(2))-\(c.day.zeroPadded(2))T\(c.hour.zeroPadded(2)):\(c.minute.zeroPadded(2))"
            + ":\(c.second.zeroPadded(2))\(sign)\(hours.zeroPadded(2)):\(minutes.zeroPadded(2))"
    }

    /// "24.12.2026 10:00", Copenhagen time, for the narrative.
    static func danishDateTime(_ date: Date) -> String {
        let c = DanishCalendar.components(of: date)
        return "\(c.day.zeroPadded(2)).\(c.month.zeroPadded(2)).\(c.year.zeroPadded(4)) \(c.hour.zeroPadded(2)):\(c.minute.zeroPadded(2))"
    }

    /// A full name as HumanName: the last word the family name, the words before it the given
    /// names (Danish practice; middle names count as given names, as in MedCom's examples).
    static func humanName(_ fullName: String) -> (given: [String], family: String) {
        let words = string(fullName).split(whereSeparator: \.isWhitespace).map(String.init)
        guard let family = words.last else { return ([], "") }
        return (Array(words.dropLast()), family)
    }

    /// `urn:uuid:` and the UUID in lower case, the form MedCom's medcom-uuidv4 invariant matches.
    static func urn(_ uuid: UUID) -> String { "urn:uuid:" + uuid.uuidString.lowercased() }

    /// Whether `text` is `urn:uuid:` and a lower-case UUID of version 4 (RFC 9562 variant).
    static func isUUIDv4URN(_ text: String) -> Bool {
        guard text.hasPrefix("urn:uuid:") else { return false }
        let hex = Array(text.utf8.dropFirst(9))
        guard hex.count == 36 else { return false }
        for (index, byte) in hex.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else if !((48...57).contains(byte) || (97...102).contains(byte)) {
                return false
            }
        }
        return hex[14] == UInt8(ascii: "4") && [UInt8(ascii: "8"), UInt8(ascii: "9"), UInt8(ascii: "a"), UInt8(ascii: "b")].contains(hex[19])
    }
}

extension UUID {
    /// A UUID derived from this one and a label: the first 16 bytes of SHA-256 with the version
    /// and variant bits of a version-4 UUID. The bundle's ids and the new payload's identifier
    /// come from the message id this way, so that one message always gives the same JSON, while
    /// every id still has the UUID v4 form MedCom's invariants require (a hash is as good as
    /// random for uniqueness; version 5 would not pass medcom-uuidv4).
    func derived(_ label: String) -> UUID {
        var bytes = Array(SHA256.hash(data: Data((uuidString.lowercased() + "/" + label).utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0f) | 0x40
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11],
                bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }

    var fhirId: String { uuidString.lowercased() }
}
