/// The difference of means variant − baseline with its Student-t confidence interval and two-sided p-value,
/// paired by seed (the default) or unpaired (the fallback), and which of the two was used.
///
/// **Paired** (`AnalysisMethod.paired`, `scipy.stats.ttest_rel`): per-seed differences dᵢ = vᵢ − bᵢ,
/// `d̄ = Σdᵢ/n`, `s = √(Σ(dᵢ − d̄)²/(n − 1))`, `se = s/√n`, `CI = d̄ ± t_{n−1, 1−α/2} · se`,
/// `p = P(|T_{n−1}| ≥ |d̄/se|)`. Why: the seed fixes split, data order and initialisation, so most of the
/// run-to-run spread is shared by both variants and cancels in dᵢ. Assumes independent seeds and roughly
/// normal dᵢ; the t quantile (4.30 at n = 3, 2.78 at n = 5) pays for the small n.
///
/// **Unpaired** (`AnalysisMethod.unpaired`, Welch, `scipy.stats.ttest_ind(equal_var=False)`): for groups that
/// cannot be matched by seed. `se = √(s_v²/n_v + s_b²/n_b)`, Welch–Satterthwaite degrees of freedom.
///
/// Edge cases (never NaN):
/// - One seed (or a group of one): the estimate only; spread, interval and p are nil.
/// - Zero spread (every dᵢ equal, to 1e-9 relative, so that decimal round-off is not mistaken for a real
///   spread): the sample says nothing about the spread. If a measurement resolution gave a `spreadFloor`,
///   that floor replaces the zero spread (the spread rounding alone would create). Otherwise, when every
///   dᵢ is exactly 0 the variants agreed on every seed (e.g. an A/A comparison of deterministic runs):
///   interval [0, 0] and p = 1. When the common value is not 0, interval and p are nil: the same non-zero
///   difference on three seeds is not evidence of certainty, so the verdict stays inconclusive.
public struct MeanDifference: Sendable, Equatable {
    public let method: AnalysisMethod
    /// Runs of the variant (= pairs when paired).
    public let variantCount: Int
    /// Runs of the baseline (= pairs when paired).
    public let baselineCount: Int
    /// Mean difference variant − baseline (d̄ when paired, v̄ − b̄ when unpaired).
    public let estimate: Double
    /// The standard deviation of one seed's difference, so that `se = spread/√n` with n seeds:
    /// s of the dᵢ when paired, `√(s_v² + s_b²)` when unpaired. After the floor, if one was applied.
    /// nil with fewer than two seeds.
    public let spread: Double?
    public let standardError: Double?
    public let degreesOfFreedom: Double?
    /// The two-sided `confidence` interval of the difference; nil when undefined (see the type's notes).
    public let confidenceInterval: ClosedRange<Double>?
    /// Two-sided p-value of "no difference"; nil when undefined.
    public let pValue: Double?
    /// The confidence level of `confidenceInterval`, e.g. 0.95.
    public let confidence: Double

    /// Seeds behind the estimate: the pairs when paired, the smaller group when unpaired.
    public var seeds: Int { min(variantCount, baselineCount) }

    /// The paired analysis of per-seed differences dᵢ = variantᵢ − baselineᵢ.
    /// - Parameters:
    ///   - differences: one per seed; nil when empty or a value is not finite.
    ///   - spreadFloor: the spread to use when the observed one is zero (a measurement's resolution).
    ///   - confidence: e.g. 0.95.
    public init?(differences: [Double], spreadFloor: Double? = nil, confidence: Double = 0.95) {
        guard !differences.isEmpty, differences.allSatisfy(\.isFinite) else { return nil }
        let n = differences.count
        let mean = Summary.mean(differences)
        guard n >= 2 else {
            self.init(method: .paired, variantCount: n, baselineCount: n, estimate: mean,
                      spread: nil, standardError: nil, degreesOfFreedom: nil, confidence: confidence)
            return
        }
        var spread = Summary.variance(differences, mean: mean).squareRoot()
        let largest = differences.map(abs).max() ?? 0
        let isZeroSpread = spread <= 1e-9 * largest
        if isZeroSpread { spread = max(spreadFloor ?? 0, 0) }
        self.init(method: .paired, variantCount: n, baselineCount: n, estimate: mean, spread: spread,
                  standardError: spread / Double(n).squareRoot(), degreesOfFreedom: Double(n - 1),
                  confidence: confidence)
    }

    /// The paired analysis of two per-seed series in the same seed order.
    /// - Parameters:
    ///   - resolution: the step the values are measured in, e.g. 1/m for an accuracy on m test examples;
    ///     a zero spread is then replaced by `resolution/√6`, the spread of the difference of two values
    ///     each rounded to that step (rounding error variance h²/12 each, Sheppard).
    /// - Returns: nil when the series differ in length, are empty or hold a non-finite value.
    public static func paired(variant: [Double], baseline: [Double], resolution: Double? = nil,
                              confidence: Double = 0.95) -> MeanDifference? {
        guard variant.count == baseline.count else { return nil }
        return MeanDifference(differences: zip(variant, baseline).map { $0 - $1 },
                              spreadFloor: resolution.map { $0 / 6.0.squareRoot() }, confidence: confidence)
    }

    /// Welch's unpaired analysis, for runs that cannot be matched by seed; nil when a group is empty or
    /// holds a non-finite value. Both groups constant: as the paired zero-spread case without a floor.
    public static func unpaired(variant: [Double], baseline: [Double], confidence: Double = 0.95) -> MeanDifference? {
        guard !variant.isEmpty, !baseline.isEmpty,
              variant.allSatisfy(\.isFinite), baseline.allSatisfy(\.isFinite) else { return nil }
        let nv = variant.count, nb = baseline.count
        let mv = Summary.mean(variant), mb = Summary.mean(baseline)
        guard nv >= 2, nb >= 2 else {
            return MeanDifference(method: .unpaired, variantCount: nv, baselineCount: nb, estimate: mv - mb,
                                  spread: nil, standardError: nil, degreesOfFreedom: nil, confidence: confidence)
        }
        let vv = Summary.variance(variant, mean: mv), vb = Summary.variance(baseline, mean: mb)
        let qv = vv / Double(nv), qb = vb / Double(nb)
        let largest = (variant + baseline).map(abs).max() ?? 0
        let isZeroSpread = (vv + vb).squareRoot() <= 1e-9 * largest
        let identical = isZeroSpread && variant.allSatisfy { $0 == baseline[0] } && baseline.allSatisfy { $0 == baseline[0] }
        let degrees = isZeroSpread ? Double(nv + nb - 2)
            : (qv + qb) * (qv + qb) / (qv * qv / Double(nv - 1) + qb * qb / Double(nb - 1))
        return MeanDifference(method: .unpaired, variantCount: nv, baselineCount: nb,
                              estimate: identical ? 0 : mv - mb,
                              spread: isZeroSpread ? 0 : (vv + vb).squareRoot(),
                              standardError: isZeroSpread ? 0 : (qv + qb).squareRoot(),
                              degreesOfFreedom: degrees, confidence: confidence)
    }

    /// Fills in the interval and p-value from the standard error: `estimate ± t_{ν, 1−α/2} · se`.
    /// A zero standard error gives [0, 0] and p = 1 for a zero estimate, nil otherwise.
    private init(method: AnalysisMethod, variantCount: Int, baselineCount: Int, estimate: Double,
                 spread: Double?, standardError: Double?, degreesOfFreedom: Double?, confidence: Double) {
        self.method = method
        self.variantCount = variantCount
        self.baselineCount = baselineCount
        self.estimate = estimate
        self.spread = spread
        self.standardError = standardError
        self.degreesOfFreedom = degreesOfFreedom
        self.confidence = confidence
        guard let se = standardError, let nu = degreesOfFreedom else {
            confidenceInterval = nil
            pValue = nil
            return
        }
        if se == 0 {
            confidenceInterval = estimate == 0 ? 0...0 : nil
            pValue = estimate == 0 ? 1 : nil
            return
        }
        let halfWidth = StudentT.quantile(1 - (1 - confidence) / 2, degreesOfFreedom: nu) * se
        confidenceInterval = (estimate - halfWidth)...(estimate + halfWidth)
        pValue = StudentT.twoSidedPValue(estimate / se, degreesOfFreedom: nu)
    }
}
