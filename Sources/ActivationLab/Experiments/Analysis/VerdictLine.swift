import Foundation

/// The one-line verdicts `compare` prints and the reports repeat, from a `ComparisonSummary`; each says
/// which measure it uses (test accuracy, steps to target) and how the runs were compared (paired, seeds).
public enum VerdictLine {
    /// One line per variant other than the baseline.
    public static func lines(_ summary: ComparisonSummary) -> [String] {
        guard let baseline = summary.variants.first else { return [] }
        return summary.variants.dropFirst().map { line($0, baseline: baseline.name, summary: summary) }
    }

    /// Notes a person would want under the verdicts: variants none of whose runs reached the target.
    public static func notes(_ summary: ComparisonSummary) -> [String] {
        let missed = summary.variants.filter { $0.runs > 0 && $0.reachedTarget == 0 }.map(\.name)
        guard !missed.isEmpty else { return [] }
        return ["no run of " + missed.joined(separator: ", ") + " reached the target \(percent(summary.targetAccuracy)) within "
                + "the budget, so their speed is only known to be at most the budget's; a lower target "
                + "(`actlab report --target-accuracy`, no retraining) or more epochs would tell more"]
    }

    static func line(_ v: VariantSummary, baseline: String, summary: ComparisonSummary) -> String {
        var accuracy = "accuracy \(v.verdictAccuracy ?? "inconclusive")"
        if let delta = v.accuracyDelta {
            accuracy += ", " + points(delta.estimate)
            var details: [String] = []
            if let interval = delta.interval { details.append("95% CI \(points(interval.lowerBound)) to \(points(interval.upperBound))") }
            if let p = delta.pHolm { details.append("Holm p \(pValue(p))") }
            details.append("\(summary.accuracyMeasure) accuracy, \(v.method ?? "paired"), \(v.runs) seeds")
            accuracy += " (" + details.joined(separator: "; ") + ")"
        } else {
            accuracy += " (no runs to compare)"
        }
        var speed = "speed \(v.verdictSpeed ?? "inconclusive")"
        if let up = v.speedupSteps {
            speed += ", " + ratio(up.estimate) + " in \(summary.speedUnit) to \(percent(summary.targetAccuracy))"
            var details: [String] = []
            if let interval = up.interval { details.append("95% CI \(ratio(interval.lowerBound))–\(ratio(interval.upperBound))") }
            if let tau = summary.restriction { details.append("restricted to \(Int(tau)) \(summary.speedUnit)") }
            if let seconds = v.speedupSeconds { details.append("in seconds \(ratio(seconds.estimate)) at measured step costs") }
            speed += " (" + details.joined(separator: "; ") + ")"
        }
        var text = "\(v.name) vs \(baseline) — \(accuracy) · \(speed)"
        if let seeds = v.seedsToDecide { text += " · about \(seeds) seeds would probably decide" }
        return text
    }

    /// "+0.42 pts" / "−1.30 pts": accuracy differences in percentage points.
    public static func points(_ fraction: Double) -> String {
        let text = String(format: "%.2f", abs(fraction * 100))
        return (fraction < 0 && text != "0.00" ? "−" : "+") + text + " pts"
    }

    /// "1.23×".
    public static func ratio(_ value: Double) -> String { String(format: "%.2f×", value) }

    public static func percent(_ fraction: Double) -> String { String(format: "%.1f%%", fraction * 100) }

    static func pValue(_ p: Double) -> String { p < 0.001 ? "< 0.001" : String(format: "%.3f", p) }
}
