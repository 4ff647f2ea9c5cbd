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
    /// How to recompute the interval at another level; nil: the interval is fixed (shown at 95% only).
    public var model: IntervalModel?

    public init(key: String, label: String, estimate: Double?, low: Double? = nil, high: Double? = nil,
                method: String, count: Int, model: IntervalModel? = nil) {
        self.key = key
        self.label = label
        self.estimate = estimate.flatMap { $0.isFinite ? $0 : nil }
        self.low = low.flatMap { $0.isFinite ? $0 : nil }
        self.high = high.flatMap { $0.isFinite ? $0 : nil }
        self.method = method
        self.count = count
        self.model = model
    }

    /// The interval at `confidence` (the stored 95% one when there is no model to recompute it from).
    public func interval(confidence: Double) -> ClosedRange<Double>? {
        guard let model else { return interval }
        return model.interval(confidence: confidence)
    }

    /// A t analysis as a measurement (paired or unpaired differences; `scale` multiplies estimate and interval).
    public static func difference(key: String, label: String, _ analysis: MeanDifference?) -> ReproductionMeasurement {
        ReproductionMeasurement(key: key, label: label, estimate: analysis?.estimate,
                                low: analysis?.confidenceInterval?.lowerBound, high: analysis?.confidenceInterval?.upperBound,
                                method: analysis.map { $0.method == .paired ? "paired t" : "Welch t" } ?? "paired t",
                                count: analysis?.seeds ?? 0, model: analysis.flatMap { IntervalModel($0) })
    }

    /// A speed-up as a measurement: the geometric-mean ratio with its interval from the log scale.
    public static func speedup(key: String, label: String, _ speedup: Speedup?) -> ReproductionMeasurement {
        ReproductionMeasurement(key: key, label: label, estimate: speedup?.estimate,
                                low: speedup?.confidenceInterval?.lowerBound, high: speedup?.confidenceInterval?.upperBound,
                                method: speedup.map { $0.method == .paired ? "paired t on log ratios" : "Welch t on log times" } ?? "paired t on log ratios",
                                count: speedup.map { min($0.baselineRuns, $0.variantRuns) } ?? 0,
                                model: speedup.flatMap { IntervalModel($0.logRatio, logScale: true) })
    }

    /// The interval, when both ends are known.
    public var interval: ClosedRange<Double>? {
        guard let low, let high, low <= high else { return nil }
        return low...high
    }

    /// The geometric mean of the paired ratios `first[i] / second[i]`, its interval from the t analysis of the
    /// log ratios (pairs with a non-positive or non-finite value are dropped).
    public static func ratio(key: String, label: String, _ first: [Double], over second: [Double]) -> ReproductionMeasurement {
        let logs = zip(first, second).filter { $0 > 0 && $1 > 0 && $0.isFinite && $1.isFinite }.map { log($0 / $1) }
        let analysis = MeanDifference(differences: logs)
        return ReproductionMeasurement(key: key, label: label, estimate: analysis.map { exp($0.estimate) },
                                       low: analysis?.confidenceInterval.map { exp($0.lowerBound) },
                                       high: analysis?.confidenceInterval.map { exp($0.upperBound) },
                                       method: "paired t on log ratios", count: logs.count,
                                       model: analysis.flatMap { IntervalModel($0, logScale: true) })
    }

    /// The mean of `values` with its Student-t 95% interval (paired differences, per-seed values).
    public static func mean(key: String, label: String, values: [Double], method: String = "t interval") -> ReproductionMeasurement {
        let finite = values.filter(\.isFinite)
        let analysis = MeanDifference(differences: finite)
        return ReproductionMeasurement(key: key, label: label, estimate: analysis?.estimate,
                                       low: analysis?.confidenceInterval?.lowerBound, high: analysis?.confidenceInterval?.upperBound,
                                       method: method, count: finite.count, model: analysis.flatMap { IntervalModel($0) })
    }

    /// `mean(first) − mean(second)` with Welch's 95% interval (independent groups, e.g. two variants' runs).
    public static func difference(key: String, label: String, _ first: [Double], _ second: [Double]) -> ReproductionMeasurement {
        difference(key: key, label: label, MeanDifference.unpaired(variant: first.filter(\.isFinite), baseline: second.filter(\.isFinite)))
    }
}
