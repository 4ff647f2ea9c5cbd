import Foundation

/// How a measurement's interval was computed, so it can be recomputed at another confidence level (Holm's
/// adjustment inside a verdict rule): a Student-t interval `center ± t_{ν, 1−α/2} · se`, on the log scale
/// when `logScale` (speed-ups: the interval is `exp` of the log-scale one).
public struct IntervalModel: Codable, Sendable, Equatable {
    /// The estimate on the analysis scale (a log ratio when `logScale`).
    public var center: Double
    public var standardError: Double
    public var degreesOfFreedom: Double
    public var logScale: Bool

    public init(center: Double, standardError: Double, degreesOfFreedom: Double, logScale: Bool = false) {
        self.center = center
        self.standardError = standardError
        self.degreesOfFreedom = degreesOfFreedom
        self.logScale = logScale
    }

    /// The model of a t analysis (nil when it has no standard error).
    public init?(_ difference: MeanDifference, logScale: Bool = false) {
        guard let se = difference.standardError, let nu = difference.degreesOfFreedom, se.isFinite, nu > 0 else { return nil }
        self.init(center: difference.estimate, standardError: se, degreesOfFreedom: nu, logScale: logScale)
    }

    /// The two-sided interval at `confidence` in (0, 1), on the measurement's own scale.
    public func interval(confidence: Double) -> ClosedRange<Double> {
        let half = standardError == 0 ? 0 : StudentT.quantile(1 - (1 - confidence) / 2, degreesOfFreedom: degreesOfFreedom) * standardError
        let low = center - half, high = center + half
        return logScale ? exp(low)...exp(high) : low...high
    }

    /// The smallest true distance from a threshold that a two-sided test at level `alpha` detects with
    /// probability `power`: `(t_{ν, 1−α/2} + t_{ν, power}) · se` on the analysis scale (a normal-theory
    /// approximation with the observed standard error).
    public func detectableDistance(alpha: Double, power: Double = 0.8) -> Double {
        (StudentT.quantile(1 - alpha / 2, degreesOfFreedom: degreesOfFreedom)
            + StudentT.quantile(power, degreesOfFreedom: degreesOfFreedom)) * standardError
    }
}
