/// The vocabularies of the paediatric palliative team's (PABU) social work with families.
/// The raw values are the API's contract and are stored as they are.

/// The ACT/RCPCH group of the child's condition; the raw value is the group's number, as
/// the team writes it.
public enum ConditionGroup: String, CaseIterable, Codable, Sendable {
    /// Life-threatening conditions for which curative treatment may be feasible but can fail (cancer).
    case group1 = "1"
    /// Conditions in which premature death is inevitable but treatment can prolong good life (cystic fibrosis).
    case group2 = "2"
    /// Progressive conditions without curative treatment, where care is palliative from the start.
    case group3 = "3"
    /// Irreversible but non-progressive conditions with complex needs and a risk of early death.
    case group4 = "4"
}

/// Where a family case stands: bereavement follow-up continues after the child's death.
public enum FamilyCaseStatus: String, CaseIterable, Codable, Sendable {
    case open, bereavement, closed
}

/// How an adult in the family stands to the child: separated parents and step-parents each
/// have their own contact details, and custody is recorded apart from the relation.
public enum ParentRelation: String, CaseIterable, Codable, Sendable {
    case parent, stepParent, fosterParent, guardian, other
}

/// The professionals around the family outside the team.
public enum NetworkRole: String, CaseIterable, Codable, Sendable {
    case healthVisitor, school, daycare, municipalCaseworker, homeNursing, gp, childrensHospice, other
}

/// The domains of a family's needs assessment.
public enum NeedsDomain: String, CaseIterable, Codable, Sendable {
    case financesAndEmployment, housingAndAdaptation, aids, transport, reliefAndRespite, schoolAndDaycare, siblings,
        psychologicalAndExistential, legal, network
}

/// How great a need is, in rising order (the order of the cases is the order of the scale).
public enum NeedRating: String, CaseIterable, Codable, Sendable, Comparable {
    case none, some, considerable, severe

    public static func < (a: NeedRating, b: NeedRating) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// How a domain's rating moved from one assessment to the next.
public enum RatingChange: String, CaseIterable, Codable, Sendable {
    case rose, fell, stayed
}

/// Who decides an application.
public enum BenefitAuthority: String, CaseIterable, Codable, Sendable {
    case municipality, udbetalingDanmark
}

/// What the authority decided.
public enum DecisionOutcome: String, CaseIterable, Codable, Sendable {
    case granted, partlyGranted, refused, withdrawn
}

/// How the decision reached the family: the appeal period runs from when it was received.
public enum DecisionDelivery: String, CaseIterable, Codable, Sendable {
    case digitalPost, letter, quickLetter, inPerson
}

/// Where an appeal against a decision stands: an appeal goes first to the authority for
/// reconsideration and then, if upheld, to Ankestyrelsen (the National Social Appeals Board).
public enum AppealStatus: String, CaseIterable, Codable, Sendable {
    case none, appealed, reconsidered, sentToAnkestyrelsen, decided
}

/// What the team delivered to a municipality or institution.
public enum ConsultationKind: String, CaseIterable, Codable, Sendable {
    case consultation, teaching
}
