/// Linear output with the error scaled by the exponentiated output: δ = (z − t)·exp(z), and
/// ℓ = ∫ₜᶻ (u − t)·eᵘ du = (z − t − 1)·eᶻ + eᵗ.
///
/// **Interpretation** of Oland et al. (2017), whose exact boost formula is unconfirmed. The constant
/// of integration is chosen so that ℓ ≥ 0 with its minimum 0 at z = t (ℓ → eᵗ as z → −∞).
///
/// Clamp: the exponent is min(z, c), δ = (z − t)·e^min(z,c), and ℓ is the same integral of that δ,
/// so past c it grows quadratically: ℓ = F(z) − F(t) with F(u) = (u − t − 1)eᵘ for u ≤ c and
/// F(u) = (c − t − 1)e^c + e^c((u − t)² − (c − t)²)/2 for u > c.
public struct LinearExpScaled: LinearBoostHead {
    public static let info = HeadInfo(
        name: "linear-exp-scaled", output: "z", delta: "(z − t)·exp(z)", loss: "Σ ((z − t − 1)·exp(z) + exp(t))",
        summary: "linear output, error scaled by exp(z); loss is δ's integral, 0 at z = t.",
        isInterpretation: true, source: "Oland et al. 2017 (arXiv 1707.04199), exact boost formula unconfirmed",
        allowsNegativeOthers: true, usesExponentClamp: true)

    public let options: HeadOptions
    public init(checkedOptions options: HeadOptions) { self.options = options }

    @inline(__always)
    public static func term(z: Double, target t: Double, exponentClamp c: Double) -> BoostTerm {
        let (e, clamped) = clampedExp(z, bound: c)
        let loss = antiderivative(z, target: t, exponentClamp: c) - antiderivative(t, target: t, exponentClamp: c)
        return BoostTerm(loss: loss, delta: (z - t) * e, clamped: clamped)
    }

    /// F with F' = (u − t)·e^min(u, c), continuous at c.
    @inline(__always)
    static func antiderivative(_ u: Double, target t: Double, exponentClamp c: Double) -> Double {
        if u <= c { return (u - t - 1) * clampedExp(u, bound: c).value }
        let ec = clampedExp(c, bound: c).value
        return (c - t - 1) * ec + ec * ((u - t) * (u - t) - (c - t) * (c - t)) / 2
    }
}
