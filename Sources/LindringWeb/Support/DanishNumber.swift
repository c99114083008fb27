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
