import Foundation
import LindringCore

/// The referral form as typed: Core's `ReferralDraft` read from the same controls, and the
/// version the form was opened at.
struct ReferralForm: Sendable, Decodable, BlankMeansAbsent {
    var draft: ReferralDraft
    var baseVersion: String?

    init(draft: ReferralDraft, baseVersion: Int? = nil) {
        self.draft = draft
        self.baseVersion = baseVersion.map(String.init)
    }

    private enum FormOnlyKeys: String, CodingKey {
        case baseVersion
    }

    init(from decoder: any Decoder) throws {
        baseVersion = try decoder.container(keyedBy: FormOnlyKeys.self).decodeIfPresent(String.self, forKey: .baseVersion)
        draft = try ReferralDraft(from: decoder)
    }
}
