/// Linear output with the exponential boost read as "softmax's gradient without its normalisation":
/// ℓ = exp(z) − t·z, δ = exp(z) − t (a Poisson-type loss with log link).
///
/// **Interpretation.** Oland et al. (2017) exponentiate the back-propagated error, but their exact
/// formula is unconfirmed; this is our default reading (see docs/techniques.md).
/// The other readings are `linear-exp-error`, `linear-exp-scaled` and `linear-pow3`.
///
/// Clamp: for z > c the exponent is held at c, δ = e^c − t, and the loss continues along its tangent,
/// ℓ = e^c(1 + z − c) − t·z, so δ stays its exact gradient. `t_other = −s` is refused: exp(z) > 0 can
/// never reach a negative target, so the loss would have no minimum and those logits would drift to −∞.
public struct LinearExp: LinearBoostHead {
    public static let info = HeadInfo(
        name: "linear-exp", output: "z", delta: "exp(z) − t", loss: "Σ (exp(z) − t·z)",
        summary: "linear output, exponential boost read as softmax's gradient without its normalisation (default boost).",
        isInterpretation: true, source: "Oland et al. 2017 (arXiv 1707.04199), exact boost formula unconfirmed",
        allowsNegativeOthers: false,
        negativeOthersRestriction: "exp(z) > 0 can never reach a negative target, so the loss would have no minimum",
        usesExponentClamp: true)

    public let options: HeadOptions
    public init(checkedOptions options: HeadOptions) { self.options = options }

    @inline(__always)
    public static func term(z: Double, target t: Double, exponentClamp c: Double) -> BoostTerm {
        let (e, clamped) = clampedExp(z, bound: c)
        let boosted = clamped ? e * (1 + z - c) : e
        return BoostTerm(loss: boosted - t * z, delta: e - t, clamped: clamped)
    }
}
