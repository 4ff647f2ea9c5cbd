import Foundation

/// Axis ticks at "nice" round values: steps of 1, 2, 2.5 or 5 × 10ᵏ, after Heckbert, "Nice numbers for
/// graph labels", Graphics Gems (1990), with 2.5 added for a finer choice between 2 and 5.
///
/// The domain is widened outward to whole steps, so the first and last tick are the axis ends.
public struct NiceScale: Sendable, Equatable {
    /// The widened domain: `ticks.first ... ticks.last`.
    public let domain: ClosedRange<Double>
    /// The distance between ticks.
    public let step: Double
    /// The tick values, computed as `start + i·step` and rounded to the step's precision (no 0.30000000000000004).
    public let ticks: [Double]

    /// Ticks covering `range` with about `count` intervals (never fewer than 2, never more than 2·count).
    /// A degenerate or non-finite range is widened around its value (or to 0...1).
    public init(_ range: ClosedRange<Double>, count: Int = 5, integer: Bool = false) {
        var low = range.lowerBound, high = range.upperBound
        if !low.isFinite || !high.isFinite { (low, high) = (0, 1) }
        if high - low <= max(abs(high), abs(low), 1e-300) * 1e-12 {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            (low, high) = (low - pad, high + pad)
        }
        let target = Double(max(count, 2))
        var step = NiceScale.nice((high - low) / target)
        if integer { step = max(1, step.rounded(.up)) }
        let start = (low / step).rounded(.down)
        let end = (high / step).rounded(.up)
        let decimals = NiceScale.decimals(step)
        let scale = pow(10, Double(decimals))
        ticks = (0...Int(end - start)).map { i in ((start + Double(i)) * step * scale).rounded() / scale }
        self.step = step
        domain = ticks[0]...ticks[ticks.count - 1]
    }

    /// The nice number nearest above `raw` among 1, 2, 2.5, 5 × 10ᵏ.
    static func nice(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let exponent = floor(log10(raw))
        let magnitude = pow(10, exponent)
        let fraction = raw / magnitude
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10
        return nice * magnitude
    }

    /// Digits after the point needed to write every multiple of `step` exactly (2.5 → 1, 0.25 → 2, 20 → 0).
    public static func decimals(_ step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        var decimals = max(0, Int(-floor(log10(step))))
        while decimals < 12, abs((step * pow(10, Double(decimals))).rounded() - step * pow(10, Double(decimals))) > 1e-6 {
            decimals += 1
        }
        return decimals
    }
}
