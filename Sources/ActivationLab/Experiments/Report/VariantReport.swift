/// Everything a report shows about one variant: its evaluation runs, the summary's numbers for it, each
/// seed's result in the summary's measures, and the curves aggregated over seeds.
public struct VariantReport: Sendable {
    /// One evaluation run's result, measured exactly as `ComparisonSummary` measures it, for the per-seed charts.
    public struct SeedResult: Sendable, Equatable {
        public let seed: UInt64
        /// The summary's accuracy measure (test, or final validation for older stores); 0 for a diverged run,
        /// which scores the worst, as in the summary.
        public let accuracy: Double?
        /// Steps (or epochs) to the target, or the budget at which the run was censored.
        public let time: CensoredTime?
        public let diverged: Bool
    }

    public let name: String
    public let isBaseline: Bool
    /// Position in the report (baseline 0); picks the colour and marker.
    public let index: Int
    /// The variant's evaluation runs, whatever their status, in seed order.
    public let runs: [ExperimentReport.Run]
    /// The statistics and verdicts of the variant, from the report's `ComparisonSummary`.
    public let summary: VariantSummary
    /// One result per complete evaluation run, in seed order.
    public let seedResults: [SeedResult]
    /// Validation accuracy against training steps (from the step evaluations), or against epochs for runs
    /// stored before step evaluations: the x axis of the summary's speed unit.
    public let accuracyByProgress: CurveAggregate
    public let accuracyByEpoch: CurveAggregate
    public let trainLossByEpoch: CurveAggregate
    public let crossEntropyByEpoch: CurveAggregate
    public let gradientNormByEpoch: CurveAggregate
    public let clampEventsByEpoch: CurveAggregate
    /// Curves against wall-clock seconds, on the report's common time grid (accuracy from the step
    /// evaluations where the runs have them).
    public let accuracyBySeconds: CurveAggregate
    public let trainLossBySeconds: CurveAggregate
    /// The training configuration of the variant's first evaluation run that has one (at the tuned values).
    public let configuration: TrainingConfiguration?
    /// Settings that differ from the baseline's (`name = value`); empty for the baseline.
    public let differences: [String]
    public let interpretations: [InterpretationNote]

    /// The finished and diverged runs, the ones the statistics use.
    public var completeRuns: [ExperimentReport.Run] { runs.filter(\.run.isComplete) }

    /// - Parameters:
    ///   - runs: the variant's evaluation runs.
    ///   - comparison: the report's summary (its target, speed unit and accuracy measure).
    init(summary: VariantSummary, index: Int, runs: [ExperimentReport.Run], comparison: ComparisonSummary,
         timeGrid: [Double], baselineConfiguration: TrainingConfiguration?) {
        name = summary.name
        isBaseline = summary.baseline
        self.index = index
        self.summary = summary
        self.runs = runs.sorted { $0.run.cell.seed < $1.run.cell.seed }
        let complete = self.runs.filter(\.run.isComplete)
        seedResults = complete.map { VariantReport.result($0, comparison) }

        func byEpoch(_ value: (EpochMetrics) -> Double) -> CurveAggregate {
            CurveAggregate.byEpoch(complete.map { $0.curveEpochs.map { ($0.epoch, value($0)) } })
        }
        func bySeconds(_ value: (EpochMetrics) -> Double) -> CurveAggregate {
            CurveAggregate.onGrid(complete.map { $0.curveEpochs.map { ($0.elapsedSeconds, value($0)) } }, grid: timeGrid)
        }
        accuracyByEpoch = byEpoch(\.validationAccuracy)
        let inSteps = comparison.speedUnit == "steps"
        accuracyByProgress = inSteps
            ? CurveAggregate.byStep(complete.map { $0.curveEvaluations.map { ($0.step, $0.validationAccuracy) } })
            : accuracyByEpoch
        trainLossByEpoch = byEpoch(\.trainLoss)
        crossEntropyByEpoch = byEpoch(\.validationCrossEntropy)
        gradientNormByEpoch = byEpoch(\.gradientNorm)
        clampEventsByEpoch = byEpoch { Double($0.clampEvents) }
        accuracyBySeconds = complete.allSatisfy { !$0.evaluations.isEmpty } && !complete.isEmpty
            ? CurveAggregate.onGrid(complete.map { $0.curveEvaluations.map { ($0.elapsedSeconds, $0.validationAccuracy) } },
                                    grid: timeGrid)
            : bySeconds(\.validationAccuracy)
        trainLossBySeconds = bySeconds(\.trainLoss)

        let configuration = self.runs.lazy.compactMap(\.run.configuration).first
        self.configuration = configuration
        if let configuration, let baselineConfiguration, !summary.baseline {
            differences = ConfigurationDifference.differences(configuration, from: baselineConfiguration)
        } else {
            differences = []
        }
        interpretations = Array(Set(self.runs.compactMap(\.run.configuration).flatMap(InterpretationNote.notes))).sorted()
    }

    /// A run's accuracy and time to target under the summary's rules: accuracy is the test accuracy (or the
    /// final validation accuracy when the store has none), 0 when the run diverged; time is the first
    /// evaluation (or epoch) at or above the target, else censored at the run's budget.
    static func result(_ run: ExperimentReport.Run, _ comparison: ComparisonSummary) -> SeedResult {
        let record = run.record
        let diverged = run.run.status == .diverged
        let inSteps = comparison.speedUnit == "steps"
        let accuracy: Double? = diverged ? 0
            : comparison.accuracyMeasure == "test" ? record.testAccuracy : record.finalValidationAccuracy
        var time: CensoredTime?
        if let budget = ComparisonSummary.budget(record, inSteps: inSteps) {
            let target = comparison.targetAccuracy
            let reached: Double? = run.run.status != .finished ? nil
                : inSteps ? record.evaluations.first { $0.validationAccuracy >= target }.map { Double($0.step) }
                : record.epochs.first { $0.validationAccuracy >= target }.map { Double($0.epoch) }
            time = reached.map(CensoredTime.reached) ?? .censored(budget)
        }
        return SeedResult(seed: run.run.cell.seed, accuracy: accuracy, time: time, diverged: diverged)
    }
}
