import FluentKit
import Foundation

final class UnitModel: Model, @unchecked Sendable {
    static let schema = "units"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @Field(key: "sector") var sector: String
    @OptionalField(key: "parent_id") var parentID: UUID?
    @OptionalField(key: "day_phone") var dayPhone: String?
    @OptionalField(key: "out_of_hours_phone") var outOfHoursPhone: String?
    @OptionalField(key: "sor_code") var sorCode: String?
    @Field(key: "active") var active: Bool
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}
