/// A differentiable building block of a network, with its forward and backward pass side by side.
///
/// A layer caches what its backward pass needs during `forward`, so `backward` must follow the
/// `forward` whose output it differentiates. Inputs and outputs carry the batch as their first
/// dimension; shapes passed to `outputShape(forInput:)` leave it out.
public protocol Layer: AnyObject, CustomStringConvertible {
    /// The learnable parameters, in a stable order (checkpoints rely on it).
    var parameters: [Parameter] { get }

    /// Non-learnable state to save with the parameters (running statistics), in a stable order.
    var buffers: [Buffer] { get }

    /// The per-sample output shape for a per-sample input shape, or a `ModelError` if the input does not fit.
    func outputShape(forInput shape: [Int]) throws -> [Int]

    /// Computes the layer's output for a minibatch.
    func forward(_ input: Tensor, mode: ForwardMode) -> Tensor

    /// Given ∂loss/∂output, accumulates ∂loss/∂parameter into each parameter's gradient and returns
    /// ∂loss/∂input, or `nil` when `needsInputGradient` is false (the first layer skips that work).
    func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor?
}

extension Layer {
    public var parameters: [Parameter] { [] }
    public var buffers: [Buffer] { [] }

    /// Backward pass that always returns ∂loss/∂input.
    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let gradient = backward(outputGradient, needsInputGradient: true) else {
            preconditionFailure("\(self) returned no input gradient")
        }
        return gradient
    }

    /// The number of learnable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }
}
