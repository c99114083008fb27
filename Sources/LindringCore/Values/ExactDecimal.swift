import Foundation

extension Decimal {
    /// Half away from zero, to `scale` decimals: exact, never through `Double`.
    public func rounded(scale: Int) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, .plain)
        return result
    }

    /// Whether the value has at most `scale` decimals.
    public func hasAtMost(decimals scale: Int) -> Bool { rounded(scale: scale) == self }

    /// How many decimals to show: `fewest` when they hold the value, else `most` (kroner show øre
    /// only when there are any, FTEs a second decimal only when typed so).
    public func shownDecimals(fewest: Int, most: Int) -> Int { hasAtMost(decimals: fewest) ? fewest : most }

    /// The value as plain decimal text with exactly `scale` decimals and a point (`"2.6"`,
    /// `"-0.4"`, `"1500000"`): what the JSON API sends, whatever the value's own exponent.
    public func fixed(_ scale: Int) -> String {
        let value = rounded(scale: scale)
        let negative = value < 0
        let magnitude = negative ? -value : value
        // Scaled to a whole number, its description has no exponent or point.
        var scaled = magnitude
        for _ in 0..<scale { scaled *= 10 }
        var digits = scaled.rounded(scale: 0).description
        if scale > 0 {
            while digits.count <= scale { digits = "0" + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return (negative && value != 0 ? "-" : "") + digits
    }
}

extension Validator {
    /// A decimal number as typed (`1.2`, `1,2`, `-0.4`) or sent (`"1.2"`): a point or a comma
    /// as the decimal mark, and an optional minus; refused with `tooManyDecimals` when it has more
    /// than `decimals` decimals, and with `outOfRange` outside `range`. Nil when blank or refused.
    /// Danish thousands points are read where they cannot be a decimal point: beside a decimal
    /// comma (`1.234,50`) or more than one (`1.600.000`); `1.600` stays one point six.
    public mutating func decimal(
        _ field: String, _ text: String?, decimals: Int, in range: ClosedRange<Decimal>, required: Bool
    ) -> Decimal? {
        let typed = Self.withoutThousandsPoints((text ?? "").trimmingCharacters(in: .whitespaces)).replacingOccurrences(of: ",", with: ".")
        guard !typed.isEmpty else {
            if required { add(field, .required) }
            return nil
        }
        let unsigned = typed.hasPrefix("-") ? typed.dropFirst() : Substring(typed)
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        guard !unsigned.isEmpty, parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let value = Decimal(string: typed)
        else {
            add(field, .invalidFormat)
            return nil
        }
        guard value.hasAtMost(decimals: decimals) else {
            add(field, .tooManyDecimals)
            return nil
        }
        guard range.contains(value) else {
            add(field, .outOfRange)
            return nil
        }
        return value
    }

    /// The text without its thousands points, when it has them in groups of three: `1.234,50` →
    /// `1234,50`, `1.600.000` → `1600000`; anything else as it is.
    static func withoutThousandsPoints(_ text: String) -> String {
        let points = text.filter { $0 == "." }.count
        guard points > 0, text.contains(",") || points > 1 else { return text }
        let whole = text.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let groups = (whole.hasPrefix("-") ? whole.dropFirst() : whole).split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return text }
        return text.replacingOccurrences(of: ".", with: "")
    }
}
