
public enum Bootstrap {
    /// The default number of bootstrap replicates.
    public static let defaultResamples = 2000

    /// A percentile interval for `statistic(baseline, variant)`; nil when a group is empty,
    /// the estimate is not finite, or no replicate is finite.
    public static func interval(
        baseline: [Double], variant: [Double],
        resamples: Int = defaultResamples, confidence: Double = 0.95, seed: UInt64 = 0,
        statistic: ([Double], [Double]) -> Double
    ) -> BootstrapInterval? {
        guard !baseline.isEmpty, !variant.isEmpty, resamples > 0 else { return nil }
        let estimate = statistic(baseline, variant)
        guard estimate.isFinite else { return nil }
        var rng = SeededGenerator(seed: seed)
        var a = baseline, b = variant
        var replicates: [Double] = []
        replicates.reserveCapacity(resamples)
        for _ in 0..<resamples {
            for i in a.indices { a[i] = baseline[rng.integer(below: baseline.count)] }
            for i in b.indices { b[i] = variant[rng.integer(below: variant.count)] }
            let value = statistic(a, b)
            if value.isFinite { replicates.append(value) }
        }
        guard !replicates.isEmpty else { return nil }
        replicates.sort()
        let alpha = 1 - confidence
        return BootstrapInterval(
            estimate: estimate,
            interval: percentile(sorted: replicates, alpha / 2)...percentile(sorted: replicates, 1 - alpha / 2),
            confidence: confidence, resamples: replicates.count, dropped: resamples - replicates.count)
    }

    /// The speed-up `mean(baseline times) / mean(variant times)` with its bootstrap interval
    /// (> 1: the variant needs less time). Times must be positive.
    public static func speedup(baselineTimes: [Double], variantTimes: [Double],
                               resamples: Int = defaultResamples, confidence: Double = 0.95,
                               seed: UInt64 = 0) -> BootstrapInterval? {
        interval(baseline: baselineTimes, variant: variantTimes, resamples: resamples,
                 confidence: confidence, seed: seed) { Summary.mean($0) / Summary.mean($1) }
    }

    /// The q-quantile of sorted values with linear interpolation between order statistics
    /// (`h = (n−1)q`, NumPy's `linear` method / Hyndman–Fan type 7).
    static func percentile(sorted values: [Double], _ q: Double) -> Double {
        let h = Double(values.count - 1) * q
        let lower = Int(h.rounded(.down))
        let upper = min(lower + 1, values.count - 1)
        return values[lower] + (h - Double(lower)) * (values[upper] - values[lower])
    }
}
