import Foundation

/// One completion as the matrix counts it: whose (by employee number), the offer's levels and
/// EAPC competencies, and the day.
public struct CompetenceRecord: Equatable, Sendable {
    public var employeeNumber: String
    public var levels: [CompetenceLevel]
    public var competencies: [Int]
    public var completedOn: LocalDate

    public init(employeeNumber: String, levels: [CompetenceLevel], competencies: [Int], completedOn: LocalDate) {
        self.employeeNumber = employeeNumber
        self.levels = levels
        self.competencies = competencies
        self.completedOn = completedOn
    }
}

/// A unit's competence matrix: each person with the first day they completed each level and
/// the EAPC competencies their completed offers addressed, and per profession how many of its
/// staff hold each level.
public struct CompetenceMatrix: Equatable, Sendable {
    public struct Person: Equatable, Sendable {
        public var employeeNumber: String
        public var name: String
        public var profession: Profession

        public init(employeeNumber: String, name: String, profession: Profession) {
            self.employeeNumber = employeeNumber
            self.name = name
            self.profession = profession
        }
    }

    public struct Row: Equatable, Sendable {
        public var person: Person
        public var levels: [CompetenceLevel: LocalDate]
        public var competencies: Set<Int>
    }

    public struct ProfessionSummary: Equatable, Sendable {
        public var profession: Profession
        public var staff: Int
        public var holding: [CompetenceLevel: Int]
    }

    public var rows: [Row]
    public var professions: [ProfessionSummary]

    /// People by name; professions in the vocabulary's order, only those with staff.
    public init(people: [Person], records: [CompetenceRecord]) {
        let byPerson = Dictionary(grouping: records, by: \.employeeNumber)
        rows = people.sorted { ($0.name, $0.employeeNumber) < ($1.name, $1.employeeNumber) }.map { person in
            var levels: [CompetenceLevel: LocalDate] = [:]
            var competencies: Set<Int> = []
            for record in byPerson[person.employeeNumber] ?? [] {
                for level in record.levels { levels[level] = min(levels[level] ?? record.completedOn, record.completedOn) }
                competencies.formUnion(record.competencies)
            }
            return Row(person: person, levels: levels, competencies: competencies)
        }
        let byProfession = Dictionary(grouping: rows, by: \.person.profession)
        professions = Profession.allCases.compactMap { profession in
            guard let staff = byProfession[profession] else { return nil }
            var holding: [CompetenceLevel: Int] = [:]
            for level in CompetenceLevel.allCases { holding[level] = staff.filter { $0.levels[level] != nil }.count }
            return ProfessionSummary(profession: profession, staff: staff.count, holding: holding)
        }
    }
}
