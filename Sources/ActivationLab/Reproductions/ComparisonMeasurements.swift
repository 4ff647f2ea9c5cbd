import Foundation

/// The measurements and table rows every comparison-based reproduction shares.
public enum ComparisonMeasurements {
    /// Bootstrap intervals need at least this many runs per variant (with two, the bootstrap distribution
    /// has at most three distinct values and its "interval" is overconfident).
    public static let minimumBootstrapRuns = 3

    /// Epochs to the target of each run; a run that never reached it counts as `budget + 1` epochs (the least
    /// it would have needed), so a variant that misses the target is never called faster because of it.
    public static func epochsToTarget(_ statistics: VariantStatistics, budget: Int) -> [Double] {
        statistics.times.map { $0.epoch.map(Double.init) ?? Double(budget + 1) }
    }

    /// `mean(baseline epochs) / mean(variant epochs)` to the target (> 1: the variant is faster), with a
    /// percentile-bootstrap 95% interval (seed 0, 2,000 resamples).
    public static func speedup(key: String, label: String, variant: VariantStatistics, baseline: VariantStatistics,
                               budget: Int) -> ReproductionMeasurement {
        let v = epochsToTarget(variant, budget: budget), b = epochsToTarget(baseline, budget: budget)
        guard !v.isEmpty, !b.isEmpty else {
            return ReproductionMeasurement(key: key, label: label, estimate: nil, method: "bootstrap", count: min(v.count, b.count))
        }
        let estimate = Summary.mean(b) / Summary.mean(v)
        var interval: ClosedRange<Double>?
        if v.count >= minimumBootstrapRuns, b.count >= minimumBootstrapRuns {
            interval = Bootstrap.speedup(baselineTimes: b, variantTimes: v)?.interval
        }
        return ReproductionMeasurement(key: key, label: label, estimate: estimate, low: interval?.lowerBound,
                           high: interval?.upperBound, method: "bootstrap", count: min(v.count, b.count))
    }

    /// Final validation accuracy of `variant` minus `baseline`, as a fraction, with Welch's 95% interval.
    public static func accuracyDifference(key: String, label: String, _ variant: VariantStatistics,
                                          _ baseline: VariantStatistics) -> ReproductionMeasurement {
        ReproductionMeasurement.difference(key: key, label: label, variant.finalAccuracies, baseline.finalAccuracies)
    }

    /// The standard table of one comparison: one row per variant.
    public static func table(_ outcome: ComparisonOutcome, title: String? = nil) -> ResultTable {
        let base = outcome.baseline
        let target = Format.percent(outcome.target)
        var rows: [[String]] = []
        for variant in outcome.statistics {
            let isBaseline = variant.name == base.name
            let reached = variant.timeToTarget
            let speed = speedup(key: "", label: "", variant: variant, baseline: base, budget: outcome.epochs)
            let accuracy = accuracyDifference(key: "", label: "", variant, base)
            rows.append([
                outcome.planned.name(variant.name) + (isBaseline ? " (baseline)" : ""),
                "\(variant.runs)" + (variant.diverged > 0 ? " (\(variant.diverged) diverged)" : ""),
                variant.finalAccuracy.map { Format.percent($0.mean) + " " + Format.interval(Format.clamped($0.confidenceInterval), percent: true) } ?? "—",
                Format.censored(reached.medianEpochs, decimals: 0) + " (\(reached.reached)/\(reached.runs))",
                Format.censored(reached.medianSeconds, decimals: 1, unit: " s"),
                isBaseline ? "1" : Format.measurement(speed, decimals: 2),
                isBaseline ? "0" : Format.measurement(accuracy, points: true),
                variant.smoothness.map { String(format: "%.4f", $0.meanAbsoluteChange) } ?? "—",
            ])
        }
        return ResultTable(
            title: title ?? "\(outcome.planned.label): \(outcome.planned.description)",
            columns: ["variant", "runs", "final val. accuracy [95% CI]", "median epochs to \(target) (reached)",
                      "median seconds to \(target)", "speed-up in epochs [95% CI]", "accuracy Δ, points [95% CI]",
                      "loss smoothness"],
            rows: rows,
            note: "Target \(target) = the baseline's mean final accuracy less 1 point (floored to 0.5 point). "
                + "Speed-up = baseline mean epochs to target / variant's; runs that never reach it count as "
                + "\(outcome.epochs + 1) epochs. Loss smoothness = mean |Δ train loss| between epochs (lower is smoother).")
    }
}

/// Number formatting for the documents.
enum Format {
    static func percent(_ fraction: Double, decimals: Int = 1) -> String {
        String(format: "%.\(decimals)f%%", 100 * fraction)
    }

    /// An accuracy interval clipped to [0, 1] for display (a t interval of a few runs can reach past either end).
    static func clamped(_ range: ClosedRange<Double>?) -> ClosedRange<Double>? {
        range.map { max(0, $0.lowerBound)...min(1, $0.upperBound) }
    }

    static func number(_ value: Double?, decimals: Int = 3) -> String {
        guard let value, value.isFinite else { return "—" }
        let text = String(format: "%.\(decimals)f", value)
        return Double(text) == 0 ? String(format: "%.\(decimals)f", 0.0) : text
    }

    static func interval(_ range: ClosedRange<Double>?, percent: Bool = false, decimals: Int = 1) -> String {
        guard let range else { return "[n/a]" }
        if percent { return "[\(Format.percent(range.lowerBound, decimals: decimals)), \(Format.percent(range.upperBound, decimals: decimals))]" }
        return "[\(number(range.lowerBound, decimals: decimals)), \(number(range.upperBound, decimals: decimals))]"
    }

    /// `1.23 [1.05, 1.40]`, or in percentage points with `points`.
    static func measurement(_ m: ReproductionMeasurement, decimals: Int = 2, points: Bool = false) -> String {
        let scale = points ? 100.0 : 1.0
        let d = points ? 1 : decimals
        guard let estimate = m.estimate else { return "—" }
        let sign = points && estimate * scale >= 0.05 ? "+" : ""
        return sign + number(estimate * scale, decimals: d) + " "
            + interval(m.interval.map { ($0.lowerBound * scale)...($0.upperBound * scale) }, decimals: d)
    }

    static func censored(_ median: CensoredMedian, decimals: Int, unit: String = "") -> String {
        switch median {
        case .value(let value): return number(value, decimals: decimals) + unit
        case .notReached: return "not reached"
        }
    }
}
