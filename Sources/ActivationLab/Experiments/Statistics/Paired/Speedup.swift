import RealModule

/// How much sooner a variant reaches the target than the baseline: the geometric mean over seeds of the
/// ratio of restricted times to target, rᵢ = min(T_baseline,ᵢ, τ) / min(T_variant,ᵢ, τ) (> 1: variant faster).
///
/// Estimand: `exp(E[log min(T_b, τ) − log min(T_v, τ)])`, the geometric-mean ratio of restricted times to
/// target, as in restricted-mean-survival analysis. The restriction τ (the step budget) is part of the result
/// and must be stated with it: a run that never reaches the target within τ counts as τ, never "τ + 1".
///
/// Paired (default): lᵢ = log rᵢ, then the paired t analysis of `MeanDifference` on the lᵢ:
/// `estimate = exp(l̄)`, `CI = exp(l̄ ± t_{n−1, 1−α/2} · s/√n)`, p from the same t statistic.
/// Why the log scale: speed-ups multiply, so "2× faster" and "2× slower" should be symmetric (±log 2), and
/// log times are closer to normal than times. Unpaired fallback: Welch on the log restricted times,
/// `estimate = geometric mean(baseline) / geometric mean(variant)`.
///
/// Assumptions: independent seeds, lᵢ roughly normal. Censoring puts an atom at lᵢ = 0 (both runs at τ)
/// and coarse evaluation grids make lᵢ discrete; `CoverageSimulationTests` measures the coverage in both
/// cases and `docs/statistics.md` states where it holds.
///
/// Ties on an evaluation grid: when times are measured every k steps (`evaluationInterval`) every lᵢ can
/// be equal at small n (e.g. all pairs reached at the same evaluation), a zero spread that would give a
/// zero-width interval. Then the spread that the rounding to the grid alone produces is used instead:
/// `s² = mean_i (w_b,ᵢ² + w_v,ᵢ²)/12` with `w = k/min(T, τ)` for a reached run (the grid cell's width on
/// the log scale, to first order) and `w = 0` for a run counted as τ.
public struct Speedup: Sendable, Equatable {
    public let method: AnalysisMethod
    /// τ: times beyond it count as τ. Reports state it ("restricted to τ steps").
    public let restriction: Double
    /// The evaluation interval k the times were measured on, if given.
    public let evaluationInterval: Double?
    /// The geometric-mean ratio of restricted times, baseline over variant (> 1: variant faster).
    public let estimate: Double
    /// The ratio's `confidence` interval; nil when undefined (one seed, an undefined spread, or no run of
    /// either variant reached the target, when there is nothing to compare).
    public let confidenceInterval: ClosedRange<Double>?
    /// Two-sided p-value of "ratio = 1"; nil when the interval is.
    public let pValue: Double?
    /// The analysis on the log scale (estimate log ratio, spread of lᵢ, degrees of freedom).
    public let logRatio: MeanDifference
    public let baselineRuns: Int
    public let variantRuns: Int
    /// Runs that reached the target within τ.
    public let baselineReached: Int
    public let variantReached: Int

    public var confidence: Double { logRatio.confidence }

    /// The paired speed-up; `baseline[i]` and `variant[i]` share seed i.
    /// - Parameters:
    ///   - restriction: τ > 0, the step budget both variants were given.
    ///   - evaluationInterval: k if times were measured every k steps (enables the tie floor above).
    /// - Returns: nil when the lists differ in length, are empty, or τ or a reached time is not positive and finite.
    public static func paired(baseline: [CensoredTime], variant: [CensoredTime], restriction: Double,
                              evaluationInterval: Double? = nil, confidence: Double = 0.95) -> Speedup? {
        guard baseline.count == variant.count, valid(baseline + variant, restriction) else { return nil }
        let b = baseline.map { $0.restricted(to: restriction) }
        let v = variant.map { $0.restricted(to: restriction) }
        // The ratio before the log, so that equal ratios give bit-identical lᵢ (ties are detected exactly).
        let logRatios = zip(b, v).map { Double.log($0 / $1) }
        var floor: Double?
        if let k = evaluationInterval, k > 0 {
            func width(_ time: CensoredTime, _ restricted: Double) -> Double {
                time.isReached && restricted < restriction ? k / restricted : 0
            }
            var sum = 0.0
            for i in baseline.indices {
                let wb = width(baseline[i], b[i]), wv = width(variant[i], v[i])
                sum += (wb * wb + wv * wv) / 12
            }
            floor = (sum / Double(baseline.count)).squareRoot()
        }
        guard let analysis = MeanDifference(differences: logRatios, spreadFloor: floor, confidence: confidence)
        else { return nil }
        return Speedup(logRatio: analysis, baseline: baseline, variant: variant, restriction: restriction,
                       evaluationInterval: evaluationInterval)
    }

    /// The unpaired fallback (Welch on log restricted times), for runs that cannot be matched by seed.
    public static func unpaired(baseline: [CensoredTime], variant: [CensoredTime], restriction: Double,
                                confidence: Double = 0.95) -> Speedup? {
        guard !baseline.isEmpty, !variant.isEmpty, valid(baseline + variant, restriction) else { return nil }
        // log T_b − log T_v: the baseline's log times play the "variant" role of the difference.
        guard let analysis = MeanDifference.unpaired(
            variant: baseline.map { Double.log($0.restricted(to: restriction)) },
            baseline: variant.map { Double.log($0.restricted(to: restriction)) }, confidence: confidence)
        else { return nil }
        return Speedup(logRatio: analysis, baseline: baseline, variant: variant, restriction: restriction,
                       evaluationInterval: nil)
    }

    private init(logRatio: MeanDifference, baseline: [CensoredTime], variant: [CensoredTime],
                 restriction: Double, evaluationInterval: Double?) {
        self.method = logRatio.method
        self.restriction = restriction
        self.evaluationInterval = evaluationInterval
        self.logRatio = logRatio
        baselineRuns = baseline.count
        variantRuns = variant.count
        baselineReached = baseline.filter { $0.isReached && $0.time <= restriction }.count
        variantReached = variant.filter { $0.isReached && $0.time <= restriction }.count
        estimate = Double.exp(logRatio.estimate)
        // Information about speed needs a run that reached the target before the budget ran out: runs that
        // all end at τ (never reached, or reached exactly at τ) give a ratio of 1 with zero spread, which
        // would otherwise read as a certain "equivalent".
        let anyReached = (baseline + variant).contains { $0.restricted(to: restriction) < restriction }
        confidenceInterval = anyReached ? logRatio.confidenceInterval.map {
            Double.exp($0.lowerBound)...Double.exp($0.upperBound)
        } : nil
        pValue = anyReached ? logRatio.pValue : nil
    }

    /// τ and every reached time positive and finite (the log needs them); censored times count as τ,
    /// so any finite time ≥ 0 will do for them.
    private static func valid(_ times: [CensoredTime], _ restriction: Double) -> Bool {
        restriction > 0 && restriction.isFinite
            && times.allSatisfy { $0.time.isFinite && ($0.isReached ? $0.time > 0 : $0.time >= 0) }
    }
}
