/// Mean, sample standard deviation and Student-t confidence interval of a sample (e.g. final accuracy over seeds).
///
/// `sd = √(Σ(xᵢ − x̄)² / (n − 1))`, `CI = x̄ ± t_{1−α/2, n−1} · sd/√n`.
/// With one value the standard deviation and interval are undefined (`nil`), never NaN.
public struct Summary: Sendable, Equatable {
    public let count: Int
    public let mean: Double
    /// Sample standard deviation (n − 1 denominator); nil when `count < 2`.
    public let standardDeviation: Double?
    /// The two-sided confidence interval of the mean; nil when `count < 2`.
    public let confidenceInterval: ClosedRange<Double>?
    /// The confidence level of `confidenceInterval`, e.g. 0.95.
    public let confidence: Double

    /// Summarises `values`; nil when there are none or any is not finite.
    public init?(_ values: [Double], confidence: Double = 0.95) {
        guard !values.isEmpty, values.allSatisfy(\.isFinite) else { return nil }
        count = values.count
        self.confidence = confidence
        let mean = Summary.mean(values)
        self.mean = mean
        guard count >= 2 else {
            standardDeviation = nil
            confidenceInterval = nil
            return
        }
        let sd = Summary.variance(values, mean: mean).squareRoot()
        standardDeviation = sd
        let halfWidth = StudentT.quantile(1 - (1 - confidence) / 2, degreesOfFreedom: Double(count - 1))
            * sd / Double(count).squareRoot()
        confidenceInterval = (mean - halfWidth)...(mean + halfWidth)
    }

    /// The arithmetic mean (pairwise-free two-pass formula is unnecessary at these sizes).
    static func mean(_ values: [Double]) -> Double {
        values.reduce(0, +) / Double(values.count)
    }

    /// The sample variance with the n − 1 denominator (two-pass, so large offsets do not lose precision).
    static func variance(_ values: [Double], mean: Double) -> Double {
        values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
    }
}
