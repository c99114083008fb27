/// Competence development after registration: attendance, evaluations, workshop groups,
/// certificates, theme-afternoon series, module editing and the competence matrix, in Danish
/// and English side by side.
extension Catalog {
    static let learningEvents: [String: Words] = [
        "learning.session.ended": Words(da: "Holdet er afholdt.", en: "The session has taken place."),
        "learning.session.attended": Words(da: "Du deltog.", en: "You took part."),
        "learning.session.hadPlace": Words(da: "Du havde en plads.", en: "You had a place."),
        "group.section.notToday": Words(
            da: "En gruppe startes på dagen for holdet, indtil holdet slutter.", en: "A group is started on the session's day, until it ends."),
        // Attendance
        "attendance.title": Words(da: "Fremmøde", en: "Attendance"),
        "attendance.open": Words(da: "Registrér fremmøde", en: "Take attendance"),
        "attendance.count": Words(da: "{present} af {count} til stede", en: "{present} of {count} present"),
        "attendance.save": Words(da: "Gem fremmøde", en: "Save attendance"),
        "notice.attendanceSaved": Words(da: "Fremmødet er gemt.", en: "Attendance saved."),
        "notice.groupClosed": Words(da: "Gruppen er lukket, og fremmødet er registreret.", en: "The group is closed and attendance recorded."),
        "notice.versionSaved": Words(da: "Modulet er gemt som en ny version.", en: "The module is saved as a new version."),
        "notice.seriesCreated": Words(da: "Årets fire temaeftermiddage er planlagt.", en: "The year's four theme afternoons are planned."),
        "attendance.waitlisted": Words(da: "på venteliste", en: "on the waiting list"),
        "attendance.notYet": Words(
            da: "Fremmøde kan registreres fra dagen for undervisningen.", en: "Attendance can be taken from the day of the session."),
        "attendance.error.present": Words(
            da: "Listen passer ikke længere til tilmeldingerne. Hent siden igen, og prøv en gang til.",
            en: "The list no longer matches the registrations. Reload the page and try again."),
        "attendance.summary": Words(da: "{present} af {count} mødte op.", en: "{present} of {count} attended."),
        // Evaluation
        "evaluation.title": Words(da: "Evaluering", en: "Evaluation"),
        "evaluation.attended": Words(da: "Du er registreret som mødt.", en: "You are recorded as present."),
        "evaluation.thanks": Words(da: "Tak, du har evalueret undervisningen.", en: "Thank you, you have evaluated the session."),
        "evaluation.field.rating": Words(da: "Hvordan var undervisningen?", en: "How was the session?"),
        "evaluation.field.relevance": Words(
            da: "Hvor brugbart er det, du lærte, i dit daglige arbejde?", en: "How useful is what you learnt in your daily work?"),
        "evaluation.field.comment": Words(da: "Kommentar (valgfri)", en: "Comment (optional)"),
        "evaluation.scale.1": Words(da: "– dårligt", en: "– poor"),
        "evaluation.scale.2": Words(da: "– mindre godt", en: "– not so good"),
        "evaluation.scale.3": Words(da: "– nogenlunde", en: "– fair"),
        "evaluation.scale.4": Words(da: "– godt", en: "– good"),
        "evaluation.scale.5": Words(da: "– rigtig godt", en: "– very good"),
        "evaluation.submit": Words(da: "Send evaluering", en: "Send the evaluation"),
        "evaluation.summary.title": Words(da: "Evalueringer", en: "Evaluations"),
        "evaluation.summary.none": Words(da: "Ingen har evalueret endnu.", en: "No one has evaluated yet."),
        "evaluation.summary.means": Words(
            da: "{count} svar · undervisningen i gennemsnit {rating} af 5 · brugbarhed {relevance} af 5",
            en: "{count} answers · the session on average {rating} of 5 · usefulness {relevance} of 5"),
        "learning.notice.evaluated": Words(da: "Tak for din evaluering.", en: "Thank you for your evaluation."),
        // Workshop groups
        "group.section.title": Words(da: "Gruppearbejde", en: "Group work"),
        "group.section.lead": Words(
            da:
                "Start en gruppe på en case fra e-læringen. Deltagerne går ind med koden, arbejder med samme case og ser hinandens refleksioner. Når du lukker gruppen, registreres alle deltagere som mødt.",
            en:
                "Start a group on a case from the e-learning. Participants join with the code, work on the same case and see each other's reflections. Closing the group records every participant as present."
        ),
        "group.field.caseId": Words(da: "Case", en: "Case"),
        "group.open": Words(da: "Start gruppe", en: "Start the group"),
        "group.openSince": Words(da: "åben siden {at}", en: "open since {at}"),
        "group.closedAt": Words(da: "lukket {at}", en: "closed {at}"),
        "group.kicker": Words(da: "{offer} · Gruppecase fra {module}", en: "{offer} · Group case from {module}"),
        "group.codeLead": Words(da: "Kode til gruppen:", en: "The group's code:"),
        "group.closed": Words(
            da: "Gruppen er lukket. Fremmøde er registreret for {count} deltagere.",
            en: "The group is closed. {count} participants recorded as present."),
        "group.members": Words(da: "I gruppen ({count})", en: "In the group ({count})"),
        "group.facilitator": Words(da: "underviser", en: "facilitator"),
        "group.noReflections": Words(da: "Ingen refleksioner endnu.", en: "No reflections yet."),
        "group.yourReflection": Words(da: "Din refleksion (kun gruppen ser den)", en: "Your reflection (only the group sees it)"),
        "group.share": Words(da: "Del med gruppen", en: "Share with the group"),
        "group.refresh": Words(da: "Hent nye refleksioner", en: "Fetch new reflections"),
        "group.close.title": Words(da: "Afslut gruppearbejdet", en: "End the group work"),
        "group.close.lead": Words(
            da: "Alle, der er gået ind i gruppen, registreres som mødt på holdet. Gruppen kan derefter ikke skrive mere.",
            en: "Everyone who joined is recorded as present at the session. The group can then write no more."),
        "group.close": Words(da: "Luk gruppen", en: "Close the group"),
        "group.join.title": Words(da: "Gå ind i en gruppe", en: "Join a group"),
        "group.join.lead": Words(da: "Skriv koden, som underviseren viser.", en: "Type the code the facilitator shows."),
        "group.join.code": Words(da: "Gruppens kode", en: "The group's code"),
        "group.join.hint": Words(da: "Seks tegn, fx K7MQ2X.", en: "Six characters, e.g. K7MQ2X."),
        "group.join.submit": Words(da: "Gå ind", en: "Join"),
        "group.join.link": Words(da: "Har du en gruppekode? Gå ind i gruppen", en: "Have a group code? Join the group"),
        "auditAction.learning.group.open": Words(da: "Startede gruppearbejde", en: "Started a workshop group"),
        "auditAction.learning.group.join": Words(da: "Gik ind i gruppe", en: "Joined a workshop group"),
        "auditAction.learning.group.reflect": Words(da: "Delte refleksion i gruppe", en: "Shared a reflection in a group"),
        "auditAction.learning.group.close": Words(da: "Lukkede gruppearbejde", en: "Closed a workshop group"),
        "auditAction.learning.attendance": Words(da: "Registrerede fremmøde", en: "Took attendance"),
        "auditAction.learning.evaluate": Words(da: "Evaluerede undervisning", en: "Evaluated a session"),
        // Editing a module
        "moduleEdit.link": Words(da: "Redigér modulet", en: "Edit the module"),
        "moduleEdit.title": Words(da: "Redigér »{title}«", en: "Edit \"{title}\""),
        "moduleEdit.source": Words(da: "Modulets tekst", en: "The module's text"),
        "moduleEdit.save": Words(da: "Gem som ny version", en: "Save as a new version"),
        "moduleEdit.versions": Words(da: "Versioner", en: "Versions"),
        "moduleEdit.version": Words(da: "Version {number}", en: "Version {number}"),
        "moduleEdit.current": Words(da: "den gældende", en: "current"),
        "moduleEdit.stale": Words(
            da: "En anden har gemt en ny version, mens du skrev. Din tekst står herunder; sammenlign med den nyeste version, og gem igen.",
            en: "Someone else saved a new version while you were writing. Your text is below; compare it with the newest version and save again."),
        "moduleEdit.problem": Words(da: "Linje {line}: {what} Intet er gemt.", en: "Line {line}: {what} Nothing is saved."),
        "moduleEdit.problem.missingTitle": Words(
            da: "Første linje skal være titlen, fx »# Modul 1«.", en: "The first line must be the title, e.g. \"# Module 1\"."),
        "moduleEdit.problem.missingPassMark": Words(
            da: "Anden linje skal være beståelseskravet, fx »passMark: 80«.", en: "The second line must be the pass mark, e.g. \"passMark: 80\"."),
        "moduleEdit.problem.unknownSection": Words(
            da: "Et afsnit begynder med »## page:«, »## case:«, »## reflection:« eller »## check«.",
            en: "A section begins with \"## page:\", \"## case:\", \"## reflection:\" or \"## check\"."),
        "moduleEdit.problem.textOutsideSection": Words(da: "Tekst skal stå i et afsnit.", en: "Text must stand in a section."),
        "moduleEdit.problem.questionOutsideSection": Words(
            da: "Et refleksionsspørgsmål (»? «) skal stå i et afsnit.", en: "A reflection question (\"? \") must stand in a section."),
        "moduleEdit.problem.html": Words(
            da: "Teksten ligner HTML (< og >). Brug **fed** og *kursiv* i stedet.",
            en: "The text looks like HTML (< and >). Use **bold** and *italics* instead."),
        "moduleEdit.problem.unbalancedEmphasis": Words(
            da: "En * eller ** er ikke lukket.", en: "A * or ** is not closed."),
        "moduleEdit.problem.optionOutsideQuestion": Words(
            da: "Et svar (»- « eller »* «) i videnstjekket skal stå under et spørgsmål (»Q: «).",
            en: "An option (\"- \" or \"* \") in the check must stand under a question (\"Q: \")."),
        "moduleEdit.problem.questionWithoutRightOption": Words(
            da: "Spørgsmålet har intet rigtigt svar (»* «).", en: "The question has no right option (\"* \")."),
        "moduleEdit.problem.questionWithSeveralRightOptions": Words(
            da: "Spørgsmålet har mere end ét rigtigt svar.", en: "The question has more than one right option."),
        "moduleEdit.problem.questionWithTooFewOptions": Words(
            da: "Spørgsmålet skal have mindst to svarmuligheder.", en: "The question needs at least two options."),
        "moduleEdit.problem.emptySection": Words(da: "Afsnittet er tomt.", en: "The section is empty."),
        "moduleEdit.problem.missingCheck": Words(
            da: "Modulet mangler et videnstjek (»## check«).", en: "The module lacks a knowledge check (\"## check\")."),
        "moduleEdit.problem.checkNotLast": Words(da: "Videnstjekket skal være sidste afsnit.", en: "The knowledge check must be the last section."),
        "moduleEdit.problem.tooLong": Words(
            da: "Teksten er for lang (højst 100.000 tegn).", en: "The text is too long (at most 100,000 characters)."),
        "moduleEdit.help.title": Words(da: "Sådan skrives et modul", en: "How a module is written"),
        "moduleEdit.help": Words(
            da: """
                # Modulets titel
                passMark: 80
                ## page: Et afsnits titel
                Afsnit adskilt af en tom linje. **fed** og *kursiv*.
                - punkt
                1. nummereret punkt
                ## case: En patientcase
                Casens tekst.
                ? Et refleksionsspørgsmål
                ## check
                Q: Et spørgsmål
                - et forkert svar
                * det rigtige svar
                """,
            en: """
                # The module's title
                passMark: 80
                ## page: A section's title
                Paragraphs separated by a blank line. **bold** and *italics*.
                - a bullet
                1. a numbered item
                ## case: A patient case
                The case's text.
                ? A reflection question
                ## check
                Q: A question
                - a wrong option
                * the right option
                """),
        "auditAction.learning.module.edit": Words(da: "Redigerede e-læringsmodul", en: "Edited an e-learning module"),
        // Theme afternoons
        "series.bySector.title": Words(da: "Tilmeldte efter sektor", en: "Places by sector"),
        "series.afternoon": Words(da: "Temaeftermiddag", en: "Theme afternoon"),
        "series.noSector": Words(da: "Uden enhed", en: "No unit"),
        "series.total": Words(da: "Pladser i alt", en: "Places taken"),
        "series.waiting": Words(da: "Venteliste", en: "Waiting"),
        "series.plan.title": Words(da: "Planlæg årets fire temaeftermiddage", en: "Plan the year's four theme afternoons"),
        "series.plan.lead": Words(
            da: "Fire datoer i samme år, samme tidspunkt og sted. Åbne for alle sektorer.",
            en: "Four dates in the same year, at the same time and place. Open to every sector."),
        "series.plan.submit": Words(da: "Planlæg de fire eftermiddage", en: "Plan the four afternoons"),
        "series.field.year": Words(da: "År", en: "Year"),
        "series.field.date": Words(da: "{number}. temaeftermiddag", en: "Theme afternoon {number}"),
        "series.field.startTime": Words(da: "Starter kl.", en: "Starts at"),
        "series.field.endTime": Words(da: "Slutter kl.", en: "Ends at"),
        "auditAction.learning.series.create": Words(da: "Planlagde årets temaeftermiddage", en: "Planned the year's theme afternoons"),
        "users.employeeNumber": Words(da: "Medarbejdernummer", en: "Employee number"),
        "users.employeeNumberHint": Words(
            da: "Som i personaleregistret (HR). Så tæller det, personen gennemfører, med i enhedens uddannelsesdækning.",
            en: "As in the staff register (HR), so that what the person completes counts in the unit's coverage."),
        // The competence matrix
        "matrix.title": Words(da: "Kompetencematrix", en: "Competence matrix"),
        "matrix.link": Words(da: "Kompetencematrix", en: "Competence matrix"),
        "matrix.lead": Words(
            da:
                "Hvem på enheden har gennemført hvilke niveauer, og hvilke EAPC-kernekompetencer deres forløb har dækket. Personalet kommer fra personaleregistret.",
            en:
                "Who in the unit has completed which levels, and which EAPC core competencies their courses addressed. Staff come from the staff register."
        ),
        "matrix.unit": Words(da: "Enhed", en: "Unit"),
        "matrix.byProfession": Words(da: "Efter faggruppe", en: "By profession"),
        "matrix.staff": Words(da: "Ansatte", en: "Staff"),
        "matrix.people": Words(da: "Medarbejdere ({count})", en: "Staff ({count})"),
        "matrix.person": Words(da: "Medarbejder", en: "Employee"),
        "matrix.competencies": Words(da: "EAPC-kompetencer", en: "EAPC competencies"),
        "matrix.none": Words(da: "Ingen medarbejdere i denne faggruppe på enheden.", en: "No staff of this profession in the unit."),
        // Certificates
        "certificate.title": Words(da: "Kompetencebevis", en: "Certificate of completion"),
        "certificate.issuer": Words(da: "Region Hovedstaden · Palliativ indsats", en: "Capital Region of Denmark · Palliative care"),
        "certificate.hasCompleted": Words(da: "har gennemført", en: "has completed"),
        "certificate.issued": Words(da: "Udstedt", en: "Issued"),
        "certificate.validUntil": Words(da: "Gyldigt til og med", en: "Valid until"),
        "certificate.noExpiry": Words(da: "Udløber ikke", en: "Does not expire"),
        "certificate.code": Words(da: "Bekræftelseskode", en: "Verification code"),
        "certificate.verifyAt": Words(da: "Beviset kan tjekkes på {path}", en: "The certificate can be checked at {path}"),
        "certificate.print": Words(da: "Udskriv", en: "Print"),
        "certificate.mine": Words(da: "Mine beviser", en: "My certificates"),
        "certificate.issuedOn": Words(da: "udstedt {day}", en: "issued {day}"),
        "certificate.validUntilDay": Words(da: "gyldigt til {day}", en: "valid until {day}"),
        "certificate.expiringSoon": Words(
            da: "Beviset udløber {day}. Tilmeld dig et genopfriskningskursus i god tid.",
            en: "The certificate expires on {day}. Sign up for a refresher in good time."),
        "certificate.expired": Words(da: "Beviset udløb {day}.", en: "The certificate expired on {day}."),
        "certificate.verify.title": Words(da: "Tjek et kompetencebevis", en: "Check a certificate"),
        "certificate.verify.valid": Words(da: "Beviset er gyldigt.", en: "The certificate is valid."),
        "certificate.verify.expired": Words(da: "Beviset er udløbet.", en: "The certificate has expired."),
        "certificate.verify.unknown": Words(
            da: "Der findes intet bevis med koden {code}. Tjek, at koden er skrevet rigtigt.",
            en: "There is no certificate with the code {code}. Check that the code is typed correctly."),
        "certificate.verify.holder": Words(da: "{name} har gennemført {offer}.", en: "{name} has completed {offer}."),
        "certificate.verify.submit": Words(da: "Tjek", en: "Check"),
    ]
}
