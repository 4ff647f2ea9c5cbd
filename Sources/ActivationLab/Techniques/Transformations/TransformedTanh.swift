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
