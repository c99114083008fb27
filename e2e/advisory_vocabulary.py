"""The advisory line's vocabulary as the API names it, written out for the e2e modules."""

CALLER_ROLES = ["patient", "relative", "homeCareNurse", "nursingHomeStaff", "hospitalNurse", "palliativeNurse", "gp",
                "outOfHoursDoctor", "otherProfessional", "anonymous"]
REASONS = ["pain", "dyspnoea", "nausea", "constipation", "delirium", "anxiety", "fatigue", "bleeding", "dying", "deathOccurred",
           "medication", "equipment", "existential", "relativeStrain", "practical", "bereavement", "other"]
TRIAGES = ["acute", "urgent", "routine", "information"]
ACTIONS = ["adviceOnly", "anticipatoryMedication", "contactedGP", "contactedOutOfHoursDoctor", "contactedHomeCare",
           "referredPalliativeTeam", "hospiceSuggested", "admissionAdvised", "emergency112", "callbackScheduled"]
OUTCOMES = ["resolved", "needsFollowUp", "escalated"]
CHANNELS = ["phone", "video", "secureMessage"]
