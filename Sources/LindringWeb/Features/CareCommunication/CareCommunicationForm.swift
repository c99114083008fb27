import Foundation
import LindringCore

/// The compose form as typed: Core's draft from the same controls; the button says whether it
/// is kept back as a draft or made ready to send.
struct CareCommunicationForm: Sendable, Decodable, BlankMeansAbsent {
    var draft: CareCommunicationDraft

    init(draft: CareCommunicationDraft) {
        self.draft = draft
    }

    init(from decoder: any Decoder) throws {
        draft = try CareCommunicationDraft(from: decoder)
    }
}

/// An operator's or the author's change of status.
struct OutboxStatusForm: Sendable, Decodable, BlankMeansAbsent {
    var status: String?
    var note: String?
}
