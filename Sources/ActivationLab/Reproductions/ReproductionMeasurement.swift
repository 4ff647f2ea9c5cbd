import Foundation

/// One number a reproduction measured, with its 95% confidence interval when one is defined.
///
/// Verdict rules read measurements by `key`; the documents print every one of them with its interval, so a
/// reader can re-apply the rule by hand. An interval is nil when it is undefined (fewer than two runs, zero
/// variance, a time that was never reached) — a rule then treats the measurement as undecided.
public struct ReproductionMeasurement: Codable, Sendable, Equatable {
    /// Stable identifier used by the rule, e.g. `mlp.speedup.linear-exp`.
    public var key: String
    /// What it is, in words.
    public var label: String
    public var estimate: Double?
    public var low: Double?
    public var high: Double?
    /// How the interval was computed (e.g. "Welch t", "bootstrap", "paired t").
    public var method: String
    /// Independent values it comes from (runs or seeds).
    public var count: Int

    public init(key: String, label: String, estimate: Double?, low: Double? = nil, high: Double? = nil,
                method: String, count: Int) {
        self.key = key
        self.label = label
        self.estimate = estimate.flatMap { $0.isFinite ? $0 : nil }
        self.low = low.flatMap { $0.isFinite ? $0 : nil }
        self.high = high.flatMap { $0.isFinite ? $0 : nil }
        self.method = method
        self.count = count
    }

    /// The interval, when both ends are known.
    public var interval: ClosedRange<Double>? {
        guard let low, let high, low <= high else { return nil }
        return low...high
    }

    /// The mean of `values` with its Student-t 95% interval (paired differences, per-seed values).
    public static func mean(key: String, label: String, values: [Double], method: String = "t interval") -> ReproductionMeasurement {
        let summary = Summary(values.filter(\.isFinite))
        return ReproductionMeasurement(key: key, label: label, estimate: summary?.mean, low: summary?.confidenceInterval?.lowerBound,
                           high: summary?.confidenceInterval?.upperBound, method: method,
                           count: values.filter(\.isFinite).count)
    }

    /// `mean(first) − mean(second)` with Welch's 95% interval (independent groups, e.g. two variants' runs).
    public static func difference(key: String, label: String, _ first: [Double], _ second: [Double]) -> ReproductionMeasurement {
        let a = first.filter(\.isFinite), b = second.filter(\.isFinite)
        let estimate = a.isEmpty || b.isEmpty ? nil : Summary.mean(a) - Summary.mean(b)
        let test = WelchTest(a, b)
        return ReproductionMeasurement(key: key, label: label, estimate: estimate, low: test?.confidenceInterval.lowerBound,
                           high: test?.confidenceInterval.upperBound, method: "Welch t", count: min(a.count, b.count))
    }
}
