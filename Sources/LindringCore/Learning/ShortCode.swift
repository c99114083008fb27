import Foundation

/// Codes people read aloud or type from paper: a workshop group's join code, a certificate's
/// verification code. Letters and digits that cannot be mistaken for one another (no 0/O,
/// 1/I/L), shown in groups of four, accepted however they are typed.
public enum ShortCode {
    public static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    /// A fresh random code of `length` characters.
    public static func make<G: RandomNumberGenerator>(length: Int, using generator: inout G) -> String {
        String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }

    public static func make(length: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return make(length: length, using: &generator)
    }

    /// The code as typed, upper-cased and without spaces or dashes; nil when it is not
    /// `length` characters of the alphabet.
    public static func normalized(_ typed: String, length: Int) -> String? {
        let code = typed.uppercased().filter { $0 != " " && $0 != "-" }
        return code.count == length && code.allSatisfy(alphabet.contains) ? code : nil
    }

    /// Groups of four, joined by dashes: "K7MQ-2XRT-HW9D".
    public static func grouped(_ code: String) -> String {
        stride(from: 0, to: code.count, by: 4).map { start in
            let from = code.index(code.startIndex, offsetBy: start)
            return String(code[from..<(code.index(from, offsetBy: 4, limitedBy: code.endIndex) ?? code.endIndex)])
        }.joined(separator: "-")
    }
}
