import Foundation

/// The one plain-language line per variant, computed from the statistics against the baseline.
///
/// Shape: `"<variant> reaches 85% 1.31× faster than <baseline> (95% CI 1.10–1.52); final accuracy
/// +0.4 points, not significant (p = 0.31)"`. The speed-up is `mean(baseline time) / mean(variant time)`
/// with a seeded bootstrap CI and is only given when every run of both reached the target; otherwise the
/// line says "not reached in k of N runs" with the censored medians. Accuracy differences are in
/// percentage points with Welch's p-value, "significant" at `alpha`. Never prints NaN: undefined
/// quantities (one run, zero variance, no run reaching the target) are named instead.
public struct Verdict: Sendable {
    /// What "faster" is measured in.
    public enum Measure: String, Sendable, CaseIterable {
        /// Wall-clock seconds to the target (includes per-epoch cost differences between activations).
        case seconds
        /// Epochs to the target (independent of machine load).
        case epochs
    }

    public let variant: String
    public let baseline: String
    /// The speed-up interval when it was computed.
    public let speedup: BootstrapInterval?
    /// Welch's test of variant − baseline final accuracy, when defined.
    public let accuracyTest: WelchTest?
    /// Mean final accuracy difference variant − baseline (fraction), when both have runs.
    public let accuracyDifference: Double?
    public let text: String

    /// Compares `variant` with `baseline` (both computed with the same target).
    public init(_ variant: VariantStatistics, against baseline: VariantStatistics, measure: Measure = .seconds,
                alpha: Double = 0.05, resamples: Int = Bootstrap.defaultResamples, seed: UInt64 = 0) {
        self.variant = variant.name
        self.baseline = baseline.name
        let target = Verdict.percent(variant.target)
        var parts: [String] = []
        var speedup: BootstrapInterval?

        let v = variant.timeToTarget, b = baseline.timeToTarget
        if variant.runs == 0 {
            parts.append("\(variant.name): no completed runs")
        } else if v.notReached == 0, b.runs > 0, b.notReached == 0 {
            let times: (TimeToTarget) -> Double? = measure == .seconds ? { $0.seconds } : { $0.epoch.map(Double.init) }
            let vt = variant.times.compactMap(times), bt = baseline.times.compactMap(times)
            let ratio = Summary.mean(bt) / Summary.mean(vt)
            var phrase = "\(variant.name) reaches \(target) " + Verdict.ratioPhrase(ratio, measure: measure)
                + " than \(baseline.name)"
            if vt.count >= 2, bt.count >= 2,
               let interval = Bootstrap.speedup(baselineTimes: bt, variantTimes: vt, resamples: resamples, seed: seed) {
                speedup = interval
                // Express the interval in the same direction as the phrase ("faster" or "slower").
                let (low, high) = ratio >= 1
                    ? (interval.interval.lowerBound, interval.interval.upperBound)
                    : (1 / interval.interval.upperBound, 1 / interval.interval.lowerBound)
                phrase += " (95% CI \(Verdict.fixed(low, 2))–\(Verdict.fixed(high, 2))"
                phrase += interval.interval.contains(1) ? ", no clear difference)" : ")"
            } else {
                phrase += " (\(min(vt.count, bt.count)) run, no CI)"
            }
            parts.append(phrase)
        } else {
            parts.append("\(variant.name) " + Verdict.reachPhrase(v, target: target, measure: measure))
            if b.runs > 0 {
                parts.append("\(baseline.name) " + Verdict.reachPhrase(b, target: target, measure: measure))
            }
        }

        var accuracyTest: WelchTest?
        var accuracyDifference: Double?
        if let va = variant.finalAccuracy, let ba = baseline.finalAccuracy {
            let difference = va.mean - ba.mean
            accuracyDifference = difference
            var phrase = "final accuracy \(Verdict.signedPoints(difference)) points"
            if let test = WelchTest(variant.finalAccuracies, baseline.finalAccuracies) {
                accuracyTest = test
                phrase += test.pValue < alpha ? ", significant" : ", not significant"
                phrase += " (\(Verdict.pText(test.pValue)))"
            } else if va.count < 2 || ba.count < 2 {
                phrase += " (\(min(va.count, ba.count)) run, no test)"
            } else {
                phrase += " (zero variance, no test)"
            }
            parts.append(phrase)
        }
        if variant.diverged > 0 {
            parts.append("\(variant.diverged) of \(variant.runs) runs diverged")
        }
        self.speedup = speedup
        self.accuracyTest = accuracyTest
        self.accuracyDifference = accuracyDifference
        text = parts.joined(separator: "; ")
    }

    /// The line for the baseline itself: its time to target and final accuracy.
    public static func baselineLine(_ baseline: VariantStatistics, measure: Measure = .seconds) -> String {
        guard baseline.runs > 0 else { return "\(baseline.name) (baseline): no completed runs" }
        var line = "\(baseline.name) (baseline) "
            + reachPhrase(baseline.timeToTarget, target: percent(baseline.target), measure: measure)
        if let accuracy = baseline.finalAccuracy {
            line += "; final accuracy \(fixed(accuracy.mean * 100, 1))%"
            if let sd = accuracy.standardDeviation { line += " ± \(fixed(sd * 100, 1))" }
        }
        if baseline.diverged > 0 { line += "; \(baseline.diverged) of \(baseline.runs) runs diverged" }
        return line
    }

    /// "reaches 85% in all 5 runs (median 6 epochs)" or "did not reach 85% in 2 of 5 runs (median 9 epochs)".
    static func reachPhrase(_ summary: TargetSummary, target: String, measure: Measure) -> String {
        let median = measure == .seconds ? summary.medianSeconds : summary.medianEpochs
        let medianText: String
        switch median {
        case .value(let value):
            medianText = measure == .seconds ? "median \(DurationText.format(value))"
                : "median \(value == value.rounded() ? String(Int(value)) : fixed(value, 1)) epochs"
        case .notReached:
            medianText = "median not reached"
        }
        if summary.notReached == 0 {
            return summary.runs == 1 ? "reaches \(target) in its 1 run (\(medianText))"
                : "reaches \(target) in all \(summary.runs) runs (\(medianText))"
        }
        return "\(target) not reached in \(summary.notReached) of \(summary.runs) runs (\(medianText))"
    }

    /// "1.31× faster", "1.25× slower" or "in 1.31× fewer epochs".
    static func ratioPhrase(_ ratio: Double, measure: Measure) -> String {
        let factor = ratio >= 1 ? ratio : 1 / ratio
        switch measure {
        case .seconds: return "\(fixed(factor, 2))× " + (ratio >= 1 ? "faster" : "slower")
        case .epochs: return "in \(fixed(factor, 2))× " + (ratio >= 1 ? "fewer epochs" : "more epochs")
        }
    }

    static func percent(_ fraction: Double) -> String {
        let value = fraction * 100
        return value == value.rounded() ? "\(Int(value))%" : "\(fixed(value, 1))%"
    }

    static func signedPoints(_ difference: Double) -> String {
        let points = fixed(difference * 100, 1)
        return points.hasPrefix("-") ? points : "+" + points
    }

    static func pText(_ p: Double) -> String {
        if p < 0.001 { return "p < 0.001" }
        return "p = " + (p < 0.01 ? fixed(p, 3) : fixed(p, 2))
    }

    static func fixed(_ value: Double, _ decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        // Avoid "-0.0".
        return Double(text) == 0 ? String(format: "%.\(decimals)f", 0.0) : text
    }
}
