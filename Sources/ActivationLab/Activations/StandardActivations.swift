import CKernels
import RealModule

// The classic catalog. Each activation is its formula and derivative; names follow PyTorch.

/// f(x) = x.
public struct Identity: Activation {
    public init() {}
    public var name: String { "identity" }
    public func value<T: RealScalar>(_ x: T) -> T { x }
    public func derivative<T: RealScalar>(_ x: T) -> T { 1 }
    public var derivativeBounds: ClosedRange<Double> { 1...1 }
}

/// Logistic sigmoid σ(x) = 1 / (1 + e^−x); σ' = σ(1 − σ) ∈ (0, ¼].
public struct Sigmoid: Activation {
    public init() {}
    public var name: String { "sigmoid" }
    public func value<T: RealScalar>(_ x: T) -> T { 1 / (1 + T.exp(-x)) }
    public func derivative<T: RealScalar>(_ x: T) -> T { let s = value(x); return s * (1 - s) }
    public var derivativeBounds: ClosedRange<Double> { 0...0.25 }

    public func forward(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        for i in 0..<x.count { y[i] = 0.5 + 0.5 * FastMath.tanh(0.5 * x[i]) }
    }

    public func backward(x: UnsafeBufferPointer<Float>, y: UnsafeBufferPointer<Float>,
                         outputGradient dy: UnsafeBufferPointer<Float>, into dx: UnsafeMutableBufferPointer<Float>) {
        for i in 0..<x.count { dx[i] = dy[i] * y[i] * (1 - y[i]) }
    }
}

/// Hyperbolic tangent; tanh' = 1 − tanh² ∈ (0, 1].
public struct Tanh: Activation {
    public init() {}
    public var name: String { "tanh" }
    public func value<T: RealScalar>(_ x: T) -> T { T.tanh(x) }
    public func derivative<T: RealScalar>(_ x: T) -> T { let t = T.tanh(x); return 1 - t * t }
    public var derivativeBounds: ClosedRange<Double> { 0...1 }

    /// `FastMath.tanh` in C (`ck_tanh`, the same floats): 8 lanes in its AVX2 build, where Swift's loop has 4.
    public func forward(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        guard let input = x.baseAddress, let output = y.baseAddress else { return }
        ck_tanh(input, output, x.count, KernelChoice.current.usesWideInstructions)
    }

    public func backward(x: UnsafeBufferPointer<Float>, y: UnsafeBufferPointer<Float>,
                         outputGradient dy: UnsafeBufferPointer<Float>, into dx: UnsafeMutableBufferPointer<Float>) {
        for i in 0..<x.count { dx[i] = dy[i] * (1 - y[i] * y[i]) }
    }
}

/// max(0, x); slope 0 at x = 0, as in PyTorch.
public struct ReLU: Activation {
    public var prefersHeInitialization: Bool { true }
    public init() {}
    public var name: String { "relu" }
    public func value<T: RealScalar>(_ x: T) -> T { x > 0 ? x : 0 }
    public func derivative<T: RealScalar>(_ x: T) -> T { x > 0 ? 1 : 0 }
    public var derivativeBounds: ClosedRange<Double> { 0...1 }

    public func forward(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        for i in 0..<x.count { y[i] = max(x[i], 0) }
    }

    public func backward(x: UnsafeBufferPointer<Float>, y: UnsafeBufferPointer<Float>,
                         outputGradient dy: UnsafeBufferPointer<Float>, into dx: UnsafeMutableBufferPointer<Float>) {
        for i in 0..<x.count { let g = dy[i]; dx[i] = x[i] > 0 ? g : 0 }   // unconditional load: vectorises
    }
}

/// x for x > 0, a·x otherwise (slope a at 0, as in PyTorch). Default a = 0.01.
public struct LeakyReLU: Activation {
    public var prefersHeInitialization: Bool { true }
    public let slope: Double
    public init(slope: Double = 0.01) { self.slope = slope }
    public var name: String { slope == 0.01 ? "leaky-relu" : "leaky-relu:\(slope)" }
    public func value<T: RealScalar>(_ x: T) -> T { x > 0 ? x : T(slope) * x }
    public func derivative<T: RealScalar>(_ x: T) -> T { x > 0 ? 1 : T(slope) }
    public var derivativeBounds: ClosedRange<Double> { min(slope, 1)...max(slope, 1) }

    public func forward(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        let a = Float(slope)
        for i in 0..<x.count { y[i] = x[i] > 0 ? x[i] : a * x[i] }
    }

    public func backward(x: UnsafeBufferPointer<Float>, y: UnsafeBufferPointer<Float>,
                         outputGradient dy: UnsafeBufferPointer<Float>, into dx: UnsafeMutableBufferPointer<Float>) {
        let a = Float(slope)
        for i in 0..<x.count { dx[i] = dy[i] * (x[i] > 0 ? 1 : a) }   // select, not a branch: vectorises
    }
}

/// Clevert et al. (2016): x for x > 0, α(eˣ − 1) otherwise. Default α = 1.
public struct ELU: Activation {
    public var prefersHeInitialization: Bool { true }
    public let alpha: Double
    public init(alpha: Double = 1) { self.alpha = alpha }
    public var name: String { alpha == 1 ? "elu" : "elu:\(alpha)" }
    public func value<T: RealScalar>(_ x: T) -> T { x > 0 ? x : T(alpha) * T.expMinusOne(x) }
    public func derivative<T: RealScalar>(_ x: T) -> T { x > 0 ? 1 : T(alpha) * T.exp(x) }
    public var derivativeBounds: ClosedRange<Double> { 0...max(1, alpha) }
}

/// log(1 + eˣ), computed stably as max(x, 0) + log1p(e^−|x|); softplus' = σ(x).
public struct Softplus: Activation {
    public init() {}
    public var name: String { "softplus" }
    public func value<T: RealScalar>(_ x: T) -> T { max(x, 0) + T.log(onePlus: T.exp(-abs(x))) }
    public func derivative<T: RealScalar>(_ x: T) -> T { 1 / (1 + T.exp(-x)) }
    public var derivativeBounds: ClosedRange<Double> { 0...1 }
}

/// Hendrycks & Gimpel (2016), exact form: x·Φ(x) with Φ the standard normal CDF.
public struct GELU: Activation {
    public var prefersHeInitialization: Bool { true }
    public init() {}
    public var name: String { "gelu" }
    public func value<T: RealScalar>(_ x: T) -> T { x * Self.normalCDF(x) }
    public func derivative<T: RealScalar>(_ x: T) -> T { Self.normalCDF(x) + x * Self.normalPDF(x) }
    /// GELU' ranges over [−0.128904, 1.128904], with its extremes at x = ∓√2.
    public var derivativeBounds: ClosedRange<Double> { -0.12890414518515479...1.1289041451851548 }

    /// Φ(x) = ½(1 + erf(x/√2)).
    public static func normalCDF<T: RealScalar>(_ x: T) -> T { (1 + T.erf(x / T.sqrt(2))) / 2 }
    /// φ(x) = e^(−x²/2)/√(2π).
    public static func normalPDF<T: RealScalar>(_ x: T) -> T { T.exp(-x * x / 2) / T.sqrt(2 * T.pi) }

    static let inverseSqrtTwoPi: Float = 0.398942280401432678

    public func forward(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        for i in 0..<x.count { y[i] = x[i] * FastMath.normalCDF(x[i]).cdf }
    }

    public func backward(x: UnsafeBufferPointer<Float>, y: UnsafeBufferPointer<Float>,
                         outputGradient dy: UnsafeBufferPointer<Float>, into dx: UnsafeMutableBufferPointer<Float>) {
        for i in 0..<x.count {
            let (cdf, gaussian) = FastMath.normalCDF(x[i])
            dx[i] = dy[i] * (cdf + x[i] * gaussian * Self.inverseSqrtTwoPi)
        }
    }
}

/// SiLU / Swish (Elfwing et al. 2018; Ramachandran et al. 2017): x·σ(x).
public struct SiLU: Activation {
    public var prefersHeInitialization: Bool { true }
    public init() {}
    public var name: String { "silu" }
    public func value<T: RealScalar>(_ x: T) -> T { x / (1 + T.exp(-x)) }
    public func derivative<T: RealScalar>(_ x: T) -> T { let s = 1 / (1 + T.exp(-x)); return s * (1 + x * (1 - s)) }
    /// SiLU' ranges over [−0.099839, 1.099839], with its extremes at x ≈ ∓2.399357.
    public var derivativeBounds: ClosedRange<Double> { -0.09983932012886692...1.0998393201288669 }

    /// σ(x) = ½ + ½·tanh(x/2), vectorised.
    public func forward(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        for i in 0..<x.count { y[i] = x[i] * (0.5 + 0.5 * FastMath.tanh(0.5 * x[i])) }
    }

    public func backward(x: UnsafeBufferPointer<Float>, y: UnsafeBufferPointer<Float>,
                         outputGradient dy: UnsafeBufferPointer<Float>, into dx: UnsafeMutableBufferPointer<Float>) {
        for i in 0..<x.count {
            let s = 0.5 + 0.5 * FastMath.tanh(0.5 * x[i])
            dx[i] = dy[i] * s * (1 + x[i] * (1 - s))
        }
    }
}
