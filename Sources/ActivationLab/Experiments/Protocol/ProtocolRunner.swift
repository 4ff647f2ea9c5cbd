import Foundation

/// Runs a comparison under the protocol (docs/protocol.md), each phase stored before the next starts:
///
/// 1. **Tuning** — every variant gets the same number of trials (`TuningPlan`: shared Halton points, and
///    with `.refine` as many again around each variant's best of those) on the tuning seeds, each scored by
///    its final validation accuracy (a diverged trial scores 0); the best trial's values become the variant's.
/// 2. **Pilot** — with no fixed target, the tuned baseline trains on the pilot seed and the target becomes
///    its mean validation accuracy over the second quarter of its steps, written to the store before any
///    evaluation run.
/// 3. **Step costs** — seconds per step of every tuned variant, interleaved in this process.
/// 4. **Evaluation** — every variant at its tuned values on every evaluation seed.
///
/// Every phase is a set of runs in the store, so Ctrl-C, `--resume` and shards work as for plain sweeps.
/// A phase that depends on runs not yet complete (another shard's, or interrupted ones) stops the runner
/// with `complete == false`; run it again (with resume) to continue.
public struct ProtocolRunner {
    public let comparison: Comparison
    public let settings: ProtocolSettings
    public let store: RunStore
    public let experiment: Experiment
    public var shard: (index: Int, count: Int)?
    public var resume: Bool
    public var compute: ComputeContext
    public var loadSplits: (UInt64) throws -> DataSplits
    public var stepCosts = StepCostBenchmark()
    /// Stop once tuning, the pilot and the step costs are stored, before any evaluation run: a cluster's first
    /// job decides the protocol once and each shard store starts from a copy (identical records everywhere).
    public var stopsBeforeEvaluation = false
    /// Whether this process measures the step costs. Parallel workers on one store leave it to one of them
    /// (timings taken while the others train would be skewed) and wait for its record.
    public var measuresStepCosts = true

    /// How far a run of the protocol got in this process.
    public struct Outcome: Sendable {
        public var sweep = SweepSummary()
        /// Every phase is done: the comparison can be judged.
        public var complete = false
        /// Why it stopped early, when it did.
        public var waitingFor: String?
        /// Stopped on purpose before the evaluation runs (`stopsBeforeEvaluation`), every decision stored.
        public var protocolDecided = false
        public var record: ProtocolRecord
    }

    /// Finds or creates the experiment; throws if the store holds it with other protocol settings.
    public init(comparison: Comparison, store: RunStore, shard: (index: Int, count: Int)? = nil, resume: Bool = false,
                compute: ComputeContext = .current, loadSplits: @escaping (UInt64) throws -> DataSplits) throws {
        self.comparison = comparison
        settings = comparison.protocolSettings ?? {
            // A comparison without a protocol (from a store written before it): its own settings, fixed target.
            var plain = ProtocolSettings()
            plain.targetAccuracy = comparison.targetAccuracy
            return plain
        }()
        try settings.validate(evaluationSeeds: comparison.seeds)
        self.store = store
        self.shard = shard
        self.resume = resume
        self.compute = compute
        self.loadSplits = loadSplits
        experiment = try store.createOrFindExperiment(comparison.experimentSpec())
        if let stored = try store.protocolRecord(experiment: experiment) {
            guard stored.settings == settings else {
                throw StoreError("\(store.path): experiment '\(experiment.spec.name)' was started with other protocol settings; use another name or store")
            }
        } else {
            var record = ProtocolRecord(settings: settings)
            if let target = settings.targetAccuracy { (record.targetAccuracy, record.targetSource) = (target, "fixed") }
            try store.mergeProtocol(record, experiment: experiment)  // another process may have stored it meanwhile
        }
    }

    public func run(shouldStop: () -> Bool = { false }, onEvent: (ProtocolEvent) -> Void = { _ in }) throws -> Outcome {
        var record = try currentRecord()
        var outcome = Outcome(record: record)
        /// Runs a phase's cells. Tuning and the pilot decide what every evaluation run trains, so they are
        /// never split by shard: on a shared store the processes divide them through claims and wait for each
        /// other; on separate stores (Slurm) each trains them all, with identical results. The evaluation
        /// cells are sharded and nobody waits for them.
        func sweep(_ phase: ProtocolPhase, _ cells: [PlannedCell]) throws -> Bool {
            let sharded = phase == .evaluation
            let sweep = Sweep(plannedCells: cells, experiment: experiment, store: store, shard: sharded ? shard : nil,
                              resume: resume, compute: compute, loadSplits: loadSplits)
            let stored = Set(try store.runs(experiment: experiment).filter(\.isComplete).map(\.cell))
            onEvent(.phase(phase, cells: sweep.cells.filter { !stored.contains($0) }.count))
            let summary = try sweep.run(shouldStop: shouldStop) { onEvent(.sweep($0)) }
            outcome.sweep.add(summary)
            while true {
                let stored = Dictionary(try store.runs(experiment: experiment).map { ($0.cell, $0) }) { first, _ in first }
                let missing = cells.filter { stored[$0.cell]?.isComplete != true }
                if missing.isEmpty { return true }
                let elsewhere = missing.filter { cell in
                    guard let run = stored[cell.cell] else { return false }
                    return run.status == .running && run.owner != store.owner && run.owner.mayBeAlive
                }
                if summary.interrupted || shouldStop() || sharded || elsewhere.isEmpty {
                    outcome.waitingFor = "\(missing.count) \(phase.rawValue) run\(missing.count == 1 ? "" : "s") not complete"
                        + (summary.interrupted ? " (interrupted)" : sharded ? " (other shards)" : " (failed or never started: rerun with --resume)")
                    return false
                }
                onEvent(.waiting(phase, runs: elsewhere.count))
                Thread.sleep(forTimeInterval: 0.5)
            }
        }

        let plan = try settings.tuningPlan()
        // Tuning for speed needs the target first: a pilot of the baseline as configured (untuned).
        if settings.tuneObjective == .speed, !plan.isEmpty, record.targetAccuracy == nil {
            guard try sweep(.pilot, [pilotCell(record)]) else { return outcome }
            let (target, source) = try pilotTarget()
            (record.targetAccuracy, record.targetSource) = (target, "untuned " + source)
            try save(&record)
        }
        if !plan.isEmpty {
            guard try sweep(.tuning, tuningCells(plan, trials: 0..<plan.firstStage, around: [:])) else { return outcome }
            // A refining search places its second stage around each variant's first-stage best.
            let firstBests = plan.refines ? try bestTrials(plan, among: 0..<plan.firstStage, around: [:]).mapValues(\.trial) : [:]
            if plan.refines {
                guard try sweep(.tuning, tuningCells(plan, trials: plan.firstStage..<plan.budget, around: firstBests)) else {
                    return outcome
                }
            }
            if record.tunedValues.count < comparison.variants.count {
                record.tunedValues = try chooseTunedValues(plan, around: firstBests, onEvent: onEvent)
                try save(&record)
            }
        }
        if record.targetAccuracy == nil {
            guard try sweep(.pilot, [pilotCell(record)]) else { return outcome }
            let (target, source) = try pilotTarget()
            (record.targetAccuracy, record.targetSource) = (target, source)
            try save(&record)
        }
        if let target = record.targetAccuracy { onEvent(.target(target, source: record.targetSource ?? "fixed")) }
        if record.stepSeconds.isEmpty && !measuresStepCosts {
            // The measuring process stores the costs before it claims an evaluation run; if evaluation runs
            // exist without them (it failed to store them), this process measures them itself.
            while record.stepSeconds.isEmpty,
                  try !store.runs(experiment: experiment).contains(where: { $0.kind == .evaluation }) {
                if shouldStop() {
                    outcome.sweep.interrupted = true
                    outcome.waitingFor = "the step-cost measurement (interrupted)"
                    return outcome
                }
                Thread.sleep(forTimeInterval: 0.2)
                record = try currentRecord()
            }
        }
        if record.stepSeconds.isEmpty {
            onEvent(.phase(.stepCosts, cells: comparison.variants.count))
            let configurations = evaluationCells(record).filter { $0.cell.seed == comparison.seeds[0] }
                .map { (name: $0.cell.variant, configuration: $0.configuration) }
            record.stepSeconds = try stepCosts.measure(configurations, on: try loadSplits(comparison.seeds[0]).train,
                                                       compute: compute)
            record.stepCostMethod = stepCosts.method
            try save(&record)
            onEvent(.stepCosts(record.stepSeconds))
        }
        outcome.record = record
        if stopsBeforeEvaluation {
            outcome.protocolDecided = true
            return outcome
        }
        guard try sweep(.evaluation, evaluationCells(record)) else { return outcome }
        outcome.complete = true
        return outcome
    }

    // MARK: Plans

    /// The tuning trials `trials` (`<variant> [tune i/n]`) on each tuning seed, for `tuneEpochs` epochs; trials
    /// of the second stage are placed around each variant's first-stage best (`around`).
    func tuningCells(_ plan: TuningPlan, trials: Range<Int>, around firstBests: [String: Int]) -> [PlannedCell] {
        comparison.variants.flatMap { variant in
            trials.flatMap { trial in
                settings.tuningSeeds.map { seed in
                    var configuration = plan.apply(Self.values(plan, trial: trial, around: firstBests[variant.name]),
                                                   to: variant.configuration)
                    configuration.epochs = settings.tuneEpochs
                    configuration.seed = seed
                    return PlannedCell(cell: Cell(variant: Self.trialName(variant.name, trial: trial, of: plan.budget), seed: seed),
                                       kind: .tuning, configuration: configuration)
                }
            }
        }
    }

    /// A trial's option values: a shared point in the first stage, else around the variant's first-stage best.
    static func values(_ plan: TuningPlan, trial: Int, around firstBest: Int?) -> [String: Double] {
        trial < plan.firstStage ? plan.trial(trial) : plan.refinedTrial(trial, around: firstBest ?? 0)
    }

    /// `relu [tune 3/8]`.
    static func trialName(_ variant: String, trial: Int, of budget: Int) -> String {
        "\(variant) [tune \(trial + 1)/\(budget)]"
    }

    /// The variant's configuration at its tuned values.
    func tunedConfiguration(_ variant: VariantSpec, _ record: ProtocolRecord) -> TrainingConfiguration {
        guard let values = record.tunedValues[variant.name], let plan = try? settings.tuningPlan() else {
            return variant.configuration
        }
        return plan.apply(values, to: variant.configuration)
    }

    func pilotCell(_ record: ProtocolRecord) -> PlannedCell {
        var configuration = tunedConfiguration(comparison.baseline, record)
        configuration.seed = settings.pilotSeed
        return PlannedCell(cell: Cell(variant: "\(comparison.baseline.name) [pilot]", seed: settings.pilotSeed),
                           kind: .pilot, configuration: configuration)
    }

    func evaluationCells(_ record: ProtocolRecord) -> [PlannedCell] {
        comparison.variants.flatMap { variant in
            comparison.seeds.map { seed in
                var configuration = tunedConfiguration(variant, record)
                configuration.seed = seed
                return PlannedCell(cell: Cell(variant: variant.name, seed: seed), kind: .evaluation, configuration: configuration)
            }
        }
    }

    // MARK: Decisions

    /// Each variant's best trial: the highest mean final validation accuracy over the tuning seeds (a
    /// diverged or failed trial scores 0), or with the speed objective the fewest mean log steps to the
    /// target (a trial that misses it on a seed counts twice its budget there), accuracy breaking ties; ties
    /// go to the earlier trial. `firstBests` (a refining search's first-stage best per variant) says where its
    /// second-stage trials were placed.
    func chooseTunedValues(_ plan: TuningPlan, around firstBests: [String: Int],
                           onEvent: (ProtocolEvent) -> Void) throws -> [String: [String: Double]] {
        var chosen: [String: [String: Double]] = [:]
        let bests = try bestTrials(plan, among: 0..<plan.budget, around: firstBests)
        for variant in comparison.variants {
            guard let best = bests[variant.name] else { continue }
            chosen[variant.name] = best.values
            onEvent(.tuned(variant: variant.name, values: best.values, accuracy: best.accuracy))
        }
        return chosen
    }

    /// Each variant's best among `trials` (scored as `chooseTunedValues` says), with its option values.
    func bestTrials(_ plan: TuningPlan, among trials: Range<Int>, around firstBests: [String: Int]) throws
        -> [String: (trial: Int, values: [String: Double], accuracy: Double)] {
        let target = try currentRecord().targetAccuracy
        let runs = try store.runs(experiment: experiment).filter { $0.kind == .tuning }
        var byCell: [Cell: StoredRun] = [:]
        for run in runs { byCell[run.cell] = run }
        var result: [String: (trial: Int, values: [String: Double], accuracy: Double)] = [:]
        for variant in comparison.variants {
            var best: (trial: Int, speed: Double, accuracy: Double)?
            for trial in trials {
                var accuracies: [Double] = [], logSteps: [Double] = []
                for seed in settings.tuningSeeds {
                    guard let run = byCell[Cell(variant: Self.trialName(variant.name, trial: trial, of: plan.budget), seed: seed)],
                          run.status == .finished else {
                        accuracies.append(0)
                        logSteps.append(.infinity)
                        continue
                    }
                    let evaluations = try store.evaluations(run: run.id)
                    let accuracy = try evaluations.last?.validationAccuracy ?? store.epochs(run: run.id).last?.validationAccuracy
                    accuracies.append(accuracy.map { $0.isFinite ? $0 : 0 } ?? 0)
                    let budget = Double(run.stepBudget ?? evaluations.last?.step ?? 1)
                    let reached = target.flatMap { t in evaluations.first { $0.validationAccuracy >= t } }
                    logSteps.append(log(max(1, reached.map { Double($0.step) } ?? 2 * budget)))
                }
                let accuracy = accuracies.reduce(0, +) / Double(accuracies.count)
                // Higher is better: minus the mean log steps (0 when not tuning for speed).
                let speed = settings.tuneObjective == .speed ? -logSteps.reduce(0, +) / Double(logSteps.count) : 0
                if best == nil || speed > best!.speed || (speed == best!.speed && accuracy > best!.accuracy) {
                    best = (trial, speed, accuracy)
                }
            }
            guard let best else { continue }
            result[variant.name] = (best.trial, Self.values(plan, trial: best.trial, around: firstBests[variant.name]), best.accuracy)
        }
        return result
    }

    /// The target from the pilot run: its mean validation accuracy over the evaluations in
    /// (`pilotHorizon`/2, `pilotHorizon`] of its steps (the last one before that if none falls inside),
    /// rounded down to 0.1 point.
    func pilotTarget() throws -> (Double, String) {
        let cell = pilotCell(try currentRecord()).cell
        guard let run = try store.runs(experiment: experiment).first(where: { $0.cell == cell }) else {
            throw StoreError("\(store.path): the pilot run is missing")
        }
        let horizon = Double(run.stepBudget ?? 0) * settings.pilotHorizon
        let early = try store.evaluations(run: run.id).filter { Double($0.step) <= horizon }
        let window = early.filter { Double($0.step) > horizon / 2 }
        let accuracies = (window.isEmpty ? Array(early.suffix(1)) : window).map(\.validationAccuracy).filter(\.isFinite)
        guard run.status == .finished, !accuracies.isEmpty, let best = ComparisonSummary.mean(accuracies), best > 0 else {
            throw ConfigurationError.incompatible(OptionMessage(
                "the pilot run of the baseline \(run.status == .diverged ? "diverged" : "learned nothing") on seed \(cell.seed); set {target-accuracy} to a number"))
        }
        let target = (best * 1000).rounded(.down) / 1000
        let source = String(format: "pilot: the tuned baseline's mean validation accuracy over %g–%g%% of its steps (%.4f), seed %llu",
                            settings.pilotHorizon * 50, settings.pilotHorizon * 100, best, cell.seed)
        return (target, source)
    }

    func currentRecord() throws -> ProtocolRecord {
        try store.protocolRecord(experiment: experiment) ?? ProtocolRecord(settings: settings)
    }

    /// Stores the decisions `record` adds; those another process stored first are kept (`RunStore.mergeProtocol`),
    /// and `record` becomes what is stored.
    func save(_ record: inout ProtocolRecord) throws { record = try store.mergeProtocol(record, experiment: experiment) }
}

extension SweepSummary {
    mutating func add(_ other: SweepSummary) {
        ran += other.ran
        skipped += other.skipped
        finished += other.finished
        diverged += other.diverged
        failed += other.failed
        interrupted = interrupted || other.interrupted
    }
}
