import Foundation

/// The one builder behind Lindring's server-rendered charts (the advisory statistics and the
/// screening trends): no script, printable, and an image with a spoken label whose tables carry
/// the numbers. It owns what every chart must get right once: escaping each label and title,
/// writing coordinates with a point as the decimal separator whatever the locale, and the
/// `role="img"` wrapper. The charts decide only what to draw where.
struct SVGChart {
    private var markup: String

    /// - Parameters:
    ///   - kind: the chart's CSS class beside `chart` (`heatmap`, `per-day`, `trend`).
    ///   - label: what a screen reader hears for the whole chart.
    ///   - stretches: the chart fills its box in both directions (bars over a year) instead of
    ///     keeping its proportions.
    init(kind: String, label: String, width: Double, height: Double, stretches: Bool = false) {
        markup =
            "<svg class=\"chart \(kind)\" role=\"img\" aria-label=\"\(HTMLEscaping.escape(label))\" viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\""
            + (stretches ? " preserveAspectRatio=\"none\"" : "") + " xmlns=\"http://www.w3.org/2000/svg\">"
    }

    enum Anchor: String {
        case start, middle, end
    }

    mutating func rect(
        x: Double, y: Double, width: Double, height: Double, class className: String? = nil, fill: String? = nil,
        cornerRadius: Double? = nil, title: String? = nil
    ) {
        element(
            "rect",
            [
                ("x", Self.number(x)), ("y", Self.number(y)), ("width", Self.number(width)), ("height", Self.number(height)),
                ("rx", cornerRadius.map(Self.number)), ("class", className), ("fill", fill),
            ], title: title)
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, class className: String) {
        element("line", [("x1", Self.number(x1)), ("x2", Self.number(x2)), ("y1", Self.number(y1)), ("y2", Self.number(y2)), ("class", className)])
    }

    mutating func text(_ text: String, x: Double, y: Double, anchor: Anchor = .start, class className: String) {
        let anchorAttribute = anchor == .start ? "" : " text-anchor=\"\(anchor.rawValue)\""
        markup += "<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\"\(anchorAttribute) class=\"\(className)\">\(HTMLEscaping.escape(text))</text>"
    }

    mutating func polyline(_ points: [(x: Double, y: Double)], class className: String) {
        element("polyline", [("class", className), ("points", points.map { "\(Self.number($0.x)),\(Self.number($0.y))" }.joined(separator: " "))])
    }

    mutating func circle(x: Double, y: Double, radius: Double, class className: String, title: String? = nil) {
        element("circle", [("cx", Self.number(x)), ("cy", Self.number(y)), ("r", Self.number(radius)), ("class", className)], title: title)
    }

    /// The finished `<svg>` element.
    var rendered: String { markup + "</svg>" }

    /// Attribute values here are numbers, class names and colours that the charts write, never
    /// input; a title is text (a label, a name) and is escaped.
    private mutating func element(_ name: String, _ attributes: [(String, String?)], title: String? = nil) {
        markup += "<\(name)"
        for case let (attribute, value?) in attributes { markup += " \(attribute)=\"\(value)\"" }
        if let title { markup += "><title>\(HTMLEscaping.escape(title))</title></\(name)>" } else { markup += "/>" }
    }

    /// Whole numbers as they are, others to two decimals without trailing zeros ("12", "3.5").
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        // 171.0004 rounds to "171.00": no point may be left dangling ("171." is no SVG number).
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}
