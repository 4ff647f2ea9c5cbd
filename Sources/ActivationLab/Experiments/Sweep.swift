/// Runs planned cells of an experiment (or one shard of them), storing every epoch and every validation
/// evaluation as it completes, and each run's test result, steps and kind when it ends.
///
/// Each epoch and each evaluation is one transaction, so a killed process loses at most the work since
/// the last one; its run stays `running` with a dead owner, which `resume` reclaims and retrains from
/// epoch 1. A comparison's sweep plans its variant × seed cells; the protocol runner plans pilot, tuning
/// and evaluation cells explicitly (`init(plannedCells:…)`).
public struct Sweep {
    /// The comparison the cells were planned from, if any.
    public let comparison: Comparison?
    /// Every run of the plan, in order (all shards).
    public let plannedCells: [PlannedCell]
    public let store: RunStore
    public let experiment: Experiment
    /// `(index, count)`: run only cells whose position modulo `count` is `index`.
    public var shard: (index: Int, count: Int)?
    /// Reclaim failed cells and cells whose owner died.
    public var resume: Bool
    /// Loads the data for a seed (the validation split depends on it).
    public var loadSplits: (UInt64) throws -> DataSplits
    /// The threads each cell's training may use.
    public var compute: ComputeContext

    /// A sweep of an explicit plan.
    /// - Parameters:
    ///   - plannedCells: the runs, each with its kind and full configuration; cells must be unique.
    ///   - experiment: the stored experiment the runs belong to (`RunStore.createOrFindExperiment`).
    ///   - loadSplits: the data for a configuration's seed; consecutive cells with one seed share a load.
    public init(plannedCells: [PlannedCell], experiment: Experiment, store: RunStore,
                shard: (index: Int, count: Int)? = nil, resume: Bool = false, compute: ComputeContext = .current,
                loadSplits: @escaping (UInt64) throws -> DataSplits) {
        self.init(comparison: nil, plannedCells: plannedCells, experiment: experiment, store: store, shard: shard,
                  resume: resume, compute: compute, loadSplits: loadSplits)
    }

    /// The sweep of a comparison: its variant × seed cells, variant-major, as `.evaluation` runs of the
    /// experiment it finds or creates in `store`.
    public init(comparison: Comparison, store: RunStore, shard: (index: Int, count: Int)? = nil, resume: Bool = false,
                compute: ComputeContext = .current, loadSplits: @escaping (UInt64) throws -> DataSplits) throws {
        let experiment = try store.createOrFindExperiment(comparison.experimentSpec())
        let plannedCells = experiment.spec.cells.compactMap { cell in
            comparison.configuration(for: cell).map { PlannedCell(cell: cell, kind: .evaluation, configuration: $0) }
        }
        self.init(comparison: comparison, plannedCells: plannedCells, experiment: experiment, store: store,
                  shard: shard, resume: resume, compute: compute, loadSplits: loadSplits)
    }

    private init(comparison: Comparison?, plannedCells: [PlannedCell], experiment: Experiment, store: RunStore,
                 shard: (index: Int, count: Int)?, resume: Bool, compute: ComputeContext,
                 loadSplits: @escaping (UInt64) throws -> DataSplits) {
        self.comparison = comparison
        self.plannedCells = plannedCells
        self.experiment = experiment
        self.store = store
        self.shard = shard
        self.resume = resume
        self.compute = compute
        self.loadSplits = loadSplits
    }

    /// The planned cells this process is responsible for: every `count`-th from `index` with a shard.
    public var assignedCells: [PlannedCell] {
        guard let shard else { return plannedCells }
        guard shard.count > 0, (0..<shard.count).contains(shard.index) else { return [] }
        return plannedCells.enumerated().filter { $0.offset % shard.count == shard.index }.map(\.element)
    }

    /// The cells this process is responsible for.
    public var cells: [Cell] { assignedCells.map(\.cell) }

    /// Trains every unclaimed cell in turn. `shouldStop` is polled between steps (Ctrl-C): the current run is
    /// then stored as failed ("interrupted"), so `resume` redoes it, and the sweep stops.
    public func run(shouldStop: () -> Bool = { false }, onEvent: (SweepEvent) -> Void = { _ in }) throws -> SweepSummary {
        var summary = SweepSummary()
        // One seed's data at a time: holding every seed's splits would multiply memory by the seed count.
        var cachedSplits: (seed: UInt64, splits: DataSplits)?
        let planned = assignedCells
        for (index, plan) in planned.enumerated() {
            if shouldStop() { summary.interrupted = true; break }
            let (cell, configuration) = (plan.cell, plan.configuration)
            guard let claim = try store.claimRun(experiment: experiment, cell: cell, configuration: configuration,
                                                 resume: resume, kind: plan.kind) else {
                summary.skipped += 1
                onEvent(.cellSkipped(cell))
                continue
            }
            summary.ran += 1
            onEvent(.cellStarted(cell, index: index, count: planned.count))
            let result: TrainingResult
            do {
                if cachedSplits?.seed != configuration.seed {
                    cachedSplits = (configuration.seed, try loadSplits(configuration.seed))
                }
                let splits = cachedSplits!.splits
                let session = try TrainingSession(configuration: configuration, sampleShape: splits.train.sampleShape,
                                                  classCount: splits.train.classCount, compute: compute)
                try session.prepare(with: splits.train)
                var storeError: Error?
                result = session.run(on: splits, shouldStop: { shouldStop() || storeError != nil }) { event in
                    switch event {
                    case let .step(epoch, step, steps, _):
                        onEvent(.step(cell, epoch: epoch, step: step, stepsPerEpoch: steps))
                    case let .evaluation(point):
                        do { try store.appendEvaluation(point, to: claim) } catch { storeError = error }
                    case let .epoch(metrics):
                        do { try store.appendEpoch(metrics, to: claim) } catch { storeError = error }
                        onEvent(.epoch(cell, metrics))
                    }
                }
                if let storeError { throw storeError }
            } catch let error as StoreError {
                throw error
            } catch {
                try store.finish(claim, status: .failed, reason: "\(error)")
                summary.failed += 1
                onEvent(.cellEnded(cell, .failed, message: "\(error)"))
                continue
            }
            let interrupted = result.status == .failed && result.message == "interrupted"
            try store.finish(claim, status: result.status, reason: result.message,
                             divergedEpoch: result.status == .diverged ? result.epochs.count + 1 : nil,
                             divergedStep: result.divergedAtStep,
                             test: result.test, steps: result.steps, stepBudget: result.stepBudget)
            switch result.status {
            case .finished: summary.finished += 1
            case .diverged: summary.diverged += 1
            case .failed, .running: summary.failed += 1
            }
            onEvent(.cellEnded(cell, result.status, message: result.message))
            if interrupted { summary.interrupted = true; break }
        }
        return summary
    }
}
