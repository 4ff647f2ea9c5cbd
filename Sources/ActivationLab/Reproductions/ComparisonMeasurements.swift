import Foundation

/// The table every comparison-based reproduction shows: one row per variant, the numbers of `compare`'s summary.
public enum ComparisonMeasurements {
    public static func table(_ outcome: ComparisonOutcome, title: String? = nil) -> ResultTable {
        let summary = outcome.summary
        let unit = summary.speedUnit
        let target = Format.percent(summary.targetAccuracy)
        let rows = summary.variants.map { v -> [String] in
            [
                outcome.planned.name(v.name) + (v.baseline ? " (baseline)" : ""),
                "\(v.runs)" + (v.diverged > 0 ? " (\(v.diverged) diverged)" : ""),
                v.learningRate.map { String(format: "%.3g", $0) } ?? "—",
                v.testAccuracy.map { Format.percent($0.mean) + " " + Format.interval(Format.clamped($0.interval), percent: true) } ?? "—",
                v.baseline ? "0" : v.accuracyDelta.map { Format.points($0.estimate) + " " + Format.interval($0.interval.map { ($0.lowerBound * 100)...($0.upperBound * 100) }) } ?? "—",
                (v.medianTimeToTarget.map { Format.number($0, decimals: 0) } ?? "not reached") + " (\(v.reachedTarget)/\(v.runs))",
                v.baseline ? "1" : v.speedupSteps.map { Format.number($0.estimate, decimals: 2) + " " + Format.interval($0.interval, decimals: 2) } ?? "—",
                v.secondsPerStep.map { String(format: "%.3g ms", $0 * 1000) } ?? "—",
                v.lossRoughness.map { String(format: "%.4f", $0) } ?? "—",
            ]
        }
        let restriction = summary.restriction.map { " (runs that never reach it count as \(Format.number($0, decimals: 0)) \(unit), the budget)" } ?? ""
        return ResultTable(
            title: title ?? "\(outcome.planned.label): \(outcome.planned.description)",
            columns: ["variant", "runs", "learning rate", "\(summary.accuracyMeasure) accuracy [95% CI]", "Δ vs baseline, points [95% CI]",
                      "median \(unit) to \(target) (reached)", "speed-up in \(unit) [95% CI]", "time per step", "loss roughness"],
            rows: rows,
            note: "Target \(target): \(summary.targetSource). Accuracy on the \(summary.accuracyMeasure) split at the end of the "
                + "budget (a diverged run scores 0); Δ and speed-up are paired by seed against the baseline (speed-up = geometric "
                + "mean of the per-seed ratios of \(unit) to target\(restriction)). Intervals here are 95% each; the verdict "
                + "rule below adjusts its own leaves for multiplicity. Learning rate = the tuned one (\(summary.tuning == "none" ? "not tuned" : "tuning: \(summary.tuning), \(summary.tuningBudget ?? 0) trials per variant")). "
                + "Time per step from an interleaved benchmark. Loss roughness: lower is steadier.")
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

    /// `+1.2` / `−0.4` accuracy points from a fraction.
    static func points(_ fraction: Double) -> String {
        let value = fraction * 100
        return (value >= 0.05 ? "+" : "") + number(value, decimals: 1)
    }

}
