/// MedCom care communications and the outbox, in Danish and English side by side.
extension Catalog {
    static let careCommunications: [String: Words] = [
        "message.new": Words(da: "Send korrespondancemeddelelse", en: "Send a care communication"),
        "message.section": Words(da: "Korrespondancemeddelelser (MedCom)", en: "Care communications (MedCom)"),
        "message.none": Words(da: "Der er ikke sendt nogen meddelelser om patienten.", en: "No messages have been sent about the patient."),
        "message.title": Words(da: "Korrespondancemeddelelse", en: "Care communication"),
        "message.lead.plan": Words(
            da: "Skriv til patientens egen læge eller hjemmepleje. Meddelelsen bygges som en MedCom-korrespondance med emnet "
                + "”Palliation” og kontrolleres, før den lægges i udbakken.",
            en: "Write to the patient's GP or home care. The message is built as a MedCom CareCommunication on the topic "
                + "“Palliation” and checked before it goes to the outbox."),
        "message.lead.contact": Words(
            da: "Meddelelsen knyttes til kontakten på rådgivningslinjen.", en: "The message is linked to the advisory-line contact."),
        "message.field.receiver": Words(da: "Modtager", en: "Receiver"),
        "message.field.sender": Words(da: "Afsender", en: "Sender"),
        "message.field.text": Words(da: "Besked", en: "Message"),
        "message.hint.text": Words(
            da: "Skriv det, modtageren skal vide eller gøre. Dit navn, din enhed og dit telefonnummer sættes på.",
            en: "Write what the receiver must know or do. Your name, unit and phone number are added."),
        "message.hint.topic": Words(
            da: "Kategori: ”Andet” med emnet ”Palliation” (MedCom har ingen kategori for palliation).",
            en: "Category: “Other” with the topic “Palliation” (MedCom has no palliation category)."),
        "message.ready": Words(da: "Klar til afsendelse", en: "Ready to send"),
        "message.keepDraft": Words(da: "Gem som kladde", en: "Keep as a draft"),
        "message.missing.receiver": Words(
            da: "{unit} har ikke både SOR-kode og EAN-nummer i enhedsregistret. Bed en administrator om at indtaste dem.",
            en: "{unit} lacks a SOR code or EAN number in the unit register. Ask an administrator to enter them."),
        "message.missing.sender": Words(
            da: "Din enhed, {unit}, mangler SOR-kode, EAN-nummer eller telefonnummer i enhedsregistret. Bed en administrator om at "
                + "indtaste dem.",
            en: "Your unit, {unit}, lacks a SOR code, EAN number or phone number in the unit register. Ask an administrator to enter them."),
        "message.patient": Words(da: "Patient", en: "Patient"),
        "message.activity": Words(da: "Type", en: "Type"),
        "message.created": Words(da: "Oprettet", en: "Created"),
        "message.statusChanged": Words(da: "Status ændret", en: "Status changed"),
        "message.check": Words(da: "Kontrol af meddelelsen", en: "Check of the message"),
        "message.check.passed": Words(
            da: "Meddelelsen består alle kontroller: FHIR R4, én patient med CPR-nummer, SOR- og EAN-numre, alle referencer findes i "
                + "bundlen, og der er tekst til visning.",
            en: "The message passes every check: FHIR R4, one patient with a CPR number, SOR and EAN numbers, every reference found in "
                + "the bundle, and text for display."),
        "message.check.failed": Words(
            da: "Meddelelsen består ikke kontrollen og kan ikke sendes:", en: "The message fails the check and cannot be sent:"),
        "message.bundle": Words(da: "Se FHIR-bundlen (JSON)", en: "See the FHIR bundle (JSON)"),
        "message.reply": Words(da: "Svar i samme tråd", en: "Reply in the same conversation"),
        "message.reply.text": Words(da: "Svar", en: "Reply"),
        "message.reply.save": Words(da: "Gem svaret", en: "Save the reply"),
        "message.operator": Words(da: "Afsendelse (driften)", en: "Sending (operations)"),
        "message.operator.note": Words(da: "Bemærkning", en: "Note"),
        "message.mark.sent": Words(da: "Markér som sendt", en: "Mark as sent"),
        "message.mark.failed": Words(da: "Markér som fejlet", en: "Mark as failed"),
        "message.mark.ready": Words(da: "Klar til ny afsendelse", en: "Ready to send again"),
        "message.mark.draft": Words(da: "Tilbage til kladde", en: "Back to draft"),
        "message.backToOutbox": Words(da: "Til udbakken", en: "To the outbox"),
        "messageActivity.new-message": Words(da: "Ny meddelelse", en: "New message"),
        "messageActivity.reply-message": Words(da: "Svar", en: "Reply"),
        "outboxStatus.draft": Words(da: "Kladde", en: "Draft"),
        "outboxStatus.ready": Words(da: "Klar", en: "Ready"),
        "outboxStatus.sent": Words(da: "Sendt", en: "Sent"),
        "outboxStatus.failed": Words(da: "Fejlet", en: "Failed"),
        "outbox.title": Words(da: "Udbakke (MedCom)", en: "Outbox (MedCom)"),
        "outbox.lead": Words(
            da: "Meddelelser, der er bygget og kontrolleret. Afsendelsen over sundhedsdatanettet registreres her.",
            en: "Messages built and checked. Sending over the national health network is recorded here."),
        "outbox.filter": Words(da: "Vis efter status", en: "Show by status"),
        "outbox.all": Words(da: "Alle", en: "All"),
        "outbox.none": Words(da: "Der er ingen meddelelser.", en: "There are no messages."),
        "outbox.status": Words(da: "Status", en: "Status"),
        "nav.outbox": Words(da: "Udbakke", en: "Outbox"),
        "validation.noMessagingAddress": Words(da: "mangler SOR-kode og EAN-nummer", en: "lacks a SOR code and EAN number"),
        "notice.messageComposed": Words(da: "Meddelelsen er lagt i udbakken.", en: "The message is in the outbox."),
        "notice.messageStatusSaved": Words(da: "Status er gemt.", en: "The status is saved."),
        "auditAction.careCommunication.create": Words(da: "Skrev en korrespondancemeddelelse", en: "Wrote a care communication"),
        "auditAction.careCommunication.reply": Words(da: "Svarede på en korrespondancemeddelelse", en: "Replied to a care communication"),
        "auditAction.careCommunication.read": Words(da: "Læste en korrespondancemeddelelse", en: "Read a care communication"),
        "auditAction.careCommunication.bundle": Words(da: "Hentede en meddelelses FHIR-bundle", en: "Fetched a message's FHIR bundle"),
        "auditAction.careCommunication.list": Words(da: "Læste patientens meddelelser", en: "Read the patient's messages"),
        "auditAction.careCommunication.status": Words(da: "Ændrede en meddelelses status", en: "Changed a message's status"),
        "auditAction.careCommunication.form": Words(da: "Åbnede en ny meddelelse", en: "Opened a new message"),
    ]
}
