import Foundation
import Hummingbird

/// A query string (`request.query`: a GET form's filters, a page's `notice`), parsed leniently:
/// malformed escapes are kept as typed rather than failing, so odd input is answered with a field
/// error, never a crash. Form bodies are not read with it: they are decoded (`AppRequestDecoder`).
public struct FormData: Sendable, Equatable {
    public private(set) var pairs: [(String, String)] = []

    public init() {}

    public init(pairs: [(String, String)]) {
        self.pairs = pairs
    }

    public init(urlEncoded body: String) {
        pairs = body.split(separator: "&", omittingEmptySubsequences: true).map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(pieces[0])
            let value = pieces.count > 1 ? Self.decode(pieces[1]) : ""
            return (name, value)
        }
    }

    static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// The first value submitted under the name.
    public subscript(name: String) -> String? {
        pairs.first { $0.0 == name }?.1
    }

    /// Every value submitted under the name (checkbox groups, multi-selects).
    public func all(_ name: String) -> [String] {
        pairs.filter { $0.0 == name }.map(\.1)
    }

    public static func == (lhs: FormData, rhs: FormData) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0 == $1 }
    }
}

extension Request {
    /// The query string, decoded as browsers encode GET forms (`+` is a space), which the
    /// framework's own query parameters do not do.
    var query: FormData {
        FormData(urlEncoded: uri.query ?? "")
    }
}
