import RealModule

/// The gate s of a gated activation f(x) = x·s(x), for the high-dimensional function graph
/// decomposition (HD-FGD) of Su, Zhu & Li (arXiv 2405.03712, 2024) — an **interpretation**: the
/// 1-D graph of f is the diagonal u = v of F(u, v) = u·s(v), and each part gets its own linear map.
///
/// GELU = x·Φ(x) (Φ the standard normal CDF); SiLU = x·σ(x). The split-adversarial (SA) gate is
/// 1 − s(v) = s(−v), from negating ∂s/∂v and integrating with the constant sup s = 1 (interpretation).
public enum ActivationGate: String, Sendable, CaseIterable, Codable {
    /// Φ, the gate of GELU.
    case normalCDF = "Φ"
    /// σ, the gate of SiLU.
    case sigmoid = "σ"

    /// The gate of a gated activation: `gelu` → Φ, `silu` → σ.
    /// - Throws: `ModelError` for activations with no x·s(x) decomposition.
    public init(decomposing activation: any Activation) throws {
        switch activation {
        case is GELU: self = .normalCDF
        case is SiLU: self = .sigmoid
        default:
            throw ModelError("HD-FGD needs a gated activation x·s(x) (gelu, silu); '\(activation.name)' has no gate decomposition")
        }
    }

    /// The activation this gate comes from.
    public var activation: any Activation {
        switch self {
        case .normalCDF: GELU()
        case .sigmoid: SiLU()
        }
    }

    /// s(v), or 1 − s(v) for the adversarial (SA) gate.
    public func value<T: RealScalar>(_ v: T, adversarial: Bool = false) -> T {
        let w = adversarial ? -v : v   // 1 − s(v) = s(−v) for both gates
        switch self {
        case .normalCDF: return T.erfc(-w / T.sqrt(2)) / 2
        case .sigmoid: return 1 / (1 + T.exp(-w))
        }
    }

    /// d/dv of `value(v, adversarial:)`: s'(v), or −s'(v).
    public func derivative<T: RealScalar>(_ v: T, adversarial: Bool = false) -> T {
        let slope: T
        switch self {
        case .normalCDF: slope = GELU.normalPDF(v)
        case .sigmoid: let s = 1 / (1 + T.exp(-v)); slope = s * (1 - s)
        }
        return adversarial ? -slope : slope
    }

    /// g[i] = s(v[i]), or 1 − s(v[i]).
    func forward(_ v: UnsafeBufferPointer<Float>, adversarial: Bool, into g: UnsafeMutableBufferPointer<Float>) {
        let sign: Float = adversarial ? -1 : 1
        switch self {
        case .normalCDF:
            for i in 0..<v.count { g[i] = FastMath.normalCDF(sign * v[i]).cdf }
        case .sigmoid:
            let half = 0.5 * sign
            for i in 0..<v.count { g[i] = 0.5 + 0.5 * FastMath.tanh(half * v[i]) }
        }
    }

    /// slope[i] = d g / d v at v[i], given the gate values g from `forward`.
    func slope(_ v: UnsafeBufferPointer<Float>, gate g: UnsafeBufferPointer<Float>, adversarial: Bool,
               into slope: UnsafeMutableBufferPointer<Float>) {
        let sign: Float = adversarial ? -1 : 1
        switch self {
        case .normalCDF:
            let c = sign / (2 * Float.pi).squareRoot()
            for i in 0..<v.count { slope[i] = c * FastMath.exp(-0.5 * v[i] * v[i]) }
        case .sigmoid:
            // σ'(v) = σ(v)σ(−v) = g(1 − g) for either gate.
            for i in 0..<v.count { slope[i] = sign * g[i] * (1 - g[i]) }
        }
    }
}
