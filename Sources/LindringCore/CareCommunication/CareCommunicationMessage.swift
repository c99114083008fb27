import Foundation

/// An organisation registered for MedCom messaging: a SOR unit with the EAN (GLN) location
/// number its messages are addressed to. MedCom requires both on the sender and on the receiver.
public struct MessagingOrganisation: Equatable, Sendable {
    public var name: String
    /// Sundhedsvæsenets Organisationsregister (SOR) code, e.g. "953741000016009".
    public var sorCode: String
    /// EAN/GLN location number, e.g. "5790001348120".
    public var eanCode: String
    /// The unit's phone number. MedCom recommends the SOR-registered number of the sending unit as
    /// the payload's author contact, so it is used when the author has no number of their own.
    public var phone: String?

    public init(name: String, sorCode: String, eanCode: String, phone: String? = nil) {
        self.name = name
        self.sorCode = sorCode
        self.eanCode = eanCode
        self.phone = phone
    }
}

/// The clinician who wrote a message segment, sent as a Practitioner with a PractitionerRole.
public struct CareCommunicationAuthor: Equatable, Sendable {
    /// Full name, split into given and family names for FHIR's HumanName.
    public var name: String
    /// Free-text role, e.g. "Sygeplejerske". MedCom requires a role on every author
    /// (invariant medcom-careCommunication-7); a message without one fails `CareCommunicationCheck`.
    public var role: String?
    /// Phone number for questions about the segment (the payload's author contact).
    public var phone: String?

    public init(name: String, role: String? = nil, phone: String? = nil) {
        self.name = name
        self.role = role
        self.phone = phone
    }
}

public struct CareCommunicationPatient: Equatable, Sendable {
    /// The CPR number, ten digits (a hyphen or spaces are removed).
    public var cpr: String
    /// Full name; the last word becomes the family name, the words before it the given names.
    public var name: String

    public init(cpr: String, name: String) {
        self.cpr = cpr
        self.name = name
    }
}

/// Provenance activities MedCom allows for a CareCommunication that Lindring sends.
public enum CareCommunicationActivity: String, CaseIterable, Codable, Sendable {
    case newMessage = "new-message"
    case replyMessage = "reply-message"
}

/// An earlier segment of the conversation. MedCom's reply repeats every earlier payload in the
/// Communication (oldest first), each with the identifier and author it was first sent with, and
/// lists only the new payload in the reply's Provenance.
public struct CareCommunicationPayload: Equatable, Sendable {
    /// The payload identifier the segment was first sent with (urn:uuid, UUID v4).
    public var identifier: UUID
    public var text: String
    public var writtenAt: Date
    public var author: CareCommunicationAuthor
    /// The organisation the author wrote for; it assigned the identifier.
    public var organisation: MessagingOrganisation

    public init(identifier: UUID, text: String, writtenAt: Date, author: CareCommunicationAuthor, organisation: MessagingOrganisation) {
        self.identifier = identifier
        self.text = text
        self.writtenAt = writtenAt
        self.author = author
        self.organisation = organisation
    }
}

/// One CareCommunication ("korrespondancemeddelelse") from a plan or an advisory contact to the
/// patient's GP or home-care unit.
public struct CareCommunicationMessage: Equatable, Sendable {
    /// The Bundle's id and the MessageHeader's id (MedCom: a globally unique id per message).
    public var messageId: UUID
    /// The Communication's identifier (urn:uuid, UUID v4). MedCom keeps one identifier for a
    /// whole conversation, so a reply passes the identifier of the message it answers.
    public var communicationIdentifier: UUID
    /// When the message is sent: MessageHeader and Provenance time, and the new payload's date.
    public var sentAt: Date
    public var sender: MessagingOrganisation
    public var receiver: MessagingOrganisation
    public var patient: CareCommunicationPatient
    public var author: CareCommunicationAuthor
    /// The new segment, plain text; newlines are kept.
    public var text: String
    /// Communication.topic; required with the category "other", which is the only category that
    /// fits palliative care.
    public var topic: String
    public var activity: CareCommunicationActivity
    /// For a reply: the MessageHeader.id of the message answered (for a message Lindring sent,
    /// its `messageId`).
    public var repliesTo: UUID?
    /// For a reply: the segments of the conversation so far, oldest first.
    public var earlierPayloads: [CareCommunicationPayload]

    public init(
        messageId: UUID, communicationIdentifier: UUID, sentAt: Date, sender: MessagingOrganisation, receiver: MessagingOrganisation,
        patient: CareCommunicationPatient, author: CareCommunicationAuthor, text: String, topic: String = "Palliation",
        activity: CareCommunicationActivity = .newMessage, repliesTo: UUID? = nil, earlierPayloads: [CareCommunicationPayload] = []
    ) {
        self.messageId = messageId
        self.communicationIdentifier = communicationIdentifier
        self.sentAt = sentAt
        self.sender = sender
        self.receiver = receiver
        self.patient = patient
        self.author = author
        self.text = text
        self.topic = topic
        self.activity = activity
        self.repliesTo = repliesTo
        self.earlierPayloads = earlierPayloads
    }
}

/// A rule of `CareCommunicationCheck` that a bundle breaks.
public struct CareCommunicationProblem: Equatable, Sendable {
    /// A short code naming the rule, e.g. "exactlyOnePatient".
    public var rule: String
    /// Where, e.g. "Bundle.entry[2].resource".
    public var path: String
    public var message: String

    public init(rule: String, path: String, message: String) {
        self.rule = rule
        self.path = path
        self.message = message
    }
}
