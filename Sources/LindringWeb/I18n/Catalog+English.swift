extension Catalog {
    static let english: [String: String] = [:]
}
