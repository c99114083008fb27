import FluentKit
import Foundation

final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "name") var name: String
    @Field(key: "profession") var profession: String
    @OptionalField(key: "unit_id") var unitID: UUID?
    /// Comma-separated role names: portable to both databases and never queried by role.
    @Field(key: "roles") var roles: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "language") var language: String
    @Field(key: "active") var active: Bool
    @Field(key: "password_changed_at") var passwordChangedAt: Date
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}
