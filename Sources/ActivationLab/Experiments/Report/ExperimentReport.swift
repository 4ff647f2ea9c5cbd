import Foundation

/// What a report says about one experiment, assembled once and rendered by `HTMLReport`,
/// `MarkdownReport`, `CSVExport` and `JSONExport`.
///
/// The numbers and verdicts are one `ComparisonSummary`, the value `actlab compare` prints at its end and
/// `report --summary-json` writes, so every output shows the same statistics under the same names. The
/// per-variant curves and per-seed charts use the **evaluation** runs only (the comparison proper); tuning
/// trials appear only in the tuning curves and the pilot only in the protocol section, because a trial at a
/// bad learning rate says nothing about the variant at its tuned one.
///
/// Curves against epochs average runs epoch by epoch and curves against steps evaluation by evaluation;
/// curves against seconds first interpolate every run linearly onto one time grid shared by all variants
/// (0 to the longest run's elapsed time, 120 points), because runs reach a point at different times. A
/// mean is drawn only where at least half of the variant's runs have a value; the evaluation or epoch in
/// which a run diverged is left out of the curves (`Run.curveEpochs`).
public struct ExperimentReport: Sendable {
    /// One stored run with its epochs and step evaluations.
    public struct Run: Sendable {
        public let run: StoredRun
        public let epochs: [EpochMetrics]
        /// Validation evaluations by step (empty for stores written before step evaluations).
        public let evaluations: [EvaluationPoint]

        public init(run: StoredRun, epochs: [EpochMetrics], evaluations: [EvaluationPoint] = []) {
            self.run = run
            self.epochs = epochs.sorted { $0.epoch < $1.epoch }
            self.evaluations = evaluations.sorted { $0.step < $1.step }
        }

        /// The epochs drawn in curves: all but those whose validation loss is not finite — the evaluation
        /// of a network that has just diverged (the trainer stores that epoch, then stops). The run still
        /// counts in the statistics (a diverged run scores 0 accuracy); charts mark the divergence with a ×
        /// at the end of the run's curve instead of plunging the mean.
        public var curveEpochs: [EpochMetrics] { epochs.filter(\.validationLoss.isFinite) }

        /// The evaluations drawn in curves, by the same rule as `curveEpochs`.
        public var curveEvaluations: [EvaluationPoint] {
            evaluations.filter { $0.validationLoss.isFinite && $0.validationAccuracy.isFinite }
        }

        public var kind: RunKind { run.kind }

        /// What the analysis reads of the run, as `ComparisonSummary(store:experiment:)` builds it.
        public var record: RunRecord {
            RunRecord(variant: run.cell.variant, seed: run.cell.seed, kind: run.kind, status: run.status,
                      configuration: run.configuration, evaluations: evaluations, epochs: epochs,
                      testAccuracy: run.testAccuracy, stepBudget: run.stepBudget)
        }
    }

    public let experiment: Experiment
    /// The store file the report was made from, if any.
    public let storePath: String?
    public let generatedAt: Date
    /// Every stored run of every kind (evaluation, tuning, pilot), in the store's order.
    public let runs: [Run]
    /// The protocol as stored (target, tuning, step costs); nil for stores written before the protocol and
    /// for plain sweeps.
    public let protocolRecord: ProtocolRecord?
    /// The statistics and verdicts: the same value `compare` prints and `--summary-json` writes.
    public let summary: ComparisonSummary
    /// Baseline first, then the other variants in spec order; evaluation runs only.
    public let variants: [VariantReport]
    /// The headline: one `VerdictLine` per variant other than the baseline.
    public let verdictLines: [String]
    /// The common time grid of the curves against seconds.
    public let timeGrid: [Double]
    public let layerDiagnostics: LayerDiagnosticsSummary
    /// Interpretation footnotes with the variants that use each.
    public let interpretations: [(note: InterpretationNote, variants: [String])]
    /// Runs left out of the statistics and cells never started, one sentence each.
    public let warnings: [String]

    public var spec: ExperimentSpec { experiment.spec }
    public var baseline: VariantReport? { variants.first(where: \.isBaseline) }
    /// The target time to target is measured against (pre-registered, or the experiment's fixed one).
    public var targetAccuracy: Double { summary.targetAccuracy }
    /// Whether speed is in steps (step evaluations exist) rather than epochs (older stores).
    public var inSteps: Bool { summary.speedUnit == "steps" }
    /// The comparison proper: runs of kind `.evaluation`.
    public var evaluationRuns: [Run] { runs.filter { $0.kind == .evaluation } }
    /// Tuning trials and the pilot run.
    public var protocolRuns: [Run] { runs.filter { $0.kind != .evaluation } }

    /// Assembles the report from already loaded runs.
    /// - Parameter protocolRecord: the experiment's stored protocol (`ProtocolRecord.decode` of
    ///   `RunStore.protocolJSON`); nil for older stores and plain sweeps.
    /// - Throws: `ReportError` when the experiment has no finished or diverged evaluation run.
    public init(experiment: Experiment, runs: [Run], protocolRecord: ProtocolRecord? = nil, storePath: String? = nil,
                generatedAt: Date = Date()) throws {
        let spec = experiment.spec
        let place = storePath.map { " in \($0)" } ?? ""
        let evaluation = runs.filter { $0.kind == .evaluation }
        let others = runs.count - evaluation.count
        let protocolNote = others > 0 ? "; \(others) tuning or pilot run\(others == 1 ? "" : "s") stored" : ""
        guard !evaluation.isEmpty else {
            throw ReportError("experiment '\(spec.name)'\(place) has no runs yet" + protocolNote)
        }
        let complete = evaluation.filter(\.run.isComplete)
        guard !complete.isEmpty else {
            let running = evaluation.filter { $0.run.status == .running }.count
            throw ReportError("experiment '\(spec.name)'\(place) has no finished runs yet "
                + "(\(running) running, \(evaluation.count - running) failed\(protocolNote))")
        }
        self.experiment = experiment
        self.storePath = storePath
        self.generatedAt = generatedAt
        self.runs = runs
        self.protocolRecord = protocolRecord

        // Baseline first (as the summary requires); variants named in runs but not in the spec are appended
        // so nothing is hidden.
        var names = [spec.baseline] + spec.variants.filter { $0 != spec.baseline }
        for run in evaluation where !names.contains(run.run.cell.variant) { names.append(run.run.cell.variant) }
        let summary = ComparisonSummary(experiment: spec.name, variants: names,
                                        runs: runs.filter(\.run.isComplete).map(\.record),
                                        record: protocolRecord, fallbackTarget: spec.targetAccuracy)
        self.summary = summary
        verdictLines = VerdictLine.lines(summary)

        let end = complete.flatMap { $0.epochs.map(\.elapsedSeconds) + $0.evaluations.map(\.elapsedSeconds) }
            .filter(\.isFinite).max() ?? 0
        timeGrid = CurveAggregate.timeGrid(end: end)
        let grid = timeGrid
        let baselineConfiguration = evaluation.lazy.filter { $0.run.cell.variant == spec.baseline }
            .compactMap(\.run.configuration).first
        variants = zip(names.indices, summary.variants).map { index, variantSummary in
            VariantReport(summary: variantSummary, index: index,
                          runs: evaluation.filter { $0.run.cell.variant == variantSummary.name },
                          comparison: summary, timeGrid: grid, baselineConfiguration: baselineConfiguration)
        }
        layerDiagnostics = LayerDiagnosticsSummary(variants: variants.map { ($0.name, $0.completeRuns.map(\.curveEpochs)) })

        var users: [InterpretationNote: [String]] = [:]
        for variant in variants { for note in variant.interpretations { users[note, default: []].append(variant.name) } }
        interpretations = users.keys.sorted().map { ($0, users[$0]!) }
        warnings = ExperimentReport.warnings(evaluation: evaluation, protocolRuns: runs.filter { $0.kind != .evaluation },
                                             spec: spec)
    }

    /// Reads `experiment`'s runs (with epochs and evaluations) and protocol from `store` and assembles the report.
    /// - Parameter target: recompute speed against this target instead of the stored one (no retraining:
    ///   times to target are read from the stored evaluations); the report says it was not pre-registered.
    public static func load(from store: RunStore, experiment: Experiment, target: Double? = nil,
                            generatedAt: Date = Date()) throws -> ExperimentReport {
        let runs = try store.runs(experiment: experiment).map {
            Run(run: $0, epochs: try store.epochs(run: $0.id), evaluations: try store.evaluations(run: $0.id))
        }
        let record = try store.protocolRecord(experiment: experiment)
        return try ExperimentReport(experiment: experiment, runs: runs,
                                    protocolRecord: target.map { ProtocolRecord.overriding(record, target: $0) } ?? record,
                                    storePath: store.path, generatedAt: generatedAt)
    }

    /// The variant called `name`.
    public func variant(named name: String) -> VariantReport? { variants.first { $0.name == name } }

    /// The evaluation runs still running or failed, the protocol runs that failed, and cells never started.
    static func warnings(evaluation: [Run], protocolRuns: [Run], spec: ExperimentSpec) -> [String] {
        var warnings: [String] = []
        let running = evaluation.filter { $0.run.status == .running }.map(\.run.cell.description)
        if !running.isEmpty {
            warnings.append("\(running.count) run\(running.count == 1 ? " is" : "s are") still running and left out: "
                + list(running))
        }
        let failed = evaluation.filter { $0.run.status == .failed }
        if !failed.isEmpty {
            warnings.append("\(failed.count) run\(failed.count == 1 ? "" : "s") failed and \(failed.count == 1 ? "is" : "are") left out: "
                + list(failed.map { "\($0.run.cell)" + ($0.run.reason.map { " (\($0))" } ?? "") }))
        }
        let unfinished = protocolRuns.filter { !$0.run.isComplete }
        if !unfinished.isEmpty {
            warnings.append("\(unfinished.count) tuning or pilot run\(unfinished.count == 1 ? " is" : "s are") running or failed: "
                + list(unfinished.map { "\($0.run.cell) (\($0.run.status.rawValue))" }))
        }
        let stored = Set(evaluation.map(\.run.cell))
        let missing = spec.cells.filter { !stored.contains($0) }.map(\.description)
        if !missing.isEmpty {
            warnings.append("\(missing.count) of \(spec.cells.count) cells have not started: " + list(missing))
        }
        return warnings
    }

    /// "a, b, c" or "a, b, c and 4 more".
    static func list(_ items: [String], limit: Int = 6) -> String {
        items.count <= limit ? items.joined(separator: ", ")
            : items.prefix(limit).joined(separator: ", ") + " and \(items.count - limit) more"
    }
}
