/// How a comparison is run and judged, fixed before any run starts (pre-registered) and stored with the
/// experiment: per-variant tuning, the target accuracy and the verdicts' practical margins.
public struct ProtocolSettings: Codable, Sendable, Equatable {
    /// Options tuned per variant (`TuningPlan` text, e.g. `lr=0.001:1`), or `none`.
    public var tune: String = "none"
    /// Trials per variant.
    public var tuneBudget: Int = 8
    /// What tuning optimises; nil (stores written before it existed) is `accuracy`.
    public var tuneObjective: TuneObjective? = nil
    /// How trials are placed; nil (stores written before it existed) is `halton`.
    public var tuneSearch: TuneSearch? = nil
    /// Epochs of each tuning trial (shorter than the comparison's budget, to keep tuning affordable).
    public var tuneEpochs: Int = 1
    /// Seeds of the tuning trials: never evaluation seeds, so tuning cannot overfit the seeds it is judged on.
    public var tuningSeeds: [UInt64] = [ProtocolSettings.firstTuningSeed]
    /// The target validation accuracy for time to target; nil: set by a pilot run of the tuned baseline on
    /// `pilotSeed`, before any evaluation run: the mean validation accuracy of its evaluations in the second
    /// quarter of its steps, (¼, ½] of the budget (`pilotHorizon` = ½). The baseline then reaches the target
    /// around 40% of its budget, which leaves room to see a variant up to about 2.5× slower (and any faster
    /// one) before runs are censored. A target near the end of the budget (say 99% of the best) is reached
    /// only at the very end, where every speed-up looks like 1; the best accuracy of a window is the maximum
    /// of noisy evaluations, which other seeds reach only by luck (measured: 1 in 3 baseline runs missed it).
    public var targetAccuracy: Double? = nil
    public var pilotHorizon: Double = 0.5
    public var pilotSeed: UInt64 = ProtocolSettings.pilotSeed
    /// Accuracy differences within ±this (a fraction: 0.005 = 0.5 points) are `equivalent`.
    public var accuracyMargin: Double = AccuracyVerdict.defaultMargin
    /// Speed-ups within [1/this, this] are `equivalent`.
    public var speedMargin: Double = SpeedVerdict.defaultMargin

    public static let firstTuningSeed: UInt64 = 1_000_001
    public static let pilotSeed: UInt64 = 2_000_001

    public init() {}

    /// What tuning optimises (stored as nil for accuracy, so comparisons defined before the choice existed
    /// keep their names and stored settings).
    public var objective: TuneObjective {
        get { tuneObjective ?? .accuracy }
        set { tuneObjective = newValue == .accuracy ? nil : newValue }
    }

    /// How trials are placed (stored as nil for Halton points, so comparisons defined before the choice
    /// existed keep their names and stored settings).
    public var search: TuneSearch {
        get { tuneSearch ?? .halton }
        set { tuneSearch = newValue == .halton ? nil : newValue }
    }

    /// The tuning plan (empty when nothing is tuned).
    public func tuningPlan() throws -> TuningPlan { try TuningPlan(tune, budget: tuneBudget, search: search) }

    /// Throws if the settings cannot work with these evaluation seeds.
    public func validate(evaluationSeeds: [UInt64]) throws {
        _ = try tuningPlan()
        guard tuneEpochs >= 1 else {
            throw ConfigurationError.invalidValue(key: "tune-epochs", requirement: "a positive integer", got: "\(tuneEpochs)")
        }
        if let clash = Set(tuningSeeds + [pilotSeed]).intersection(evaluationSeeds).first {
            throw ConfigurationError.incompatible(OptionMessage("seed \(clash) is a tuning or pilot seed; evaluation seeds must be other seeds"))
        }
        if let targetAccuracy, !(targetAccuracy > 0 && targetAccuracy <= 1) {
            throw ConfigurationError.invalidValue(key: "target-accuracy", requirement: "in (0, 1] or auto", got: "\(targetAccuracy)")
        }
        guard pilotHorizon > 0, pilotHorizon <= 1 else {
            throw ConfigurationError.invalidValue(key: "pilot-horizon", requirement: "in (0, 1]", got: "\(pilotHorizon)")
        }
        guard accuracyMargin >= 0, accuracyMargin < 1 else {
            throw ConfigurationError.invalidValue(key: "margin", requirement: "in [0, 1)", got: "\(accuracyMargin)")
        }
        guard speedMargin >= 1, speedMargin.isFinite else {
            throw ConfigurationError.invalidValue(key: "speed-margin", requirement: "≥ 1", got: "\(speedMargin)")
        }
    }
}

/// What a tuning trial is scored by.
public enum TuneObjective: String, Codable, Sendable, CaseIterable {
    /// Final validation accuracy (a diverged trial scores 0).
    case accuracy
    /// Steps to the target accuracy (the target is then fixed before tuning, by a pilot of the untuned
    /// baseline unless it is given): the fastest trial wins, trials that never reach it rank below every
    /// one that does, by accuracy.
    case speed
}
