/// Runs the cells of a comparison (or one shard of them), storing every epoch as it completes.
///
/// Each epoch is one transaction, so a killed process loses at most the epoch in progress; its run stays
/// `running` with a dead owner, which `resume` reclaims and retrains from epoch 1.
public struct Sweep {
    public let comparison: Comparison
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

    public init(comparison: Comparison, store: RunStore, shard: (index: Int, count: Int)? = nil, resume: Bool = false,
                compute: ComputeContext = .current, loadSplits: @escaping (UInt64) throws -> DataSplits) throws {
        self.compute = compute
        self.comparison = comparison
        self.store = store
        self.shard = shard
        self.resume = resume
        self.loadSplits = loadSplits
        experiment = try store.createOrFindExperiment(comparison.experimentSpec())
    }

    /// The cells this process is responsible for.
    public var cells: [Cell] {
        let spec = experiment.spec
        guard let shard else { return spec.cells }
        return spec.cells(shard: shard.index, of: shard.count)
    }

    /// Trains every unclaimed cell in turn. `shouldStop` is polled between steps (Ctrl-C): the current run is
    /// then stored as failed ("interrupted"), so `resume` redoes it, and the sweep stops.
    public func run(shouldStop: () -> Bool = { false }, onEvent: (SweepEvent) -> Void = { _ in }) throws -> SweepSummary {
        var summary = SweepSummary()
        // One seed's data at a time: holding every seed's splits would multiply memory by the seed count.
        var cachedSplits: (seed: UInt64, splits: DataSplits)?
        let cells = self.cells
        for (index, cell) in cells.enumerated() {
            if shouldStop() { summary.interrupted = true; break }
            guard let configuration = comparison.configuration(for: cell) else { continue }
            guard let claim = try store.claimRun(experiment: experiment, cell: cell, configuration: configuration, resume: resume) else {
                summary.skipped += 1
                onEvent(.cellSkipped(cell))
                continue
            }
            summary.ran += 1
            onEvent(.cellStarted(cell, index: index, count: cells.count))
            let result: TrainingResult
            do {
                if cachedSplits?.seed != cell.seed { cachedSplits = (cell.seed, try loadSplits(cell.seed)) }
                let splits = cachedSplits!.splits
                let session = try TrainingSession(configuration: configuration, sampleShape: splits.train.sampleShape,
                                                  classCount: splits.train.classCount, compute: compute)
                try session.prepare(with: splits.train)
                var storeError: Error?
                result = session.run(on: splits, shouldStop: { shouldStop() || storeError != nil }) { event in
                    switch event {
                    case let .step(epoch, step, steps, _):
                        onEvent(.step(cell, epoch: epoch, step: step, stepsPerEpoch: steps))
                    case .evaluation:
                        break
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
                             divergedStep: result.divergedAtStep)
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
