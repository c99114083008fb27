import Foundation

public struct CareTeamMember: Equatable, Codable, Sendable {
    public var unitId: UUID
    public var userId: UUID?
    public var role: CareTeamRole
    public var dayPhone: String?
    public var outOfHoursPhone: String?

    public init(unitId: UUID, userId: UUID? = nil, role: CareTeamRole, dayPhone: String? = nil, outOfHoursPhone: String? = nil) {
        self.unitId = unitId
        self.userId = userId
        self.role = role
        self.dayPhone = dayPhone
        self.outOfHoursPhone = outOfHoursPhone
    }
}

public struct AnticipatoryMedication: Equatable, Codable, Sendable {
    public var drug: String
    public var strength: String
    public var dose: String
    public var route: MedicationRoute
    public var indication: MedicationIndication
    public var maxPer24h: String?
    public var prescribedBy: String?
    public var availableInHome: Bool
    public var date: LocalDate?

    public init(
        drug: String, strength: String, dose: String, route: MedicationRoute, indication: MedicationIndication,
        maxPer24h: String? = nil, prescribedBy: String? = nil, availableInHome: Bool = false, date: LocalDate? = nil
    ) {
        self.drug = drug
        self.strength = strength
        self.dose = dose
        self.route = route
        self.indication = indication
        self.maxPer24h = maxPer24h
        self.prescribedBy = prescribedBy
        self.availableInHome = availableInHome
        self.date = date
    }
}

/// "If this happens, do this."
public struct Contingency: Equatable, Codable, Sendable {
    public var situation: String
    public var action: String
    public var callDay: String?
    public var callNight: String?

    public init(situation: String, action: String, callDay: String? = nil, callNight: String? = nil) {
        self.situation = situation
        self.action = action
        self.callDay = callDay
        self.callNight = callNight
    }
}

/// The whole shared palliative plan of one patient, as one value: every version stores it
/// whole, so any version can be shown and two versions compared.
public struct PlanContent: Equatable, Codable, Sendable {
    public var status: PlanStatus = .active
    public var endReason: EndReason?
    public var dateOfDeath: LocalDate?
    public var placeOfDeath: PlaceOfDeath?

    public var careTeam: [CareTeamMember] = []

    public var preferredPlaceOfCare: PreferredPlace = .notDiscussed
    public var preferredPlaceOfDeath: PreferredPlace = .notDiscussed
    public var whatMattersMost: String?
    public var wishesDiscussedOn: LocalDate?
    public var wishesDiscussedWith: String?

    public var resuscitation: Resuscitation?
    public var treatmentLevel: TreatmentLevel?
    public var decidedBy: String?
    public var decisionDate: LocalDate?
    public var reviewDate: LocalDate?
    public var livingWill: Bool = false

    public var prognosis: Prognosis = .unknown
    public var patientKnowsPrognosis: Bool = false
    public var relativesKnowPrognosis: Bool = false

    public var medications: [AnticipatoryMedication] = []
    public var equipment: [HomeEquipment] = []
    public var contingencies: [Contingency] = []

    public init() {}

    public var keyWorker: CareTeamMember? {
        careTeam.first { $0.role == .keyWorker }
    }

    public var careTeamUnitIds: Set<UUID> {
        Set(careTeam.map(\.unitId))
    }
}
