/// JSON answers list every field, absent ones as `null`, so clients (and the OpenAPI schema)
/// can rely on the keys. Swift's synthesised encoding leaves nil optionals out; types that
/// adopt this protocol encode every stored property, in declaration order, nil as null.
protocol NullPreservingEncodable: Encodable {}

extension NullPreservingEncodable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: PropertyKey.self)
        for child in Mirror(reflecting: self).children {
            guard let label = child.label, let value = child.value as? any Encodable else { continue }
            let key = PropertyKey(stringValue: label)
            if Mirror(reflecting: child.value).displayStyle == .optional, Mirror(reflecting: child.value).children.isEmpty {
                try container.encodeNil(forKey: key)
            } else {
                try container.encode(value, forKey: key)
            }
        }
    }
}

struct PropertyKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(stringValue: String) {
        self.stringValue = stringValue
    }

    init?(intValue: Int) {
        nil
    }
}
