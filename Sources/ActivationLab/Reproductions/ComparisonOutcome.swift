import Foundation

/// A comparison after it ran under the protocol: its runs, what the protocol decided (tuned values,
/// target, step costs) and the summary every output shares; measurements between any two variants come
/// from the same paired tests as `compare`'s verdicts (`RunMeasure`).
public struct ComparisonOutcome: Sendable {
    public var planned: PlannedComparison
    /// Complete runs of every kind (tuning trials, the pilot, evaluation runs).
    public var runs: [RunRecord]
    public var record: ProtocolRecord?
    /// Every variant against the baseline, as `compare` prints it.
    public var summary: ComparisonSummary

    public init(planned: PlannedComparison, runs: [RunRecord], record: ProtocolRecord?) {
        self.planned = planned
        self.runs = runs
        self.record = record
        summary = ComparisonSummary(experiment: planned.comparison.name, variants: planned.comparison.variants.map(\.name),
                                    runs: runs, record: record, fallbackTarget: planned.comparison.targetAccuracy)
    }

    /// The target accuracy time to target is judged against.
    public var target: Double { summary.targetAccuracy }

    /// How runs are measured: steps or epochs, test or validation accuracy.
    public var measure: RunMeasure {
        RunMeasure(target: target, runs: runs.filter { $0.kind == .evaluation })
    }

    /// The stored name of the variant planned under `key` (the key itself if none is planned under it).
    public func name(key: String) -> String { planned.specNames[key] ?? key }

    /// The summary row of the variant planned under `key`.
    public func variant(key: String) -> VariantSummary? { summary.variants.first { $0.name == name(key: key) } }

    /// The evaluation runs of the variant planned under `key`, by seed.
    public func evaluationRuns(key: String) -> [UInt64: RunRecord] {
        let name = name(key: key)
        return Dictionary(runs.filter { $0.kind == .evaluation && $0.variant == name }.map { ($0.seed, $0) },
                          uniquingKeysWith: { first, _ in first })
    }

    /// Accuracy of `first` − `second` (fraction), paired by seed.
    public func accuracyDifference(key: String, label: String, _ first: String, minus second: String) -> ReproductionMeasurement {
        .difference(key: key, label: label, measure.tests(variant: evaluationRuns(key: first), baseline: evaluationRuns(key: second)).accuracy)
    }

    /// How much sooner `first` reaches the target than `second` (> 1: faster), paired by seed.
    public func speedup(key: String, label: String, _ first: String, over second: String) -> ReproductionMeasurement {
        .speedup(key: key, label: label, measure.tests(variant: evaluationRuns(key: first), baseline: evaluationRuns(key: second)).speed)
    }

    /// The last epoch of every complete evaluation run of the variant planned under `key`.
    public func lastEpochs(key: String) -> [EpochMetrics] {
        evaluationRuns(key: key).values.sorted { $0.seed < $1.seed }.compactMap(\.epochs.last)
    }

    /// Epochs of the comparison's evaluation runs.
    public var epochs: Int { planned.comparison.base.epochs }
}
