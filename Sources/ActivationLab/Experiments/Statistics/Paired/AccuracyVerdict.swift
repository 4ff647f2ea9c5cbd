/// The one-word accuracy verdict of a variant against the baseline: `better`, `worse`, `equivalent` or
/// `inconclusive` (the raw values are the strings reports and JSON use).
///
/// Rule, applied in this order to the difference variant − baseline (accuracy as a fraction):
/// 1. `equivalent` when the (unadjusted) confidence interval lies within [−margin, +margin];
/// 2. `better` / `worse` when the Holm-adjusted p-value is < α, by the sign of the estimate;
/// 3. `inconclusive` otherwise, including when there is no interval (one seed, undefined spread).
///
/// Why this combination: Holm's adjustment controls the chance of any false better/worse among the
/// variants of a comparison. Since an adjusted p is never below the raw one, p̃ < α implies that the
/// shown 95% interval excludes 0, so "better" always comes with an interval on one side of 0.
/// Equivalence uses the unadjusted 95% interval: lying within ±margin is two one-sided tests at 2.5% each,
/// already stricter than the usual 90% interval of equivalence testing, and it keeps the interval that the
/// report shows the one the verdict is read from. Equivalence is checked first: a difference smaller than
/// the margin is of no practical consequence even when many seeds make it detectable, and an A/A-like
/// comparison must come out `equivalent`, not `better`.
public enum AccuracyVerdict: String, Sendable, Equatable, CaseIterable {
    case better
    case worse
    case equivalent
    case inconclusive

    /// The default practical margin: 0.5 accuracy points, as a fraction (accuracies are fractions in [0, 1]).
    public static let defaultMargin = 0.005

    /// - Parameters:
    ///   - difference: variant − baseline accuracy, paired or unpaired.
    ///   - adjustedPValue: the Holm-adjusted p-value across the comparison's variants (the raw p when the
    ///     comparison has one variant); nil when there is no test.
    ///   - margin: the practical margin, as a fraction (0.005 = 0.5 points).
    ///   - alpha: the family-wise significance level.
    public init(_ difference: MeanDifference, adjustedPValue: Double?, margin: Double = defaultMargin,
                alpha: Double = 0.05) {
        guard let interval = difference.confidenceInterval else {
            self = .inconclusive
            return
        }
        if interval.lowerBound >= -margin && interval.upperBound <= margin {
            self = .equivalent
        } else if let p = adjustedPValue, p < alpha, difference.estimate != 0 {
            self = difference.estimate > 0 ? .better : .worse
        } else {
            self = .inconclusive
        }
    }
}
