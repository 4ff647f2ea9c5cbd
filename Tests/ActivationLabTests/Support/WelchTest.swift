@testable import ActivationLab

/// A test oracle for `MeanDifference.unpaired`: Welch's unequal-variance t-test of the difference of two means (two-sided).
///
/// `t = (x̄₁ − x̄₂) / √(s₁²/n₁ + s₂²/n₂)`, Welch–Satterthwaite
/// `ν = (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁−1) + (s₂²/n₂)²/(n₂−1))`, `p = P(|T_ν| ≥ |t|)`.
/// Matches `scipy.stats.ttest_ind(a, b, equal_var=False)`.
public struct WelchTest: Sendable, Equatable {
    /// x̄₁ − x̄₂.
    public let difference: Double
    public let t: Double
    public let degreesOfFreedom: Double
    public let pValue: Double
    /// The 95% (or `confidence`) interval of the difference: `difference ± t_{1−α/2, ν} · se`.
    public let confidenceInterval: ClosedRange<Double>

    /// Tests `first` against `second`; nil when either has fewer than two values, a value is not finite,
    /// or both samples have zero variance (the test is undefined; SciPy returns NaN there).
    public init?(_ first: [Double], _ second: [Double], confidence: Double = 0.95) {
        guard first.count >= 2, second.count >= 2,
              first.allSatisfy(\.isFinite), second.allSatisfy(\.isFinite) else { return nil }
        let m1 = Summary.mean(first), m2 = Summary.mean(second)
        let n1 = Double(first.count), n2 = Double(second.count)
        let q1 = Summary.variance(first, mean: m1) / n1
        let q2 = Summary.variance(second, mean: m2) / n2
        let se2 = q1 + q2
        guard se2 > 0 else { return nil }
        let se = se2.squareRoot()
        difference = m1 - m2
        t = difference / se
        degreesOfFreedom = se2 * se2 / (q1 * q1 / (n1 - 1) + q2 * q2 / (n2 - 1))
        pValue = StudentT.twoSidedPValue(t, degreesOfFreedom: degreesOfFreedom)
        let halfWidth = StudentT.quantile(1 - (1 - confidence) / 2, degreesOfFreedom: degreesOfFreedom) * se
        confidenceInterval = (difference - halfWidth)...(difference + halfWidth)
    }
}
