import Foundation
import LindringCore
import LindringStore
import Plot

/// Competence development's pages: the catalogue with one's own registrations, an offer with its
/// sessions, and a session with its places and waiting list.
enum LearningViews {
    // MARK: The catalogue

    static func catalogue(
        _ page: PageContext, offers: [LearningOffer], typed: FormData, errors: [FieldError], mine: [(Registration, LearningSession)],
        certificates: [Certificate], notice: String?
    ) -> HTML {
        let t = page.t
        let educator = page.user?.can(.manageTraining) == true
        return Layout.page(
            page, title: t("learning.title"),
            .div(
                .class("page-heading"),
                .h1(.plainText(t("learning.title"))),
                .if(
                    educator,
                    .div(
                        .class("actions"),
                        .a(.class("button primary"), .id("new-offer"), .href(Routes.newLearningOffer()), .plainText(t("learning.offer.new"))),
                        .a(.class("button secondary"), .id("coverage"), .href(Routes.learningCoverage()), .plainText(t("learning.coverageLink"))),
                        .a(.class("button secondary"), .id("matrix"), .href(Routes.learningMatrix()), .plainText(t("matrix.link")))))),
            Notices.banner(t, notice),
            .section(
                .id("my-registrations"),
                .h2(.plainText(t("learning.mine"))),
                mine.isEmpty
                    ? .p(.plainText(t("learning.mine.none")))
                    : .ul(
                        .class("registrations"),
                        .forEach(mine) { registration, session in
                            .li(
                                .a(.href(Routes.learningSession(session.id)), .strong(.plainText(session.offerTitle))),
                                .plainText(" · " + when(t, session.session) + " · "),
                                status(t, registration))
                        }),
                .p(.a(.id("join-group"), .href(Routes.learningJoin()), .plainText(t("group.join.link"))))),
            CertificateViews.mine(t, certificates),
            .section(
                .id("catalogue"),
                .h2(.plainText(t("learning.catalogue"))),
                filterForm(t, typed: typed, errors: errors),
                offers.isEmpty
                    ? .p(.plainText(t("learning.catalogue.none")))
                    : .ul(
                        .class("cards work offers"),
                        .forEach(offers) { stored in
                            .li(
                                .div(
                                    .class("card"),
                                    .h3(.a(.href(Routes.learningOffer(stored.id)), .plainText(stored.offer.title))),
                                    .p(.class("tags"), .plainText(tags(t, stored.offer))),
                                    .unwrap(stored.offer.summary) { .p(.plainText($0)) },
                                    .unwrap(stored.offer.duration) { .p(.class("hint"), .plainText(t("learning.offer.duration") + ": " + $0)) }))
                        })))
    }

    static func filterForm(_ t: Localizer, typed: FormData, errors: [FieldError]) -> Node<HTML.BodyContext> {
        return .form(
            .method(.get), .action(Routes.learning()), .class("filters"), .attribute(named: "role", value: "search"),
            FormFields.text(t, name: "q", label: t("learning.filter.text"), value: typed["q"], errors: errors, type: .search),
            FormFields.select(
                t, name: "format", label: t("learning.offer.format"), options: t.options("offerFormat", OfferFormat.self), selected: typed["format"],
                errors: errors, includeEmpty: t("learning.filter.all")),
            FormFields.select(
                t, name: "level", label: t("learning.offer.level"), options: t.options("competenceLevel", CompetenceLevel.self),
                selected: typed["level"], errors: errors, includeEmpty: t("learning.filter.all")),
            FormFields.select(
                t, name: "competence", label: t("learning.offer.competence"), options: competenceOptions(t), selected: typed["competence"],
                errors: errors, includeEmpty: t("learning.filter.all")),
            FormFields.select(
                t, name: "profession", label: t("learning.offer.profession"), options: t.options("profession", Profession.self),
                selected: typed["profession"], errors: errors, includeEmpty: t("learning.filter.all")),
            FormFields.select(
                t, name: "sector", label: t("learning.offer.sector"), options: t.options("sector", Sector.self), selected: typed["sector"],
                errors: errors, includeEmpty: t("learning.filter.all")),
            .div(.class("field"), .button(.type(.submit), .class("button secondary"), .plainText(t("learning.filter.apply")))))
    }

    static func competenceOptions(_ t: Localizer) -> [(value: String, label: String)] {
        CoreCompetence.numbers.map { (String($0), "\($0). " + t("eapc.\($0)")) }
    }

    /// "Temaeftermiddag · Basal · EAPC 1, 2 · Sygeplejerske, Læge"
    static func tags(_ t: Localizer, _ offer: ValidOffer) -> String {
        var parts = [t.label("offerFormat", offer.format)]
        if !offer.levels.isEmpty { parts.append(offer.levels.map { t.label("competenceLevel", $0) }.joined(separator: ", ")) }
        if !offer.competencies.isEmpty { parts.append("EAPC " + offer.competencies.map(String.init).joined(separator: ", ")) }
        parts.append(
            offer.professions.isEmpty
                ? t("learning.offer.allProfessions") : offer.professions.map { t.label("profession", $0) }.joined(separator: ", "))
        return parts.joined(separator: " · ")
    }

    /// "Torsdag 04.03.2027 kl. 13:00–16:00", in Copenhagen time.
    static func when(_ t: Localizer, _ session: ValidLearningSession) -> String {
        let day = LocalDate(session.startsAt, in: DanishCalendar.timeZone)
        return t(
            "learning.session.when",
            [
                "weekday": t("weekday.\(day.weekday)"), "date": day.danish, "from": AdvisoryViews.clock(session.startsAt),
                "to": AdvisoryViews.clock(session.endsAt),
            ])
    }

    static func status(_ t: Localizer, _ registration: Registration) -> Node<HTML.BodyContext> {
        switch registration.status {
        case .registered: .strong(.class("status-ok"), .plainText(t("learning.status.registered")))
        case .waitlisted:
            .strong(.class("warning-text"), .plainText(t("learning.status.waitlisted", ["position": String(registration.position ?? 0)])))
        case .cancelled: .span(.plainText(t("learning.status.cancelled")))
        }
    }

    // MARK: An offer

    static func offer(
        _ page: PageContext, _ stored: LearningOffer, sessions: [LearningSession], modules: [LearningModule] = [], completed: Set<UUID> = [],
        mine: [UUID: Registration], sessionForm: LearningSessionDraft,
        errors: [FieldError], notice: String?, series: ThemeSeriesViews.Model? = nil, now: Date = Date()
    ) -> HTML {
        let t = page.t
        let offer = stored.offer
        let educator = page.user?.can(.manageTraining) == true
        let coming = sessions.filter { $0.session.endsAt > now }
        return Layout.page(
            page, title: offer.title,
            .p(.a(.href(Routes.learning()), .plainText("← " + t("learning.title")))),
            .h1(.plainText(offer.title)),
            Notices.banner(t, notice),
            .p(.class("lead"), .plainText(tags(t, offer))),
            .unwrap(offer.summary) { .p(.class("prewrap"), .plainText($0)) },
            .dl(
                .class("facts"),
                .unwrap(offer.duration) { .group(.dt(.plainText(t("learning.offer.duration"))), .dd(.plainText($0))) },
                .unwrap(offer.prerequisites) { .group(.dt(.plainText(t("learning.offer.prerequisites"))), .dd(.plainText($0))) },
                .dt(.plainText(t("learning.offer.sector"))),
                .dd(
                    .plainText(
                        offer.sectors.isEmpty ? t("learning.offer.allSectors") : offer.sectors.map { t.label("sector", $0) }.joined(separator: ", "))),
                .if(
                    !offer.competencies.isEmpty,
                    .group(
                        .dt(.plainText(t("learning.offer.competence"))),
                        .dd(.ul(.forEach(offer.competencies) { .li(.plainText("\($0). " + t("eapc.\($0)"))) }))))),
            .if(
                !modules.isEmpty,
                .section(
                    .id("modules"),
                    .h2(.plainText(t("learning.modules", ["done": String(completed.count), "count": String(modules.count)]))),
                    .ol(
                        .class("inbox modules"),
                        .forEach(modules) { module in
                            .li(
                                .class(completed.contains(module.id) ? "done" : ""),
                                .a(.href(Routes.learningModule(module.id)), .strong(.plainText(module.content.title))),
                                .plainText(" · " + t(completed.contains(module.id) ? "learning.module.done" : "learning.module.open")))
                        }))),
            .if(
                offer.format.hasSessions,
                .section(
                    .id("sessions"),
                    .h2(.plainText(t("learning.sessions"))),
                    coming.isEmpty
                        ? .p(.plainText(t("learning.sessions.none")))
                        : .ul(
                            .class("inbox sessions"),
                            .forEach(coming) { session in
                                .li(
                                    .p(
                                        .a(.href(Routes.learningSession(session.id)), .strong(.plainText(when(t, session.session)))),
                                        .plainText(" · " + session.session.place)),
                                    .p(.plainText(places(t, session))),
                                    .unwrap(mine[session.id]) { registration in
                                        .p(status(t, registration))
                                    },
                                    .if(
                                        mine[session.id] == nil && session.cancelledAt == nil,
                                        registerButton(page, session)))
                            }),
                    .if(educator, sessionFormView(page, offerId: stored.id, draft: sessionForm, errors: errors)))),
            .unwrap(series) { ThemeSeriesViews.section(page, offerId: stored.id, sessions: sessions, $0) },
            CohortViews.offerSection(page, stored))
    }

    /// "Tilmeld" while there is a place, else "Skriv på venteliste".
    static func registerButton(_ page: PageContext, _ session: LearningSession) -> Node<HTML.BodyContext> {
        FormFields.actionButton(
            page, action: Routes.learningSessionRegister(session.id),
            label: page.t(session.registered < session.session.capacity ? "learning.register" : "learning.joinWaitlist"), style: "primary")
    }

    /// "12 af 25 pladser ledige" or "Fuldt booket · 3 på venteliste".
    static func places(_ t: Localizer, _ session: LearningSession) -> String {
        let free = max(0, session.session.capacity - session.registered)
        if free > 0 { return t("learning.places.free", ["free": String(free), "capacity": String(session.session.capacity)]) }
        return t("learning.places.full", ["waiting": String(session.waitlisted)])
    }

    static func sessionFormView(_ page: PageContext, offerId: UUID, draft: LearningSessionDraft, errors: [FieldError]) -> Node<HTML.BodyContext> {
        let t = page.t
        let labels = ["startsAt", "endsAt", "capacity", "place"].reduce(into: [String: String]()) { $0[$1] = t("learning.session.field.\($1)") }
        return .section(
            .id("new-session"),
            .h2(.plainText(t("learning.session.new"))),
            .form(
                .method(.post), .action(Routes.learningOfferSessions(offerId)), .class("filter-form"),
                .attribute(named: "novalidate", value: "novalidate"),
                Layout.csrfField(page),
                FormFields.errorSummary(t, errors, labels: labels),
                .div(
                    .class("grid"),
                    FormFields.text(
                        t, name: "startsAt", label: labels["startsAt"]!, value: draft.startsAt?.text, errors: errors,
                        type: .init(rawValue: "datetime-local") ?? .text, required: true),
                    FormFields.text(
                        t, name: "endsAt", label: labels["endsAt"]!, value: draft.endsAt?.text, errors: errors,
                        type: .init(rawValue: "datetime-local") ?? .text, required: true),
                    FormFields.text(
                        t, name: "capacity", label: labels["capacity"]!, value: draft.capacity, errors: errors, type: .number, required: true),
                    FormFields.text(
                        t, name: "place", label: labels["place"]!, value: draft.place, errors: errors, required: true,
                        hint: t("learning.session.placeHint"), maxLength: OfferDraft.maxTitleLength)),
                FormFields.submit(t("learning.session.create"))))
    }

    // MARK: A session

    static func session(
        _ page: PageContext, _ model: LearningService.SessionPage, typed: RegistrationInput, evaluation: EvaluationDraft?, errors: [FieldError],
        notice: String?
    ) -> HTML {
        let t = page.t
        let session = model.session
        let registrations = model.registrations
        let educator = page.user?.can(.manageTraining) == true
        let mine = registrations.first { $0.userId == page.user?.id }
        let holding = registrations.filter { $0.status == .registered }
        let waiting = registrations.filter { $0.status == .waitlisted }
        let ended = session.session.endsAt <= Date()
        return Layout.page(
            page, title: session.offerTitle,
            .p(.a(.href(Routes.learningOffer(session.offerId)), .plainText("← " + session.offerTitle))),
            .h1(.plainText(session.offerTitle)),
            sessionNotice(t, notice),
            .p(.class("lead"), .plainText(when(t, session.session) + " · " + session.session.place)),
            .if(!ended, .p(.plainText(places(t, session)))),
            .unwrap(errors.first { $0.field == "session" }) { _ in .div(.class("form-error"), .p(.plainText(t("learning.alreadyRegistered")))) },
            .section(
                .id("my-registration"),
                .h2(.plainText(t("learning.yourRegistration"))),
                .unwrap(
                    mine,
                    { registration in
                        ended
                            ? .p(.strong(.plainText(t(registration.attendedAt == nil ? "learning.session.hadPlace" : "learning.session.attended"))))
                            : .div(
                                .p(status(t, registration)),
                                FormFields.actionButton(page, action: Routes.learningRegistrationCancel(registration.id), label: t("learning.cancel"))
                            )
                    },
                    else: session.cancelledAt != nil
                        ? .p(.plainText(t("learning.session.cancelled")))
                        : session.session.endsAt <= Date() ? .p(.plainText(t("learning.session.ended"))) : registerButton(page, session))),
            AttendanceViews.participantSection(page, model, mine: mine, typed: evaluation, errors: errors),
            .if(
                educator,
                .group(
                    .section(
                        .id("attendance"),
                        .h2(.plainText(t("attendance.title"))),
                        .p(
                            .plainText(
                                t(
                                    "attendance.summary",
                                    ["present": String(holding.filter { $0.attendedAt != nil }.count), "count": String(holding.count)]))),
                        .a(.class("button primary"), .href(Routes.learningAttendance(session.id)), .plainText(t("attendance.open")))),
                    GroupViews.sessionSection(page, model, errors: errors),
                    AttendanceViews.summary(t, model.evaluations),
                    .section(
                        .id("participants"),
                        .h2(.plainText(t("learning.participants", ["count": String(holding.count)]))),
                        participantList(page, holding, empty: t("learning.participants.none"), cancellable: !ended)),
                    .section(
                        .id("waitlist"),
                        .h2(.plainText(t("learning.waitlist", ["count": String(waiting.count)]))),
                        participantList(page, waiting, empty: t("learning.waitlist.none"), cancellable: !ended)),
                    .if(
                        !ended,
                        .section(
                            .id("register-someone"),
                            .h2(.plainText(t("learning.registerSomeone"))),
                            .form(
                                .method(.post), .action(Routes.learningSessionRegister(session.id)), .class("filter-form"),
                                Layout.csrfField(page),
                                FormFields.text(
                                    t, name: "username", label: t("learning.field.username"), value: typed.username, errors: errors, required: true,
                                    autocomplete: "off", hint: t("learning.field.usernameHint")),
                                FormFields.submit(t("learning.register"))))))))
    }

    static func sessionNotice(_ t: Localizer, _ notice: String?) -> Node<HTML.BodyContext> {
        guard let notice, ["registered", "waitlisted", "cancelled", "evaluated"].contains(notice) else { return Notices.banner(t, notice) }
        return .div(.class("notice"), .attribute(named: "role", value: "status"), .p(.plainText(t("learning.notice.\(notice)"))))
    }

    /// Those holding a place or waiting; before the session ends, each with a button that cancels.
    static func participantList(_ page: PageContext, _ registrations: [Registration], empty: String, cancellable: Bool) -> Node<HTML.BodyContext> {
        let t = page.t
        guard !registrations.isEmpty else { return .p(.plainText(empty)) }
        return .ol(
            .class("inbox participants"),
            .forEach(registrations) { registration in
                .li(
                    .div(
                        .class("inbox-patient-heading"),
                        .strong(.plainText(registration.userName)),
                        .span(.class("hint"), .plainText(t("learning.registeredAt", ["at": Timestamps.displayMinutes(registration.registeredAt)]))),
                        .if(
                            cancellable,
                            FormFields.actionButton(page, action: Routes.learningRegistrationCancel(registration.id), label: t("learning.cancelFor")))
                    ))
            })
    }
}
