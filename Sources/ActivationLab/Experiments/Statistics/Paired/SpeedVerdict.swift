/// The one-word speed verdict of a variant against the baseline: `faster`, `slower`, `equivalent` or
/// `inconclusive` (the raw values are the strings reports and JSON use).
///
/// Rule, applied in this order to the speed-up (geometric-mean ratio of restricted times to target,
/// baseline over variant, > 1 = variant faster), the same as `AccuracyVerdict`'s on the log scale:
/// 1. `equivalent` when the (unadjusted) interval lies within [1/margin, margin] (default 1.1: a 10% margin,
///    symmetric on the log scale, ±log 1.1);
/// 2. `faster` / `slower` when the Holm-adjusted p-value is < α, by whether the estimate is above or below 1;
/// 3. `inconclusive` otherwise, including when there is no interval.
/// See `AccuracyVerdict` for why Holm decides faster/slower and the unadjusted interval decides equivalence.
public enum SpeedVerdict: String, Sendable, Equatable, CaseIterable {
    case faster
    case slower
    case equivalent
    case inconclusive

    /// The default practical margin as a ratio: within 10% either way is "equivalent".
    public static let defaultMargin = 1.1

    /// - Parameters:
    ///   - speedup: the speed-up of the variant over the baseline.
    ///   - adjustedPValue: Holm-adjusted p across the comparison's variants (the raw p for one variant).
    ///   - margin: a ratio > 1; the interval must lie within [1/margin, margin] for `equivalent`.
    ///   - alpha: the family-wise significance level.
    public init(_ speedup: Speedup, adjustedPValue: Double?, margin: Double = defaultMargin, alpha: Double = 0.05) {
        guard let interval = speedup.confidenceInterval else {
            self = .inconclusive
            return
        }
        if interval.lowerBound >= 1 / margin && interval.upperBound <= margin {
            self = .equivalent
        } else if let p = adjustedPValue, p < alpha, speedup.estimate != 1 {
            self = speedup.estimate > 1 ? .faster : .slower
        } else {
            self = .inconclusive
        }
    }
}
