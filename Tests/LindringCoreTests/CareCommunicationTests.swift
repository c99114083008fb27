import Foundation
import LindringCore
import Testing

/// The MedCom CareCommunication (FHIR R4 message Bundle) sent from a plan or an advisory contact
/// to the patient's GP or home-care unit, and the local check of its rules.
@Suite struct CareCommunicationTests {
    static let homeCare = MessagingOrganisation(name: "Hjemmeplejen, Odense Kommune", sorCode: "328051000016008", eanCode: "5790000121441")
    static let advisoryLine = MessagingOrganisation(
        name: "Palliativ rådgivning, Region Hovedstaden", sorCode: "359001000016000", eanCode: "5790001382445", phone: "38 68 38 68")
    /// 2026-12-24T09:00:00Z, 10:00 in Copenhagen.
    static let christmasEve = Date(timeIntervalSince1970: 1_798_102_800)

    static func message(
        text: String = "Patienten har fået øget smerter.\nVi har aftalt ny dosis.", activity: CareCommunicationActivity = .newMessage,
        author: CareCommunicationAuthor = CareCommunicationAuthor(name: "Karen Marie Holm", role: "Sygeplejerske", phone: "+4538683869")
    ) -> CareCommunicationMessage {
        CareCommunicationMessage(
            messageId: UUID(), communicationIdentifier: UUID(), sentAt: christmasEve, sender: advisoryLine, receiver: homeCare,
            patient: CareCommunicationPatient(cpr: "2512489996", name: "Nancy Ann Berggren"), author: author, text: text, activity: activity)
    }

    static func bundle(_ message: CareCommunicationMessage) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: CareCommunicationBundle.json(for: message)) as? [String: Any])
    }

    static func resources(_ bundle: [String: Any]) -> [[String: Any]] {
        ((bundle["entry"] as? [[String: Any]]) ?? []).compactMap { $0["resource"] as? [String: Any] }
    }

    static func resources(_ type: String, in bundle: [String: Any]) -> [[String: Any]] {
        resources(bundle).filter { $0["resourceType"] as? String == type }
    }

    // MARK: Building

    @Test func aBuiltMessagePassesEveryCheck() {
        // given
        let message = Self.message()
        // when
        let problems = CareCommunicationCheck.problems(in: CareCommunicationBundle.json(for: message))
        // then
        #expect(problems == [])
    }

    @Test func theBundleIsAMessageWhoseIdIsTheMessageId() throws {
        // given
        let message = Self.message()
        // when
        let bundle = try Self.bundle(message)
        // then
        #expect(bundle["resourceType"] as? String == "Bundle")
        #expect(bundle["type"] as? String == "message")
        #expect(bundle["id"] as? String == message.messageId.uuidString.lowercased())
        #expect(bundle["timestamp"] as? String == "2026-12-24T10:00:00+01:00")
        #expect((bundle["meta"] as? [String: Any])?["profile"] as? [String] == [MedComCareCommunication.bundleProfile])
    }

    @Test func summerTimesCarryTheSummerOffset() throws {
        // given 2026-07-01T08:30:00Z
        var message = Self.message()
        message.sentAt = Date(timeIntervalSince1970: 1_782_894_600)
        // when
        let bundle = try Self.bundle(message)
        // then
        #expect(bundle["timestamp"] as? String == "2026-07-01T10:30:00+02:00")
    }

    @Test func theMessageHeaderIsTheFirstEntryAndPointsAtTheCommunication() throws {
        // given
        let message = Self.message()
        // when
        let bundle = try Self.bundle(message)
        // then
        let entries = try #require(bundle["entry"] as? [[String: Any]])
        let header = try #require(entries.first?["resource"] as? [String: Any])
        #expect(header["resourceType"] as? String == "MessageHeader")
        #expect(header["id"] as? String == message.messageId.uuidString.lowercased())
        let event = header["eventCoding"] as? [String: Any]
        #expect(event?["code"] as? String == "care-communication-message")
        #expect(event?["system"] as? String == "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-eventCodes")
        #expect(header["definition"] as? String == MedComCareCommunication.messageDefinition)
        let destinations = try #require(header["destination"] as? [[String: Any]])
        #expect(destinations.count == 1)
        let use = (destinations.first?["extension"] as? [[String: Any]])?.first
        #expect(use?["url"] as? String == "http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-destinationUseExtension")
        #expect((use?["valueCoding"] as? [String: Any])?["code"] as? String == "primary")
        let communicationUrl = entries.first { ($0["resource"] as? [String: Any])?["resourceType"] as? String == "Communication" }?["fullUrl"]
        let focus = (header["focus"] as? [[String: Any]])?.first?["reference"]
        #expect(focus as? String == communicationUrl as? String)
    }

    @Test func theBundleHasExactlyOnePatientWithTheCPR() throws {
        // given
        let message = Self.message()
        // when
        let patients = Self.resources("Patient", in: try Self.bundle(message))
        // then
        #expect(patients.count == 1)
        let identifier = (patients.first?["identifier"] as? [[String: Any]])?.first
        #expect(identifier?["system"] as? String == "urn:oid:1.2.208.176.1.2")
        #expect(identifier?["value"] as? String == "2512489996")
        let name = (patients.first?["name"] as? [[String: Any]])?.first
        #expect(name?["family"] as? String == "Berggren")
        #expect(name?["given"] as? [String] == ["Nancy", "Ann"])
    }

    @Test func aCPRWithAHyphenIsSentAsTenDigits() throws {
        // given
        var message = Self.message()
        message.patient.cpr = "251248-9996"
        // when
        let patient = try #require(Self.resources("Patient", in: try Self.bundle(message)).first)
        // then
        #expect((patient["identifier"] as? [[String: Any]])?.first?["value"] as? String == "2512489996")
    }

    @Test func bothOrganisationsCarryTheirSORAndEANIdentifiers() throws {
        // given
        let message = Self.message()
        // when
        let organisations = Self.resources("Organization", in: try Self.bundle(message))
        // then
        let identifiers = organisations.map { organisation in
            ((organisation["identifier"] as? [[String: Any]]) ?? []).map { "\($0["system"] ?? "")|\($0["value"] ?? "")" }
        }
        #expect(
            identifiers == [
                ["urn:oid:1.2.208.176.1.1|359001000016000", "urn:oid:1.3.88|5790001382445"],
                ["urn:oid:1.2.208.176.1.1|328051000016008", "urn:oid:1.3.88|5790000121441"],
            ])
    }

    @Test func theCategoryIsOtherWithTheTopicPalliation() throws {
        // given
        let message = Self.message()
        // when
        let communication = try #require(Self.resources("Communication", in: try Self.bundle(message)).first)
        // then
        let coding = ((communication["category"] as? [[String: Any]])?.first?["coding"] as? [[String: Any]])?.first
        #expect(coding?["system"] as? String == "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-careCommunication-categoryCodes")
        #expect(coding?["code"] as? String == "other")
        #expect((communication["topic"] as? [String: Any])?["text"] as? String == "Palliation")
        #expect(communication["status"] as? String == "unknown")
    }

    @Test func theCommunicationIdentifierIsTheGivenUUIDv4AsAURN() throws {
        // given
        let identifier = UUID()
        var message = Self.message()
        message.communicationIdentifier = identifier
        // when
        let communication = try #require(Self.resources("Communication", in: try Self.bundle(message)).first)
        // then
        let value = try #require((communication["identifier"] as? [[String: Any]])?.first?["value"] as? String)
        #expect(value == "urn:uuid:" + identifier.uuidString.lowercased())
        let hex = Array(value.dropFirst("urn:uuid:".count))
        #expect(hex[14] == "4")
        #expect("89ab".contains(hex[19]))
    }

    @Test func thePayloadCarriesDateIdentifierAuthorAndContact() throws {
        // given
        let message = Self.message()
        // when
        let bundle = try Self.bundle(message)
        // then
        let communication = try #require(Self.resources("Communication", in: bundle).first)
        let payload = try #require((communication["payload"] as? [[String: Any]])?.first)
        let extensions = try #require(payload["extension"] as? [[String: Any]])
        func value(_ url: String, _ key: String) -> Any? { extensions.first { $0["url"] as? String == url }?[key] }
        #expect(value(MedComCareCommunication.dateTimeExtension, "valueDateTime") as? String == "2026-12-24T10:00:00+01:00")
        let identifier = value(MedComCareCommunication.identifierExtension, "valueIdentifier") as? [String: Any]
        #expect(identifier?["value"] as? String == "urn:uuid:" + CareCommunicationBundle.payloadIdentifier(for: message).uuidString.lowercased())
        let contact = value(MedComCareCommunication.authorContactExtension, "valueContactPoint") as? [String: Any]
        #expect(contact?["value"] as? String == "+4538683869")
        let roleUrl = (value(MedComCareCommunication.authorExtension, "valueReference") as? [String: Any])?["reference"] as? String
        let role = try #require(
            (bundle["entry"] as? [[String: Any]])?.first { $0["fullUrl"] as? String == roleUrl }?["resource"] as? [String: Any])
        #expect((role["code"] as? [[String: Any]])?.first?["text"] as? String == "Sygeplejerske")
    }

    @Test func anAuthorWithoutAPhoneGivesTheSendingUnitsNumber() throws {
        // given
        let message = Self.message(author: CareCommunicationAuthor(name: "Karen Holm", role: "Sygeplejerske"))
        // when
        let communication = try #require(Self.resources("Communication", in: try Self.bundle(message)).first)
        // then
        let extensions = (communication["payload"] as? [[String: Any]])?.first?["extension"] as? [[String: Any]]
        let contact = extensions?.first { $0["url"] as? String == MedComCareCommunication.authorContactExtension }
        #expect((contact?["valueContactPoint"] as? [String: Any])?["value"] as? String == "38683868")
        #expect(CareCommunicationCheck.problems(in: CareCommunicationBundle.json(for: message)) == [])
    }

    @Test func markupInTheTextIsEscapedInTheNarrativeAndKeptVerbatimInThePayload() throws {
        // given
        let text = "<script>alert('x')</script> & \"citat\"\nNæste linje"
        let message = Self.message(text: text)
        // when
        let communication = try #require(Self.resources("Communication", in: try Self.bundle(message)).first)
        // then
        #expect((communication["payload"] as? [[String: Any]])?.first?["contentString"] as? String == text)
        let div = try #require((communication["text"] as? [String: Any])?["div"] as? String)
        #expect(!div.contains("<script>"))
        #expect(div.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;citat&quot;<br/>Næste linje"))
        #expect(CareCommunicationCheck.problems(in: CareCommunicationBundle.json(for: message)) == [])
    }

    @Test func aNameWithMarkupIsEscapedInEveryNarrative() throws {
        // given
        var message = Self.message()
        message.patient.name = "Ib <b>Ø</b> & Co"
        // when
        let bundle = try Self.bundle(message)
        // then
        let divs = Self.resources(bundle).compactMap { ($0["text"] as? [String: Any])?["div"] as? String }
        #expect(divs.count == Self.resources(bundle).count)
        #expect(divs.allSatisfy { !$0.contains("<b>Ø</b>") })
        #expect(divs.contains { $0.contains("Ib &lt;b&gt;Ø&lt;/b&gt; &amp; Co") })
    }

    @Test func theSameMessageGivesTheSameJSON() {
        // given
        let message = Self.message()
        var other = message
        other.messageId = UUID()
        // when
        let first = CareCommunicationBundle.json(for: message)
        // then
        #expect(first == CareCommunicationBundle.json(for: message))
        #expect(first != CareCommunicationBundle.json(for: other))
    }

    @Test func everyReferenceIsTheFullUrlOfAnEntry() throws {
        // given
        let bundle = try Self.bundle(Self.message())
        // when
        let entries = try #require(bundle["entry"] as? [[String: Any]])
        let fullUrls = Set(entries.compactMap { $0["fullUrl"] as? String })
        let text = String(decoding: try JSONSerialization.data(withJSONObject: bundle), as: UTF8.self)
        // then
        let references = text.components(separatedBy: "\"reference\":\"").dropFirst().compactMap { $0.split(separator: "\"").first }
        #expect(references.count >= 10)
        for reference in references {
            #expect(fullUrls.contains(String(reference).replacingOccurrences(of: "\\/", with: "/")), "\(reference)")
        }
        for entry in entries {
            let resource = entry["resource"] as? [String: Any]
            let suffix = "/\(resource?["resourceType"] as? String ?? "")/\(resource?["id"] as? String ?? "")"
            #expect((entry["fullUrl"] as? String)?.hasSuffix(suffix) == true)
        }
    }

    @Test func aNewMessageIsRecordedAsNewMessageWithItsPayload() throws {
        // given
        let message = Self.message()
        // when
        let provenance = try #require(Self.resources("Provenance", in: try Self.bundle(message)).first)
        // then
        let coding = ((provenance["activity"] as? [String: Any])?["coding"] as? [[String: Any]])?.first
        #expect(coding?["code"] as? String == "new-message")
        #expect(coding?["system"] as? String == "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-activityCodes")
        let entities = try #require(provenance["entity"] as? [[String: Any]])
        #expect(entities.count == 1)
        #expect(entities.first?["role"] as? String == "source")
        #expect(provenance["occurredDateTime"] as? String == "2026-12-24T10:00:00+01:00")
    }

    @Test func aReplyIsRecordedAsReplyMessageAndRepeatsTheEarlierSegments() throws {
        // given the GP answers a message the advisory line sent
        let original = Self.message()
        let earlier = CareCommunicationPayload(
            identifier: CareCommunicationBundle.payloadIdentifier(for: original), text: original.text, writtenAt: original.sentAt,
            author: original.author, organisation: Self.advisoryLine)
        let reply = CareCommunicationMessage(
            messageId: UUID(), communicationIdentifier: original.communicationIdentifier, sentAt: Self.christmasEve.addingTimeInterval(3600),
            sender: Self.homeCare, receiver: Self.advisoryLine, patient: original.patient,
            author: CareCommunicationAuthor(name: "Ole Nielsen", role: "Social- og sundhedsassistent", phone: "66131372"),
            text: "Tak, vi følger op i aften.", activity: .replyMessage, repliesTo: original.messageId, earlierPayloads: [earlier])
        // when
        let json = CareCommunicationBundle.json(for: reply)
        let bundle = try #require(JSONSerialization.jsonObject(with: json) as? [String: Any])
        // then
        #expect(CareCommunicationCheck.problems(in: json) == [])
        let provenance = try #require(Self.resources("Provenance", in: bundle).first)
        let coding = ((provenance["activity"] as? [String: Any])?["coding"] as? [[String: Any]])?.first
        #expect(coding?["code"] as? String == "reply-message")
        let entities = try #require(provenance["entity"] as? [[String: Any]])
        let previous = entities.first { $0["role"] as? String == "revision" }
        #expect(
            (previous?["what"] as? [String: Any])?["reference"] as? String
                == "https://medcomfhir.dk/ig/carecommunication/MessageHeader/" + original.messageId.uuidString.lowercased())
        let payloads = try #require(Self.resources("Communication", in: bundle).first?["payload"] as? [[String: Any]])
        #expect(payloads.map { $0["contentString"] as? String } == [original.text, reply.text])
        #expect(Self.resources("PractitionerRole", in: bundle).count == 2)
        #expect(Self.resources("Patient", in: bundle).count == 1)
    }

    @Test func aReplyWithoutThePreviousMessageIsReported() {
        // given
        var message = Self.message(activity: .replyMessage)
        message.repliesTo = nil
        // when
        let rules = CareCommunicationCheck.problems(in: CareCommunicationBundle.json(for: message)).map(\.rule)
        // then
        #expect(rules == ["replyPreviousMessage"])
    }

    @Test func anAuthorWithoutARoleIsReported() {
        // given
        let message = Self.message(author: CareCommunicationAuthor(name: "Karen Holm", phone: "38683869"))
        // when
        let rules = CareCommunicationCheck.problems(in: CareCommunicationBundle.json(for: message)).map(\.rule)
        // then
        #expect(rules == ["authorRole"])
    }

    @Test func aSegmentWithoutAnyPhoneNumberIsReported() {
        // given
        var message = Self.message(author: CareCommunicationAuthor(name: "Karen Holm", role: "Sygeplejerske"))
        message.sender.phone = nil
        // when
        let rules = CareCommunicationCheck.problems(in: CareCommunicationBundle.json(for: message)).map(\.rule)
        // then
        #expect(rules == ["payloadExtensions"])
    }

    // MARK: Checking

    @Test(arguments: Mutation.allCases)
    func aBrokenBundleBreaksTheNamedRule(mutation: Mutation) throws {
        // given
        var bundle = try Self.bundle(Self.message())
        let before = CareCommunicationCheck.problems(in: try JSONSerialization.data(withJSONObject: bundle))
        // when
        mutation.apply(to: &bundle)
        let problems = CareCommunicationCheck.problems(in: try JSONSerialization.data(withJSONObject: bundle))
        // then
        #expect(before == [])
        #expect(problems.map(\.rule).contains(mutation.rule), "\(problems)")
    }

    @Test func aProblemNamesWhereItIs() throws {
        // given
        var bundle = try Self.bundle(Self.message())
        Mutation.withoutNarrative.apply(to: &bundle)
        // when
        let problems = CareCommunicationCheck.problems(in: try JSONSerialization.data(withJSONObject: bundle))
        // then
        #expect(
            problems == [
                CareCommunicationProblem(rule: "narrative", path: "Bundle.entry[5].resource.text", message: "The resource has no narrative.")
            ])
    }

    @Test(arguments: [
        // narrative, whether FHIR accepts it
        ("<p>Smerter &lt; 5 &amp; uro<br/>i nat</p>", true),
        ("<p title='a once b'>Tekst</p><table><tr><td>1</td></tr></table>", true),
        ("Tekst &#230; &#xE6; &aelig;", true),
        ("<p>Smerter < 5</p>", false),
        ("<p>Smerter & uro</p>", false),
        ("<p>Ikke lukket", false),
        ("<p><b>Forkert</p></b>", false),
        ("<p>Hej</p><script>x</script>", false),
        ("<a href=\"x\" onmouseover=\"y()\">link</a>", false),
        ("<p title=uquoted>x</p>", false),
        ("<p>   </p>", false),
    ])
    func theNarrativeMustBeSafeWellFormedXHTMLWithText(xhtml: String, accepted: Bool) throws {
        // given
        var bundle = try Self.bundle(Self.message())
        var entries = try #require(bundle["entry"] as? [[String: Any]])
        var patient = try #require(entries[1]["resource"] as? [String: Any])
        patient["text"] = ["status": "generated", "div": Mutation.div(xhtml)]
        entries[1]["resource"] = patient
        bundle["entry"] = entries
        // when
        let rules = CareCommunicationCheck.problems(in: try JSONSerialization.data(withJSONObject: bundle)).map(\.rule)
        // then
        #expect(rules == (accepted ? [] : ["narrative"]), "\(xhtml)")
    }

    @Test func textAfterTheDivIsNotANarrative() throws {
        // given
        var bundle = try Self.bundle(Self.message())
        var entries = try #require(bundle["entry"] as? [[String: Any]])
        var patient = try #require(entries[1]["resource"] as? [String: Any])
        patient["text"] = ["status": "generated", "div": Mutation.div("<p>Nancy</p>") + "<script>x</script><div>"]
        entries[1]["resource"] = patient
        bundle["entry"] = entries
        // when
        let rules = CareCommunicationCheck.problems(in: try JSONSerialization.data(withJSONObject: bundle)).map(\.rule)
        // then
        #expect(rules == ["narrative"])
    }

    @Test(arguments: [
        "", "not json", "[]", "\"Bundle\"", "42", "null", "{\"resourceType\": \"Bundle\", \"entry\": [", "\u{FEFF}{", "{\"a\":1}{",
    ])
    func garbageIsOneProblemOrMoreButNeverACrash(text: String) {
        // when
        let problems = CareCommunicationCheck.problems(in: Data(text.utf8))
        // then
        #expect(!problems.isEmpty)
        #expect(problems.allSatisfy { !$0.rule.isEmpty })
    }

    @Test func textThatIsNotJSONIsTheJSONRule() {
        #expect(CareCommunicationCheck.problems(in: Data("not json".utf8)).map(\.rule) == ["json"])
        #expect(CareCommunicationCheck.problems(in: Data([0xff, 0xfe, 0x00])).map(\.rule) == ["json"])
        #expect(CareCommunicationCheck.problems(in: Data("[1, 2]".utf8)).map(\.rule) == ["json"])
    }

    @Test(arguments: [
        "{}",
        "{\"entry\": 5}",
        "{\"resourceType\": \"Bundle\", \"type\": \"message\", \"entry\": [1, null, {\"resource\": []}, {\"fullUrl\": 3, \"resource\": {}}]}",
        "{\"resourceType\": \"Bundle\", \"entry\": [{\"fullUrl\": \"x\", \"resource\": {\"resourceType\": \"MessageHeader\", \"focus\": 1, \"destination\": [1, {\"receiver\": 2}], \"text\": []}}]}",
        "{\"resourceType\": \"Bundle\", \"entry\": [{\"fullUrl\": \"x\", \"resource\": {\"resourceType\": \"Communication\", \"payload\": [1, {\"extension\": [1, {\"url\": 2}]}], \"category\": [{\"coding\": [1]}]}}]}",
        "{\"resourceType\": \"Bundle\", \"entry\": [{\"fullUrl\": \"x\", \"resource\": {\"resourceType\": \"Provenance\", \"entity\": [{\"role\": \"revision\", \"what\": {\"reference\": 5}}], \"target\": \"y\"}}]}",
    ])
    func bundlesOfTheWrongShapeGiveProblemsNotCrashes(text: String) {
        #expect(!CareCommunicationCheck.problems(in: Data(text.utf8)).isEmpty)
    }

    @Test func deeplyNestedJSONIsRefusedWithoutExhaustingTheStack() throws {
        // given a reference-free resource nested 400 levels deep
        var bundle = try Self.bundle(Self.message())
        var nested: Any = "leaf"
        for _ in 0..<400 { nested = ["x": nested] }
        var entries = try #require(bundle["entry"] as? [[String: Any]])
        var patient = try #require(entries[1]["resource"] as? [String: Any])
        patient["extension"] = [nested]
        entries[1]["resource"] = patient
        bundle["entry"] = entries
        // when
        let data = try JSONSerialization.data(withJSONObject: bundle)
        let problems = CareCommunicationCheck.problems(in: data)
        // then
        #expect(problems.map(\.rule).contains("json"))
    }

    /// Writes a sample message and a reply, for the e2e validation with Python's fhir.resources:
    /// `CARECOMM_SAMPLE_OUT=/tmp/carecomm.json swift test --filter CareCommunication`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CARECOMM_SAMPLE_OUT"] != nil))
    func writesASampleMessageForExternalValidation() throws {
        // given
        let path = try #require(ProcessInfo.processInfo.environment["CARECOMM_SAMPLE_OUT"])
        let original = Self.message(text: "Smerter <øget> & \"uro\" om natten.\nNy dosis aftalt med lægen.")
        let reply = CareCommunicationMessage(
            messageId: UUID(), communicationIdentifier: original.communicationIdentifier, sentAt: Self.christmasEve.addingTimeInterval(5400),
            sender: Self.homeCare, receiver: Self.advisoryLine, patient: original.patient,
            author: CareCommunicationAuthor(name: "Ole Nielsen", role: "Social- og sundhedsassistent", phone: "66131372"),
            text: "Tak. Vi følger op i aften.", activity: .replyMessage, repliesTo: original.messageId,
            earlierPayloads: [
                CareCommunicationPayload(
                    identifier: CareCommunicationBundle.payloadIdentifier(for: original), text: original.text, writtenAt: original.sentAt,
                    author: original.author, organisation: Self.advisoryLine)
            ])
        // when
        try CareCommunicationBundle.json(for: original).write(to: URL(fileURLWithPath: path))
        try CareCommunicationBundle.json(for: reply).write(to: URL(fileURLWithPath: path + ".reply.json"))
        // then
        #expect(FileManager.default.fileExists(atPath: path))
    }
}

/// One way to break a built bundle, and the rule that must then report it.
enum Mutation: String, CaseIterable, Sendable {
    case withoutPatient, secondPatient, brokenSubjectReference, brokenAssignerReference, withoutSOR, withoutEAN
    case withoutCommunicationIdentifier, versionOneCommunicationIdentifier, withoutNarrative, narrativeWithoutNamespace
    case otherCategoryWithoutTopic, unknownCategory, completedStatus, headerNotFirst, otherEvent, withoutDefinition
    case secondDestination, destinationNotPrimary, unknownResourceType, forwardActivity, shortCPR, collectionBundle
    case withoutTimestamp, payloadWithoutDate, entryWithoutFullUrl, provenanceForAnotherPayload
    case unescapedNarrative, scriptInNarrative, eventHandlerInNarrative

    var rule: String {
        switch self {
        case .withoutPatient, .secondPatient: "exactlyOnePatient"
        case .brokenSubjectReference, .brokenAssignerReference: "unresolvedReference"
        case .withoutSOR, .withoutEAN: "organisationIdentifiers"
        case .withoutCommunicationIdentifier, .versionOneCommunicationIdentifier: "communicationIdentifier"
        case .withoutNarrative, .narrativeWithoutNamespace, .unescapedNarrative, .scriptInNarrative, .eventHandlerInNarrative: "narrative"
        case .otherCategoryWithoutTopic: "categoryTopic"
        case .unknownCategory: "category"
        case .completedStatus: "communicationStatus"
        case .headerNotFirst: "messageHeaderFirst"
        case .otherEvent: "messageHeaderEvent"
        case .withoutDefinition: "messageHeaderDefinition"
        case .secondDestination, .destinationNotPrimary: "messageHeaderDestination"
        case .unknownResourceType: "resourceType"
        case .forwardActivity: "provenance"
        case .shortCPR: "patientCPR"
        case .collectionBundle: "bundleType"
        case .withoutTimestamp: "bundleTimestamp"
        case .payloadWithoutDate: "payloadExtensions"
        case .entryWithoutFullUrl: "entry"
        case .provenanceForAnotherPayload: "provenancePayload"
        }
    }

    func apply(to bundle: inout [String: Any]) {
        switch self {
        case .withoutPatient:
            bundle["entry"] = entries(bundle).filter { resourceType($0) != "Patient" }
        case .secondPatient:
            var entries = entries(bundle)
            var copy = entries[1]
            copy["fullUrl"] = "https://medcomfhir.dk/ig/carecommunication/Patient/second"
            var resource = copy["resource"] as! [String: Any]
            resource["id"] = "second"
            copy["resource"] = resource
            entries.append(copy)
            bundle["entry"] = entries
        case .brokenSubjectReference:
            change("Communication", in: &bundle) { $0["subject"] = ["reference": "https://medcomfhir.dk/ig/carecommunication/Patient/nobody"] }
        case .brokenAssignerReference:
            change("Communication", in: &bundle) { communication in
                var payloads = communication["payload"] as! [[String: Any]]
                var extensions = payloads[0]["extension"] as! [[String: Any]]
                extensions[1]["valueIdentifier"] = [
                    "value": "urn:uuid:6b9f0ae1-7c2b-4c1e-9d3a-2f4e5b6c7d8e", "assigner": ["reference": "Organization/x"],
                ]
                payloads[0]["extension"] = extensions
                communication["payload"] = payloads
            }
        case .withoutSOR:
            change("Organization", in: &bundle) { $0["identifier"] = Array(($0["identifier"] as! [Any]).dropFirst()) }
        case .withoutEAN:
            change("Organization", nth: 1, in: &bundle) { $0["identifier"] = Array(($0["identifier"] as! [Any]).dropLast()) }
        case .withoutCommunicationIdentifier:
            change("Communication", in: &bundle) { $0["identifier"] = nil }
        case .versionOneCommunicationIdentifier:
            change("Communication", in: &bundle) { $0["identifier"] = [["value": "urn:uuid:eda90bde-54f9-11ed-bdc3-0242ac120002"]] }
        case .withoutNarrative:
            change("Organization", in: &bundle) { $0["text"] = nil }
        case .narrativeWithoutNamespace:
            change("Patient", in: &bundle) { $0["text"] = ["status": "generated", "div": "<div>Nancy</div>"] }
        case .otherCategoryWithoutTopic:
            change("Communication", in: &bundle) { $0["topic"] = nil }
        case .unknownCategory:
            change("Communication", in: &bundle) {
                $0["category"] = [["coding": [["system": MedComCareCommunication.categorySystem, "code": "palliation"]]]]
            }
        case .completedStatus:
            change("Communication", in: &bundle) { $0["status"] = "completed" }
        case .headerNotFirst:
            var entries = entries(bundle)
            entries.swapAt(0, 1)
            bundle["entry"] = entries
        case .otherEvent:
            change("MessageHeader", in: &bundle) { $0["eventCoding"] = ["system": MedComCareCommunication.eventCodeSystem, "code": "empty-message"] }
        case .withoutDefinition:
            change("MessageHeader", in: &bundle) { $0["definition"] = nil }
        case .secondDestination:
            change("MessageHeader", in: &bundle) { header in
                let destinations = header["destination"] as! [Any]
                header["destination"] = destinations + destinations
            }
        case .destinationNotPrimary:
            change("MessageHeader", in: &bundle) { header in
                var destinations = header["destination"] as! [[String: Any]]
                destinations[0]["extension"] = nil
                header["destination"] = destinations
            }
        case .unknownResourceType:
            var entries = entries(bundle)
            entries.append([
                "fullUrl": "https://medcomfhir.dk/ig/carecommunication/Observation/o1",
                "resource": [
                    "resourceType": "Observation", "id": "o1",
                    "text": ["status": "generated", "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\">x</div>"],
                ],
            ])
            bundle["entry"] = entries
        case .forwardActivity:
            change("Provenance", in: &bundle) {
                $0["activity"] = ["coding": [["system": MedComCareCommunication.activitySystem, "code": "forward-message"]]]
            }
        case .shortCPR:
            change("Patient", in: &bundle) { $0["identifier"] = [["system": MedComCareCommunication.cprSystem, "value": "251248"]] }
        case .collectionBundle:
            bundle["type"] = "collection"
        case .withoutTimestamp:
            bundle["timestamp"] = nil
        case .payloadWithoutDate:
            change("Communication", in: &bundle) { communication in
                var payloads = communication["payload"] as! [[String: Any]]
                payloads[0]["extension"] = Array((payloads[0]["extension"] as! [Any]).dropFirst())
                communication["payload"] = payloads
            }
        case .entryWithoutFullUrl:
            var entries = entries(bundle)
            entries[4]["fullUrl"] = nil
            bundle["entry"] = entries
        case .unescapedNarrative:
            change("Communication", in: &bundle) { $0["text"] = ["status": "generated", "div": Mutation.div("<p>Smerter < 5 & uro</p>")] }
        case .scriptInNarrative:
            change("Communication", in: &bundle) { $0["text"] = ["status": "generated", "div": Mutation.div("<p>Hej</p><script>alert(1)</script>")] }
        case .eventHandlerInNarrative:
            change("Patient", in: &bundle) { $0["text"] = ["status": "generated", "div": Mutation.div("<p onclick=\"steal()\">Nancy</p>")] }
        case .provenanceForAnotherPayload:
            change("Provenance", in: &bundle) {
                $0["entity"] = [["role": "source", "what": ["identifier": ["value": "urn:uuid:6b9f0ae1-7c2b-4c1e-9d3a-2f4e5b6c7d8e"]]]]
            }
        }
    }

    func entries(_ bundle: [String: Any]) -> [[String: Any]] { bundle["entry"] as! [[String: Any]] }

    static func div(_ xhtml: String) -> String { "<div xmlns=\"http://www.w3.org/1999/xhtml\">\(xhtml)</div>" }

    func resourceType(_ entry: [String: Any]) -> String? { (entry["resource"] as? [String: Any])?["resourceType"] as? String }

    func change(_ type: String, nth: Int = 0, in bundle: inout [String: Any], _ body: (inout [String: Any]) -> Void) {
        var entries = entries(bundle)
        let index = entries.indices.filter { resourceType(entries[$0]) == type }[nth]
        var resource = entries[index]["resource"] as! [String: Any]
        body(&resource)
        entries[index]["resource"] = resource
        bundle["entry"] = entries
    }
}
