import Foundation
import GRDB

/// The run store's SQLite schema (documented in `docs/run-store.md`) and its row types.
enum RunStoreSchema {
    /// `PRAGMA application_id` of every ActivationLab run store: "ALab".
    static let applicationID: Int32 = 0x414C_6162
    static let format = "activationlab-run-store"
    static let version = 2

    /// `v1` creates the first schema, `v2` adds step-based evaluations, test results, run kinds and the
    /// experiment's protocol. Migrations are history: never edit one, add the next.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.create(table: "actlab_meta") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
            try db.execute(sql: "INSERT INTO actlab_meta (key, value) VALUES ('format', ?), ('schema_version', ?)",
                           arguments: [format, "1"])
            try db.create(table: "experiments") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique()
                t.column("dataset", .text).notNull()
                t.column("model", .text).notNull()
                t.column("baseline", .text).notNull()
                t.column("variants", .text).notNull()        // JSON array of names
                t.column("seeds", .text).notNull()           // JSON array of unsigned integers
                t.column("epochs", .integer).notNull()
                t.column("target_accuracy", .double).notNull()
                t.column("config", .text).notNull()          // free-form JSON
                t.column("created_at", .datetime).notNull()
            }
            try db.create(table: "runs") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("experiment_id", .integer).notNull().references("experiments", onDelete: .cascade)
                t.column("variant", .text).notNull()
                t.column("seed", .integer).notNull()         // UInt64 bit pattern as Int64
                t.column("config", .text).notNull()          // TrainingConfiguration JSON
                t.column("status", .text).notNull()
                    .check(sql: "status IN ('running', 'finished', 'diverged', 'failed')")
                t.column("reason", .text)
                t.column("started_at", .datetime).notNull()
                t.column("finished_at", .datetime)
                t.column("diverged_epoch", .integer)
                t.column("diverged_step", .integer)
                t.column("owner_host", .text).notNull()
                t.column("owner_pid", .integer).notNull()
                t.column("owner_start", .integer)
                t.column("owner_token", .text).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 1)
                t.uniqueKey(["experiment_id", "variant", "seed"])
            }
            try db.create(table: "epochs") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("run_id", .integer).notNull().references("runs", onDelete: .cascade)
                t.column("epoch", .integer).notNull()
                // NULL stands for NaN (SQLite cannot store NaN); ±∞ are stored as such.
                t.column("train_loss", .double)
                t.column("val_loss", .double)
                t.column("val_accuracy", .double)
                t.column("val_cross_entropy", .double)
                t.column("seconds", .double)
                t.column("elapsed_seconds", .double)
                t.column("learning_rate", .double)
                t.column("gradient_norm", .double)
                t.column("clamp_events", .integer).notNull()
                t.column("layers", .text).notNull()          // JSON array of LayerDiagnostics
                t.uniqueKey(["run_id", "epoch"])
            }
        }
        migrator.registerMigration("v2") { db in
            try db.alter(table: "runs") { t in
                t.add(column: "kind", .text).notNull().defaults(to: "evaluation")
                    .check(sql: "kind IN ('evaluation', 'tuning', 'pilot')")
                t.add(column: "test_accuracy", .double)  // NULL: no test result (or NaN when test_count is set)
                t.add(column: "test_loss", .double)
                t.add(column: "test_count", .integer)
                t.add(column: "steps", .integer)
                t.add(column: "step_budget", .integer)
            }
            try db.alter(table: "experiments") { t in
                t.add(column: "protocol", .text).notNull().defaults(to: "{}")  // free-form JSON
            }
            try db.create(table: "evaluations") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("run_id", .integer).notNull().references("runs", onDelete: .cascade)
                t.column("step", .integer).notNull()
                t.column("epoch", .integer).notNull()
                // NULL stands for NaN, as in `epochs`.
                t.column("val_accuracy", .double)
                t.column("val_loss", .double)
                t.column("elapsed_seconds", .double)
                t.uniqueKey(["run_id", "step"])
            }
            try db.execute(sql: "UPDATE actlab_meta SET value = '2' WHERE key = 'schema_version'")
        }
        return migrator
    }
}

struct ExperimentRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "experiments"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    var id: Int64?
    var name: String
    var dataset: String
    var model: String
    var baseline: String
    var variants: String
    var seeds: String
    var epochs: Int
    var targetAccuracy: Double
    var config: String
    var createdAt: Date

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    init(spec: ExperimentSpec, createdAt: Date) {
        name = spec.name
        dataset = spec.dataset
        model = spec.model
        baseline = spec.baseline
        variants = JSONCoding.string(spec.variants)
        seeds = JSONCoding.string(spec.seeds)
        epochs = spec.epochs
        targetAccuracy = spec.targetAccuracy
        config = spec.configuration
        self.createdAt = createdAt
    }

    /// - Throws: `StoreDamage` if its variants or seeds list cannot be decoded.
    func experiment() throws -> Experiment {
        guard let id, let variants = try? JSONCoding.decode([String].self, variants),
              let seeds = try? JSONCoding.decode([UInt64].self, seeds) else {
            throw StoreDamage("experiment '\(name)' has an unreadable variants or seeds list")
        }
        return Experiment(id: id, spec: ExperimentSpec(
            name: name, dataset: dataset, model: model, baseline: baseline, variants: variants, seeds: seeds,
            epochs: epochs, targetAccuracy: targetAccuracy, configuration: config), createdAt: createdAt)
    }
}

struct RunRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "runs"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    var id: Int64?
    var experimentId: Int64
    var variant: String
    var seed: Int64
    var config: String
    var status: String
    var reason: String?
    var startedAt: Date
    var finishedAt: Date?
    var divergedEpoch: Int?
    var divergedStep: Int?
    var ownerHost: String
    var ownerPid: Int32
    var ownerStart: Int64?
    var ownerToken: String
    var attempts: Int
    // Schema v2. Optional so that a v1 store opened read-only (never migrated) still decodes.
    var kind: String?
    var testAccuracy: Double?
    var testLoss: Double?
    var testCount: Int?
    var steps: Int?
    var stepBudget: Int?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var owner: RunOwner { RunOwner(host: ownerHost, pid: ownerPid, processStart: ownerStart, token: ownerToken) }
    var runStatus: RunStatus { RunStatus(rawValue: status) ?? .failed }
    var isComplete: Bool { runStatus == .finished || runStatus == .diverged }

    /// Sets the test result: NaN metrics as NULL (SQLite has no NaN), told apart from "no test" by the count.
    mutating func setTest(_ test: Evaluation?) {
        func stored(_ x: Double) -> Double? { x.isNaN ? nil : x }
        testAccuracy = test.flatMap { stored($0.accuracy) }
        testLoss = test.flatMap { stored($0.loss) }
        testCount = test?.count
    }

    mutating func setOwner(_ owner: RunOwner) {
        ownerHost = owner.host
        ownerPid = owner.pid
        ownerStart = owner.processStart
        ownerToken = owner.token
    }

    /// The run as stored.
    /// - Throws: `StoreDamage` naming the run if its kind or configuration cannot be decoded.
    func run() throws -> StoredRun {
        let cell = Cell(variant: variant, seed: UInt64(bitPattern: seed))
        guard let runKind = RunKind(rawValue: kind ?? RunKind.evaluation.rawValue) else {
            throw StoreDamage("run \(id ?? 0) (\(cell.variant), seed \(cell.seed)) has an unknown kind '\(kind ?? "")'")
        }
        let configuration: TrainingConfiguration?
        do {
            configuration = try JSONCoding.configuration(config)
        } catch {
            throw StoreDamage("run \(id ?? 0) (\(cell.variant), seed \(cell.seed)) has an unreadable configuration: \(JSONCoding.reason(error))")
        }
        return StoredRun(id: id ?? 0, experimentID: experimentId, cell: cell, configuration: configuration,
                         status: runStatus, reason: reason, startedAt: startedAt, finishedAt: finishedAt,
                         divergedEpoch: divergedEpoch, divergedStep: divergedStep, owner: owner, attempts: attempts,
                         kind: runKind, testAccuracy: testCount.map { _ in testAccuracy ?? .nan },
                         testLoss: testCount.map { _ in testLoss ?? .nan }, testCount: testCount,
                         steps: steps, stepBudget: stepBudget)
    }
}

struct EpochRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "epochs"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    var id: Int64?
    var runId: Int64
    var epoch: Int
    var trainLoss: Double?
    var valLoss: Double?
    var valAccuracy: Double?
    var valCrossEntropy: Double?
    var seconds: Double?
    var elapsedSeconds: Double?
    var learningRate: Double?
    var gradientNorm: Double?
    var clampEvents: Int
    var layers: String

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    init(runID: Int64, metrics m: EpochMetrics) {
        func stored(_ x: Double) -> Double? { x.isNaN ? nil : x }
        runId = runID
        epoch = m.epoch
        trainLoss = stored(m.trainLoss)
        valLoss = stored(m.validationLoss)
        valAccuracy = stored(m.validationAccuracy)
        valCrossEntropy = stored(m.validationCrossEntropy)
        seconds = stored(m.seconds)
        elapsedSeconds = stored(m.elapsedSeconds)
        learningRate = stored(m.learningRate)
        gradientNorm = stored(m.gradientNorm)
        clampEvents = m.clampEvents
        layers = JSONCoding.string(m.layers)
    }

    /// The epoch as stored.
    /// - Throws: `StoreDamage` naming the run and the epoch if its layer diagnostics cannot be decoded.
    func metrics() throws -> EpochMetrics {
        let diagnostics: [LayerDiagnostics]
        do {
            diagnostics = try JSONCoding.decode([LayerDiagnostics].self, layers)
        } catch {
            throw StoreDamage("run \(runId), epoch \(epoch) has unreadable layer diagnostics: \(JSONCoding.reason(error))")
        }
        return EpochMetrics(epoch: epoch, trainLoss: trainLoss ?? .nan, validationLoss: valLoss ?? .nan,
                            validationAccuracy: valAccuracy ?? .nan, validationCrossEntropy: valCrossEntropy ?? .nan,
                            seconds: seconds ?? .nan, elapsedSeconds: elapsedSeconds ?? .nan,
                            learningRate: learningRate ?? .nan, gradientNorm: gradientNorm ?? .nan,
                            clampEvents: clampEvents, layers: diagnostics)
    }
}
