import Foundation
import GRDB

/// The SQLite run store: experiments, their runs (one per cell: variant × seed), every epoch's metrics and
/// the validation evaluations between them.
///
/// Schema and guarantees: `docs/run-store.md`. The file is opened in WAL mode with a busy timeout, so
/// several processes (e.g. `--shard i/N`) can write one store; every write is one short IMMEDIATE
/// transaction, so a killed process leaves whole epochs and consistent run rows behind. A file that is
/// not an ActivationLab store is rejected before anything is written to it.
public final class RunStore: Sendable {
    /// The default store file, relative to the working directory.
    public static let defaultPath = "actlab-runs.sqlite"

    public let path: String
    /// Who this store instance claims runs as.
    public let owner: RunOwner
    let database: any DatabaseWriter
    /// The schema the file has: `RunStoreSchema.version` once opened for writing (older stores are
    /// migrated), possibly older when opened read-only (nothing is written, so nothing is migrated).
    let schemaVersion: Int
    /// Whether this instance has committed a write, for what damage messages can promise.
    let modifications = ModificationRecord()

    /// Opens (creating and initialising if absent or empty) the store at `path`; a store of an older
    /// schema is migrated to the current one.
    /// - Parameters:
    ///   - readOnly: open an existing store without writing to it (no WAL switch, no initialisation, no
    ///     migration: what an older schema lacks reads as its default, e.g. no evaluations).
    ///   - owner: the identity written into claimed runs; tests may inject one.
    /// - Throws: `StoreError` if the file is not an ActivationLab store, is newer than this version, or cannot be opened.
    public init(path: String, readOnly: Bool = false, owner: RunOwner = .current()) throws {
        self.path = path
        self.owner = owner
        let isNew = try RunStore.inspect(path: path, everyRow: !readOnly)
        if readOnly && isNew {
            throw StoreError("\(path): no ActivationLab run store there")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(60)
        configuration.readonly = readOnly
        configuration.label = "actlab-run-store"
        do {
            if readOnly {
                let queue = try RunStore.openReadOnly(path: path, configuration: configuration)
                schemaVersion = try queue.read { db in
                    try String.fetchOne(db, sql: "SELECT value FROM actlab_meta WHERE key = 'schema_version'")
                        .flatMap { Int($0) } ?? 1
                }
                database = queue
            } else {
                database = try RunStore.openForWriting(path: path, configuration: configuration)
                schemaVersion = RunStoreSchema.version
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("\(path): cannot open run store: \(RunStore.message(error))")
        }
    }

    /// Opens the store for writing, switching it to WAL mode, and migrates it. Processes opening one new
    /// file at once (`--shard i/N`) collide in two ways, each retried after a short pause: on the switch to
    /// WAL mode, which SQLite reports as "database is locked" at once rather than waiting out the busy
    /// timeout (1 open in ~8 of two shards started together failed so), and on the migration, where the
    /// loser sees "table exists" or "duplicate column" and finds the schema in place on the next attempt.
    private static func openForWriting(path: String, configuration: Configuration) throws -> DatabasePool {
        var attempt = 0
        while true {
            do {
                let pool = try DatabasePool(path: path, configuration: configuration)
                try RunStoreSchema.migrator.migrate(pool)
                return pool
            } catch let error as DatabaseError where attempt < 40 && isOpeningRace(error) {
                attempt += 1
                Thread.sleep(forTimeInterval: 0.01 * Double(min(attempt, 10)))
            }
        }
    }

    /// Whether `error` is what a concurrent opener of the same file causes: a lock held for the WAL switch,
    /// or a table, index or column another process's migration created first.
    private static func isOpeningRace(_ error: DatabaseError) -> Bool {
        let message = error.message ?? ""
        let schemaAlreadyThere = message.contains("already exists") || message.contains("duplicate column")
        return [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode)
            || (error.resultCode == .SQLITE_ERROR && schemaAlreadyThere)
    }

    // MARK: Experiments

    /// Returns the experiment named `spec.name`, creating it if absent (atomically, so concurrent shards
    /// agree on one row).
    /// - Throws: `StoreError` if an experiment of that name exists with a different definition.
    public func createOrFindExperiment(_ spec: ExperimentSpec) throws -> Experiment {
        try write { db in
            if let row = try ExperimentRow.filter(Column("name") == spec.name).fetchOne(db) {
                let stored = try row.experiment()
                let differences = stored.spec.differences(from: spec)
                guard differences.isEmpty else {
                    throw StoreError("\(self.path): experiment '\(spec.name)' already exists with a different "
                        + differences.joined(separator: ", ") + "; use another name or store")
                }
                return stored
            }
            var row = ExperimentRow(spec: spec, createdAt: Date())
            try row.insert(db)
            // Re-read so the returned date has the stored (millisecond) precision.
            return try ExperimentRow.fetchOne(db, key: row.id)?.experiment() ?? row.experiment()
        }
    }

    /// All experiments, oldest first.
    public func experiments() throws -> [Experiment] {
        try read { db in try ExperimentRow.order(Column("id")).fetchAll(db).map { try $0.experiment() } }
    }

    /// The experiment called `name`, if any.
    public func experiment(named name: String) throws -> Experiment? {
        try read { db in try ExperimentRow.filter(Column("name") == name).fetchOne(db)?.experiment() }
    }

    // MARK: Runs

    /// Atomically claims `cell` of `experiment` for this store's owner, or returns nil if it is not available.
    ///
    /// A cell with no run is always claimed. With `resume`, a `failed` run and a `running` run whose owner
    /// is provably dead (`RunOwner.mayBeAlive` false) are claimed too: their epochs and evaluations are
    /// deleted and the run restarts from epoch 1 with `attempt` incremented. Finished and diverged runs are
    /// never claimed.
    /// - Parameter kind: why the run is trained; only `.evaluation` runs count in `variantStatistics`.
    public func claimRun(experiment: Experiment, cell: Cell, configuration: TrainingConfiguration,
                         resume: Bool = false, kind: RunKind = .evaluation) throws -> RunClaim? {
        let config = JSONCoding.string(configuration)
        return try write { db in
            let now = Date()
            if var row = try RunStore.runRow(db, experiment: experiment.id, cell: cell) {
                switch row.runStatus {
                case .finished, .diverged: return nil
                case .failed: guard resume else { return nil }
                case .running: guard resume, !row.owner.mayBeAlive else { return nil }
                }
                try EpochRow.filter(Column("run_id") == row.id).deleteAll(db)
                try EvaluationRow.filter(Column("run_id") == row.id).deleteAll(db)
                row.kind = kind.rawValue
                row.setTest(nil)
                row.steps = nil
                row.stepBudget = nil
                row.config = config
                row.status = RunStatus.running.rawValue
                row.reason = nil
                row.startedAt = now
                row.finishedAt = nil
                row.divergedEpoch = nil
                row.divergedStep = nil
                row.setOwner(self.owner)
                row.attempts += 1
                try row.update(db)
                return RunClaim(runID: row.id!, experimentID: experiment.id, cell: cell,
                                token: self.owner.token, attempt: row.attempts)
            }
            var row = RunRow(id: nil, experimentId: experiment.id, variant: cell.variant,
                             seed: Int64(bitPattern: cell.seed), config: config,
                             status: RunStatus.running.rawValue, reason: nil, startedAt: now, finishedAt: nil,
                             divergedEpoch: nil, divergedStep: nil, ownerHost: "", ownerPid: 0,
                             ownerStart: nil, ownerToken: "", attempts: 1, kind: kind.rawValue)
            row.setOwner(self.owner)
            try row.insert(db)
            return RunClaim(runID: row.id!, experimentID: experiment.id, cell: cell,
                            token: self.owner.token, attempt: 1)
        }
    }

    /// Stores one epoch's metrics in its own transaction (a kill never leaves half an epoch).
    /// - Throws: `StoreError` if the run is no longer held by `claim` (re-claimed or finished) or the epoch exists.
    public func appendEpoch(_ metrics: EpochMetrics, to claim: RunClaim) throws {
        var row = EpochRow(runID: claim.runID, metrics: metrics)
        try append(&row, to: claim, duplicate: "epoch \(metrics.epoch)")
    }

    /// Stores one validation evaluation in its own transaction, like `appendEpoch`.
    /// - Throws: `StoreError` if the run is no longer held by `claim` or an evaluation at that step exists.
    public func appendEvaluation(_ point: EvaluationPoint, to claim: RunClaim) throws {
        var row = EvaluationRow(runID: claim.runID, point: point)
        try append(&row, to: claim, duplicate: "the evaluation at step \(point.step)")
    }

    /// Inserts a row of a held run in one transaction; `duplicate` names the row if it exists already.
    private func append<Row: MutablePersistableRecord>(_ row: inout Row, to claim: RunClaim, duplicate: String) throws {
        var inserted = row
        try write { db in
            try self.checkHeld(claim, db)
            do { try inserted.insert(db) } catch let error as DatabaseError
                where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                throw StoreError("\(self.path): \(duplicate) of \(claim.cell) is already stored")
            }
        }
        row = inserted
    }

    /// Ends a claimed run with `status` (finished, diverged or failed) and an optional reason.
    /// - Parameters:
    ///   - test: the run's result on the test split, if it was evaluated.
    ///   - steps: optimiser steps taken; `stepBudget`: the steps the budget allowed.
    public func finish(_ claim: RunClaim, status: RunStatus, reason: String? = nil,
                       divergedEpoch: Int? = nil, divergedStep: Int? = nil,
                       test: Evaluation? = nil, steps: Int? = nil, stepBudget: Int? = nil) throws {
        guard status != .running else { throw StoreError("\(path): a run cannot finish with status 'running'") }
        try write { db in
            var row = try self.checkHeld(claim, db)
            row.status = status.rawValue
            row.reason = reason
            row.finishedAt = Date()
            row.divergedEpoch = divergedEpoch
            row.divergedStep = divergedStep
            row.setTest(test)
            row.steps = steps
            row.stepBudget = stepBudget
            try row.update(db)
        }
    }

    /// The runs of `experiment`, in variant order of the spec, then seed order.
    public func runs(experiment: Experiment) throws -> [StoredRun] {
        let runs = try read { db in try RunRow.filter(Column("experiment_id") == experiment.id).fetchAll(db).map { try $0.run() } }
        let order = Dictionary(experiment.spec.cells.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return runs.sorted {
            (order[$0.cell] ?? Int.max, $0.id) < (order[$1.cell] ?? Int.max, $1.id)
        }
    }

    /// The stored epochs of a run, in epoch order (NaN metrics come back as NaN).
    public func epochs(run: Int64) throws -> [EpochMetrics] {
        try read { db in
            try EpochRow.filter(Column("run_id") == run).order(Column("epoch")).fetchAll(db).map { try $0.metrics() }
        }
    }

    /// The stored validation evaluations of a run, in step order (NaN metrics come back as NaN; none for a
    /// run stored before schema v2).
    public func evaluations(run: Int64) throws -> [EvaluationPoint] {
        guard schemaVersion >= 2 else { return [] }
        return try read { db in
            try EvaluationRow.filter(Column("run_id") == run).order(Column("step")).fetchAll(db).map(\.point)
        }
    }

    /// The cells of `experiment` without a complete (finished or diverged) run, in spec order. Includes
    /// cells another live process is running; `claimRun` decides who may take them.
    public func unfinishedCells(experiment: Experiment) throws -> [Cell] {
        let complete = Set(try runs(experiment: experiment).filter(\.isComplete).map(\.cell))
        return experiment.spec.cells.filter { !complete.contains($0) }
    }

    // MARK: Internals

    static func runRow(_ db: Database, experiment: Int64, cell: Cell) throws -> RunRow? {
        try RunRow.filter(Column("experiment_id") == experiment && Column("variant") == cell.variant
            && Column("seed") == Int64(bitPattern: cell.seed)).fetchOne(db)
    }

    @discardableResult
    private func checkHeld(_ claim: RunClaim, _ db: Database) throws -> RunRow {
        guard let row = try RunRow.fetchOne(db, key: claim.runID) else {
            throw StoreError("\(path): run \(claim.runID) (\(claim.cell)) no longer exists")
        }
        guard row.ownerToken == claim.token, row.runStatus == .running else {
            throw StoreError("\(path): run \(claim.runID) (\(claim.cell)) is no longer held by this process "
                + "(status \(row.status), owner pid \(row.ownerPid) on \(row.ownerHost))")
        }
        return row
    }

    /// Runs `body` in one write transaction. Damage found on the way (`StoreDamage`, a malformed file, a
    /// value of the wrong type) is told as `StoreError.damaged`, and the transaction rolls back.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            let value = try database.write(body)
            modifications.record()
            return value
        } catch let error as StoreError { throw error } catch {
            throw storeError(error)
        }
    }

    /// Runs `body` in one read transaction; damage is told as in `write`.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try database.read(body) } catch let error as StoreError { throw error } catch {
            throw storeError(error)
        }
    }

    /// A store error for something GRDB or a row decoder threw: damage as `StoreError.damaged`, naming
    /// whether this store instance had written to the file before, anything else with the store's path.
    func storeError(_ error: Error) -> StoreError {
        if let problem = RunStore.damage(error) {
            return .damaged(store: path, problem, modified: modifications.happened)
        }
        return StoreError("\(path): \(RunStore.message(error))")
    }

    static func message(_ error: Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }
}
