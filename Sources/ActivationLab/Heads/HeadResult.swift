/// What a head computes for one minibatch.
public struct HeadResult {
    /// The head's own loss, averaged over the batch.
    public var loss: Double
    /// δ = ∂loss/∂logits, already divided by the batch size: the error injected into the network.
    public var gradient: Tensor
    /// How often a numeric safeguard (e.g. an exponent clamp) had to act in this batch.
    public var clampEvents: Int

    public init(loss: Double, gradient: Tensor, clampEvents: Int = 0) {
        self.loss = loss
        self.gradient = gradient
        self.clampEvents = clampEvents
    }
}
