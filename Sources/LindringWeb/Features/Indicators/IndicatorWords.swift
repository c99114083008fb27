/// The working group's indicators: names and definitions (numerator, denominator, exclusions),
/// in Danish and English side by side.
extension Catalog {
    static let indicators: [String: Words] = [
        "nav.indicators": Words(da: "Indikatorer", en: "Indicators"),
        "indicators.title": Words(da: "Indikatorer for det palliative forløb", en: "Indicators of the palliative pathway"),
        "indicators.lead": Words(
            da: "Beregnet ud fra Lindrings egne registreringer: henvisninger, planer, rådgivningslinjen og indbakken. Tallene er optællinger; "
                + "patienterne bag ser kun den, der må se dem.",
            en: "Computed from Lindring's own records: referrals, plans, the advisory line and the inbox. The figures are counts; only "
                + "those allowed to see the patients behind them do."),
        "indicators.filter.by": Words(da: "Opdelt på", en: "Grouped by"),
        "indicators.filter.group": Words(da: "Vis", en: "Show"),
        "indicators.filter.all": Words(da: "Hele regionen", en: "The whole region"),
        "indicators.filter.interval": Words(da: "Grafens perioder", en: "The chart's periods"),
        "indicators.filter.show": Words(da: "Vis indikatorerne", en: "Show the indicators"),
        "indicators.by.hospital": Words(da: "Hospital", en: "Hospital"),
        "indicators.by.municipality": Words(da: "Kommune", en: "Municipality"),
        "indicators.by.diagnosisGroup": Words(da: "Diagnosegruppe", en: "Diagnosis group"),
        "indicators.interval.month": Words(da: "Måneder", en: "Months"),
        "indicators.interval.quarter": Words(da: "Kvartaler", en: "Quarters"),
        "indicators.family.dpd": Words(da: "Dansk Palliativ Database (DPD)", en: "Danish Palliative Care Database (DPD)"),
        "indicators.family.plans": Words(da: "Den fælles plan", en: "The shared plan"),
        "indicators.family.collaboration": Words(da: "Samarbejde på tværs af sektorer", en: "Collaboration across sectors"),
        "indicators.column.indicator": Words(da: "Indikator", en: "Indicator"),
        "indicators.column.all": Words(da: "Alle", en: "All"),
        "indicators.column.cancer": Words(da: "Kræft", en: "Cancer"),
        "indicators.column.nonCancer": Words(da: "Ikke-kræft", en: "Non-cancer"),
        "indicators.column.standard": Words(da: "Standard", en: "Standard"),
        "indicators.column.group": Words(da: "Gruppe", en: "Group"),
        "indicators.column.period": Words(da: "Periode", en: "Period"),
        "indicators.column.counted": Words(da: "Opfyldt", en: "Met"),
        "indicators.column.day": Words(da: "Dato", en: "Date"),
        "indicators.column.patient": Words(da: "Patient", en: "Patient"),
        "indicators.noStandard": Words(da: "ingen", en: "none"),
        "indicators.noData": Words(da: "–", en: "–"),
        "indicators.ci": Words(da: "95 %-konfidensinterval {lower}–{upper} %", en: "95 % confidence interval {lower}–{upper} %"),
        "indicators.smallGroup": Words(
            da: "Lille gruppe: læs intervallet, ikke kun andelen.", en: "A small group: read the interval, not only the share."),
        "indicators.definition": Words(da: "Definition", en: "Definition"),
        "indicators.numerator": Words(da: "Tæller", en: "Numerator"),
        "indicators.denominator": Words(da: "Nævner", en: "Denominator"),
        "indicators.exclusions": Words(da: "Udeladt", en: "Left out"),
        "indicators.patients": Words(da: "Patienterne", en: "The patients"),
        "indicators.chart": Words(da: "Graf", en: "Chart"),
        "indicators.chart.title": Words(da: "{indicator} – {group}", en: "{indicator} – {group}"),
        "indicators.chart.label": Words(
            da: "{indicator} pr. periode i procent, med standarden som stiplet linje",
            en: "{indicator} per period in per cent, with the standard as a dashed line"),
        "indicators.chart.standard": Words(da: "Standard {value} %", en: "Standard {value} %"),
        "indicators.byGroup": Words(da: "{indicator} opdelt på {by}", en: "{indicator} by {by}"),
        "indicators.places.title": Words(da: "Dødssted (DPD's koder)", en: "Place of death (the DPD's codes)"),
        "indicators.places.count": Words(da: "Antal", en: "Count"),
        "indicators.csv": Words(da: "Hent som CSV (regneark)", en: "Download as CSV (spreadsheet)"),
        "indicators.drill.title": Words(da: "Patienterne bag: {indicator}", en: "The patients behind: {indicator}"),
        "indicators.drill.hidden": Words(
            da: "Desuden indgår {count} patienter, som du ikke har adgang til at se.", en: "{count} more patients are included whom you may not see."),
        "indicators.drill.hiddenOne": Words(
            da: "Desuden indgår 1 patient, som du ikke har adgang til at se.", en: "1 more patient is included whom you may not see."),
        "indicators.drill.hiddenOnly": Words(
            da: "Der indgår {count} patienter, som du ikke har adgang til at se.", en: "{count} patients are included whom you may not see."),
        "indicators.drill.hiddenOnlyOne": Words(
            da: "Der indgår 1 patient, som du ikke har adgang til at se.", en: "1 patient is included whom you may not see."),
        "indicators.drill.none": Words(da: "Ingen patienter indgår.", en: "No patients are included."),
        "indicators.drill.scope": Words(da: "{group}, {from}–{to}.", en: "{group}, {from}–{to}."),
        "indicators.day.received": Words(da: "Henvisning modtaget", en: "Referral received"),
        "indicators.day.death": Words(da: "Dødsdato", en: "Date of death"),
        "indicators.day.due": Words(da: "Forfaldt", en: "Due"),
        "indicators.day.arrived": Words(da: "Modtaget i indbakken", en: "Arrived in the inbox"),
        "indicators.ci.lower": Words(da: "Nedre 95 %-grænse", en: "Lower 95 % limit"),
        "indicators.ci.upper": Words(da: "Øvre 95 %-grænse", en: "Upper 95 % limit"),
        "indicators.drill.aggregated": Words(
            da: "Indikatoren er en optælling af registreringer uden en liste over patienter.",
            en: "The indicator counts records; there is no list of patients."),
        "indicators.drill.back": Words(da: "Tilbage til indikatorerne", en: "Back to the indicators"),
        "indicators.group.unknown": Words(da: "Ukendt", en: "Unknown"),
        "indicators.group.municipality": Words(da: "Kommuner", en: "Municipalities"),
        "indicators.group.generalPractice": Words(da: "Almen praksis", en: "General practice"),
        "indicators.group.hospice": Words(da: "Hospicer", en: "Hospices"),
        "indicators.group.region": Words(da: "Regionen", en: "The region"),
        "auditAction.indicator.patients": Words(da: "Så patienterne bag en indikator", en: "Saw the patients behind an indicator"),
        "dpdPlace.home": Words(da: "Hjemme", en: "Home"),
        "dpdPlace.thisPalliativeUnit": Words(da: "Denne palliative enhed", en: "This palliative unit"),
        "dpdPlace.anotherPalliativeUnit": Words(da: "Anden palliativ enhed", en: "Another palliative unit"),
        "dpdPlace.nonPalliativeHospitalDepartment": Words(da: "Ikke-palliativ sygehusafdeling", en: "Non-palliative hospital department"),
        "dpdPlace.respiteBed": Words(da: "Plejebolig eller aflastningsplads", en: "Nursing home or respite bed"),
        "dpdPlace.otherOrUnknown": Words(da: "Andet eller ukendt", en: "Other or unknown"),
    ].merging(definitions) { a, _ in a }

    /// Each indicator's name and definition.
    static let definitions: [String: Words] = [
        "indicator.referralsReached.name": Words(da: "Henviste, der modtages", en: "Referred patients who are reached"),
        "indicator.referralsReached.numerator": Words(
            da: "Henvisninger med første kontakt.", en: "Referrals with a first contact."),
        "indicator.referralsReached.denominator": Words(
            da: "Henvisninger modtaget i perioden med første kontakt, eller ikke modtaget fordi patienten døde eller blev for dårlig – også en "
                + "ventende henvisning, hvis patienten er død siden, og en første kontakt dateret efter dødsfaldet.",
            en: "Referrals received in the period with a first contact, or not reached because the patient died or became too ill – also "
                + "a waiting referral whose patient has died since, and a first contact dated after the death."),
        "indicator.referralsReached.exclusions": Words(
            da: "Ikke modtaget, fordi patienten takkede nej, eller af anden årsag; henvisninger, der stadig venter.",
            en: "Not reached because the patient declined, or for another reason; referrals still waiting."),
        "indicator.firstContactWithin10Days.name": Words(
            da: "Første kontakt senest 10 dage efter henvisning", en: "First contact within 10 days of the referral"),
        "indicator.firstContactWithin10Days.numerator": Words(
            da: "Første kontakt højst 10 dage efter den dag, henvisningen blev modtaget.",
            en: "A first contact at most 10 days after the day the referral was received."),
        "indicator.firstContactWithin10Days.denominator": Words(
            da: "Modtagne patienter: henvisninger modtaget i perioden med første kontakt.",
            en: "Received patients: referrals received in the period with a first contact."),
        "indicator.firstContactWithin10Days.exclusions": Words(da: "Henvisninger uden første kontakt.", en: "Referrals without a first contact."),
        "indicator.deathsWithSpecialisedContact.name": Words(
            da: "Døde, der havde kontakt med specialiseret palliation", en: "Deaths with specialised palliative contact"),
        "indicator.deathsWithSpecialisedContact.numerator": Words(
            da: "En første kontakt med et palliativt team, en enhed eller et hospice senest på dødsdagen.",
            en: "A first contact with a palliative team, unit or hospice on or before the day of death."),
        "indicator.deathsWithSpecialisedContact.denominator": Words(
            da: "Patienter, hvis plan registrerer dødsfald i perioden (kræft og ikke-kræft hver for sig).",
            en: "Patients whose plan records a death in the period (cancer and non-cancer apart)."),
        "indicator.deathsWithSpecialisedContact.exclusions": Words(
            da: "Dødsfald, der ikke er registreret i en plan.", en: "Deaths not recorded in a plan."),
        "indicator.eortcAtStart.name": Words(da: "EORTC QLQ-C15-PAL udfyldt ved start", en: "EORTC QLQ-C15-PAL completed at the start"),
        "indicator.eortcAtStart.numerator": Words(
            da: "Et EORTC QLQ-C15-PAL i screeningen fra henvisningsdagen til 7 dage efter første kontakt.",
            en: "An EORTC QLQ-C15-PAL in screening from the day of referral to 7 days after the first contact."),
        "indicator.eortcAtStart.denominator": Words(
            da: "Modtagne patienter (henvisninger i perioden med første kontakt). En angivet årsag fjerner ikke patienten fra nævneren.",
            en: "Received patients (referrals in the period with a first contact). A reason given does not take the patient out."),
        "indicator.eortcAtStart.exclusions": Words(da: "Henvisninger uden første kontakt.", en: "Referrals without a first contact."),
        "indicator.discussedAtConference.name": Words(
            da: "Drøftet på tværfaglig konference", en: "Discussed at a multidisciplinary conference"),
        "indicator.discussedAtConference.numerator": Words(
            da: "Henvisningen er markeret som drøftet på konference.", en: "The referral is marked as discussed at a conference."),
        "indicator.discussedAtConference.denominator": Words(
            da: "Modtagne patienter (henvisninger i perioden med første kontakt).",
            en: "Received patients (referrals in the period with a first contact)."),
        "indicator.discussedAtConference.exclusions": Words(da: "Henvisninger uden første kontakt.", en: "Referrals without a first contact."),
        "indicator.sharedPlan.name": Words(da: "Henviste med en fælles plan", en: "Referred patients with a shared plan"),
        "indicator.sharedPlan.numerator": Words(da: "Patienten har en fælles palliativ plan.", en: "The patient has a shared palliative plan."),
        "indicator.sharedPlan.denominator": Words(
            da: "Patienter med en henvisning modtaget i perioden, hver patient én gang.",
            en: "Patients with a referral received in the period, each patient once."),
        "indicator.sharedPlan.exclusions": Words(da: "Ingen.", en: "None."),
        "indicator.keyWorker.name": Words(da: "Henviste med en tovholder", en: "Referred patients with a key worker"),
        "indicator.keyWorker.numerator": Words(da: "Planen har en tovholder.", en: "The plan has a key worker."),
        "indicator.keyWorker.denominator": Words(
            da: "Patienter med en henvisning modtaget i perioden, hver patient én gang.",
            en: "Patients with a referral received in the period, each patient once."),
        "indicator.keyWorker.exclusions": Words(da: "Ingen.", en: "None."),
        "indicator.preferredPlaceOfDeathDocumented.name": Words(
            da: "Henviste med ønsket dødssted dokumenteret", en: "Referred patients with a preferred place of death documented"),
        "indicator.preferredPlaceOfDeathDocumented.numerator": Words(
            da: "Planens ønskede dødssted er andet end ”ikke drøftet”.", en: "The plan's preferred place of death is other than “not discussed”."),
        "indicator.preferredPlaceOfDeathDocumented.denominator": Words(
            da: "Patienter med en henvisning modtaget i perioden, hver patient én gang.",
            en: "Patients with a referral received in the period, each patient once."),
        "indicator.preferredPlaceOfDeathDocumented.exclusions": Words(da: "Ingen.", en: "None."),
        "indicator.resuscitationDecision.name": Words(
            da: "Henviste med en beslutning om genoplivning", en: "Referred patients with a resuscitation decision"),
        "indicator.resuscitationDecision.numerator": Words(
            da: "Planen har en beslutning om genoplivning.", en: "The plan records a resuscitation decision."),
        "indicator.resuscitationDecision.denominator": Words(
            da: "Patienter med en henvisning modtaget i perioden, hver patient én gang.",
            en: "Patients with a referral received in the period, each patient once."),
        "indicator.resuscitationDecision.exclusions": Words(da: "Ingen.", en: "None."),
        "indicator.placeOfDeathConcordance.name": Words(
            da: "Døde på det ønskede sted", en: "Died in the preferred place"),
        "indicator.placeOfDeathConcordance.numerator": Words(
            da: "Dødsstedet svarer til det ønskede (hjemme – hjemme; hospice – hospice eller palliativ enhed; hospital – sygehus eller "
                + "palliativ enhed; plejebolig – plejebolig).",
            en: "The place of death matches the preference (home – home; hospice – hospice or palliative unit; hospital – hospital or "
                + "palliative unit; nursing home – nursing home)."),
        "indicator.placeOfDeathConcordance.denominator": Words(
            da: "Dødsfald i perioden med et ønsket dødssted og et registreret dødssted. Standarden er Coordinate My Care's 77,8 %.",
            en: "Deaths in the period with a preferred and a recorded place of death. The standard is Coordinate My Care's 77.8 %."),
        "indicator.placeOfDeathConcordance.exclusions": Words(
            da: "Ønsket dødssted ”ikke drøftet” eller ”andet”; dødssted ”andet eller ukendt” eller ikke registreret.",
            en: "Preferred place “not discussed” or “other”; place of death “other or unknown” or not recorded."),
        "indicator.callsFromMunicipality.name": Words(da: "Opkald fra kommunen", en: "Calls from the municipality"),
        "indicator.callsFromGeneralPractice.name": Words(da: "Opkald fra almen praksis", en: "Calls from general practice"),
        "indicator.callsFromHospital.name": Words(da: "Opkald fra hospital og lægevagt", en: "Calls from hospitals and out-of-hours doctors"),
        "indicator.callsFromPatientOrRelatives.name": Words(da: "Opkald fra patient eller pårørende", en: "Calls from patients or relatives"),
        "indicator.callsFromOthers.name": Words(da: "Opkald fra andre", en: "Calls from others"),
        "indicator.calls.numerator": Words(
            da: "Kontakter på rådgivningslinjen fra opkalderens sektor (ud fra opkalderens rolle).",
            en: "Advisory-line contacts from the caller's sector (by the caller's role)."),
        "indicator.calls.denominator": Words(
            da: "Alle kontakter på rådgivningslinjen i perioden (dansk dato).", en: "Every advisory-line contact in the period (Danish date)."),
        "indicator.calls.exclusions": Words(da: "Ingen.", en: "None."),
        "indicator.crossSectorFollowUpsOnTime.name": Words(
            da: "Opfølgninger til andre sektorer løst til tiden", en: "Follow-ups to other sectors done on time"),
        "indicator.crossSectorFollowUpsOnTime.numerator": Words(
            da: "Markeret som løst senest på forfaldstidspunktet.", en: "Marked done by the time it was due."),
        "indicator.crossSectorFollowUpsOnTime.denominator": Words(
            da: "Opfølgninger fra rådgivningslinjen til kommune, almen praksis eller hospice, med forfald i perioden.",
            en: "Follow-ups from the advisory line to a municipality, general practice or hospice, due in the period."),
        "indicator.crossSectorFollowUpsOnTime.exclusions": Words(
            da: "Annullerede opfølgninger; åbne, der endnu ikke er forfaldne.", en: "Cancelled follow-ups; open ones not yet due."),
        "indicator.inboxAcknowledgedWithinWorkingDay.name": Words(
            da: "Planændringer set inden for en arbejdsdag", en: "Plan changes seen within a working day"),
        "indicator.inboxAcknowledgedWithinWorkingDay.numerator": Words(
            da: "Nogen i enheden har læst beskeden inden samme klokkeslæt næste arbejdsdag (ankommet på en fridag: inden udgangen af "
                + "den første arbejdsdag).",
            en: "Someone of the unit read the item by the same time on the next working day (arrived on a day off: by the end of the "
                + "first working day)."),
        "indicator.inboxAcknowledgedWithinWorkingDay.denominator": Words(
            da: "Beskeder i indbakken, der ankom i perioden.", en: "Inbox items that arrived in the period."),
        "indicator.inboxAcknowledgedWithinWorkingDay.exclusions": Words(
            da: "Ulæste beskeder, hvis frist ikke er udløbet.", en: "Unread items whose deadline has not passed."),
        "indicator.planChangesByRegion.name": Words(da: "Planændringer fra regionen", en: "Plan changes by the region"),
        "indicator.planChangesByMunicipality.name": Words(da: "Planændringer fra kommunerne", en: "Plan changes by the municipalities"),
        "indicator.planChangesByGeneralPractice.name": Words(da: "Planændringer fra almen praksis", en: "Plan changes by general practice"),
        "indicator.planChangesByHospice.name": Words(da: "Planændringer fra hospicer", en: "Plan changes by hospices"),
        "indicator.planChanges.numerator": Words(
            da: "Nye versioner af planer gemt af en enhed i sektoren.", en: "New plan versions saved by a unit of the sector."),
        "indicator.planChanges.denominator": Words(da: "Alle nye versioner af planer i perioden.", en: "Every new plan version in the period."),
        "indicator.planChanges.exclusions": Words(
            da: "Versioner uden forfatterens enhed (indlæste data).", en: "Versions without the author's unit (loaded data)."),
    ]
}
