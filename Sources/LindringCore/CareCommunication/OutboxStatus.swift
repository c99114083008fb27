import Foundation

/// Where a MedCom message stands in Lindring's outbox. Lindring composes and checks; sending on
/// the national network is an operator's (or an integration's) job, recorded here.
public enum OutboxStatus: String, CaseIterable, Codable, Sendable {
    case draft, ready, sent, failed

    /// Who may move a message on: its author's unit readies a draft (or takes a ready one back);
    /// an operator records that it was sent or failed, and readies a failed one again.
    public enum Mover: Sendable { case author, outboxOperator }

    public func canMove(to next: OutboxStatus, by mover: Mover) -> Bool {
        switch (self, next, mover) {
        case (.draft, .ready, .author), (.ready, .draft, .author): true
        case (.ready, .sent, .outboxOperator), (.ready, .failed, .outboxOperator), (.failed, .ready, .outboxOperator): true
        default: false
        }
    }
}

/// A care communication as a clinician or another system asks for it.
public struct CareCommunicationDraft: Codable, Equatable, Sendable {
    public var receiverUnitId: String?
    public var text: String?
    public var contactId: String?
    /// `draft` to keep it back; `ready` (the default) when it may be sent.
    public var status: String?

    public init(receiverUnitId: String? = nil, text: String? = nil, contactId: String? = nil, status: String? = nil) {
        self.receiverUnitId = receiverUnitId
        self.text = text
        self.contactId = contactId
        self.status = status
    }

    /// MedCom's CareCommunication segments are free text; a page of it is plenty for one message.
    public static let maxTextLength = 10_000

    public func validated(knownUnitIds: Set<UUID>) throws(ValidationFailure) -> ValidCareCommunication {
        var v = Validator()
        let receiver = v.unit("receiverUnitId", receiverUnitId, known: knownUnitIds)
        if receiver == nil, isBlankText(receiverUnitId) { v.add("receiverUnitId", .required) }
        let text = v.requiredText("text", text ?? "", maxLength: Self.maxTextLength)
        let contact = v.uuid("contactId", contactId, required: false)
        let status: OutboxStatus? = isBlankText(status) ? .ready : v.choice("status", status, as: OutboxStatus.self)
        if let status, status != .draft, status != .ready { v.add("status", .invalidChoice) }
        try v.check()
        return ValidCareCommunication(receiverUnitId: receiver!, text: text, contactId: contact, status: status!)
    }
}

public struct ValidCareCommunication: Equatable, Sendable {
    public var receiverUnitId: UUID
    public var text: String
    public var contactId: UUID?
    public var status: OutboxStatus
}
