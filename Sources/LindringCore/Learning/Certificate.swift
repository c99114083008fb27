import Foundation

/// When a certificate stops being valid and when its holder is reminded. An offer may say its
/// certificate is valid for a number of months (a refresher is due after); without that it
/// does not expire.
public enum CertificateValidity {
    /// A verification code has 12 characters: about 60 bits, beyond guessing.
    public static let codeLength = 12
    public static let months = 1...120
    /// The holder is told this many days before the certificate expires.
    public static let reminderDays = 30

    /// The last day the certificate is valid: the day before the same date `months` later.
    public static func lastValidDay(issuedOn: LocalDate, months: Int?) -> LocalDate? {
        months.map { issuedOn.adding(months: $0).adding(days: -1) }
    }

    /// The day the holder is reminded.
    public static func reminderDay(lastValidDay: LocalDate) -> LocalDate {
        lastValidDay.adding(days: -reminderDays + 1)
    }

    public enum Status: String, Codable, Sendable, CaseIterable {
        case valid
        case expiringSoon
        case expired
    }

    public static func status(lastValidDay: LocalDate?, on today: LocalDate) -> Status {
        guard let lastValidDay else { return .valid }
        if today > lastValidDay { return .expired }
        return today >= reminderDay(lastValidDay: lastValidDay) ? .expiringSoon : .valid
    }
}
