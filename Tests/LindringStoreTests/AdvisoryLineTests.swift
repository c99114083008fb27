import Foundation
import LindringCore
import LindringTestSupport
import SQLKit
import Testing

@testable import LindringStore

@Suite struct AdvisoryLineTests {
    func advisor(_ persistence: Persistence) async throws -> (author: RecordAuthor, unit: UUID, homeCare: UUID) {
        let db = persistence.outsideWriter
        let user = try await UserRepository.create(
            try UserDraft(
                username: "nattevagt", name: "Nina Nat", profession: "nurse", unitCode: "PAL-247",
                roles: ["advisor"]
            ).validated(), passwordHash: "x", on: db)
        return (
            RecordAuthor(userId: user.id, name: user.name), try #require(user.unitId),
            try #require(try await UnitRepository.find(code: "HJ-101", on: db)).id
        )
    }

    func contact(
        _ started: String, minutes: Int, caller: String = "relative", reasons: [String] = ["dyspnoea"], home: Bool? = true,
        followUpUnit: UUID? = nil, units: Set<UUID> = []
    ) throws -> ValidContact {
        let start = try #require(ISO8601Instant.parse(started))
        return try ContactDraft(
            startedAt: .iso8601(started), endedAt: .iso8601(ISO8601Instant.format(start.addingTimeInterval(Double(minutes) * 60))),
            callerRole: caller, reasons: reasons, triage: "routine", actions: ["adviceOnly"],
            outcome: followUpUnit == nil ? "resolved" : "needsFollowUp", stayedAtHome: home,
            followUp: followUpUnit.map { .init(unitId: $0.uuidString, text: "Ring tilbage") }
        )
        .validated(.init(now: start.addingTimeInterval(3600 * 24), knownUnitIds: units))
    }

    @Test func aContactIsStoredWholeAndAnIdempotentRetryStoresNothingNew() async throws {
        try await TestDatabase.withPersistence { persistence in
            let db = persistence.outsideWriter
            let a = try await advisor(persistence)
            let valid = try contact(
                "2026-11-23T20:14:00Z", minutes: 12, reasons: ["anxiety", "dyspnoea"], followUpUnit: a.homeCare, units: [a.homeCare])
            let first = try await ContactRepository.create(valid, author: a.author, idempotencyKey: "k-1", on: db)
            let retry = try await ContactRepository.create(valid, author: a.author, idempotencyKey: "k-1", on: db)
            #expect(retry == .replay(first.id))
            let stored = try #require(try await ContactRepository.find(id: first.id, on: db))
            // reasons and actions each come back in their vocabulary's order, whatever order they were given in
            #expect(stored.details.reasons == [.dyspnoea, .anxiety])
            #expect(stored.details.actions == [.adviceOnly])
            // and a stored value the vocabulary no longer has is left out, not shown as something else
            try await db.sql.raw("INSERT INTO contact_reasons (contact_id, reason, local_date) VALUES (\(bind: first.id), 'obsolete', '2026-11-23')")
                .run()
            #expect(try await ContactRepository.find(id: first.id, on: db)?.details.reasons == [.dyspnoea, .anxiety])
            #expect(stored.details.durationSeconds == 12 * 60)
            #expect(stored.details.workingHours.outsideWorkingHours)
            #expect(stored.followUps.map(\.unitId) == [a.homeCare])
            let list = try await ContactRepository.list(from: LocalDate("2026-11-23")!, to: LocalDate("2026-11-23")!, on: db)
            #expect(list.map(\.id) == [first.id])
            // the follow-up is on the unit's list until it is done, once
            let open = try await FollowUpRepository.list(.init(unitId: a.homeCare, status: .open), on: db)
            #expect(open.count == 1)
            #expect(try await FollowUpRepository.close(id: open[0].id, FollowUpClosing(status: .done), by: a.author, on: db))
            #expect(
                try await FollowUpRepository.close(id: open[0].id, FollowUpClosing(status: .cancelled, note: "Indlagt"), by: a.author, on: db)
                    == false)
            #expect(try await FollowUpRepository.list(.init(unitId: a.homeCare, status: .open), on: db).isEmpty)
        }
    }

    @Test func statisticsAreCountedByTheDatabase() async throws {
        try await TestDatabase.withPersistence { persistence in
            let db = persistence.outsideWriter
            let a = try await advisor(persistence)
            // Monday 23 Nov 2026: 09:00 (inside hours), 21:14 and 23:30 (outside); Tuesday 02:00 outside; one on 1 Dec, out of range.
            for (started, minutes, caller, home) in [
                ("2026-11-23T08:00:00Z", 10, "gp", nil as Bool?), ("2026-11-23T20:14:00Z", 20, "relative", true),
                ("2026-11-23T22:30:00Z", 5, "relative", false), ("2026-11-24T01:00:00Z", 30, "homeCareNurse", true),
                ("2026-12-01T10:00:00Z", 60, "gp", true),
            ] {
                _ = try await ContactRepository.create(
                    try contact(started, minutes: minutes, caller: caller, reasons: ["pain", "anxiety"], home: home),
                    author: a.author, on: db)
            }
            let stats = try await AdvisoryStatisticsQuery.run(from: LocalDate("2026-11-23")!, to: LocalDate("2026-11-24")!, on: db)
            #expect(stats.total == 4)
            #expect(stats.outsideWorkingHours == 3)
            #expect(stats.stayedAtHomeKnown == 3 && stats.stayedAtHome == 2)
            #expect(stats.medianDurationMinutes == 15)
            #expect(stats.byCallerRole == ["gp": 1, "relative": 2, "homeCareNurse": 1])
            #expect(stats.byReason == ["pain": 4, "anxiety": 4])
            #expect(stats.perDay == [LocalDate("2026-11-23")!: 3, LocalDate("2026-11-24")!: 1])
            #expect(stats.byWeekdayHour[0][9] == 1 && stats.byWeekdayHour[0][21] == 1 && stats.byWeekdayHour[0][23] == 1)
            #expect(stats.byWeekdayHour[1][2] == 1)
            // and counting the stored contacts afresh gives the same as counting them as they were saved
            try await ContactDayCounts.rebuild(on: db.sql)
            #expect(try await AdvisoryStatisticsQuery.run(from: LocalDate("2026-11-23")!, to: LocalDate("2026-11-24")!, on: db) == stats)
            let empty = try await AdvisoryStatisticsQuery.run(from: LocalDate("2025-01-01")!, to: LocalDate("2025-01-31")!, on: db)
            #expect(empty.total == 0 && empty.medianDurationMinutes == nil && empty.outsideWorkingHoursShare == nil)
        }
    }

    @Test func cachedStatisticsFollowEveryChangeToTheLineHoweverItIsMade() async throws {
        try await TestDatabase.withPersistence { persistence in
            let db = persistence.outsideWriter
            let sql = persistence.sql
            let a = try await advisor(persistence)
            let cache = AdvisoryStatisticsCache()
            let (from, to) = (LocalDate("2026-11-23")!, LocalDate("2026-11-24")!)
            @Sendable func cached() async throws -> AdvisoryStatistics {
                try await persistence.read { try await cache.statistics(from: from, to: to, in: $0) }
            }
            func agree(_ change: String) async throws -> AdvisoryStatistics {
                let answer = try await cached()
                #expect(try await answer == AdvisoryStatisticsQuery.run(from: from, to: to, on: db), "after \(change)")
                return answer
            }
            // given
            _ = try await ContactRepository.create(
                try contact("2026-11-23T20:14:00Z", minutes: 20, followUpUnit: a.homeCare, units: [a.homeCare]),
                author: a.author, on: db)
            let first = try await agree("the first contact")
            #expect(first.total == 1 && first.followUps == 1 && first.followUpsOnTime == 0)
            // when a contact is saved, then the next answer counts it
            _ = try await ContactRepository.create(try contact("2026-11-24T01:00:00Z", minutes: 30), author: a.author, on: db)
            #expect(try await agree("a second contact").total == 2)
            // when the follow-up is done in time
            let open = try await FollowUpRepository.list(.init(unitId: a.homeCare, status: .open), on: db)
            #expect(
                try await FollowUpRepository.close(
                    id: open[0].id, FollowUpClosing(status: .done), by: a.author, now: open[0].dueAt.addingTimeInterval(-60), on: db))
            #expect(try await agree("the follow-up closed").followUpsOnTime == 1)
            // when rows are mended by hand, bypassing the repositories
            try await sql.raw("UPDATE contacts SET duration_seconds = 7200").run()
            #expect(try await agree("durations changed by hand").medianDurationMinutes == 120)
            try await sql.raw("DELETE FROM contact_day_counts").run()
            #expect(try await agree("the day counts deleted").total == 0)
            try await ContactDayCounts.rebuild(on: sql)
            #expect(try await agree("the day counts rebuilt").total == 2)
            try await sql.raw("UPDATE contact_day_counts SET n = n + 1 WHERE dimension = 'total'").run()
            #expect(try await agree("a day count changed by hand").total == 4)
        }
    }

    @Test func theRotaKeepsOneAssignmentPerPersonAndShift() async throws {
        try await TestDatabase.withPersistence { persistence in
            let db = persistence.outsideWriter
            let a = try await advisor(persistence)
            let day = LocalDate("2026-11-24")!
            #expect(try await RotaRepository.assign(userId: a.author.userId, shiftCode: "night", on: day, on: db))
            #expect(try await RotaRepository.assign(userId: a.author.userId, shiftCode: "night", on: day, on: db) == false)
            let rota = try await RotaRepository.assignments(from: day, to: day, on: db)
            #expect(rota.map(\.shiftCode) == ["night"])
            #expect(rota.first?.profession == .nurse)
            #expect(try await RotaRepository.remove(id: rota[0].id, on: db))
            #expect(try await RotaRepository.assignments(from: day, to: day, on: db).isEmpty)
        }
    }
}
