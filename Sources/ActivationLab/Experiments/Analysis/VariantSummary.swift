/// Everything every output says about one variant of a comparison: the same numbers under the same
/// names in the terminal, the HTML and Markdown reports and the JSON summary.
public struct VariantSummary: Codable, Sendable, Equatable {
    public var name: String
    public var baseline: Bool
    /// Completed evaluation runs (finished or diverged).
    public var runs: Int
    public var diverged: Int
    /// The learning rate the evaluation runs used (tuned, or as configured).
    public var learningRate: Double?
    /// Option key → the value tuning chose (empty when nothing was tuned).
    public var tunedValues: [String: Double]
    /// Accuracy on the test split at the end of the budget (see `ComparisonSummary.accuracyMeasure`).
    public var testAccuracy: MeanEstimate?
    /// Variant − baseline accuracy (fraction), paired by seed; nil for the baseline.
    public var accuracyDelta: Estimate?
    /// Speed-up over the baseline in steps to target (> 1: faster), the geometric mean of per-seed ratios of
    /// restricted times; nil for the baseline.
    public var speedupSteps: Estimate?
    /// `speedupSteps` × the ratio of measured seconds per step (baseline / variant); nil without step costs.
    public var speedupSeconds: Estimate?
    /// Kaplan–Meier median steps (or epochs) to target; nil when not reached by half of the runs.
    public var medianTimeToTarget: Double?
    /// Runs that reached the target within the budget.
    public var reachedTarget: Int
    /// Median seconds per training step in the interleaved benchmark.
    public var secondsPerStep: Double?
    /// Median of the runs' wall-clock seconds to target (reached runs only; secondary, load moves it).
    public var wallClockSecondsToTarget: Double?
    /// `better`, `worse`, `equivalent` or `inconclusive`; nil for the baseline.
    public var verdictAccuracy: String?
    /// `faster`, `slower`, `equivalent` or `inconclusive`; nil for the baseline.
    public var verdictSpeed: String?
    /// For an inconclusive verdict: seeds that would probably decide it (`>1000` beyond the cap).
    public var seedsToDecide: String?
    /// `paired` or `unpaired`; nil for the baseline.
    public var method: String?
    /// Mean loss roughness of the runs (`LossRoughness`; lower is steadier).
    public var lossRoughness: Double?
    public var tuningCurve: [TuningTrialSummary]

    enum CodingKeys: String, CodingKey {
        case name, baseline, runs, diverged, method
        case learningRate = "learning_rate", tunedValues = "tuned_values", testAccuracy = "test_accuracy"
        case accuracyDelta = "accuracy_delta", speedupSteps = "speedup_steps", speedupSeconds = "speedup_seconds"
        case medianTimeToTarget = "median_time_to_target", reachedTarget = "reached_target"
        case secondsPerStep = "seconds_per_step", wallClockSecondsToTarget = "wall_clock_seconds_to_target"
        case verdictAccuracy = "verdict_accuracy", verdictSpeed = "verdict_speed", seedsToDecide = "seeds_to_decide"
        case lossRoughness = "loss_roughness", tuningCurve = "tuning_curve"
    }

    /// Encodes nil as JSON null: every key of the documented format is always present.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(baseline, forKey: .baseline)
        try c.encode(runs, forKey: .runs)
        try c.encode(diverged, forKey: .diverged)
        try c.encode(method, forKey: .method)
        try c.encode(learningRate, forKey: .learningRate)
        try c.encode(tunedValues, forKey: .tunedValues)
        try c.encode(testAccuracy, forKey: .testAccuracy)
        try c.encode(accuracyDelta, forKey: .accuracyDelta)
        try c.encode(speedupSteps, forKey: .speedupSteps)
        try c.encode(speedupSeconds, forKey: .speedupSeconds)
        try c.encode(medianTimeToTarget, forKey: .medianTimeToTarget)
        try c.encode(reachedTarget, forKey: .reachedTarget)
        try c.encode(secondsPerStep, forKey: .secondsPerStep)
        try c.encode(wallClockSecondsToTarget, forKey: .wallClockSecondsToTarget)
        try c.encode(verdictAccuracy, forKey: .verdictAccuracy)
        try c.encode(verdictSpeed, forKey: .verdictSpeed)
        try c.encode(seedsToDecide, forKey: .seedsToDecide)
        try c.encode(lossRoughness, forKey: .lossRoughness)
        try c.encode(tuningCurve, forKey: .tuningCurve)
    }
}
