extension Catalog {
    static let danish: [String: String] = [:]
}
