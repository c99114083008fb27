/// The canonical URLs and codes of MedCom's CareCommunication, version 4.0 (IG 4.0.3, the
/// release published at medcomfhir.dk/ig/carecommunication, built on MedCom Core 3.0, Messaging
/// and Terminology 1.x). Taken from MedCom's FSH sources (github.com/medcomdk:
/// dk-medcom-carecommunication, dk-medcom-messaging, dk-medcom-core, dk-medcom-terminology) and
/// the 4.0.x example bundles. Version 5.0 moves the MessageDefinition to
/// `…/ig/messagedefinitions/MessageDefinition/MedComCareCommunicationMessageDefinition|5.0`;
/// change `messageDefinition` and the profiles together when moving to it.
public enum MedComCareCommunication {
    // Profiles (meta.profile).
    public static let bundleProfile = "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-careCommunication-message"
    public static let messageHeaderProfile =
        "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-careCommunication-messageHeader"
    public static let communicationProfile =
        "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-careCommunication-communication"
    public static let provenanceProfile = "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-careCommunication-provenance"
    public static let organizationProfile = "http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-organization"
    public static let patientProfile = "http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-patient"
    public static let practitionerProfile = "http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-practitioner"
    public static let practitionerRoleProfile = "http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-practitionerrole"

    /// MessageHeader.definition as every 4.0 example bundle writes it.
    public static let messageDefinition = "http://medcomfhir.dk/ig/carecommunication/medcom-careCommunication-message-definition|4.0.0"

    // MessageHeader.
    public static let eventCodeSystem = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-eventCodes"
    public static let eventCode = "care-communication-message"
    public static let destinationUseExtension = "http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-destinationUseExtension"
    public static let destinationUseSystem = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-destinationUse"
    public static let primaryDestination = "primary"
    /// The examples' endpoint for a unit: its SOR entry. The transport (VANS envelope) is
    /// addressed by EAN; FHIR R4 still requires an endpoint on destination and source.
    public static func sorEndpoint(_ sorCode: String) -> String { "https://sor2.sum.dsdn.dk/#id=\(sorCode)" }

    // Communication.
    public static let categorySystem = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-careCommunication-categoryCodes"
    /// MedComCareCommunicationCategories (Terminology 1.9.0). There is no palliation category:
    /// palliative care goes as "other" with a topic.
    public static let categoryCodes: Set<String> = [
        "alcohol-and-drug-treatment", "assistive-devices", "carecoordination", "decease", "discharge", "examination-results",
        "healthcare", "home-care-assessment", "medicine", "nursing", "outpatient", "psychiatry-social-disability",
        "regarding-referral", "telemedicine", "training", "acute-ambulant", "extended-care-responsibility", "other",
    ]
    public static let otherCategory = "other"
    public static let communicationStatus = "unknown"
    public static let dateTimeExtension = "http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-datetime-extension"
    public static let identifierExtension = "http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-identifier-extension"
    public static let authorExtension = "http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-practitioner-extension"
    public static let authorContactExtension = "http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-contact-extension"

    // Provenance.
    public static let activitySystem = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-activityCodes"
    /// Provenance.entity.role of a payload added by this message.
    public static let payloadEntityRole = "source"
    /// Provenance.entity.role of the message a reply answers.
    public static let previousMessageEntityRole = "revision"

    // Identifier systems (DK Core).
    public static let cprSystem = "urn:oid:1.2.208.176.1.2"
    public static let sorSystem = "urn:oid:1.2.208.176.1.1"
    public static let eanSystem = "urn:oid:1.3.88"

    /// The base of every fullUrl, as in all of MedCom's CareCommunication examples
    /// (`https://medcomfhir.dk/ig/carecommunication/Patient/<id>`). References repeat the fullUrl
    /// exactly, so they resolve inside the bundle without any base-URL arithmetic.
    public static let fullUrlBase = "https://medcomfhir.dk/ig/carecommunication/"

    public static func fullUrl(_ resourceType: String, _ id: String) -> String { fullUrlBase + resourceType + "/" + id }
}
