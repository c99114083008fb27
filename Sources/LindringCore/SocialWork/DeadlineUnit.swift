/// How a deadline's amount is counted.
public enum DeadlineUnit: String, CaseIterable, Codable, Sendable { case days, workingDays, weeks, months }
