import Foundation

/// Builds the MedCom CareCommunication message (a FHIR R4 Bundle of type `message`), following
/// the profiles and example bundles of CareCommunication 4.0 (see `MedComCareCommunication`).
///
/// Entries, in the order of MedCom's examples: MessageHeader, Patient, Communication, a
/// PractitionerRole and a Practitioner per author, the sender, the receiver (and any other
/// organisation an earlier segment came from), Provenance. Every resource has a narrative.
public enum CareCommunicationBundle {
    /// The message Bundle as FHIR JSON (UTF-8), deterministic (sorted keys) for a given message.
    public static func json(for message: CareCommunicationMessage) -> Data {
        bundle(for: message).data
    }

    /// The identifier of the message's new segment. A later reply repeats the segment with this
    /// identifier (`CareCommunicationPayload.identifier`), so the caller stores it.
    public static func payloadIdentifier(for message: CareCommunicationMessage) -> UUID {
        message.messageId.derived("payload")
    }

    static func bundle(for message: CareCommunicationMessage) -> FHIRValue {
        let draft = Draft(message)
        return [
            "resourceType": "Bundle",
            "id": .string(message.messageId.fhirId),
            "meta": ["profile": [.string(MedComCareCommunication.bundleProfile)]],
            "type": "message",
            "timestamp": .string(FHIRText.dateTime(message.sentAt)),
            "entry": .array(draft.entries().map { ["fullUrl": .string($0.fullUrl), "resource": $0.resource] }),
        ]
    }
}

/// The resources of one message, with the ids and fullUrls that tie them together.
private struct Draft {
    struct Entry {
        var fullUrl: String
        var resource: FHIRValue
    }

    struct Author: Equatable {
        var author: CareCommunicationAuthor
        /// Index into `organisations`.
        var organisation: Int
    }

    /// One segment of the Communication: an earlier one or the new one.
    struct Segment {
        var identifier: UUID
        var text: String
        var writtenAt: Date
        var author: Int
    }

    let message: CareCommunicationMessage
    /// The sender, the receiver, then other organisations earlier segments came from.
    let organisations: [MessagingOrganisation]
    let authors: [Author]
    let segments: [Segment]

    init(_ message: CareCommunicationMessage) {
        self.message = message
        var organisations = [message.sender, message.receiver]
        // Which of the message's organisations an earlier segment came from: SOR identifies a unit.
        func organisationIndex(_ organisation: MessagingOrganisation) -> Int {
            if let index = organisations.firstIndex(where: { $0.sorCode == organisation.sorCode }) { return index }
            organisations.append(organisation)
            return organisations.count - 1
        }
        var authors = [Author(author: message.author, organisation: 0)]
        func authorIndex(_ author: Author) -> Int {
            if let index = authors.firstIndex(of: author) { return index }
            authors.append(author)
            return authors.count - 1
        }
        var segments: [Segment] = []
        for payload in message.earlierPayloads {
            let author = authorIndex(Author(author: payload.author, organisation: organisationIndex(payload.organisation)))
            segments.append(Segment(identifier: payload.identifier, text: payload.text, writtenAt: payload.writtenAt, author: author))
        }
        segments.append(
            Segment(identifier: CareCommunicationBundle.payloadIdentifier(for: message), text: message.text, writtenAt: message.sentAt, author: 0))
        self.organisations = organisations
        self.authors = authors
        self.segments = segments
    }

    // MARK: Ids

    var headerId: String { message.messageId.fhirId }
    func id(_ label: String) -> String { message.messageId.derived(label).fhirId }
    var patientId: String { id("Patient") }
    var communicationId: String { id("Communication") }
    var provenanceId: String { id("Provenance") }
    func organisationId(_ index: Int) -> String {
        id(index == 0 ? "Organization/sender" : index == 1 ? "Organization/receiver" : "Organization/\(index)")
    }
    func roleId(_ index: Int) -> String { id("PractitionerRole/\(index)") }
    func practitionerId(_ index: Int) -> String { id("Practitioner/\(index)") }

    var headerUrl: String { MedComCareCommunication.fullUrl("MessageHeader", headerId) }
    var patientUrl: String { MedComCareCommunication.fullUrl("Patient", patientId) }
    var communicationUrl: String { MedComCareCommunication.fullUrl("Communication", communicationId) }
    var provenanceUrl: String { MedComCareCommunication.fullUrl("Provenance", provenanceId) }
    func organisationUrl(_ index: Int) -> String { MedComCareCommunication.fullUrl("Organization", organisationId(index)) }
    func roleUrl(_ index: Int) -> String { MedComCareCommunication.fullUrl("PractitionerRole", roleId(index)) }
    func practitionerUrl(_ index: Int) -> String { MedComCareCommunication.fullUrl("Practitioner", practitionerId(index)) }

    func entries() -> [Entry] {
        var entries = [
            Entry(fullUrl: headerUrl, resource: messageHeader()),
            Entry(fullUrl: patientUrl, resource: patient()),
            Entry(fullUrl: communicationUrl, resource: communication()),
        ]
        for index in authors.indices {
            entries.append(Entry(fullUrl: roleUrl(index), resource: practitionerRole(index)))
            entries.append(Entry(fullUrl: practitionerUrl(index), resource: practitioner(index)))
        }
        for index in organisations.indices {
            entries.append(Entry(fullUrl: organisationUrl(index), resource: organization(index)))
        }
        entries.append(Entry(fullUrl: provenanceUrl, resource: provenance()))
        return entries
    }

    // MARK: Resources

    func resource(_ type: String, id: String, profile: String, narrative: String, _ members: [String: FHIRValue]) -> FHIRValue {
        var all = members
        all["resourceType"] = .string(type)
        all["id"] = .string(id)
        all["meta"] = ["profile": [.string(profile)]]
        all["text"] = ["status": "generated", "div": .string(FHIRText.div(narrative))]
        return .object(all)
    }

    func reference(_ url: String) -> FHIRValue { ["reference": .string(url)] }

    func messageHeader() -> FHIRValue {
        let sender = message.sender, receiver = message.receiver
        let narrative =
            "<p><b>Korrespondancemeddelelse</b> (\(MedComCareCommunication.eventCode))</p>"
            + "<p>Afsender: \(organisationSummary(sender))</p><p>Modtager: \(organisationSummary(receiver))</p>"
            + "<p>Meddelelses-id: \(headerId)</p>"
        return resource(
            "MessageHeader", id: headerId, profile: MedComCareCommunication.messageHeaderProfile, narrative: narrative,
            [
                "eventCoding": [
                    "system": .string(MedComCareCommunication.eventCodeSystem), "code": .string(MedComCareCommunication.eventCode),
                    "display": "Care Communication Message",
                ],
                "destination": [
                    [
                        "extension": [
                            [
                                "url": .string(MedComCareCommunication.destinationUseExtension),
                                "valueCoding": [
                                    "system": .string(MedComCareCommunication.destinationUseSystem),
                                    "code": .string(MedComCareCommunication.primaryDestination),
                                ],
                            ]
                        ],
                        "endpoint": .string(MedComCareCommunication.sorEndpoint(FHIRText.string(receiver.sorCode))),
                        "receiver": reference(organisationUrl(1)),
                    ]
                ],
                "sender": reference(organisationUrl(0)),
                "source": ["endpoint": .string(MedComCareCommunication.sorEndpoint(FHIRText.string(sender.sorCode)))],
                "focus": [reference(communicationUrl)],
                "definition": .string(MedComCareCommunication.messageDefinition),
            ])
    }

    var cpr: String {
        let text = message.patient.cpr.trimmingCharacters(in: .whitespacesAndNewlines)
        return CPRNumber.hasShape(text) ? text.filter { $0.isASCII && $0.isNumber } : FHIRText.string(text)
    }

    /// The CPR number as people write it, in the narratives.
    var shownCPR: String { cpr.count == 10 ? "\(cpr.prefix(6))-\(cpr.suffix(4))" : cpr }

    func patient() -> FHIRValue {
        let name = FHIRText.humanName(message.patient.name)
        var humanName: [String: FHIRValue] = ["use": "official", "family": .string(name.family)]
        if !name.given.isEmpty { humanName["given"] = .array(name.given.map(FHIRValue.string)) }
        return resource(
            "Patient", id: patientId, profile: MedComCareCommunication.patientProfile,
            narrative: "<p><b>\(FHIRText.xhtml(message.patient.name))</b>, CPR-nr. \(FHIRText.xhtml(shownCPR))</p>",
            [
                "identifier": [["system": .string(MedComCareCommunication.cprSystem), "value": .string(cpr)]],
                "name": [.object(humanName)],
            ])
    }

    func communication() -> FHIRValue {
        let topic = FHIRText.string(message.topic).trimmingCharacters(in: .whitespacesAndNewlines)
        var members: [String: FHIRValue] = [
            "status": .string(MedComCareCommunication.communicationStatus),
            "identifier": [["value": .string(FHIRText.urn(message.communicationIdentifier))]],
            "category": [
                ["coding": [["system": .string(MedComCareCommunication.categorySystem), "code": .string(MedComCareCommunication.otherCategory)]]]
            ],
            "subject": reference(patientUrl),
            "payload": .array(segments.map(payload)),
        ]
        // An empty topic would be an invalid FHIR string; left out, the check names the rule it breaks.
        if !topic.isEmpty { members["topic"] = ["text": .string(topic)] }
        var narrative =
            "<p>Kategori: Andet (\(MedComCareCommunication.otherCategory)). Emne: \(FHIRText.xhtml(topic))</p>"
            + "<p>Patient: \(FHIRText.xhtml(message.patient.name)), CPR-nr. \(FHIRText.xhtml(shownCPR))</p>"
            + "<p>Id: \(FHIRText.urn(message.communicationIdentifier)), status: \(MedComCareCommunication.communicationStatus)</p>"
        for segment in segments {
            let author = authors[segment.author].author
            var byline = "\(FHIRText.danishDateTime(segment.writtenAt)), \(FHIRText.xhtml(author.name))"
            if let role = nonEmpty(author.role) { byline += " (\(FHIRText.xhtml(role)))" }
            if let phone = contactPhone(segment.author) { byline += ", tlf. \(FHIRText.xhtml(phone))" }
            narrative += "<p><b>\(byline)</b></p><p>\(FHIRText.xhtmlLines(segment.text))</p>"
        }
        return resource("Communication", id: communicationId, profile: MedComCareCommunication.communicationProfile, narrative: narrative, members)
    }

    func payload(_ segment: Segment) -> FHIRValue {
        var extensions: [FHIRValue] = [
            ["url": .string(MedComCareCommunication.dateTimeExtension), "valueDateTime": .string(FHIRText.dateTime(segment.writtenAt))],
            [
                "url": .string(MedComCareCommunication.identifierExtension),
                "valueIdentifier": [
                    "value": .string(FHIRText.urn(segment.identifier)), "assigner": reference(organisationUrl(authors[segment.author].organisation)),
                ],
            ],
            ["url": .string(MedComCareCommunication.authorExtension), "valueReference": reference(roleUrl(segment.author))],
        ]
        if let phone = contactPhone(segment.author) {
            extensions.append([
                "url": .string(MedComCareCommunication.authorContactExtension),
                "valueContactPoint": ["system": "phone", "value": .string(phone)],
            ])
        }
        return ["contentString": .string(FHIRText.string(segment.text)), "extension": .array(extensions)]
    }

    /// The author's own number, else their organisation's (MedCom recommends the unit's
    /// SOR-registered number), without the spaces people type into numbers.
    func contactPhone(_ author: Int) -> String? {
        let candidates = [authors[author].author.phone, organisations[authors[author].organisation].phone]
        return candidates.lazy.compactMap { $0.map { FHIRText.string($0).filter { !$0.isWhitespace } } }.first { !$0.isEmpty }
    }

    func practitionerRole(_ index: Int) -> FHIRValue {
        let author = authors[index].author
        var members: [String: FHIRValue] = [
            "identifier": [["value": .string(FHIRText.urn(message.messageId.derived("PractitionerRole/\(index)/identifier")))]],
            "practitioner": reference(practitionerUrl(index)),
            "organization": reference(organisationUrl(authors[index].organisation)),
        ]
        var narrative = "<p>\(FHIRText.xhtml(author.name))"
        if let role = nonEmpty(author.role) {
            members["code"] = [["text": .string(role)]]
            narrative += ", \(FHIRText.xhtml(role))"
        }
        narrative += "</p><p>\(FHIRText.xhtml(organisations[authors[index].organisation].name))</p>"
        return resource(
            "PractitionerRole", id: roleId(index), profile: MedComCareCommunication.practitionerRoleProfile, narrative: narrative, members)
    }

    func practitioner(_ index: Int) -> FHIRValue {
        let author = authors[index].author
        let name = FHIRText.humanName(author.name)
        var humanName: [String: FHIRValue] = ["family": .string(name.family)]
        if !name.given.isEmpty { humanName["given"] = .array(name.given.map(FHIRValue.string)) }
        return resource(
            "Practitioner", id: practitionerId(index), profile: MedComCareCommunication.practitionerProfile,
            narrative: "<p>\(FHIRText.xhtml(author.name))</p>",
            [
                "identifier": [["value": .string(FHIRText.urn(message.messageId.derived("Practitioner/\(index)/identifier")))]],
                "name": [.object(humanName)],
            ])
    }

    func organisationSummary(_ organisation: MessagingOrganisation) -> String {
        "\(FHIRText.xhtml(organisation.name)) (SOR \(FHIRText.xhtml(organisation.sorCode)), EAN \(FHIRText.xhtml(organisation.eanCode)))"
    }

    func organization(_ index: Int) -> FHIRValue {
        let organisation = organisations[index]
        return resource(
            "Organization", id: organisationId(index), profile: MedComCareCommunication.organizationProfile,
            narrative: "<p>\(organisationSummary(organisation))</p>",
            [
                "identifier": [
                    ["system": .string(MedComCareCommunication.sorSystem), "value": .string(FHIRText.string(organisation.sorCode))],
                    ["system": .string(MedComCareCommunication.eanSystem), "value": .string(FHIRText.string(organisation.eanCode))],
                ],
                "name": .string(FHIRText.string(organisation.name)),
            ])
    }

    func provenance() -> FHIRValue {
        var entities: [FHIRValue] = []
        var narrative = "<p>Aktivitet: \(message.activity.rawValue), \(FHIRText.danishDateTime(message.sentAt)), "
        narrative += "\(FHIRText.xhtml(message.sender.name))</p>"
        if message.activity == .replyMessage, let previous = message.repliesTo {
            // MedCom: the previous FHIR message is referenced by its MessageHeader, which is not
            // part of this bundle; `CareCommunicationCheck` accepts this one reference by that rule.
            let previousUrl = MedComCareCommunication.fullUrl("MessageHeader", previous.fhirId)
            entities.append(["role": .string(MedComCareCommunication.previousMessageEntityRole), "what": reference(previousUrl)])
            narrative += "<p>Svar på meddelelse \(previous.fhirId)</p>"
        }
        // Only the segment this message adds; earlier ones were listed by the messages that added them.
        if let new = segments.last {
            entities.append([
                "role": .string(MedComCareCommunication.payloadEntityRole), "what": ["identifier": ["value": .string(FHIRText.urn(new.identifier))]],
            ])
        }
        let time = FHIRText.dateTime(message.sentAt)
        return resource(
            "Provenance", id: provenanceId, profile: MedComCareCommunication.provenanceProfile, narrative: narrative,
            [
                "target": [reference(headerUrl)],
                "occurredDateTime": .string(time),
                "recorded": .string(time),
                "activity": ["coding": [["system": .string(MedComCareCommunication.activitySystem), "code": .string(message.activity.rawValue)]]],
                "agent": [["who": reference(organisationUrl(0))]],
                "entity": .array(entities),
            ])
    }

    func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text.map({ FHIRText.string($0).trimmingCharacters(in: .whitespacesAndNewlines) }), !trimmed.isEmpty else {
            return nil
        }
        return trimmed
    }
}

extension CareCommunicationBundle {
    /// The Communication's identifier in a Bundle built before: a reply keeps the conversation's.
    public static func communicationIdentifier(in json: Data) -> UUID? {
        guard let bundle = try? JSONSerialization.jsonObject(with: json) as? [String: Any],
            let entries = bundle["entry"] as? [[String: Any]]
        else { return nil }
        for entry in entries {
            guard let resource = entry["resource"] as? [String: Any], resource["resourceType"] as? String == "Communication",
                let value = (resource["identifier"] as? [[String: Any]])?.first?["value"] as? String
            else { continue }
            return UUID(uuidString: String(value.dropFirst(value.hasPrefix("urn:uuid:") ? 9 : 0)))
        }
        return nil
    }
}
