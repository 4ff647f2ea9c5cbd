/// Inverted dropout (Srivastava et al., JMLR 2014; PyTorch's `nn.Dropout`): in training each element is
/// kept with probability `1 − p` and scaled by `1/(1 − p)`, so evaluation is the identity.
///
///     y = m ⊙ x / (1 − p),   m ~ Bernoulli(1 − p),   ∂x = m ⊙ ∂y / (1 − p)
///
/// Masks come from a `SeededGenerator` owned by the layer: the same seed and the same sequence of
/// calls give the same masks on every platform.
public final class Dropout: Layer {
    /// The probability `p` of zeroing an element.
    public let rate: Float
    private var rng: SeededGenerator
    /// `1/(1 − p)` where kept, 0 where dropped; empty after an evaluation-mode forward.
    private var mask: [Float] = []
    /// When set, training-mode forward passes reuse the last mask instead of drawing a new one
    /// (for finite-difference gradient checks, which evaluate the layer many times).
    var reusesMask = false

    /// - Parameters:
    ///   - rate: the drop probability p, in [0, 1).
    ///   - seed: seeds the mask generator.
    public init(rate: Float, seed: UInt64) {
        self.rate = rate
        rng = SeededGenerator(seed: seed)
    }

    public var description: String { "Dropout(\(rate))" }

    public func outputShape(forInput shape: [Int]) throws -> [Int] {
        guard rate >= 0, rate < 1 else {
            throw ModelError("\(description): the drop rate must be in [0, 1), got \(rate)")
        }
        return shape
    }

    public func forward(_ input: Tensor, mode: ForwardMode) -> Tensor {
        guard mode == .training, rate > 0 else {
            mask = []
            return input
        }
        if !(reusesMask && mask.count == input.count) {
            let keep = 1 - rate
            let scale = 1 / keep
            if mask.count != input.count { mask = [Float](repeating: 0, count: input.count) }
            mask.withUnsafeMutableBufferPointer { m in
                for i in 0..<m.count { m[i] = rng.uniform() < keep ? scale : 0 }
            }
        }
        return input * Tensor(shape: input.shape, scalars: mask)
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard needsInputGradient else { return nil }
        guard !mask.isEmpty else { return outputGradient }
        return outputGradient * Tensor(shape: outputGradient.shape, scalars: mask)
    }
}
