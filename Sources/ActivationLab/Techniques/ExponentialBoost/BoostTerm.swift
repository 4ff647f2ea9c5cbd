/// One logit's share of a linear head: its loss term ℓ(z, t), δ = ∂ℓ/∂z, and whether the exponent
/// clamp acted.
public struct BoostTerm: Sendable, Equatable {
    public var loss: Double
    public var delta: Double
    public var clamped: Bool

    @inline(__always)
    public init(loss: Double, delta: Double, clamped: Bool = false) {
        self.loss = loss
        self.delta = delta
        self.clamped = clamped
    }
}
