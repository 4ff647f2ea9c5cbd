import Foundation

/// What a reproduction reports while it runs.
public enum ReproductionEvent {
    /// A comparison starts: its label, experiment name and cell count.
    case comparisonStarted(PlannedComparison, cells: Int)
    /// An event of the comparison's sweep.
    case sweep(SweepEvent)
    /// A line about an extra measurement.
    case note(String)
}

/// Runs a reproduction: its comparisons through `Sweep` into a run store (finished runs are reused, so a
/// rerun only regenerates the documents), then its extra measurements, and builds the result.
public struct ReproductionRunner {
    public var store: RunStore
    public var scale: ReproductionScale
    /// Reclaim failed runs and runs of dead processes (as `actlab compare --resume`).
    public var resume: Bool
    /// Header fields of the document.
    public var command: String
    public var commit: String
    public var cores: Int

    public init(store: RunStore, scale: ReproductionScale, resume: Bool = false, command: String,
                commit: String = ReproductionEnvironment.gitCommit(), cores: Int = ReproductionEnvironment.cores) {
        self.store = store
        self.scale = scale
        self.resume = resume
        self.command = command
        self.commit = commit
        self.cores = cores
    }

    /// The data facts the plans need, from the dataset's training split.
    public func context() throws -> ReproductionContext { try Self.context(scale) }

    /// The data facts of `scale`'s dataset (loads it once; throws `DataError` if it is missing).
    public static func context(_ scale: ReproductionScale) throws -> ReproductionContext {
        let splits = try DatasetSource(spec: scale.dataset).load(validationFraction: 0.1, seed: 1, trainLimit: 16)
        return ReproductionContext(scale: scale, sampleShape: splits.train.sampleShape, classCount: splits.train.classCount)
    }

    /// Runs `reproduction` and returns its result (documents are written by `ReproductionDocument.write`).
    /// - Throws: `ReproductionError` when interrupted or the plan is impossible, `StoreError`, `DataError`.
    public func run(_ reproduction: any Reproduction, shouldStop: @escaping () -> Bool = { false },
                    onEvent: (ReproductionEvent) -> Void = { _ in }) throws -> ReproductionResult {
        let start = Date()
        let context = try context()
        var outcomes: [ComparisonOutcome] = []
        for planned in try reproduction.comparisons(context) {
            outcomes.append(try run(planned, shouldStop: shouldStop, onEvent: onEvent))
        }
        let analysis = try reproduction.analyze(context, outcomes: outcomes) { onEvent(.note($0)) }
        if shouldStop() { throw ReproductionError.interrupted }
        return ReproductionResult(paper: reproduction.id, claim: reproduction.claim, command: command, date: start,
                                  commit: commit, cores: cores, scale: scale,
                                  seconds: Date().timeIntervalSince(start), analysis: analysis)
    }

    func run(_ planned: PlannedComparison, shouldStop: @escaping () -> Bool,
             onEvent: (ReproductionEvent) -> Void) throws -> ComparisonOutcome {
        let comparison = planned.comparison
        // Check every variant's model before the store is touched.
        let probe = try loadSplits(comparison.base, seed: comparison.seeds[0])
        for variant in comparison.variants {
            do {
                _ = try TrainingSession(configuration: variant.configuration, sampleShape: probe.train.sampleShape,
                                        classCount: probe.train.classCount)
            } catch { throw ReproductionError.failed("\(planned.label) variant '\(variant.name)': \(error)") }
        }
        let firstSeed = comparison.seeds[0]
        let sweep = try Sweep(comparison: comparison, store: store, resume: resume) { seed in
            seed == firstSeed ? probe : try self.loadSplits(comparison.base, seed: seed)
        }
        onEvent(.comparisonStarted(planned, cells: sweep.cells.count))
        let summary = try sweep.run(shouldStop: shouldStop) { onEvent(.sweep($0)) }
        if summary.interrupted { throw ReproductionError.interrupted }
        let stored = try store.variantStatistics(experiment: sweep.experiment)
        let target = Self.target(baseline: stored.first, fallback: comparison.targetAccuracy)
        let statistics = stored.map { VariantStatistics(name: $0.name, curves: $0.curves, target: target) }
        // Reproductions run plain sweeps, but a store may hold tuning or pilot runs of the same experiment:
        // like `variantStatistics`, only the comparison's own (evaluation) runs count.
        var lastEpochs: [String: [EpochMetrics]] = [:]
        for run in try store.runs(experiment: sweep.experiment) where run.isComplete && run.kind == .evaluation {
            if let last = try store.epochs(run: run.id).last { lastEpochs[run.cell.variant, default: []].append(last) }
        }
        return ComparisonOutcome(planned: planned, statistics: statistics, target: target, epochs: comparison.base.epochs,
                                 lastEpochs: lastEpochs)
    }

    func loadSplits(_ base: TrainingConfiguration, seed: UInt64) throws -> DataSplits {
        try DatasetSource(spec: base.dataset).load(validationFraction: base.validationFraction, seed: seed,
                                                   trainLimit: base.trainLimit, normalization: base.normalization)
    }

    /// The time-to-target threshold: the baseline's mean final validation accuracy less 1 point, floored to
    /// 0.5 point, so the target adapts to the scale (a fixed 85% is out of reach of a quick run) and the
    /// baseline reaches it in most runs. `fallback` when the baseline has no finished run.
    public static func target(baseline: VariantStatistics?, fallback: Double) -> Double {
        guard let mean = baseline?.finalAccuracy?.mean, mean > 0.02 else { return fallback }
        return max(0.005, ((mean - 0.01) * 200).rounded(.down) / 200)
    }

    /// A comparison named `reproduce <paper>/<label> (<mode>): …#hash`, so reruns find their runs and
    /// different scales never collide.
    public static func comparison(paper: PaperID, label: String, scale: ReproductionScale, base: TrainingConfiguration,
                                  variants: [PlannedVariant]) throws -> Comparison {
        var comparison = try Comparison(name: nil, base: base, variants: variants.map { try $0.spec(base: base) },
                                        seeds: scale.seedList, targetAccuracy: 0.8)
        comparison.name = "reproduce \(paper.rawValue)/\(label) (\(scale.mode)): " + comparison.name
        return comparison
    }

    /// The planned comparison of `variants` (baseline first) on `base`.
    public static func planned(paper: PaperID, label: String, description: String, scale: ReproductionScale,
                               base: TrainingConfiguration, variants: [PlannedVariant]) throws -> PlannedComparison {
        let comparison = try comparison(paper: paper, label: label, scale: scale, base: base, variants: variants)
        let specs = comparison.variants.map(\.name)
        return PlannedComparison(label: label, description: description, comparison: comparison,
                                 specNames: Dictionary(uniqueKeysWithValues: zip(variants.map(\.key), specs)),
                                 names: Dictionary(uniqueKeysWithValues: zip(specs, variants.map(\.name))))
    }
}
