/// Linear output with the exponential boost applied to the error: with u = z − t,
/// ℓ = exp(u) − u, δ = exp(u) − 1.
///
/// **Interpretation** of Oland et al. (2017), whose exact boost formula is unconfirmed (the readings are
/// listed in docs/techniques.md). Over-prediction (u > 0) is boosted exponentially, under-prediction
/// is bounded in (−1, 0), the same asymmetry as softmax-CE. The loss is the spec's form, so its
/// minimum is 1 per logit (at z = t), not 0; only δ drives training.
///
/// Clamp: for u > c, δ = e^c − 1 and ℓ = e^c(1 + u − c) − u (the tangent), so δ stays exact.
public struct LinearExpError: LinearBoostHead {
    public static let info = HeadInfo(
        name: "linear-exp-error", output: "z", delta: "exp(z − t) − 1", loss: "Σ (exp(z − t) − (z − t))",
        summary: "linear output, exponential boost of the error z − t.",
        isInterpretation: true, source: "Oland et al. 2017 (arXiv 1707.04199), exact boost formula unconfirmed",
        allowsNegativeOthers: true, usesExponentClamp: true)

    public let options: HeadOptions
    public init(checkedOptions options: HeadOptions) { self.options = options }

    @inline(__always)
    public static func term(z: Double, target t: Double, exponentClamp c: Double) -> BoostTerm {
        let u = z - t
        let (e, clamped) = clampedExp(u, bound: c)
        let boosted = clamped ? e * (1 + u - c) : e
        return BoostTerm(loss: boosted - u, delta: e - 1, clamped: clamped)
    }
}
