/// A learnable tensor and the gradient that `backward` accumulates into it.
public final class Parameter {
    /// A short name for diagnostics and checkpoints, e.g. `"weight"`.
    public let name: String
    /// The current value.
    public var value: Tensor
    /// ∂loss/∂value, accumulated by `backward`; the trainer zeroes it before each step.
    public var gradient: Tensor {
        get { storedGradient }
        set { storedGradient = newValue; gradientIsZero = false }
        _modify { gradientIsZero = false; yield &storedGradient }
    }
    /// Multiplies the optimiser's learning rate for this parameter
    /// (Vatanen et al. slow down long shortcut connections this way).
    public var learningRateScale: Float
    /// Whether weight decay applies (weights: yes; biases and normalisation parameters: no).
    public var decays: Bool

    private var storedGradient: Tensor
    /// True while the gradient is known to be all zeros (from `zeroGradient` or `consumeGradient`, with no write
    /// since: every write goes through `gradient`'s setter or modify accessor, which clear it).
    public private(set) var gradientIsZero = true

    public init(name: String, value: Tensor, learningRateScale: Float = 1, decays: Bool = true) {
        self.name = name
        self.value = value
        self.storedGradient = Tensor(zeros: value.shape)
        self.learningRateScale = learningRateScale
        self.decays = decays
    }

    /// Sets the gradient to zero: nothing to do when it is known to be zero already (an optimiser cleared it
    /// in its own pass), else on both cores for large tensors (a megabyte of an MLP's weights is a
    /// memory-bound pass, ~1% of its step on one core).
    public func zeroGradient() {
        guard !gradientIsZero else { return }
        let count = storedGradient.count
        if count < 1 << 15 {
            storedGradient.fill(0)
        } else {
            storedGradient.withUnsafeMutableBufferPointer { g in
                let base = g.baseAddress!
                BatchHalves.run(elements: count, minimumChunk: 4096) { range, _ in
                    (base + range.lowerBound).update(repeating: 0, count: range.count)
                }
            }
        }
        gradientIsZero = true
    }

    /// Lets `body` read the gradient for the last time and zero it in the same pass (an optimiser's update
    /// while the gradient is in cache, instead of a separate zeroing pass before the next step).
    /// - Precondition: `body` leaves every element zero.
    public func consumeGradient<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        let result = try storedGradient.withUnsafeMutableBufferPointer { try body($0) }
        gradientIsZero = true
        return result
    }
}
