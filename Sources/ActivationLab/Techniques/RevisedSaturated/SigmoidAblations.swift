import RealModule

/// The two halves of Xu et al.'s fix of the sigmoid, separately, for an ablation: the paper explains the
/// sigmoid's trouble by its slope ¼ at the origin and its non-zero centre (σ(0) = ½). `4σ(x) − 2` fixes
/// both; each of these fixes one, so a comparison can tell which of the two matters.

/// σ(x) − ½ = ½·tanh(x/2): zero-centred, slope ¼ at the origin (the sigmoid's slope).
public struct CenteredSigmoid: Activation {
    public init() {}
    public var name: String { "centered-sigmoid" }
    public func value<T: RealScalar>(_ x: T) -> T { T.tanh(x / 2) / 2 }
    public func derivative<T: RealScalar>(_ x: T) -> T { let h = T.tanh(x / 2); return (1 - h * h) / 4 }
    public var derivativeBounds: ClosedRange<Double> { 0...0.25 }

    public func forward(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        for i in 0..<x.count { y[i] = 0.5 * FastMath.tanh(0.5 * x[i]) }
    }

    /// From the saved output y = ½·tanh(x/2): f' = (1 − (2y)²)/4.
    public func backward(x: UnsafeBufferPointer<Float>, y: UnsafeBufferPointer<Float>,
                         outputGradient dy: UnsafeBufferPointer<Float>, into dx: UnsafeMutableBufferPointer<Float>) {
        for i in 0..<x.count {
            let h = 2 * y[i]
            dx[i] = dy[i] * 0.25 * (1 - h * h)
        }
    }
}

/// 4σ(x) = 2 + 2·tanh(x/2): slope 1 at the origin (like tanh), but centred at 2, not 0.
public struct SteepSigmoid: Activation {
    public init() {}
    public var name: String { "steep-sigmoid" }
    public func value<T: RealScalar>(_ x: T) -> T { 2 + 2 * T.tanh(x / 2) }
    public func derivative<T: RealScalar>(_ x: T) -> T { let h = T.tanh(x / 2); return 1 - h * h }
    public var derivativeBounds: ClosedRange<Double> { 0...1 }

    public func forward(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        for i in 0..<x.count { y[i] = 2 + 2 * FastMath.tanh(0.5 * x[i]) }
    }

    /// From the input (the output near 4 has lost the precision of 1 − tanh²).
    public func backward(x: UnsafeBufferPointer<Float>, y: UnsafeBufferPointer<Float>,
                         outputGradient dy: UnsafeBufferPointer<Float>, into dx: UnsafeMutableBufferPointer<Float>) {
        for i in 0..<x.count {
            let h = FastMath.tanh(0.5 * x[i])
            dx[i] = dy[i] * (1 - h * h)
        }
    }
}
