/// Everything a report shows about one variant: its runs, their statistics, the verdict against the
/// baseline and the curves aggregated over seeds.
public struct VariantReport: Sendable {
    public let name: String
    public let isBaseline: Bool
    /// Position in the report (baseline 0); picks the colour and marker.
    public let index: Int
    /// Every stored run of the variant, whatever its status, in seed order.
    public let runs: [ExperimentReport.Run]
    /// Statistics over the complete (finished or diverged) runs.
    public let statistics: VariantStatistics
    /// The verdict against the baseline (nil for the baseline itself).
    public let verdict: Verdict?
    /// Speed-up `mean(baseline) / mean(variant)` to the target with its 95% bootstrap CI, in seconds and in
    /// epochs; nil for the baseline or unless every run of both reached the target (as in `Verdict`).
    public let speedupSeconds: BootstrapInterval?
    public let speedupEpochs: BootstrapInterval?
    public let accuracyByEpoch: CurveAggregate
    public let trainLossByEpoch: CurveAggregate
    public let crossEntropyByEpoch: CurveAggregate
    public let gradientNormByEpoch: CurveAggregate
    public let clampEventsByEpoch: CurveAggregate
    /// Curves against wall-clock seconds, on the report's common time grid (all curves use `Run.curveEpochs`).
    public let accuracyBySeconds: CurveAggregate
    public let trainLossBySeconds: CurveAggregate
    /// Mean ± sd of the seconds one epoch takes (over all epochs of the complete runs).
    public let secondsPerEpoch: Summary?
    /// The training configuration of the variant's first run that has one.
    public let configuration: TrainingConfiguration?
    /// Settings that differ from the baseline's (`name = value`); empty for the baseline.
    public let differences: [String]
    public let interpretations: [InterpretationNote]

    /// The finished and diverged runs, the ones the statistics use.
    public var completeRuns: [ExperimentReport.Run] { runs.filter(\.run.isComplete) }

    init(name: String, isBaseline: Bool, index: Int, runs: [ExperimentReport.Run], target: Double,
         timeGrid: [Double], baseline: (statistics: VariantStatistics, configuration: TrainingConfiguration?)?,
         measure: Verdict.Measure) {
        self.name = name
        self.isBaseline = isBaseline
        self.index = index
        self.runs = runs
        let complete = runs.filter(\.run.isComplete)
        let statistics = VariantStatistics(
            name: name, curves: complete.map { RunCurve(epochs: $0.epochs, diverged: $0.run.status == .diverged) },
            target: target)
        self.statistics = statistics

        if let baseline, !isBaseline {
            verdict = Verdict(statistics, against: baseline.statistics, measure: measure)
            speedupSeconds = VariantReport.speedup(statistics, baseline.statistics) { $0.seconds }
            speedupEpochs = VariantReport.speedup(statistics, baseline.statistics) { $0.epoch.map(Double.init) }
        } else {
            verdict = nil
            speedupSeconds = nil
            speedupEpochs = nil
        }

        func byEpoch(_ value: (EpochMetrics) -> Double) -> CurveAggregate {
            CurveAggregate.byEpoch(complete.map { $0.curveEpochs.map { ($0.epoch, value($0)) } })
        }
        func bySeconds(_ value: (EpochMetrics) -> Double) -> CurveAggregate {
            CurveAggregate.onGrid(complete.map { $0.curveEpochs.map { ($0.elapsedSeconds, value($0)) } }, grid: timeGrid)
        }
        accuracyByEpoch = byEpoch(\.validationAccuracy)
        trainLossByEpoch = byEpoch(\.trainLoss)
        crossEntropyByEpoch = byEpoch(\.validationCrossEntropy)
        gradientNormByEpoch = byEpoch(\.gradientNorm)
        clampEventsByEpoch = byEpoch { Double($0.clampEvents) }
        accuracyBySeconds = bySeconds(\.validationAccuracy)
        trainLossBySeconds = bySeconds(\.trainLoss)
        secondsPerEpoch = Summary(complete.flatMap { $0.epochs.map(\.seconds) }.filter(\.isFinite))

        let configuration = runs.lazy.compactMap(\.run.configuration).first
        self.configuration = configuration
        if let configuration, let base = baseline?.configuration, !isBaseline {
            differences = ConfigurationDifference.differences(configuration, from: base)
        } else {
            differences = []
        }
        interpretations = Array(Set(runs.compactMap(\.run.configuration).flatMap(InterpretationNote.notes))).sorted()
    }

    /// The bootstrap speed-up under `Verdict`'s rule: every run of both variants reached the target, ≥ 2 each.
    static func speedup(_ variant: VariantStatistics, _ baseline: VariantStatistics,
                        time: (TimeToTarget) -> Double?) -> BootstrapInterval? {
        guard variant.runs >= 2, baseline.runs >= 2,
              variant.timeToTarget.notReached == 0, baseline.timeToTarget.notReached == 0 else { return nil }
        return Bootstrap.speedup(baselineTimes: baseline.times.compactMap(time), variantTimes: variant.times.compactMap(time))
    }
}
