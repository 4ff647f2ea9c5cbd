/// Linear output with squared error: ℓ = ½(z − t)², δ = z − t.
///
/// The plain linear output of Oland et al. (2017), the baseline every boost is compared against.
public struct LinearMSE: LinearBoostHead {
    public static let info = HeadInfo(
        name: "linear-mse", output: "z", delta: "z − t", loss: "½‖z − t‖²",
        summary: "linear output, squared error (Oland et al.'s unboosted baseline).",
        isInterpretation: false, source: "Oland et al. 2017 (arXiv 1707.04199)",
        allowsNegativeOthers: true, usesExponentClamp: false)

    public let options: HeadOptions
    public init(checkedOptions options: HeadOptions) { self.options = options }

    @inline(__always)
    public static func term(z: Double, target t: Double, exponentClamp: Double) -> BoostTerm {
        let d = z - t
        return BoostTerm(loss: 0.5 * d * d, delta: d)
    }
}
