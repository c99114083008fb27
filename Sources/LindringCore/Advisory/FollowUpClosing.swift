import Foundation

/// A follow-up marked done or cancelled, with a short note (issue 18, item 11). A cancelled
/// follow-up must say why ("indlagt i går", "døde i nat"): whoever reads the contact later needs
/// to know the task was not simply forgotten. A done one may say what was done, but often
/// "Udført" says it all, so there the note is offered and never demanded.
public struct FollowUpClosing: Equatable, Sendable {
    public static let noteMaxLength = 500

    public var status: FollowUpStatus
    public var note: String?

    /// A closing as it is (demo data, tests); what users send goes through `validated`.
    public init(status: FollowUpStatus, note: String? = nil) {
        self.status = status
        self.note = note
    }

    /// `note` is trimmed; empty is none. Errors name the field `note` (and `status` for `open`,
    /// which closes nothing).
    public static func validated(_ status: FollowUpStatus, note: String?) throws(ValidationFailure) -> FollowUpClosing {
        var v = Validator()
        if status == .open { v.add("status", .invalidChoice) }
        let text: String? =
            status == .cancelled
            ? v.requiredText("note", note ?? "", maxLength: noteMaxLength)
            : v.optionalText("note", note, maxLength: noteMaxLength)
        try v.check()
        return FollowUpClosing(status: status, note: text)
    }
}

/// An addendum to a saved advisory contact: the contact is a record and is never edited, but
/// what was learnt afterwards ("datter ringede tilbage kl. 03: smerterne er lettet") is added
/// beneath it, dated and signed, and kept.
public enum ContactAddendumText {
    public static let maxLength = 2000

    /// The text, trimmed; errors name the field `text`.
    public static func validated(_ text: String?) throws(ValidationFailure) -> String {
        var v = Validator()
        let trimmed = v.requiredText("text", text ?? "", maxLength: maxLength)
        try v.check()
        return trimmed
    }
}
