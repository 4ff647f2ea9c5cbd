/// Percentile bootstrap confidence intervals for a statistic of two independent groups.
///
/// Each of `resamples` replicates draws `baseline.count` indices with replacement from the baseline,
/// then `variant.count` from the variant (in that order, from one `SeededGenerator(seed:)` through
/// `integer(below:)`), and evaluates the statistic. The interval is the (α/2, 1−α/2) percentile of the
/// replicates with linear interpolation (NumPy's default `percentile` method). Replicates where the
/// statistic is not finite are dropped and counted. The same seed gives the same interval on every
/// platform; `scripts/stats_fixtures.py` reimplements the algorithm bit for bit.
public struct BootstrapInterval: Sendable, Equatable {
    /// The statistic on the original samples.
    public let estimate: Double
    public let interval: ClosedRange<Double>
    public let confidence: Double
    /// Replicates used (finite statistic).
    public let resamples: Int
    /// Replicates dropped because the statistic was not finite.
    public let dropped: Int
}
