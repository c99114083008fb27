import Foundation

/// Phone numbers as staff type them: digits, spaces, an optional leading +, 8 to 15 digits.
public enum PhoneNumber {
    static func check(_ field: String, _ value: String?, _ v: inout Validator) -> String? {
        guard let text = v.optionalText(field, value, maxLength: 25) else { return nil }
        let digits = text.filter { $0.isASCII && $0.isNumber }
        let allowed = text.enumerated().allSatisfy { index, c in
            (c.isASCII && c.isNumber) || c == " " || c == "-" || (c == "+" && index == 0)
        }
        if !allowed || digits.count < 8 || digits.count > 15 {
            v.add(field, .invalidFormat)
        }
        return text
    }
}
