/// Linear output with a cubic, sign-preserving boost of the error: ℓ = ¼(z − t)⁴, δ = (z − t)³.
///
/// **Interpretation** of the "pow-3G" variant reported for Oland et al. (2017) by a secondary summary
/// (arXivTimes #361); the paper's own formula is unconfirmed (see docs/techniques.md).
/// No exponent, so no clamp; δ grows as |z − t|³ and can explode with large logits.
public struct LinearPow3: LinearBoostHead {
    public static let info = HeadInfo(
        name: "linear-pow3", output: "z", delta: "(z − t)³", loss: "¼‖z − t‖⁴",
        summary: "linear output, cubic boost of the error (pow-3G).",
        isInterpretation: true, source: "Oland et al. 2017 (arXiv 1707.04199) via arXivTimes #361, formula unconfirmed",
        allowsNegativeOthers: true, usesExponentClamp: false)

    public let options: HeadOptions
    public init(checkedOptions options: HeadOptions) { self.options = options }

    @inline(__always)
    public static func term(z: Double, target t: Double, exponentClamp: Double) -> BoostTerm {
        let d = z - t
        let d2 = d * d
        return BoostTerm(loss: 0.25 * d2 * d2, delta: d2 * d)
    }
}
