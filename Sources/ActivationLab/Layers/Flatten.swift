/// Flattens every sample to a vector, `[N, d₁, d₂, …] → [N, d₁·d₂·…]` (as `nn.Flatten`); backward
/// restores the input shape. The elements are not moved (the layout is already row-major).
public final class Flatten: Layer {
    private var inputShape: [Int] = []

    public init() {}

    public var description: String { "Flatten" }

    public func outputShape(forInput shape: [Int]) throws -> [Int] {
        guard !shape.isEmpty else { throw ModelError("\(description) needs a per-sample shape, got []") }
        return [shape.reduce(1, *)]
    }

    public func forward(_ input: Tensor, mode: ForwardMode) -> Tensor {
        inputShape = input.shape
        return input.reshaped([input.rows, input.columns])
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard needsInputGradient else { return nil }
        return outputGradient.reshaped(inputShape)
    }
}
