import Foundation

/// What a reproduction reports while it runs.
public enum ReproductionEvent {
    /// A comparison starts: its label, experiment name and cell count.
    case comparisonStarted(PlannedComparison, cells: Int)
    /// An event of the comparison's protocol: phases, runs, tuning decisions, the target.
    case protocolEvent(ProtocolEvent)
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
    /// Whether this process measures the step costs (`reproduce --jobs`: worker 0 only; see `ProtocolRunner`).
    public var measuresStepCosts = true
    /// When the command started and how many runs of this paper the store held then, when the runs were
    /// trained by worker processes before `run` (`reproduce --jobs`): the document's wall time and its
    /// trained/reused counts cover the whole command.
    public var startedAt: Date?
    public var runsStoredBefore: Int?

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
        let splits = try DatasetSource(spec: scale.dataset).load(validationFraction: 0.1, seed: 1)
        return ReproductionContext(scale: scale, sampleShape: splits.train.sampleShape, classCount: splits.train.classCount,
                                   trainFileCount: splits.train.count + splits.validation.count)
    }

    /// Runs `reproduction` and returns its result (documents are written by `ReproductionDocument.write`).
    /// - Throws: `ReproductionError` when interrupted or the plan is impossible, `StoreError`, `DataError`.
    public func run(_ reproduction: any Reproduction, shouldStop: @escaping () -> Bool = { false },
                    onEvent: (ReproductionEvent) -> Void = { _ in }) throws -> ReproductionResult {
        let start = startedAt ?? Date()
        let context = try context()
        var outcomes: [ComparisonOutcome] = []
        var trained = 0
        for planned in try reproduction.comparisons(context) {
            outcomes.append(try run(planned, shouldStop: shouldStop) { event in
                if case .protocolEvent(.sweep(.cellEnded)) = event { trained += 1 }
                onEvent(event)
            })
        }
        // Every stored run of its comparisons (tuning, pilot, evaluation) that this command did not train.
        let total = outcomes.reduce(0) { $0 + $1.runs.count }
        let reused = runsStoredBefore.map { min($0, total) } ?? max(0, total - trained)
        trained = total - reused
        let analysis = try reproduction.analyze(context, outcomes: outcomes) { onEvent(.note($0)) }
        if shouldStop() { throw ReproductionError.interrupted }
        return ReproductionResult(paper: reproduction.id, claim: reproduction.claim, command: command, date: start,
                                  commit: commit, cores: cores, scale: scale,
                                  seconds: Date().timeIntervalSince(start), runsTrained: trained, runsReused: reused,
                                  analysis: analysis)
    }

    /// Trains this process's share of `reproduction`'s comparisons and nothing else: a `reproduce --jobs`
    /// worker. Workers divide every phase's runs through the store's claims, wait for each other where a phase
    /// needs the previous one complete, and go on to the next comparison while another worker finishes the
    /// last evaluation runs of this one.
    /// - Parameter context: the data facts (`context()`), which the caller has already loaded.
    /// - Returns: whether it stopped because `shouldStop` said so.
    public func runComparisons(_ reproduction: any Reproduction, context: ReproductionContext,
                               shouldStop: @escaping () -> Bool) throws -> Bool {
        for planned in try reproduction.comparisons(context) {
            let outcome = try protocolRunner(planned).run(shouldStop: shouldStop)
            if outcome.sweep.interrupted || shouldStop() { return true }
        }
        return false
    }

    /// The protocol runner of `planned`, after checking every variant's model.
    func protocolRunner(_ planned: PlannedComparison) throws -> ProtocolRunner {
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
        var runner = try ProtocolRunner(comparison: comparison, store: store, resume: resume) { seed in
            seed == firstSeed ? probe : try self.loadSplits(comparison.base, seed: seed)
        }
        runner.measuresStepCosts = measuresStepCosts
        return runner
    }

    func run(_ planned: PlannedComparison, shouldStop: @escaping () -> Bool,
             onEvent: (ReproductionEvent) -> Void) throws -> ComparisonOutcome {
        let comparison = planned.comparison
        let runner = try protocolRunner(planned)
        onEvent(.comparisonStarted(planned, cells: comparison.variants.count * comparison.seeds.count))
        let outcome = try runner.run(shouldStop: shouldStop) { onEvent(.protocolEvent($0)) }
        if outcome.sweep.interrupted || shouldStop() { throw ReproductionError.interrupted }
        guard outcome.complete else {
            throw ReproductionError.failed("\(planned.label): \(outcome.waitingFor ?? "the comparison did not finish")")
        }
        let record = try store.protocolRecord(experiment: runner.experiment)
        return ComparisonOutcome(planned: planned, runs: try store.runRecords(experiment: runner.experiment), record: record)
    }

    func loadSplits(_ base: TrainingConfiguration, seed: UInt64) throws -> DataSplits {
        try DatasetSource(spec: base.dataset).load(validationFraction: base.validationFraction, seed: seed,
                                                   trainLimit: base.trainLimit, normalization: base.normalization)
    }

    /// A comparison named `reproduce <paper>/<label> (<mode>): …#hash`, so reruns find their runs and
    /// different scales never collide.
    public static func comparison(paper: PaperID, label: String, scale: ReproductionScale, base: TrainingConfiguration,
                                  variants: [PlannedVariant], protocol settings: ProtocolSettings) throws -> Comparison {
        var comparison = try Comparison(name: nil, base: base, variants: variants.map { try $0.spec(base: base) },
                                        seeds: scale.seedList, targetAccuracy: settings.targetAccuracy ?? 0.8,
                                        protocolSettings: settings)
        comparison.name = "reproduce \(paper.rawValue)/\(label) (\(scale.mode)): " + comparison.name
        return comparison
    }

    /// The planned comparison of `variants` (baseline first) on `base`.
    public static func planned(paper: PaperID, label: String, description: String, scale: ReproductionScale,
                               base: TrainingConfiguration, variants: [PlannedVariant],
                               protocol settings: ProtocolSettings) throws -> PlannedComparison {
        let comparison = try comparison(paper: paper, label: label, scale: scale, base: base, variants: variants,
                                        protocol: settings)
        let specs = comparison.variants.map(\.name)
        return PlannedComparison(label: label, description: description, comparison: comparison,
                                 specNames: Dictionary(uniqueKeysWithValues: zip(variants.map(\.key), specs)),
                                 names: Dictionary(uniqueKeysWithValues: zip(specs, variants.map(\.name))))
    }
}
