extension BinaryInteger {
    /// The number in decimal, with leading zeros up to `width` digits (`7.zeroPadded(2)` is
    /// `"07"`). Dates and times on every page are written so; `String(format: "%02d")` goes
    /// through Foundation and C's `vsnprintf` each time.
    public func zeroPadded(_ width: Int) -> String {
        let digits = String(magnitude)
        let padding = String(repeating: "0", count: Swift.max(0, width - digits.utf8.count))
        return (self < 0 ? "-" : "") + padding + digits
    }
}
