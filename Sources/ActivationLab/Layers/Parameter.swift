/// A learnable tensor and the gradient that `backward` accumulates into it.
public final class Parameter {
    /// A short name for diagnostics and checkpoints, e.g. `"weight"`.
    public let name: String
    /// The current value.
    public var value: Tensor
    /// ∂loss/∂value, accumulated by `backward`; the trainer zeroes it before each step.
    public var gradient: Tensor
    /// Multiplies the optimiser's learning rate for this parameter
    /// (Vatanen et al. slow down long shortcut connections this way).
    public var learningRateScale: Float
    /// Whether weight decay applies (weights: yes; biases and normalisation parameters: no).
    public var decays: Bool

    public init(name: String, value: Tensor, learningRateScale: Float = 1, decays: Bool = true) {
        self.name = name
        self.value = value
        self.gradient = Tensor(zeros: value.shape)
        self.learningRateScale = learningRateScale
        self.decays = decays
    }

    /// Sets the gradient to zero: on both cores for large tensors (a megabyte of an MLP's weights is a
    /// memory-bound pass, ~1% of its step on one core).
    public func zeroGradient() {
        let count = gradient.count
        guard count >= 1 << 15 else { return gradient.fill(0) }
        gradient.withUnsafeMutableBufferPointer { g in
            let base = g.baseAddress!
            BatchHalves.run(elements: count, minimumChunk: 4096) { range, _ in
                (base + range.lowerBound).update(repeating: 0, count: range.count)
            }
        }
    }
}
