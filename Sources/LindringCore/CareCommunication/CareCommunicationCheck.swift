import Foundation

/// The rules of a MedCom CareCommunication (4.0) that can be checked here, without MedCom's
/// validator or a terminology server: the shape of the message, the invariants of the profiles
/// that matter to a receiver, and that every reference resolves inside the bundle.
///
/// The JSON is read generically (JSONSerialization), so a bundle from anywhere can be checked,
/// not only one `CareCommunicationBundle` built. Malformed input gives problems, never a crash.
public enum CareCommunicationCheck {
    /// Resource types a CareCommunication from Lindring may contain.
    public static let resourceTypes: Set<String> = [
        "MessageHeader", "Communication", "Patient", "Organization", "Practitioner", "PractitionerRole", "Provenance",
    ]

    /// Every rule that can be checked here; empty means the bundle is fine.
    public static func problems(in json: Data) -> [CareCommunicationProblem] {
        guard let root = try? JSONSerialization.jsonObject(with: json) else {
            return [CareCommunicationProblem(rule: "json", path: "Bundle", message: "The message is not JSON.")]
        }
        guard let bundle = root as? [String: Any] else {
            return [CareCommunicationProblem(rule: "json", path: "Bundle", message: "The message is not a JSON object.")]
        }
        var checker = Checker(bundle: bundle)
        checker.run()
        return checker.problems
    }
}

private struct Checker {
    struct Entry {
        var index: Int
        var fullUrl: String?
        var resource: [String: Any]
        var type: String?
        var path: String { "Bundle.entry[\(index)].resource" }
    }

    let bundle: [String: Any]
    var entries: [Entry] = []
    var problems: [CareCommunicationProblem] = []

    init(bundle: [String: Any]) { self.bundle = bundle }

    mutating func add(_ rule: String, _ path: String, _ message: String) {
        problems.append(CareCommunicationProblem(rule: rule, path: path, message: message))
    }

    mutating func run() {
        checkBundle()
        guard readEntries() else { return }
        checkEntries()
        checkMessageHeader()
        checkPatients()
        checkOrganisations()
        checkCommunications()
        checkPractitioners()
        checkProvenance()
        checkReferences()
    }

    // MARK: Bundle and entries

    mutating func checkBundle() {
        if string(bundle["resourceType"]) != "Bundle" { add("bundleType", "Bundle.resourceType", "The root resource is not a Bundle.") }
        if string(bundle["type"]) != "message" { add("bundleType", "Bundle.type", "Bundle.type is not \"message\".") }
        if nonEmpty(bundle["id"]) == nil { add("bundleId", "Bundle.id", "The Bundle has no id.") }
        // A FHIR instant: a time to the second with its offset; ISO8601Instant reads exactly that.
        if !(string(bundle["timestamp"]).map { ISO8601Instant.parse($0) != nil } ?? false) {
            add("bundleTimestamp", "Bundle.timestamp", "Bundle.timestamp is missing or not an instant with seconds and an offset.")
        }
    }

    mutating func readEntries() -> Bool {
        let raw = array(bundle["entry"])
        guard !raw.isEmpty else {
            add("entry", "Bundle.entry", "The Bundle has no entries.")
            return false
        }
        var seen: Set<String> = []
        for (index, element) in raw.enumerated() {
            let path = "Bundle.entry[\(index)]"
            guard let entry = object(element) else {
                add("entry", path, "The entry is not an object.")
                continue
            }
            let fullUrl = nonEmpty(entry["fullUrl"])
            if let fullUrl {
                if !seen.insert(fullUrl).inserted { add("entry", path + ".fullUrl", "The fullUrl \(fullUrl) is used twice.") }
            } else {
                add("entry", path + ".fullUrl", "The entry has no fullUrl.")
            }
            guard let resource = object(entry["resource"]) else {
                add("entry", path + ".resource", "The entry has no resource.")
                continue
            }
            let type = nonEmpty(resource["resourceType"])
            if type == nil { add("entry", path + ".resource.resourceType", "The resource has no resourceType.") }
            entries.append(Entry(index: index, fullUrl: fullUrl, resource: resource, type: type))
        }
        return true
    }

    mutating func checkEntries() {
        for entry in entries {
            if let type = entry.type, !CareCommunicationCheck.resourceTypes.contains(type) {
                add("resourceType", entry.path + ".resourceType", "\(type) is not a resource type of a CareCommunication.")
            }
            if let id = entry.resource["id"] {
                if !(string(id).map(isFHIRId) ?? false) {
                    add("resourceId", entry.path + ".id", "The id is not a FHIR id (1 to 64 letters, digits, '-' and '.').")
                } else if let fullUrl = entry.fullUrl, let type = entry.type, let id = string(id), isRESTful(fullUrl),
                    !fullUrl.hasSuffix("/\(type)/\(id)")
                {
                    add("entry", "Bundle.entry[\(entry.index)].fullUrl", "The fullUrl \(fullUrl) disagrees with the resource's type and id.")
                }
            } else if entry.type != nil {
                add("resourceId", entry.path + ".id", "The resource has no id.")
            }
            checkNarrative(entry)
        }
    }

    /// MedCom: "The narrative text SHALL always be included when exchanging a MedCom FHIR Bundle."
    mutating func checkNarrative(_ entry: Entry) {
        guard let text = object(entry.resource["text"]) else {
            add("narrative", entry.path + ".text", "The resource has no narrative.")
            return
        }
        if !["generated", "extensions", "additional", "empty"].contains(string(text["status"]) ?? "") {
            add("narrative", entry.path + ".text.status", "The narrative has no valid status.")
        }
        let div = string(text["div"]) ?? ""
        if !div.hasPrefix("<div xmlns=\"http://www.w3.org/1999/xhtml\"") || !div.hasSuffix("</div>") {
            add("narrative", entry.path + ".text.div", "The narrative is not an XHTML div in the XHTML namespace.")
        } else if !FHIRNarrative.isSafeXHTML(div) {
            add("narrative", entry.path + ".text.div", "The narrative is not well-formed XHTML with text, or has active content (FHIR txt-1, txt-2).")
        }
    }

    // MARK: MessageHeader

    mutating func checkMessageHeader() {
        guard let header = entries.first, header.index == 0, header.type == "MessageHeader" else {
            add("messageHeaderFirst", "Bundle.entry[0].resource", "The first entry is not a MessageHeader.")
            return
        }
        for other in entries.dropFirst() where other.type == "MessageHeader" {
            add("messageHeaderFirst", other.path, "A message has one MessageHeader, first.")
        }
        let r = header.resource, path = header.path
        checkProfile(header, MedComCareCommunication.messageHeaderProfile)
        if nonEmpty(r["id"]) == nil { add("messageHeaderId", path + ".id", "The MessageHeader has no id (MedCom: a globally unique id).") }
        let event = object(r["eventCoding"])
        if string(event?["system"]) != MedComCareCommunication.eventCodeSystem || string(event?["code"]) != MedComCareCommunication.eventCode {
            add("messageHeaderEvent", path + ".eventCoding", "The event is not MedCom's care-communication-message.")
        }
        if nonEmpty(r["definition"]) == nil { add("messageHeaderDefinition", path + ".definition", "The MessageHeader names no MessageDefinition.") }
        let destinations = array(r["destination"])
        if destinations.count != 1 {
            add("messageHeaderDestination", path + ".destination", "A CareCommunication has exactly one destination, the primary receiver.")
        }
        for (index, element) in destinations.enumerated() {
            let destination = object(element), destinationPath = path + ".destination[\(index)]"
            let primary = array(destination?["extension"]).contains { element in
                let ext = object(element), coding = object(ext?["valueCoding"])
                return string(ext?["url"]) == MedComCareCommunication.destinationUseExtension
                    && string(coding?["system"]) == MedComCareCommunication.destinationUseSystem
                    && string(coding?["code"]) == MedComCareCommunication.primaryDestination
            }
            if !primary {
                add("messageHeaderDestination", destinationPath + ".extension", "The destination is not marked as the primary destination.")
            }
            if nonEmpty(destination?["endpoint"]) == nil {
                add("messageHeaderDestination", destinationPath + ".endpoint", "The destination has no endpoint (required by FHIR R4).")
            }
            if resolved(object(destination?["receiver"]), from: header, as: "Organization") == nil {
                add("messageHeaderDestination", destinationPath + ".receiver", "The receiver is not an Organization in the bundle.")
            }
        }
        if resolved(object(r["sender"]), from: header, as: "Organization") == nil {
            add("messageHeaderSender", path + ".sender", "The sender is not an Organization in the bundle.")
        }
        if nonEmpty(object(r["source"])?["endpoint"]) == nil {
            add("messageHeaderSource", path + ".source.endpoint", "The MessageHeader has no source endpoint (required by FHIR R4).")
        }
        let focus = array(r["focus"])
        if focus.isEmpty || !focus.allSatisfy({ resolved(object($0), from: header, as: "Communication") != nil }) {
            add("messageHeaderFocus", path + ".focus", "The focus is not the Communication in the bundle.")
        }
    }

    // MARK: Patient, organisations, practitioners

    mutating func checkPatients() {
        let patients = entries.filter { $0.type == "Patient" }
        if patients.count != 1 {
            add(
                "exactlyOnePatient", patients.dropFirst().first?.path ?? "Bundle.entry",
                "The bundle has \(patients.count) Patients; it must have exactly one.")
        }
        for patient in patients {
            let hasCPR = array(patient.resource["identifier"]).contains { element in
                let identifier = object(element)
                return string(identifier?["system"]) == MedComCareCommunication.cprSystem
                    && (string(identifier?["value"]).map { $0.utf8.count == 10 && $0.utf8.allSatisfy { (48...57).contains($0) } } ?? false)
            }
            if !hasCPR {
                add(
                    "patientCPR", patient.path + ".identifier",
                    "The Patient has no CPR identifier (\(MedComCareCommunication.cprSystem), ten digits).")
            }
            if array(patient.resource["name"]).isEmpty { add("patientName", patient.path + ".name", "The Patient has no name.") }
        }
    }

    mutating func checkOrganisations() {
        for organisation in entries where organisation.type == "Organization" {
            let identifiers = array(organisation.resource["identifier"]).compactMap(object)
            func value(_ system: String) -> String? {
                identifiers.first { string($0["system"]) == system }.flatMap { string($0["value"]) }
            }
            let digits: (String) -> Bool = { !$0.isEmpty && $0.utf8.allSatisfy { (48...57).contains($0) } }
            if !(value(MedComCareCommunication.sorSystem).map(digits) ?? false) {
                add("organisationIdentifiers", organisation.path + ".identifier", "The Organization has no SOR identifier.")
            }
            // An EAN location number (GLN) has 13 digits.
            if !(value(MedComCareCommunication.eanSystem).map { digits($0) && $0.utf8.count == 13 } ?? false) {
                add("organisationIdentifiers", organisation.path + ".identifier", "The Organization has no EAN identifier of 13 digits.")
            }
        }
    }

    mutating func checkPractitioners() {
        for entry in entries where entry.type == "Practitioner" || entry.type == "PractitionerRole" {
            if !hasUUIDv4Identifier(entry.resource) {
                add("practitionerIdentifier", entry.path + ".identifier", "The \(entry.type ?? "") has no urn:uuid identifier of version 4.")
            }
        }
        for role in entries where role.type == "PractitionerRole" {
            // medcom-careCommunication-4, -8 and -13: a role names a practitioner, who has a name.
            let practitioner = resolved(object(role.resource["practitioner"]), from: role, as: "Practitioner")
            if array(practitioner?.resource["name"]).isEmpty {
                add("practitionerName", role.path + ".practitioner", "The PractitionerRole does not name a Practitioner with a name in the bundle.")
            }
        }
    }

    // MARK: Communication

    mutating func checkCommunications() {
        let communications = entries.filter { $0.type == "Communication" }
        if communications.count != 1 {
            add("communication", "Bundle.entry", "The bundle has \(communications.count) Communications; it must have exactly one.")
        }
        for communication in communications {
            let r = communication.resource, path = communication.path
            checkProfile(communication, MedComCareCommunication.communicationProfile)
            if string(r["status"]) != MedComCareCommunication.communicationStatus {
                add("communicationStatus", path + ".status", "Communication.status is not \"unknown\".")
            }
            if !hasUUIDv4Identifier(r) {
                add("communicationIdentifier", path + ".identifier", "The Communication has no urn:uuid identifier of version 4.")
            }
            checkCategory(communication)
            if resolved(object(r["subject"]), from: communication, as: "Patient") == nil {
                add("communicationSubject", path + ".subject", "The subject is not the Patient in the bundle.")
            }
            let payloads = array(r["payload"])
            if !payloads.contains(where: { nonEmpty(object($0)?["contentString"]) != nil }) {
                add("payload", path + ".payload", "The Communication has no payload with a message text.")
            }
            for (index, element) in payloads.enumerated() {
                checkPayload(object(element) ?? [:], path: path + ".payload[\(index)]", in: communication)
            }
        }
    }

    mutating func checkCategory(_ communication: Entry) {
        let r = communication.resource, path = communication.path
        let categories = array(r["category"])
        let codings = categories.map { array(object($0)?["coding"]) }.joined().compactMap(object)
        if categories.count != 1 || codings.isEmpty {
            add("category", path + ".category", "The Communication has not exactly one category with a coding.")
        }
        for coding in codings {
            let code = string(coding["code"]) ?? ""
            if string(coding["system"]) != MedComCareCommunication.categorySystem || !MedComCareCommunication.categoryCodes.contains(code) {
                add("category", path + ".category", "\"\(code)\" is not a code of MedCom's CareCommunication categories.")
            }
        }
        // medcom-careCommunication-6: the category "other" needs a topic.
        if codings.contains(where: { string($0["code"]) == MedComCareCommunication.otherCategory }) {
            let topic = object(r["topic"])
            if nonEmpty(topic?["text"]) == nil && array(topic?["coding"]).isEmpty {
                add("categoryTopic", path + ".topic", "The category \"other\" requires a topic.")
            }
        }
    }

    /// A text segment carries its date, identifier, author and author's phone (MedCom 4.0 slice
    /// payload[string]); an attachment needs only date and identifier.
    mutating func checkPayload(_ payload: [String: Any], path: String, in communication: Entry) {
        let isText = payload["contentString"] != nil
        func ext(_ url: String) -> [String: Any]? {
            array(payload["extension"]).compactMap(object).first { string($0["url"]) == url }
        }
        if !(string(ext(MedComCareCommunication.dateTimeExtension)?["valueDateTime"]).map { ISO8601Instant.parse($0) != nil } ?? false) {
            add("payloadExtensions", path + ".extension", "The payload has no date and time (medcom-core-datetime-extension).")
        }
        let identifier = object(ext(MedComCareCommunication.identifierExtension)?["valueIdentifier"])
        if !(string(identifier?["value"]).map(FHIRText.isUUIDv4URN) ?? false)
            || resolved(object(identifier?["assigner"]), from: communication, as: "Organization") == nil
        {
            add("payloadExtensions", path + ".extension", "The payload has no urn:uuid identifier assigned by an Organization in the bundle.")
        }
        guard isText else { return }
        let role = resolved(object(ext(MedComCareCommunication.authorExtension)?["valueReference"]), from: communication, as: "PractitionerRole")
        if let role {
            // medcom-careCommunication-7: an author's PractitionerRole has a role.
            let hasRole = array(role.resource["code"]).compactMap(object).contains { code in
                nonEmpty(code["text"]) != nil || array(code["coding"]).contains { nonEmpty(object($0)?["code"]) != nil }
            }
            if !hasRole { add("authorRole", role.path + ".code", "The author's PractitionerRole has no role (code).") }
        } else {
            add(
                "payloadExtensions", path + ".extension",
                "The payload has no author PractitionerRole in the bundle (medcom-core-practitioner-extension).")
        }
        let phone = string(object(ext(MedComCareCommunication.authorContactExtension)?["valueContactPoint"])?["value"]) ?? ""
        let isPhone =
            phone.utf8.contains { (48...57).contains($0) }
            && phone.utf8.enumerated().allSatisfy { index, byte in (48...57).contains(byte) || byte == 45 || (byte == 43 && index == 0) }
        if !isPhone {
            add(
                "payloadExtensions", path + ".extension", "The payload has no author contact phone (medcom-core-contact-extension: '+', digits, '-')."
            )
        }
    }

    // MARK: Provenance

    mutating func checkProvenance() {
        let provenances = entries.filter { $0.type == "Provenance" }
        let header = entries.first { $0.type == "MessageHeader" && $0.index == 0 }
        var current = false
        for provenance in provenances {
            let r = provenance.resource, path = provenance.path
            checkProfile(provenance, MedComCareCommunication.provenanceProfile)
            let activities = array(object(r["activity"])?["coding"]).compactMap { string(object($0)?["code"]) }
            let targetsThisMessage = array(r["target"]).contains {
                resolved(object($0), from: provenance, as: "MessageHeader")?.index == header?.index
            }
            let isNewOrReply = activities.contains { CareCommunicationActivity(rawValue: $0) != nil }
            guard isNewOrReply && targetsThisMessage && header != nil else { continue }
            current = true
            if nonEmpty(r["occurredDateTime"]) == nil || nonEmpty(r["recorded"]) == nil {
                add("provenance", path, "The Provenance has no occurredDateTime or recorded time.")
            }
            if !array(r["agent"]).contains(where: { resolved(object(object($0)?["who"]), from: provenance, as: "Organization") != nil }) {
                add("provenance", path + ".agent", "The Provenance's agent is not an Organization in the bundle.")
            }
            let entities = array(r["entity"]).compactMap(object)
            if activities.contains(CareCommunicationActivity.replyMessage.rawValue) {
                let previous = entities.contains {
                    string($0["role"]) == MedComCareCommunication.previousMessageEntityRole && nonEmpty(object($0["what"])?["reference"]) != nil
                }
                if !previous {
                    add("replyPreviousMessage", path + ".entity", "A reply's Provenance names the message it answers (entity with role revision).")
                }
            }
            let added = entities.compactMap { string(object(object($0["what"])?["identifier"])?["value"]) }
            let known = Set(payloadIdentifiers())
            if added.isEmpty || !added.allSatisfy(known.contains) {
                add("provenancePayload", path + ".entity", "The Provenance does not list the identifier of a payload in the Communication.")
            }
        }
        if !current {
            add("provenance", "Bundle.entry", "No Provenance with activity new-message or reply-message targets this message's MessageHeader.")
        }
    }

    func payloadIdentifiers() -> [String] {
        entries.filter { $0.type == "Communication" }.flatMap { array($0.resource["payload"]) }.compactMap { payload in
            array(object(payload)?["extension"]).compactMap(object)
                .first { string($0["url"]) == MedComCareCommunication.identifierExtension }
                .flatMap { string(object($0["valueIdentifier"])?["value"]) }
        }
    }

    // MARK: References

    /// Every `reference` anywhere in the bundle resolves to an entry, except the one MedCom puts
    /// outside it: a reply's Provenance names the answered message's MessageHeader (entity with
    /// role revision), which belongs to the earlier bundle.
    mutating func checkReferences() {
        for entry in entries {
            var found: [(path: String, value: Any)] = []
            collectReferences(entry.resource, path: entry.path, depth: 0, into: &found)
            for (path, value) in found {
                guard let reference = string(value), !reference.isEmpty else {
                    add("unresolvedReference", path, "The reference is not a non-empty string.")
                    continue
                }
                if resolve(reference, from: entry) != nil || isPreviousMessage(path: path, reference: reference, in: entry) { continue }
                add("unresolvedReference", path, "The reference \(reference) does not resolve to an entry of the bundle.")
            }
        }
    }

    /// Deep enough for any FHIR resource; deeper input is not a CareCommunication, and a bound keeps
    /// hostile input from exhausting the stack.
    static let maxDepth = 64

    mutating func collectReferences(_ node: Any, path: String, depth: Int, into found: inout [(path: String, value: Any)]) {
        guard depth < Checker.maxDepth else {
            add("json", path, "The JSON is nested too deeply.")
            return
        }
        if let members = node as? [String: Any] {
            for key in members.keys.sorted() {
                guard let value = members[key] else { continue }
                if key == "reference" {
                    found.append((path + ".reference", value))
                } else {
                    collectReferences(value, path: path + "." + key, depth: depth + 1, into: &found)
                }
            }
        } else if let elements = node as? [Any] {
            for (index, element) in elements.enumerated() {
                collectReferences(element, path: path + "[\(index)]", depth: depth + 1, into: &found)
            }
        }
    }

    func isPreviousMessage(path: String, reference: String, in entry: Entry) -> Bool {
        guard entry.type == "Provenance", path.hasPrefix(entry.path + ".entity["), path.hasSuffix("].what.reference") else { return false }
        let index = Int(path.dropFirst((entry.path + ".entity[").count).prefix { $0.isNumber }) ?? -1
        let entities = array(entry.resource["entity"])
        guard entities.indices.contains(index), string(object(entities[index])?["role"]) == MedComCareCommunication.previousMessageEntityRole
        else { return false }
        let parts = reference.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts[parts.count - 2] == "MessageHeader" && isFHIRId(String(parts[parts.count - 1]))
    }

    /// The entry a reference names: its fullUrl exactly, or, for a relative `Type/id`, the fullUrl
    /// made from the referring entry's base (FHIR's rule for resolving references in a bundle).
    func resolve(_ reference: String, from entry: Entry) -> Entry? {
        if let exact = entries.first(where: { $0.fullUrl == reference }) { return exact }
        if reference.hasPrefix("#") {
            let id = String(reference.dropFirst())
            let contained = array(entry.resource["contained"]).contains { string(object($0)?["id"]) == id }
            return contained || id.isEmpty ? entry : nil
        }
        guard !reference.contains(":"), let fullUrl = entry.fullUrl, isRESTful(fullUrl) else { return nil }
        let base = fullUrl.split(separator: "/", omittingEmptySubsequences: false).dropLast(2).joined(separator: "/")
        return entries.first { $0.fullUrl == base + "/" + reference }
    }

    func resolved(_ reference: [String: Any]?, from entry: Entry, as type: String) -> Entry? {
        guard let text = string(reference?["reference"]), let target = resolve(text, from: entry), target.type == type else { return nil }
        return target
    }

    // MARK: Helpers

    mutating func checkProfile(_ entry: Entry, _ profile: String) {
        // medcom-careCommunication-1 and -3 name the profile the MessageHeader and Provenance claim.
        let profiles = array(object(entry.resource["meta"])?["profile"]).compactMap(string)
        if !profiles.contains(where: { $0 == profile || $0.hasPrefix(profile + "|") }) {
            add("profile", entry.path + ".meta.profile", "The \(entry.type ?? "resource") does not claim \(profile).")
        }
    }

    func hasUUIDv4Identifier(_ resource: [String: Any]) -> Bool {
        array(resource["identifier"]).contains { string(object($0)?["value"]).map(FHIRText.isUUIDv4URN) ?? false }
    }

    /// A RESTful fullUrl (`http(s)://…/Type/id`), against which relative references resolve.
    func isRESTful(_ url: String) -> Bool {
        (url.hasPrefix("http://") || url.hasPrefix("https://")) && url.split(separator: "/").count >= 4
    }

    func isFHIRId(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count)
            && text.utf8.allSatisfy { (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) || $0 == 45 || $0 == 46 }
    }

    func object(_ value: Any?) -> [String: Any]? { value as? [String: Any] }
    func array(_ value: Any?) -> [Any] { (value as? [Any]) ?? [] }
    func string(_ value: Any?) -> String? { value as? String }
    func nonEmpty(_ value: Any?) -> String? {
        guard let text = value as? String, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return text
    }
}

/// What can be checked of a narrative without an XML parser (FoundationXML would bring libxml2
/// into Core): one element whose tags nest and close, entities that are written as entities,
/// some text, and none of the content FHIR forbids (txt-1: scripts, forms, frames, event
/// attributes; txt-2: a narrative with no text). Text that was not escaped fails here.
enum FHIRNarrative {
    static let forbiddenElements: Set<String> = [
        "script", "style", "form", "input", "button", "select", "textarea", "iframe", "frame", "frameset", "object", "embed",
        "applet", "base", "link", "meta", "html", "head", "body",
    ]

    static func isSafeXHTML(_ div: String) -> Bool {
        let scalars = Array(div.unicodeScalars)
        var open: [String] = []
        var hasText = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "<" {
                guard let end = scalars[index...].firstIndex(of: ">") else { return false }
                guard let name = tag(String(String.UnicodeScalarView(scalars[(index + 1)..<end])), open: &open) else { return false }
                if forbiddenElements.contains(name.lowercased()) { return false }
                index = end + 1
                // The div is the one element: nothing may follow once it closes.
                if open.isEmpty && index < scalars.count { return false }
                continue
            }
            if open.isEmpty { return false }
            if scalar == "&" {
                guard let end = scalars[index...].prefix(12).firstIndex(of: ";"),
                    isEntity(String(String.UnicodeScalarView(scalars[(index + 1)..<end])))
                else { return false }
                hasText = true
                index = end + 1
                continue
            }
            if !scalar.properties.isWhitespace { hasText = true }
            index += 1
        }
        return open.isEmpty && hasText
    }

    /// Reads one tag's inside (between `<` and `>`), updates the open elements; the element's
    /// name, or nil when the tag is malformed or closes the wrong element.
    static func tag(_ inside: String, open: inout [String]) -> String? {
        if inside.hasPrefix("/") {
            let name = String(inside.dropFirst()).trimmingCharacters(in: .whitespaces)
            guard open.popLast() == name else { return nil }
            return name
        }
        let selfClosing = inside.hasSuffix("/")
        let body = selfClosing ? String(inside.dropLast()) : inside
        let name = String(body.prefix { !$0.isWhitespace })
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) }) else { return nil }
        guard let names = attributeNames(Array(body.dropFirst(name.count).unicodeScalars)),
            !names.contains(where: { $0.lowercased().hasPrefix("on") })  // event handlers: onclick, onload, …
        else { return nil }
        if !selfClosing { open.append(name) }
        return name
    }

    /// The names of `name="value"` (or single-quoted) attributes, nil unless every one is so.
    static func attributeNames(_ scalars: [Unicode.Scalar]) -> [String]? {
        var names: [String] = []
        var index = 0
        func skipWhitespace() { while index < scalars.count && scalars[index].properties.isWhitespace { index += 1 } }
        while true {
            skipWhitespace()
            guard index < scalars.count else { return names }
            let start = index
            while index < scalars.count && scalars[index] != "=" && !scalars[index].properties.isWhitespace { index += 1 }
            let name = String(String.UnicodeScalarView(scalars[start..<index]))
            skipWhitespace()
            guard !name.isEmpty, index < scalars.count, scalars[index] == "=" else { return nil }
            index += 1
            skipWhitespace()
            guard index < scalars.count, scalars[index] == "\"" || scalars[index] == "'" else { return nil }
            let quote = scalars[index]
            index += 1
            while index < scalars.count && scalars[index] != quote { index += 1 }
            guard index < scalars.count else { return nil }
            index += 1
            names.append(name)
        }
    }

    static func isEntity(_ body: String) -> Bool {
        if body.hasPrefix("#x") || body.hasPrefix("#X") {
            return body.count > 2 && body.dropFirst(2).allSatisfy(\.isHexDigit)
        }
        if body.hasPrefix("#") { return body.count > 1 && body.dropFirst().allSatisfy { $0.isASCII && $0.isNumber } }
        return !body.isEmpty && body.allSatisfy { $0.isASCII && $0.isLetter }
    }
}
