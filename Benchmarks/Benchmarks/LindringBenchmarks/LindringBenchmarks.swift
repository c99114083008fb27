import Benchmark
import Foundation
import LindringCore
import LindringStore

// Micro-benchmarks of Lindring's hot paths: time and allocations of instrument scoring, the
// working-hours rule, CPR validation, and the store queries behind the plan summary, patient
// search, the advisory statistics and the audit chain. See Benchmarks/README.md.

let benchmarks: @Sendable () -> Void = {
    // Short runs, so the whole suite takes about a minute on two cores: each benchmark stops at
    // whichever of maxDuration and maxIterations it reaches first.
    // No .cpuTotal: on Linux it is read from /proc in clock ticks (10 ms), coarser than any
    // iteration here, so it shows only 0 or 10,000 µs. No .instructions: this machine has no
    // hardware performance counters (perf stat says "not supported").
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        warmupIterations: 10,
        maxDuration: .seconds(2),
        maxIterations: 10_000
    )
    // The pure functions take one to fifteen microseconds: each measured iteration calls them a
    // thousand times, so the clock's own cost does not swamp them. Results are reported per call.
    let perCall = Benchmark.Configuration(scalingFactor: .kilo, maxIterations: 1_000)

    scoringBenchmarks(perCall)
    workingHoursBenchmarks(perCall)
    cprBenchmarks(perCall)
    storeBenchmarks()
}

// MARK: - Instrument scoring

func scoringBenchmarks(_ configuration: Benchmark.Configuration) {
    // Every item answered (and the free-text ones filled in), as a complete form is submitted.
    var esas: [String: AnswerValue] = [:]
    for (index, item) in Instrument.esasR.items.enumerated() { esas[item.id] = .integer(index % 11) }
    esas["otherName"] = .text("Kløe")
    var ipos: [String: AnswerValue] = [:]
    for (index, item) in Instrument.ipos.items.enumerated() { ipos[item.id] = .integer(index % 5) }
    ipos["mainConcerns"] = .text("Smerter om natten og bekymring for ægtefællen")
    var eortc: [String: AnswerValue] = [:]
    for (index, item) in Instrument.eortcQLQC15PAL.items.enumerated() { eortc[item.id] = .integer(item.range.lowerBound + index % item.range.count) }
    // Region-tuned bands (an administrator's setting) rather than the defaults, so the lookup of
    // a group's own bands is exercised too.
    let esasBands = InstrumentThresholds(bands: ["items": SeverityBands(mild: 2, moderate: 5, severe: 8)])
    let eortcBands = InstrumentThresholds(bands: ["qualityOfLife": SeverityBands(mild: 5, moderate: 3, severe: 2)])

    Benchmark("Scoring: ESAS-r", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try Instrument.esasR.score(esas, thresholds: esasBands)) }
    }
    Benchmark("Scoring: IPOS", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try Instrument.ipos.score(ipos)) }
    }
    Benchmark("Scoring: EORTC QLQ-C15-PAL", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try Instrument.eortcQLQC15PAL.score(eortc, thresholds: eortcBands)) }
    }
}

// MARK: - Working hours

func workingHoursBenchmarks(_ configuration: Benchmark.Configuration) {
    func instant(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
    // Tuesday 10:00 Copenhagen time (CEST): the common case, inside working hours.
    let weekday = instant("2026-06-09T08:00:00Z")
    // The days the rule exists for: public holidays (Easter Monday, Ascension Day, Christmas Eve),
    // the nights when the clocks change (02:30 local on the autumn Sunday happens twice) and a
    // weekday evening. Cycled through, so no single date's path dominates.
    let special = [
        instant("2026-04-06T09:00:00Z"),  // 2. påskedag, 11:00
        instant("2026-05-14T12:00:00Z"),  // Kristi himmelfartsdag, 14:00
        instant("2026-12-24T13:00:00Z"),  // Juleaftensdag, 14:00
        instant("2026-03-29T01:30:00Z"),  // spring forward: 03:30 CEST, just after the gap
        instant("2026-10-25T00:30:00Z"),  // fall back: the first 02:30 (CEST)
        instant("2026-10-25T01:30:00Z"),  // fall back: the second 02:30 (CET)
        instant("2026-06-09T18:00:00Z"),  // Tuesday 20:00, after hours
    ]

    Benchmark("Working hours: weekday", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(WorkingHours.at(weekday)) }
    }
    Benchmark("Working hours: holidays, DST, evening", configuration: configuration) { benchmark in
        for index in benchmark.scaledIterations { blackHole(WorkingHours.at(special[index % special.count])) }
    }
}

// MARK: - CPR validation

func cprBenchmarks(_ configuration: Benchmark.Configuration) {
    // 1 February 2003 (serial 4xxx: born in the 2000s), typed with the hyphen as staff write it.
    let valid = "010203-4567"
    // 31 February: well-formed, so the check goes all the way to the date before it refuses.
    let invalid = "310203-4567"

    Benchmark("CPR: valid", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try CPRNumber(valid)) }
    }
    Benchmark("CPR: invalid date", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            do {
                blackHole(try CPRNumber(invalid))
            } catch {
                blackHole(error)
            }
        }
    }
}

// MARK: - Store queries

func storeBenchmarks() {
    // Store benchmarks open the database in setup (built and cached on first use) and close it
    // in teardown; only the query itself is measured.
    let open: () async throws -> BenchmarkStore = { try await BenchmarkDatabase.open() }
    let close: () async throws -> Void = { await BenchmarkDatabase.close() }

    // The plan summary page's store calls for one patient, in its order (PatientGate.access,
    // PatientService.summary): in one read-only snapshot the access facts, patient, plan and
    // latest screening (the break-the-glass grant is looked up only when nothing else allows,
    // which is not the case here). The page's audit entry, a group-committed write after the
    // read, is left out ("Audit-chain append" measures it), and so is its unit list, the same
    // for every patient (next benchmark).
    Benchmark("Plan summary query") { benchmark, store in
        let id = store.patientIds[benchmark.currentIteration % store.patientIds.count]
        let requester = store.requester
        blackHole(
            try await store.persistence.read { tx in
                guard let facts = try await PatientRepository.accessFacts(patientId: id, on: tx),
                    PatientAccessPolicy.read(requester, facts).isAllowed,
                    let patient = try await PatientRepository.find(id: id, on: tx)
                else { throw BenchmarkDatabase.SetupFailure("patient \(id) not readable") }
                let plan = try await PlanRepository.find(patientId: id, on: tx)
                let canWrite = PatientAccessPolicy.write(requester, facts).isAllowed
                let latest = try await AssessmentRepository.latest(patientId: id, on: tx)
                return (patient, plan, canWrite, latest)
            })
    } setup: {
        try await open()
    } teardown: {
        try await close()
    }

    // PatientsController.summary then needs every unit (active or not) to name the care team.
    // Read from the database, as every page did before issue 6 (through Fluent's models then,
    // one SQL statement since issue 19)...
    Benchmark("Plan summary: unit list") { _, store in
        blackHole(try await store.persistence.readEach { try await UnitRepository.list(on: $0) })
    } setup: {
        try await open()
    } teardown: {
        try await close()
    }

    // ...and as the pages do now: from the in-memory catalog, after one read of its revision.
    Benchmark("Plan summary: unit catalog") { _, store in
        blackHole(try await unitCatalog.units(in: store.persistence))
    } setup: {
        try await open()
    } teardown: {
        try await close()
    }

    // "eksempel" matches one surname in nine of the demo's: a full first page of 50, scanned
    // in name order through the covering index (the query patient-pages.sh uses).
    Benchmark("Patient search: by name") { _, store in
        blackHole(try await store.persistence.readEach { try await PatientRepository.search("eksempel", requester: store.requester, on: $0) })
    } setup: {
        try await open()
    } teardown: {
        try await close()
    }

    Benchmark("Patient search: by CPR") { benchmark, store in
        let cpr = store.cprs[benchmark.currentIteration % store.cprs.count]
        blackHole(try await store.persistence.readEach { try await PatientRepository.search(cpr, requester: store.requester, on: $0) })
    } setup: {
        try await open()
    } teardown: {
        try await close()
    }

    // Nothing matches: the trigram index says so without reading any name.
    Benchmark("Patient search: no match") { _, store in
        blackHole(try await store.persistence.readEach { try await PatientRepository.search("zzzz", requester: store.requester, on: $0) })
    } setup: {
        try await open()
    } teardown: {
        try await close()
    }

    // A term too short for trigrams, as a common name part is treated: the requester's unit's two
    // name-ordered walks (its registered patients, its care-team rows), stopping at a page of 50.
    Benchmark("Patient search: unit's name order (`en`)") { _, store in
        blackHole(try await store.persistence.readEach { try await PatientRepository.search("en", requester: store.requester, on: $0) })
    } setup: {
        try await open()
    } teardown: {
        try await close()
    }

    Benchmark("Advisory statistics: one year") { _, store in
        let to = store.lastContactDay
        blackHole(try await store.persistence.readEach { try await AdvisoryStatisticsQuery.run(from: to.adding(days: -364), to: to, on: $0) })
    } setup: {
        try await open()
    } teardown: {
        try await close()
    }

    // One committed append, as every audited request makes: through the group commit (a group
    // of one here, as nothing else writes), the write lock, the chain head, the hash, the insert
    // and a durable commit (synchronous=FULL, so an fsync). It adds entries to the database it
    // runs against.
    Benchmark("Audit-chain append") { benchmark, store in
        let patientId = store.patientIds[benchmark.currentIteration % store.patientIds.count]
        let record = AuditRecord(
            userId: store.userId, username: "klinik", role: Role.clinician.rawValue, action: "patient.read",
            entityType: "patient", entityId: patientId.uuidString, patientId: patientId,
            purpose: PatientAccessGround.registeringUnit.rawValue, ip: "127.0.0.1",
            userAgent: "Mozilla/5.0 (X11; Linux x86_64) lindring-benchmark")
        blackHole(try await store.persistence.write { tx in try await AuditLog.append(record, on: tx) })
    } setup: {
        try await open()
    } teardown: {
        try await close()
    }
}

/// One catalog for the process, as `AppServices` keeps one.
let unitCatalog = UnitCatalog()
