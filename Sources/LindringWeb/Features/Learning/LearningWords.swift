/// Competence development: the catalogue, sessions and their places, in Danish and English
/// side by side.
extension Catalog {
    static let learning: [String: Words] = [
        "auditAction.learning.offer.create": Words(da: "Oprettede uddannelsestilbud", en: "Added a learning offer"),
        "auditAction.learning.session.create": Words(da: "Planlagde undervisningsgang", en: "Planned a learning session"),
        "auditAction.learning.register": Words(da: "Tilmeldte til undervisning", en: "Registered for a learning session"),
        "auditAction.learning.cancel": Words(da: "Afmeldte undervisning", en: "Cancelled a learning registration"),
        "message.learning.promoted": Words(
            da: "Du har fået plads på {offer} {startsAt}, {place}. Du stod på venteliste.",
            en: "You have a place on {offer} {startsAt}, {place}. You were on the waiting list."),
    ]
}
