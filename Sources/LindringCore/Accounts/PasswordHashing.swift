/// Turns a password into the hash that is stored. The web layer's bcrypt hasher is the one
/// implementation; account creation and the demo data take it through this protocol so that
/// they need neither the web layer nor bcrypt.
public protocol PasswordHashing: Sendable {
    func hash(_ password: String) async throws -> String
}
