import Foundation
import LindringCore
import LindringStore

/// The demo's working group (synthetic): a past meeting with minutes and attendees from all four
/// sectors and an upcoming one with its agenda, an analysis, three recommendations (one linked to
/// first contact within 10 days, one to death in the preferred place, one overdue), two decisions
/// from the past meeting, and the communication-pathways catalogue with the pages each helps on.
enum DemoWorkingGroup {
    static func day(_ today: LocalDate, _ days: Int) -> String {
        let calendar = DanishCalendar.calendar
        let start = calendar.date(from: DateComponents(year: today.year, month: today.month, day: today.day, hour: 12))!
        return LocalDate(calendar.date(byAdding: .day, value: days, to: start)!, in: DanishCalendar.timeZone).description
    }

    static func items(today: LocalDate) -> (meetings: [RegisterItemDraft], rest: [RegisterItemDraft], decisions: [RegisterItemDraft]) {
        let past = RegisterItemDraft(
            kind: "meeting", title: "Arbejdsgruppemøde: udskrivelser og indikatorer", date: day(today, -21),
            text: "1. Godkendelse af referat\n2. Analyse af udskrivelser fra hospital til eget hjem\n3. Indikatorer for første kontakt\n4. Eventuelt",
            minutes: "Analysen af udskrivelser blev gennemgået. Der er enighed om, at hjemmesygeplejen skal have besked senest kl. 12 på "
                + "udskrivelsesdagen, og at den anbefaling, der kom ud af analysen, skal følges op på næste møde. Almen praksis savner "
                + "besked, når den praktiserende læge skal ordinere lindrende medicin.",
            attendees: [
                .init(name: "Lene Lund, overlæge, palliativt team, Hvidovre Hospital", sector: "region"),
                .init(name: "Mads Krogh, sygeplejerske, Rådgivningslinjen", sector: "region"),
                .init(name: "Per Holm, sygeplejefaglig leder, hjemmesygeplejen, Københavns Kommune", sector: "municipality"),
                .init(name: "Birgitte Dahl, praktiserende læge, praksiskonsulent", sector: "generalPractice"),
                .init(name: "Hanne Winther, hospicechef, Sankt Lukas Hospice", sector: "hospice"),
            ])
        let upcoming = RegisterItemDraft(
            kind: "meeting", title: "Arbejdsgruppemøde: børn og unge i palliative forløb", date: day(today, 14),
            text: "1. Status på anbefalingerne\n2. Kommunikationsvejen for børn i palliative forløb (PABU, kommune, egen læge)\n"
                + "3. Manglende lindrende medicin i hjemmet\n4. Næste møde")
        let analysis = RegisterItemDraft(
            kind: "analysis", title: "Udskrivelser af palliative patienter 2025", date: day(today, -35),
            text: "Gennemgang af 40 udskrivelser fra tre hospitaler. I 14 forløb fik hjemmesygeplejen besked efter kl. 12 på "
                + "udskrivelsesdagen, og i 9 var der ikke lindrende medicin i hjemmet ved ankomst.",
            indicator: "crossSectorFollowUpsOnTime")
        let recommendations = [
            RegisterItemDraft(
                kind: "recommendation", title: "Første kontakt senest 10 dage efter henvisning",
                text: "Visitationen i de palliative teams ringer til patienten senest to hverdage efter, at henvisningen er modtaget, og "
                    + "aftaler det første besøg.",
                owner: "De palliative teams i Region Hovedstaden", dueDate: day(today, 60), status: "agreed", indicator: "firstContactWithin10Days"),
            RegisterItemDraft(
                kind: "recommendation", title: "Ønsket dødssted drøftes og skrives i planen",
                text: "Ønsket om, hvor patienten vil være den sidste tid og dø, drøftes ved første samtale og skrives i den fælles plan, så "
                    + "hjemmesygeplejen og vagtlægen kender det.",
                owner: "Almen praksis og hjemmesygeplejen", dueDate: day(today, 90), status: "inProgress", indicator: "placeOfDeathConcordance"),
            RegisterItemDraft(
                kind: "recommendation", title: "Besked til hjemmesygeplejen senest kl. 12 på udskrivelsesdagen",
                text: "Hospitalsafdelingerne sender korrespondancemeddelelse og ringer til hjemmesygeplejen senest kl. 12 på "
                    + "udskrivelsesdagen, når en palliativ patient udskrives til eget hjem.",
                owner: "Hospitalernes palliative koordinatorer", dueDate: day(today, -10), status: "agreed", indicator: "crossSectorFollowUpsOnTime"),
        ]
        let decisions = [
            RegisterItemDraft(
                kind: "decision", title: "Fælles skabelon til korrespondancemeddelelse ved udskrivelse", date: day(today, -21),
                text: "Arbejdsgruppen vedtager en fælles skabelon til korrespondancemeddelelsen ved udskrivelse af palliative patienter. "
                    + "Den tages i brug fra næste måned."),
            RegisterItemDraft(
                kind: "decision", title: "Kommunikationsvejene vises i Lindring", date: day(today, -21),
                text: "Kommunikationsvejene mellem sektorerne vises som hjælp i kontaktskemaet, i patientens plan og i indbakken."),
        ]
        return ([past, upcoming], [analysis] + recommendations, decisions)
    }

    static let pathways: [PathwayDraft] = [
        PathwayDraft(
            situation: "Udskrivelse af en palliativ patient fra hospital til eget hjem", from: "Hospitalsafdelingen",
            to: "Hjemmesygeplejen og egen læge", how: "Korrespondancemeddelelse (MedCom) og telefon til hjemmesygeplejen",
            within: "Senest på udskrivelsesdagen kl. 12",
            notes: "Lindrende medicin og recepter skal være klar, før patienten forlader afdelingen.", pages: ["plan", "inbox"], order: "10"),
        PathwayDraft(
            situation: "Forværring uden for dagtid i eget hjem", from: "Patient, pårørende eller hjemmesygeplejen",
            to: "Den palliative rådgivningslinje (døgnåben), ved livsfare 112", how: "Telefon",
            within: "Straks", notes: "Rådgivningslinjen giver besked til patientens palliative team næste hverdag.",
            pages: ["contactForm", "plan"], order: "20"),
        PathwayDraft(
            situation: "Dødsfald i eget hjem", from: "Hjemmesygeplejen eller de pårørende", to: "Egen læge (om natten lægevagten)",
            how: "Telefon; lægen konstaterer dødsfaldet og udsteder dødsattesten",
            within: "Inden for få timer; hjemmesygeplejen og det palliative team orienteres næste hverdag",
            notes: "Egen læge orienterer hjemmeplejen og det palliative team, så aftaler og hjælpemidler kan afsluttes.",
            pages: ["contactForm", "plan", "inbox"], order: "30"),
        PathwayDraft(
            situation: "Et barns palliative forløb", from: "Det pædiatriske palliative team (PABU)",
            to: "Kommunens sagsbehandler og barnets egen læge", how: "Korrespondancemeddelelse og netværksmøde",
            within: "Inden for 5 hverdage efter, at forløbet er startet",
            notes: "Socialrådgiveren i PABU hjælper familien med ansøgninger efter serviceloven.", pages: ["plan"], order: "40"),
        PathwayDraft(
            situation: "Indlæggelse på hospice", from: "Det palliative team eller egen læge", to: "Hospicet",
            how: "Henvisning (MedCom) og telefon til hospicets visitation", within: "Visitationen svarer inden for 1 hverdag",
            pages: ["plan", "inbox"], order: "50"),
        PathwayDraft(
            situation: "Lindrende medicin mangler i hjemmet", from: "Hjemmesygeplejen", to: "Egen læge, uden for dagtid lægevagten",
            how: "Telefon; recepten sendes elektronisk til apoteket", within: "Samme dag",
            notes: "Rådgivningslinjen kan rådgive om dosering, indtil medicinen er i hjemmet.", pages: ["contactForm", "inbox"], order: "60"),
    ]

    static func load(persistence: Persistence, now: Date = Date()) async throws {
        let users = try await persistence.readEach { try await UserRepository.list(on: $0) }
        guard let member = users.first(where: { $0.roles.contains(.workingGroup) }) else { return }
        let author = RecordAuthor(userId: member.id, name: member.name)
        let drafts = items(today: DanishCalendar.today(now))
        let pathways = try Self.pathways.map { try $0.validated() }
        try await persistence.write { tx in
            guard try await RegisterItemRepository.list(limit: 1, on: tx).isEmpty else { return }
            var meetingIds: [UUID] = []
            for draft in drafts.meetings {
                meetingIds.append(try await RegisterItemRepository.create(try draft.validated(), author: author, now: now, on: tx))
            }
            for draft in drafts.rest { _ = try await RegisterItemRepository.create(try draft.validated(), author: author, now: now, on: tx) }
            for var draft in drafts.decisions {
                draft.meetingId = meetingIds[0].uuidString
                _ = try await RegisterItemRepository.create(try draft.validated(), author: author, now: now, on: tx)
            }
            for pathway in pathways { _ = try await PathwayRepository.create(pathway, author: author, now: now, on: tx) }
        }
    }
}
