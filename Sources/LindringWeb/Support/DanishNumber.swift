import Foundation

/// Numbers as a Danish reader expects them on a page (issue 18, item 12): a decimal comma, at
/// most one decimal, and none when there is nothing after it ("70", "13,6", never "70.00").
enum DanishNumber {
    static func score(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded(.toNearestOrAwayFromZero))
        let whole = String(abs(tenths) / 10), sign = tenths < 0 ? "-" : ""
        return tenths % 10 == 0 ? sign + whole : sign + whole + "," + String(abs(tenths) % 10)
    }
}

/// Money and other exact amounts as a Danish reader writes them: a point between thousands, a
/// comma before the decimals ("1.234,5", "-0,4", "2,6 mio. kr.", "1.234.567 kr.").
extension DanishNumber {
    static func decimal(_ value: Decimal, decimals: Int) -> String {
        let text = value.fixed(decimals)
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        let parts = digits.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var grouped = ""
        while whole.count > 3 {
            grouped = "." + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        grouped = whole + grouped
        return (negative ? "-" : "") + grouped + (parts.count > 1 ? "," + parts[1] : "")
    }

    /// DKK million to one decimal: "2,6 mio. kr." (`unit` false: "2,6").
    static func million(_ value: Decimal, unit: Bool = true) -> String {
        decimal(value, decimals: 1) + (unit ? " mio. kr." : "")
    }

    /// Kroner: whole kroner, with øre where there are any ("1.234.567 kr.", "1.234,50 kr.").
    static func kroner(_ value: Decimal, unit: Bool = true) -> String {
        decimal(value, decimals: value.shownDecimals(fewest: 0, most: 2)) + (unit ? " kr." : "")
    }

    /// An FTE or a share: one decimal, two where there are two ("1,5", "0,25").
    static func fte(_ value: Decimal) -> String { decimal(value, decimals: value.shownDecimals(fewest: 1, most: 2)) }

    /// A price-level index: one decimal, up to three where finance typed them ("102,9", "104,325").
    static func index(_ value: Decimal) -> String { decimal(value, decimals: value.shownDecimals(fewest: 1, most: 3)) }
}
