import Foundation

/// Per-unit batch statistics of a hidden layer's pre-activations, and the α, β, γ they imply
/// (the authors' `ltmlp_transform.m`). Accumulated in Double.
public struct TransformationEstimate: Sendable {
    /// α_i = −mean_t(1 − tanh²(x_it)).
    public var alpha: [Double]
    /// β_i = −mean_t(tanh(x_it) + α_i·x_it).
    public var beta: [Double]
    /// The batch variance of each unit's pre-activation (for the low-variance diagnostic).
    public var variance: [Double]

    /// α, β and var(x) from a row-major `[rows, units]` batch of pre-activations.
    public init(preActivations x: Tensor) {
        let (rows, width) = (x.rows, x.columns)
        var sumSlope = [Double](repeating: 0, count: width)
        var sumTanh = [Double](repeating: 0, count: width)
        var sumX = [Double](repeating: 0, count: width)
        var sumX2 = [Double](repeating: 0, count: width)
        Self.forEachPreActivation(x) { j, xd, t in
            sumSlope[j] += 1 - t * t
            sumTanh[j] += t
            sumX[j] += xd
            sumX2[j] += xd * xd
        }
        let inverse = 1 / Double(max(rows, 1))
        alpha = sumSlope.map { -$0 * inverse }
        var beta = [Double](repeating: 0, count: width)
        var variance = [Double](repeating: 0, count: width)
        for j in 0..<width {
            let meanX = sumX[j] * inverse
            // mean(tanh + αx) = mean(tanh) + α·mean(x)
            beta[j] = -(sumTanh[j] * inverse + alpha[j] * meanX)
            variance[j] = max(0, sumX2[j] * inverse - meanX * meanX)
        }
        self.beta = beta
        self.variance = variance
    }

    /// γ from a batch of pre-activations with the given α, β (normally the freshly estimated ones):
    /// type 1 `(mean(ũ²)·mean(ũ'²) + 1e-4)^(−1/4)`, type 2 `(mean(ũ²) + 1e-2)^(−1/2)`, with
    /// `ũ = tanh(x) + αx + β`, `ũ' = 1 − tanh²(x) + α`.
    public static func gamma(preActivations x: Tensor, alpha: [Float], beta: [Float], type: GammaType) -> [Double] {
        let (rows, width) = (x.rows, x.columns)
        var sumU2 = [Double](repeating: 0, count: width)
        var sumSlope2 = [Double](repeating: 0, count: width)
        forEachPreActivation(x) { j, v, t in
            let u = t + Double(alpha[j]) * v + Double(beta[j])
            let slope = 1 - t * t + Double(alpha[j])
            sumU2[j] += u * u
            sumSlope2[j] += slope * slope
        }
        let inverse = 1 / Double(max(rows, 1))
        return (0..<width).map { j in
            let meanU2 = sumU2[j] * inverse
            switch type {
            case .outputAndSlope: return pow(meanU2 * sumSlope2[j] * inverse + type.epsilon, -0.25)
            case .unitVariance: return pow(meanU2 + type.epsilon, -0.5)
            }
        }
    }

    /// Calls `body(unit, x, tanh x)` for every pre-activation of a `[rows, units]` batch, row by row (the
    /// order the sums above accumulate in), with x and tanh x (Float's `FastMath.tanh`) in Double.
    @inline(__always)
    private static func forEachPreActivation(_ x: Tensor, _ body: (_ unit: Int, _ x: Double, _ tanh: Double) -> Void) {
        let (rows, width) = (x.rows, x.columns)
        x.withUnsafeBufferPointer { xs in
            for r in 0..<rows {
                let base = r * width
                for j in 0..<width { body(j, Double(xs[base + j]), Double(FastMath.tanh(xs[base + j]))) }
            }
        }
    }
}
