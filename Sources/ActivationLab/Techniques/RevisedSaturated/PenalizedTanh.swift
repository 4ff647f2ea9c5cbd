import RealModule

/// Penalized tanh, Xu, Huang & Li, "Revise Saturated Activation Functions" (arXiv 1602.05980, 2016):
/// tanh damped by a factor `a` on the negative side, breaking its symmetry the way leaky ReLU breaks
/// the identity's.
///
/// f(x) = tanh(x) for x > 0, a·tanh(x) for x ≤ 0 (a = 0.25 by default, as in the public
/// implementations that cite the paper);
/// f'(x) = 1 − tanh²(x) for x > 0, a·(1 − tanh²(x)) for x ≤ 0.
///
/// At exactly x = 0 the derivative is the left-hand slope `a`, following the `x ≤ 0` branch of the
/// definition (and PyTorch's convention for leaky ReLU); the value there is 0 either way.
/// Any finite `a` is accepted; the paper's setting is 0 < a < 1.
public struct PenalizedTanh: Activation {
    /// The factor on the negative side.
    public let a: Double
    public init(a: Double = 0.25) { self.a = a }
    public var name: String { a == 0.25 ? "penalized-tanh" : "penalized-tanh:\(a)" }

    public func value<T: RealScalar>(_ x: T) -> T {
        let t = T.tanh(x)
        return x > 0 ? t : T(a) * t
    }

    public func derivative<T: RealScalar>(_ x: T) -> T {
        let t = T.tanh(x)
        return x > 0 ? 1 - t * t : T(a) * (1 - t * t)
    }

    /// The positive side's slope lies in (0, 1], the negative side's between 0 and a.
    public var derivativeBounds: ClosedRange<Double> { min(0, a)...max(1, a) }

    public func forward(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        let a = Float(self.a)
        for i in 0..<x.count {
            let t = FastMath.tanh(x[i])
            y[i] = x[i] > 0 ? t : a * t
        }
    }

    /// From the saved output y: 1 − y² for x > 0; for x ≤ 0, y = a·t so a·(1 − t²) = a − y²/a
    /// (and 0 when a = 0, where y is 0 too).
    public func backward(x: UnsafeBufferPointer<Float>, y: UnsafeBufferPointer<Float>,
                         outputGradient dy: UnsafeBufferPointer<Float>, into dx: UnsafeMutableBufferPointer<Float>) {
        let a = Float(self.a)
        let inverseA: Float = a == 0 ? 0 : 1 / a
        for i in 0..<x.count {
            let yy = y[i] * y[i]
            dx[i] = dy[i] * (x[i] > 0 ? 1 - yy : a - yy * inverseA)
        }
    }
}
