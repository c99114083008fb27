import Foundation

/// Why a value was rejected. The web layer turns a code into text in the user's language;
/// the API returns the code itself so that other systems can act on it.
public enum ValidationCode: String, Codable, Sendable, CaseIterable {
    case required
    case tooShort
    case tooLong
    case invalidFormat
    case invalidChoice
    case alreadyTaken
    case notFound
    case commonPassword
    case sameAsUsername
    case mismatch
    case wrongPassword
    case cycle
    case inFuture
    case keyWorkerMissing
    case keyWorkerNotUnique
    case staleVersion
    case planEnded
    case beforeStart
    case noAccess
    case unknownItem
    case notAnInteger
    case outOfRange
    /// Thresholds that do not rise from mild to moderate to severe.
    case outOfOrder
    /// "None" chosen together with something else.
    case noneWithOthers
    /// An observation of a patient dated before the patient was born.
    case beforeBirth
    /// A CPR number in an address (a GET's query string), where proxies and browser history keep it.
    case cprInAddress
    /// The same thing listed twice in one list (a parent, a needs domain): the later entry is refused.
    case duplicate
    /// A decision dated before the application it decides was submitted.
    case beforeSubmission
    /// No place left (a specialist-education cohort holds 25 nurses).
    case full
    /// Someone the staff register lists in another profession, where only nurses are taken.
    case notANurse
    /// A number with more decimals than the field takes (DKK million to one decimal).
    case tooManyDecimals
    /// Shares that do not add up to exactly 100 %.
    case notHundredPercent
    /// A value the record's status rules out (a first-contact date on a referral not reached).
    case notAllowedWithStatus
    /// A unit without the SOR code and EAN number a MedCom message is addressed by.
    case noMessagingAddress
}

public struct FieldError: Equatable, Codable, Sendable {
    public var field: String
    public var code: ValidationCode
    /// The line of an uploaded file the error is on (1 is the header); nil for a form or JSON field.
    public var line: Int?

    public init(_ field: String, _ code: ValidationCode, line: Int? = nil) {
        self.field = field
        self.code = code
        self.line = line
    }
}

/// A set of field errors, thrown when a draft cannot be accepted as it is.
public struct ValidationFailure: Error, Equatable, Sendable {
    public var errors: [FieldError]

    public init(_ errors: [FieldError]) {
        self.errors = errors
    }

    public func code(for field: String) -> ValidationCode? {
        errors.first { $0.field == field }?.code
    }
}

/// Collects field errors while a draft is checked.
public struct Validator: Sendable {
    public private(set) var errors: [FieldError] = []

    public init() {}

    public mutating func add(_ field: String, _ code: ValidationCode) {
        guard !errors.contains(where: { $0.field == field }) else { return }
        errors.append(FieldError(field, code))
    }

    /// Trims the text and checks it is present, at most `maxLength` characters and free of
    /// control characters (which no keyboard types and PostgreSQL refuses to store).
    public mutating func requiredText(_ field: String, _ value: String, maxLength: Int) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            add(field, .required)
        } else if trimmed.count > maxLength {
            add(field, .tooLong)
        } else if TextInput.hasControlCharacters(trimmed) {
            add(field, .invalidFormat)
        }
        return trimmed
    }

    /// Trims the text; empty becomes nil.
    public mutating func optionalText(_ field: String, _ value: String?, maxLength: Int) -> String? {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return nil }
        if trimmed.count > maxLength {
            add(field, .tooLong)
        } else if TextInput.hasControlCharacters(trimmed) {
            add(field, .invalidFormat)
        }
        return trimmed
    }

    public mutating func choice<T: RawRepresentable>(_ field: String, _ value: String?, as type: T.Type) -> T? where T.RawValue == String {
        guard let value, !value.isEmpty else {
            add(field, .required)
            return nil
        }
        guard let parsed = T(rawValue: value) else {
            add(field, .invalidChoice)
            return nil
        }
        return parsed
    }

    public func check() throws(ValidationFailure) {
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }
}

extension Validator {
    /// An ISO 8601 instant with offset (`2026-11-23T21:14:00+01:00`).
    /// When something was observed: `now` when not given, and never in the future beyond five
    /// minutes of clock skew between the sender and us.
    public mutating func observedAt(_ field: String, _ value: String?, now: Date) -> Date {
        observedAt(field, value.map(InstantInput.iso8601), now: now)
    }

    public mutating func observedAt(_ field: String, _ value: InstantInput?, now: Date) -> Date {
        let at = instant(field, value, required: false) ?? now
        if at > now.addingTimeInterval(300) { add(field, .inFuture) }
        return at
    }

    /// An observation of a patient (a screening, a checklist) cannot precede the day the
    /// patient was born: the birth date is a calendar day, so `at` is read as a Copenhagen day.
    public mutating func notBeforeBirth(_ field: String, _ at: Date, birthDate: LocalDate) {
        if LocalDate(at, in: DanishCalendar.timeZone) < birthDate { add(field, .beforeBirth) }
    }

    public mutating func instant(_ field: String, _ value: String?, required: Bool) -> Date? {
        instant(field, value.map(InstantInput.iso8601), required: required)
    }

    /// An instant as given (ISO 8601 from the API, a Copenhagen wall-clock time from a form).
    public mutating func instant(_ field: String, _ value: InstantInput?, required: Bool) -> Date? {
        if (value?.text ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            if required { add(field, .required) }
            return nil
        }
        guard let date = value?.date else {
            add(field, .invalidFormat)
            return nil
        }
        return date
    }

    /// The id of an active unit, or nil when none is given.
    public mutating func unit(_ field: String, _ value: String?, known: Set<UUID>) -> UUID? {
        let text = (value ?? "").trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return nil }
        guard let id = UUID(uuidString: text) else {
            add(field, .invalidFormat)
            return nil
        }
        guard known.contains(id) else {
            add(field, .notFound)
            return nil
        }
        return id
    }

    /// Every value must be one of `T`'s; repeated values count once, in the order first given.
    public mutating func choices<T: RawRepresentable & Equatable>(_ field: String, _ values: [String], as type: T.Type) -> [T]
    where T.RawValue == String {
        var parsed: [T] = []
        for value in values {
            guard let choice = T(rawValue: value.trimmingCharacters(in: .whitespaces)) else {
                add(field, .invalidChoice)
                continue
            }
            if !parsed.contains(choice) { parsed.append(choice) }
        }
        return parsed
    }
}
