import Foundation

/// What a report says about one experiment, assembled once and rendered by `HTMLReport`,
/// `MarkdownReport`, `CSVExport` and `JSONExport`.
///
/// Statistics use the complete (finished or diverged) runs only, exactly like
/// `RunStore.variantStatistics`; running and failed runs are listed as warnings. Curves against epochs
/// average runs epoch by epoch; curves against seconds first interpolate every run linearly onto one
/// time grid shared by all variants (0 to the longest run's elapsed time, 120 points), because runs
/// finish epochs at different times. Either mean is drawn only where at least half of the variant's
/// runs have a value; the epoch in which a run diverged is left out of the curves (`Run.curveEpochs`).
public struct ExperimentReport: Sendable {
    /// One stored run with its epochs.
    public struct Run: Sendable {
        public let run: StoredRun
        public let epochs: [EpochMetrics]
        public init(run: StoredRun, epochs: [EpochMetrics]) {
            self.run = run
            self.epochs = epochs.sorted { $0.epoch < $1.epoch }
        }

        /// The epochs drawn in curves: all but those whose validation loss is not finite — the evaluation
        /// of a network that has just diverged (the trainer stores that epoch, then stops). Its chance-level
        /// accuracy still counts in the statistics, as in `RunStore.variantStatistics`; charts mark the
        /// divergence with a × at the end of the run's curve instead of plunging the mean.
        public var curveEpochs: [EpochMetrics] { epochs.filter(\.validationLoss.isFinite) }
    }

    public let experiment: Experiment
    /// The store file the report was made from, if any.
    public let storePath: String?
    public let generatedAt: Date
    /// What the verdicts measure "faster" in.
    public let measure: Verdict.Measure
    /// Every run, in spec order.
    public let runs: [Run]
    /// Baseline first, then the other variants in spec order.
    public let variants: [VariantReport]
    /// The headline: the baseline's line, then one `Verdict` line per variant.
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

    /// Assembles the report from already loaded runs.
    /// - Throws: `ReportError` when the experiment has no finished or diverged run.
    public init(experiment: Experiment, runs: [Run], storePath: String? = nil, generatedAt: Date = Date(),
                measure: Verdict.Measure = .seconds) throws {
        let spec = experiment.spec
        guard !runs.isEmpty else {
            throw ReportError("experiment '\(spec.name)'\(storePath.map { " in \($0)" } ?? "") has no runs yet")
        }
        let complete = runs.filter(\.run.isComplete)
        guard !complete.isEmpty else {
            let running = runs.filter { $0.run.status == .running }.count
            throw ReportError("experiment '\(spec.name)'\(storePath.map { " in \($0)" } ?? "") has no finished runs yet "
                + "(\(running) running, \(runs.count - running) failed)")
        }
        self.experiment = experiment
        self.storePath = storePath
        self.generatedAt = generatedAt
        self.measure = measure
        self.runs = runs

        let end = complete.flatMap { $0.epochs.map(\.elapsedSeconds) }.filter(\.isFinite).max() ?? 0
        timeGrid = CurveAggregate.timeGrid(end: end)

        // Baseline first; variants named in runs but not in the spec are appended so nothing is hidden.
        var names = [spec.baseline] + spec.variants.filter { $0 != spec.baseline }
        for run in runs where !names.contains(run.run.cell.variant) { names.append(run.run.cell.variant) }
        func runsOf(_ name: String) -> [Run] { runs.filter { $0.run.cell.variant == name } }
        let baselineReport = VariantReport(name: spec.baseline, isBaseline: true, index: 0, runs: runsOf(spec.baseline),
                                           target: spec.targetAccuracy, timeGrid: timeGrid, baseline: nil, measure: measure)
        var variants = [baselineReport]
        for (offset, name) in names.dropFirst().enumerated() {
            variants.append(VariantReport(
                name: name, isBaseline: false, index: offset + 1, runs: runsOf(name), target: spec.targetAccuracy,
                timeGrid: timeGrid, baseline: (baselineReport.statistics, baselineReport.configuration), measure: measure))
        }
        self.variants = variants
        verdictLines = [Verdict.baselineLine(baselineReport.statistics, measure: measure)]
            + variants.compactMap(\.verdict?.text)
        layerDiagnostics = LayerDiagnosticsSummary(variants: variants.map { ($0.name, $0.completeRuns.map(\.curveEpochs)) })

        var users: [InterpretationNote: [String]] = [:]
        for variant in variants { for note in variant.interpretations { users[note, default: []].append(variant.name) } }
        interpretations = users.keys.sorted().map { ($0, users[$0]!) }

        var warnings: [String] = []
        let running = runs.filter { $0.run.status == .running }.map(\.run.cell.description)
        if !running.isEmpty {
            warnings.append("\(running.count) run\(running.count == 1 ? " is" : "s are") still running and left out: "
                + ExperimentReport.list(running))
        }
        let failed = runs.filter { $0.run.status == .failed }
        if !failed.isEmpty {
            warnings.append("\(failed.count) run\(failed.count == 1 ? "" : "s") failed and \(failed.count == 1 ? "is" : "are") left out: "
                + ExperimentReport.list(failed.map { "\($0.run.cell)" + ($0.run.reason.map { " (\($0))" } ?? "") }))
        }
        let stored = Set(runs.map(\.run.cell))
        let missing = spec.cells.filter { !stored.contains($0) }.map(\.description)
        if !missing.isEmpty {
            warnings.append("\(missing.count) of \(spec.cells.count) cells have not started: " + ExperimentReport.list(missing))
        }
        self.warnings = warnings
    }

    /// Reads `experiment`'s runs and epochs from `store` and assembles the report.
    public static func load(from store: RunStore, experiment: Experiment, generatedAt: Date = Date(),
                            measure: Verdict.Measure = .seconds) throws -> ExperimentReport {
        let runs = try store.runs(experiment: experiment).map { Run(run: $0, epochs: try store.epochs(run: $0.id)) }
        return try ExperimentReport(experiment: experiment, runs: runs, storePath: store.path,
                                    generatedAt: generatedAt, measure: measure)
    }

    /// The variant called `name`.
    public func variant(named name: String) -> VariantReport? { variants.first { $0.name == name } }

    /// "a, b, c" or "a, b, c and 4 more".
    static func list(_ items: [String], limit: Int = 6) -> String {
        items.count <= limit ? items.joined(separator: ", ")
            : items.prefix(limit).joined(separator: ", ") + " and \(items.count - limit) more"
    }
}
