/// Everything every output says about one variant of a comparison: the same numbers under the same
/// names in the terminal, the HTML and Markdown reports and the JSON summary (snake_case keys there,
/// nil as null: `ComparisonSummary.jsonData`).
public struct VariantSummary: Codable, Sendable, Equatable {
    public var name: String
    public var baseline: Bool
    /// Completed evaluation runs (finished or diverged).
    public var runs: Int
    public var diverged: Int
    /// The learning rate the evaluation runs used (tuned, or as configured).
    @NullEncoded public var learningRate: Double?
    /// Option key → the value tuning chose (empty when nothing was tuned).
    public var tunedValues: [String: Double]
    /// Accuracy on the test split at the end of the budget (see `ComparisonSummary.accuracyMeasure`).
    @NullEncoded public var testAccuracy: MeanEstimate?
    /// Variant − baseline accuracy (fraction), paired by seed; nil for the baseline.
    @NullEncoded public var accuracyDelta: Estimate?
    /// Speed-up over the baseline in steps to target (> 1: faster), the geometric mean of per-seed ratios of
    /// restricted times; nil for the baseline.
    @NullEncoded public var speedupSteps: Estimate?
    /// `speedupSteps` × the ratio of measured seconds per step (baseline / variant); nil without step costs.
    @NullEncoded public var speedupSeconds: Estimate?
    /// Kaplan–Meier median steps (or epochs) to target; nil when not reached by half of the runs.
    @NullEncoded public var medianTimeToTarget: Double?
    /// Runs that reached the target within the budget.
    public var reachedTarget: Int
    /// Median seconds per training step in the interleaved benchmark.
    @NullEncoded public var secondsPerStep: Double?
    /// Median of the runs' wall-clock seconds to target (reached runs only; secondary, load moves it).
    @NullEncoded public var wallClockSecondsToTarget: Double?
    /// `better`, `worse`, `equivalent` or `inconclusive`; nil for the baseline.
    @NullEncoded public var verdictAccuracy: String?
    /// `faster`, `slower`, `equivalent` or `inconclusive`; nil for the baseline.
    @NullEncoded public var verdictSpeed: String?
    /// For an inconclusive verdict: seeds that would probably decide it (`>1000` beyond the cap).
    @NullEncoded public var seedsToDecide: String?
    /// `paired` or `unpaired`; nil for the baseline.
    @NullEncoded public var method: String?
    /// Mean loss roughness of the runs (`LossRoughness`; lower is steadier).
    @NullEncoded public var lossRoughness: Double?
    public var tuningCurve: [TuningTrialSummary]
}
