import RealModule

/// The scalar types activation formulas are written for: Float in the kernels, Double in gradient checks.
public typealias RealScalar = Real & BinaryFloatingPoint

/// An element-wise nonlinearity: its value and derivative as small generic functions, plus fused
/// kernels over contiguous buffers that the layers call once per batch.
///
/// Conforming types only need `value` and `derivative` (generic over `Real`, so the same formula serves
/// Float kernels and Double gradient checks) and the derivative's range. The default kernels loop
/// over those; an activation whose backward is cheaper from its output (tanh, sigmoid) overrides
/// `backward`.
public protocol Activation: Sendable, CustomStringConvertible {
    /// The catalog name, including a non-default parameter: `"leaky-relu:0.25"`.
    var name: String { get }
    /// f(x).
    func value<T: RealScalar>(_ x: T) -> T
    /// f'(x). At a kink, the one-sided value documented by the activation.
    func derivative<T: RealScalar>(_ x: T) -> T
    /// The infimum and supremum of f' over the reals (for saturation diagnostics and adversarial partners).
    var derivativeBounds: ClosedRange<Double> { get }
    /// Whether `init=auto` should use He initialisation (ReLU-like units that pass about half their input's
    /// variance) rather than Glorot. Default: false.
    var prefersHeInitialization: Bool { get }

    /// y[i] = f(x[i]).
    func forward(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>)
    /// dx[i] = dy[i] · f'(x[i]); `y` holds f(x) from the forward pass, for activations that reuse it.
    func backward(x: UnsafeBufferPointer<Float>, y: UnsafeBufferPointer<Float>,
                  outputGradient dy: UnsafeBufferPointer<Float>, into dx: UnsafeMutableBufferPointer<Float>)
}

extension Activation {
    public var description: String { name }
    public var prefersHeInitialization: Bool { false }

    public func forward(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        for i in 0..<x.count { y[i] = value(x[i]) }
    }

    public func backward(x: UnsafeBufferPointer<Float>, y: UnsafeBufferPointer<Float>,
                         outputGradient dy: UnsafeBufferPointer<Float>, into dx: UnsafeMutableBufferPointer<Float>) {
        for i in 0..<x.count { dx[i] = dy[i] * derivative(x[i]) }
    }

    /// The largest slope magnitude, max(|inf f'|, |sup f'|).
    public var maximumSlope: Double { max(abs(derivativeBounds.lowerBound), abs(derivativeBounds.upperBound)) }

    /// f applied to every element of a tensor.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        var y = Tensor(zeros: x.shape)
        x.withUnsafeBufferPointer { xs in y.withUnsafeMutableBufferPointer { ys in forward(xs, into: ys) } }
        return y
    }
}
