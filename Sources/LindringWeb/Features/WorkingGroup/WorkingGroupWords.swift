/// The working group's register and the communication pathways, in Danish and English side by side.
extension Catalog {
    static let workingGroup: [String: Words] = [
        "nav.workingGroup": Words(da: "Arbejdsgruppe", en: "Working group"),
        "workingGroup.title": Words(da: "Arbejdsgruppens register", en: "The working group's register"),
        "workingGroup.lead": Words(
            da: "Møder, analyser, anbefalinger og beslutninger i den tværsektorielle arbejdsgruppe – og kommunikationsvejene mellem sektorerne.",
            en:
                "Meetings, analyses, recommendations and decisions of the cross-sector working group – and the communication pathways between the sectors."
        ),
        "workingGroup.newItems": Words(da: "Opret i registret", en: "Add to the register"),
        "workingGroup.new.meeting": Words(da: "Nyt møde", en: "New meeting"),
        "workingGroup.new.analysis": Words(da: "Ny analyse", en: "New analysis"),
        "workingGroup.new.recommendation": Words(da: "Ny anbefaling", en: "New recommendation"),
        "workingGroup.new.decision": Words(da: "Ny beslutning", en: "New decision"),
        "workingGroup.new.decisionAtMeeting": Words(da: "Tilføj en beslutning fra mødet", en: "Add a decision taken at the meeting"),
        "workingGroup.edit": Words(da: "Ret", en: "Edit"),
        "workingGroup.edit.meeting": Words(da: "Ret mødet", en: "Edit the meeting"),
        "workingGroup.edit.analysis": Words(da: "Ret analysen", en: "Edit the analysis"),
        "workingGroup.edit.recommendation": Words(da: "Ret anbefalingen", en: "Edit the recommendation"),
        "workingGroup.edit.decision": Words(da: "Ret beslutningen", en: "Edit the decision"),
        "workingGroup.back": Words(da: "Tilbage", en: "Back"),
        "workingGroup.save": Words(da: "Gem", en: "Save"),
        "workingGroup.stale": Words(
            da: "En anden har gemt en nyere version, mens du skrev. Det, du skrev, står her stadig: se den nye version i et andet vindue, "
                + "og gem igen, hvis dine ændringer stadig skal med.",
            en: "Someone else saved a newer version while you were typing. What you typed is still here: look at the new version in another "
                + "window, and save again if your changes should still be made."),
        "workingGroup.notice.created": Words(da: "Det er gemt i registret.", en: "It is saved in the register."),
        "workingGroup.notice.saved": Words(da: "Ændringerne er gemt som en ny version.", en: "The changes are saved as a new version."),
        "workingGroup.notice.unchanged": Words(da: "Der var ingen ændringer at gemme.", en: "There were no changes to save."),
        "workingGroup.notice.pathwayCreated": Words(da: "Kommunikationsvejen er oprettet.", en: "The communication pathway is added."),
        "workingGroup.notice.pathwaySaved": Words(da: "Kommunikationsvejen er gemt.", en: "The communication pathway is saved."),
        "workingGroup.notice.pathwayDeleted": Words(da: "Kommunikationsvejen er slettet.", en: "The communication pathway is removed."),
        "workingGroup.overdue": Words(da: "Overskredet", en: "Overdue"),
        "workingGroup.none": Words(da: "Der er ingen endnu.", en: "There are none yet."),
        "workingGroup.filtered": Words(da: "Punkter i registret ({count})", en: "Items in the register ({count})"),
        "workingGroup.filter.all": Words(da: "Alle", en: "All"),
        "workingGroup.filter.show": Words(da: "Vis", en: "Show"),
        "workingGroup.upcoming": Words(da: "Kommende møder", en: "Upcoming meetings"),
        "workingGroup.upcoming.none": Words(da: "Der er ingen kommende møder i registret.", en: "There are no upcoming meetings in the register."),
        "workingGroup.openRecommendations": Words(da: "Åbne anbefalinger", en: "Open recommendations"),
        "workingGroup.openRecommendations.none": Words(da: "Der er ingen åbne anbefalinger.", en: "There are no open recommendations."),
        "workingGroup.recentDecisions": Words(da: "Seneste beslutninger", en: "Recent decisions"),
        "workingGroup.analyses": Words(da: "Analyser", en: "Analyses"),
        "workingGroup.versionLine": Words(
            da: "Version {version}, senest gemt {time} af {name}", en: "Version {version}, last saved {time} by {name}"),
        "workingGroup.text.meeting": Words(da: "Dagsorden", en: "Agenda"),
        "workingGroup.text.analysis": Words(da: "Resumé", en: "Summary"),
        "workingGroup.text.recommendation": Words(da: "Anbefalingen", en: "The recommendation"),
        "workingGroup.text.decision": Words(da: "Beslutningen", en: "The decision"),
        "workingGroup.field.kind": Words(da: "Type", en: "Kind"),
        "workingGroup.field.title": Words(da: "Titel", en: "Title"),
        "workingGroup.field.date": Words(da: "Dato", en: "Date"),
        "workingGroup.field.text": Words(da: "Tekst", en: "Text"),
        "workingGroup.field.minutes": Words(da: "Referat", en: "Minutes"),
        "workingGroup.field.minutesHint": Words(
            da: "Skriv referatet efter mødet. Beslutninger oprettes hver for sig fra mødets side.",
            en: "Write the minutes after the meeting. Decisions are added one by one from the meeting's page."),
        "workingGroup.field.attendees": Words(da: "Deltagere", en: "Attendees"),
        "workingGroup.field.attendee": Words(da: "Deltager", en: "Attendee"),
        "workingGroup.field.sector": Words(da: "Sektor", en: "Sector"),
        "workingGroup.allMeetings": Words(da: "Alle møder, også de afholdte", en: "All meetings, past ones too"),
        "workingGroup.attendeesHint": Words(
            da: "Navn og sektor for hver deltager; tomme rækker gemmes ikke.", en: "Name and sector of each attendee; blank rows are not saved."),
        "workingGroup.field.attendee.name": Words(da: "Deltager {number}: navn", en: "Attendee {number}: name"),
        "workingGroup.field.attendee.sector": Words(da: "Deltager {number}: sektor", en: "Attendee {number}: sector"),
        "workingGroup.field.owner": Words(da: "Ansvarlig", en: "Owner"),
        "workingGroup.field.ownerHint": Words(
            da: "Den person eller enhed, der sørger for, at anbefalingen bliver ført ud i livet.",
            en: "The person or unit that sees to it that the recommendation is carried out."),
        "workingGroup.field.dueDate": Words(da: "Frist", en: "Due date"),
        "workingGroup.field.status": Words(da: "Status", en: "Status"),
        "workingGroup.field.indicator": Words(da: "Indikator", en: "Indicator"),
        "workingGroup.indicator.recommendation": Words(
            da: "Indikator, som anbefalingen skal forbedre", en: "Indicator the recommendation should move"),
        "workingGroup.indicator.analysis": Words(da: "Indikator, som analysen handler om", en: "Indicator the analysis is about"),
        "workingGroup.field.meetingId": Words(da: "Truffet på mødet", en: "Taken at the meeting"),
        "workingGroup.noIndicator": Words(da: "Ingen indikator", en: "No indicator"),
        "workingGroup.noMeeting": Words(da: "Ikke truffet på et møde i registret", en: "Not taken at a meeting in the register"),
        "workingGroup.attendees.none": Words(da: "Der er ikke registreret nogen deltagere.", en: "No attendees are recorded."),
        "workingGroup.attendees.sectors": Words(da: "Sektorer til stede: {sectors}", en: "Sectors present: {sectors}"),
        "workingGroup.meetingDecisions": Words(da: "Beslutninger på mødet", en: "Decisions at the meeting"),
        "workingGroup.meetingDecisions.none": Words(
            da: "Der er ikke registreret nogen beslutninger fra mødet.", en: "No decisions from the meeting are recorded."),
        "workingGroup.versions": Words(da: "Versioner", en: "Versions"),
        "workingGroup.versions.version": Words(da: "Version {version}", en: "Version {version}"),
        "workingGroup.versions.first": Words(da: "oprettet", en: "created"),
        "workingGroup.versions.changed": Words(da: "ændrede {fields}", en: "changed {fields}"),

        "registerKind.meeting": Words(da: "Møde", en: "Meeting"),
        "registerKind.analysis": Words(da: "Analyse", en: "Analysis"),
        "registerKind.recommendation": Words(da: "Anbefaling", en: "Recommendation"),
        "registerKind.decision": Words(da: "Beslutning", en: "Decision"),
        "recommendationStatus.proposed": Words(da: "Foreslået", en: "Proposed"),
        "recommendationStatus.agreed": Words(da: "Vedtaget", en: "Agreed"),
        "recommendationStatus.inProgress": Words(da: "I gang", en: "In progress"),
        "recommendationStatus.done": Words(da: "Gennemført", en: "Done"),
        "recommendationStatus.rejected": Words(da: "Afvist", en: "Rejected"),

        // The communication pathways
        "pathways.title": Words(da: "Kommunikationsveje", en: "Communication pathways"),
        "pathways.lead": Words(
            da: "Hvem kontakter hvem, hvordan og hvor hurtigt – i de situationer, hvor et palliativt forløb går på tværs af sektorerne. "
                + "De vises som hjælp på de sider, der er valgt for hver situation.",
            en: "Who contacts whom, how and how soon – in the situations where a palliative pathway crosses the sectors. Each is shown as "
                + "help on the pages chosen for it."),
        "pathways.none": Words(da: "Der er ingen kommunikationsveje endnu.", en: "There are no communication pathways yet."),
        "pathways.new": Words(da: "Ny kommunikationsvej", en: "New communication pathway"),
        "pathways.edit": Words(da: "Ret kommunikationsvejen", en: "Edit the communication pathway"),
        "pathways.save": Words(da: "Gem kommunikationsvejen", en: "Save the communication pathway"),
        "pathways.delete": Words(da: "Slet kommunikationsvejen", en: "Remove the communication pathway"),
        "pathways.whoToWhom": Words(da: "Hvem → hvem", en: "Who → whom"),
        "pathways.field.situation": Words(da: "Situation", en: "Situation"),
        "pathways.field.situationHint": Words(
            da: "Fx »Udskrivelse af en palliativ patient«.", en: "E.g. \"Discharge of a palliative patient\"."),
        "pathways.field.from": Words(da: "Hvem kontakter", en: "Who contacts"),
        "pathways.field.to": Words(da: "Hvem kontaktes", en: "Whom"),
        "pathways.field.how": Words(da: "Hvordan", en: "How"),
        "pathways.field.howHint": Words(
            da: "Fx »Korrespondancemeddelelse (MedCom) og telefon«.", en: "E.g. \"MedCom correspondence message and telephone\"."),
        "pathways.field.within": Words(da: "Inden for", en: "Within"),
        "pathways.field.withinHint": Words(da: "Fx »Senest på udskrivelsesdagen kl. 12«.", en: "E.g. \"By noon on the day of discharge\"."),
        "pathways.field.notes": Words(da: "Bemærkninger", en: "Notes"),
        "pathways.field.pages": Words(da: "Vises som hjælp på", en: "Shown as help on"),
        "pathways.field.order": Words(da: "Rækkefølge", en: "Order"),
        "pathways.field.orderHint": Words(
            da: "Et tal fra 0 til 9999; laveste vises først.", en: "A number from 0 to 9999; the lowest is shown first."),
        "pathwayPage.contactForm": Words(da: "Rådgivningslinjens kontaktskema", en: "The advisory line's contact form"),
        "pathwayPage.plan": Words(da: "Patientens plan", en: "The patient's plan"),
        "pathwayPage.inbox": Words(da: "Indbakken", en: "The inbox"),
        "pathwayPanel.title": Words(da: "Kommunikationsveje ({count})", en: "Communication pathways ({count})"),
        "pathwayPanel.how": Words(da: "Sådan: {how}", en: "How: {how}"),
        "pathwayPanel.within": Words(da: "Tidsfrist: {within}", en: "Time limit: {within}"),

        "auditAction.workingGroup.item.create": Words(
            da: "Oprettede et punkt i arbejdsgruppens register", en: "Added to the working group's register"),
        "auditAction.workingGroup.item.update": Words(
            da: "Ændrede et punkt i arbejdsgruppens register", en: "Changed an item of the working group's register"),
        "auditAction.workingGroup.pathway.create": Words(da: "Oprettede en kommunikationsvej", en: "Added a communication pathway"),
        "auditAction.workingGroup.pathway.update": Words(da: "Ændrede en kommunikationsvej", en: "Changed a communication pathway"),
        "auditAction.workingGroup.pathway.delete": Words(da: "Slettede en kommunikationsvej", en: "Removed a communication pathway"),
    ]
}
