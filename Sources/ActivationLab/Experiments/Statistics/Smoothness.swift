/// How jagged a training-loss curve is, from its per-epoch values L₁ … L_E.
///
/// - `meanAbsoluteChange = mean_e |L_e − L_{e−1}|`
/// - `meanRelativeChange = mean_e |L_e − L_{e−1}| / |L_{e−1}|`
/// - `excessVariation = (Σ_e |L_e − L_{e−1}| − |L_E − L₁|) / (E − 1)`: the part of the movement that
///   is not net progress; 0 for a monotone curve, larger for a curve that goes up and down.
/// Interpretation: the issue asks for "a loss-curve smoothness figure"; the first two are what the brief
/// names, the third is our addition because a fast monotone descent also has a large mean change.
/// Non-finite losses (a diverged run) end the curve.
public struct Smoothness: Sendable, Equatable {
    public let meanAbsoluteChange: Double
    public let meanRelativeChange: Double
    public let excessVariation: Double

    /// nil when fewer than two finite losses are available.
    public init?(trainLoss: [Double]) {
        let losses = Array(trainLoss.prefix { $0.isFinite })
        guard losses.count >= 2 else { return nil }
        var total = 0.0, relative = 0.0
        for e in 1..<losses.count {
            let step = abs(losses[e] - losses[e - 1])
            total += step
            // A zero previous loss has no relative scale; count its step as absolute.
            relative += losses[e - 1] != 0 ? step / abs(losses[e - 1]) : step
        }
        let steps = Double(losses.count - 1)
        meanAbsoluteChange = total / steps
        meanRelativeChange = relative / steps
        excessVariation = max(0, total - abs(losses[losses.count - 1] - losses[0])) / steps
    }
}
