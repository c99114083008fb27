public enum DeadlineUnit: String, CaseIterable, Codable, Sendable { case days, workingDays, weeks, months }
