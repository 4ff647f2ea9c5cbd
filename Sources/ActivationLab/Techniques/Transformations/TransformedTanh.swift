import Foundation

/// Which of the transformations of Raiko et al. (2012) / Vatanen et al. (2013) are active.
public enum TransformMode: String, Sendable, CaseIterable, Codable, Hashable {
    /// Plain tanh (α = 0, β = 0, γ = 1); the shortcut connections are kept.
    case none
    /// α and β: zero output and zero slope on average (Raiko et al. 2012).
    case ab
    /// α, β and the scale γ (Vatanen et al. 2013).
    case abg
}

/// How γ normalises a unit's scale (the authors' `gammatype` option).
public enum GammaType: Int, Sendable, CaseIterable, Codable, Hashable {
    /// The authors' default: `γ = (mean(ũ²)·mean(ũ'²) + 1e-4)^(−1/4)`, the geometric mean of the
    /// output and slope second moments is normalised to 1.
    case outputAndSlope = 1
    /// Plain unit variance: `γ = (mean(ũ²) + 1e-2)^(−1/2)`.
    case unitVariance = 2

    /// The epsilon inside the γ formula; it bounds γ from above.
    public var epsilon: Double { self == .outputAndSlope ? 1e-4 : 1e-2 }

    /// The largest γ the formula can give: (1e-4)^(−1/4) = (1e-2)^(−1/2) = 10.
    public var cap: Double { self == .outputAndSlope ? pow(epsilon, -0.25) : pow(epsilon, -0.5) }
}

/// The transformed tanh of one hidden layer: per unit i,
/// `f_i(x) = γ_i·(tanh(x) + α_i·x + β_i)` and `f_i'(x) = γ_i·(1 − tanh²(x) + α_i)`.
///
/// Raiko, Valpola & LeCun, "Deep Learning Made Easier by Linear Transformations in Perceptrons"
/// (AISTATS 2012) and Vatanen, Raiko, Valpola & LeCun, "Pushing Stochastic Gradient towards
/// Second-Order Methods" (arXiv 1301.3476), as in the authors' `nonlin.m`. α, β, γ are state set
/// by re-estimation (see `ShortcutNetwork.reestimate(on:)`), not learned by gradient.
public struct TransformedTanh: Sendable, Equatable, Codable {
    /// Per-unit slope offset α (starts at 0).
    public var alpha: [Float]
    /// Per-unit output offset β (starts at 0).
    public var beta: [Float]
    /// Per-unit scale γ (starts at 1).
    public var gamma: [Float]

    /// The untransformed tanh for `units` units: α = 0, β = 0, γ = 1.
    public init(units: Int) {
        alpha = [Float](repeating: 0, count: units)
        beta = [Float](repeating: 0, count: units)
        gamma = [Float](repeating: 1, count: units)
    }

    public var units: Int { alpha.count }

    /// f(x) = γ·(tanh(x) + α·x + β).
    public static func value<T: RealScalar>(_ x: T, alpha: T, beta: T, gamma: T) -> T {
        gamma * (T.tanh(x) + alpha * x + beta)
    }

    /// f'(x) = γ·(1 − tanh²(x) + α).
    public static func derivative<T: RealScalar>(_ x: T, alpha: T, gamma: T) -> T {
        let t = T.tanh(x)
        return gamma * (1 - t * t + alpha)
    }

    /// Forward over a row-major `[rows, units]` batch: writes tanh(x) (kept for the backward pass)
    /// into `tanh` and f(x) into `y`.
    public func forward(_ x: UnsafeBufferPointer<Float>, tanh t: UnsafeMutableBufferPointer<Float>,
                        into y: UnsafeMutableBufferPointer<Float>) {
        let width = units
        let rows = x.count / max(width, 1)
        alpha.withUnsafeBufferPointer { a in
            beta.withUnsafeBufferPointer { b in
                gamma.withUnsafeBufferPointer { g in
                    for r in 0..<rows {
                        let base = r * width
                        for j in 0..<width {
                            let v = x[base + j]
                            let th = FastMath.tanh(v)
                            t[base + j] = th
                            y[base + j] = g[j] * (th + a[j] * v + b[j])
                        }
                    }
                }
            }
        }
    }

    /// dx = dy ⊙ γ·(1 − tanh² + α), from the tanh values saved by `forward`.
    public func backward(tanh t: UnsafeBufferPointer<Float>, outputGradient dy: UnsafeBufferPointer<Float>,
                         into dx: UnsafeMutableBufferPointer<Float>) {
        let width = units
        let rows = t.count / max(width, 1)
        alpha.withUnsafeBufferPointer { a in
            gamma.withUnsafeBufferPointer { g in
                for r in 0..<rows {
                    let base = r * width
                    for j in 0..<width {
                        let th = t[base + j]
                        dx[base + j] = dy[base + j] * g[j] * (1 - th * th + a[j])
                    }
                }
            }
        }
    }
}

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
        x.withUnsafeBufferPointer { xs in
            for r in 0..<rows {
                let base = r * width
                for j in 0..<width {
                    let v = xs[base + j]
                    let t = Double(FastMath.tanh(v))
                    let xd = Double(v)
                    sumSlope[j] += 1 - t * t
                    sumTanh[j] += t
                    sumX[j] += xd
                    sumX2[j] += xd * xd
                }
            }
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
        x.withUnsafeBufferPointer { xs in
            for r in 0..<rows {
                let base = r * width
                for j in 0..<width {
                    let v = Double(xs[base + j])
                    let t = Double(FastMath.tanh(xs[base + j]))
                    let u = t + Double(alpha[j]) * v + Double(beta[j])
                    let slope = 1 - t * t + Double(alpha[j])
                    sumU2[j] += u * u
                    sumSlope2[j] += slope * slope
                }
            }
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
}
