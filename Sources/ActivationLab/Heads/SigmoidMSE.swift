import Foundation

/// Sigmoid output with squared error: ℓ = ½‖σ(z) − t‖², δ = (σ(z) − t)·σ'(z), σ' = σ(1 − σ).
///
/// The saturating output Oland et al. (2017) argue against: δ vanishes when σ saturates, even for a
/// wrong output. σ is computed in Double in the form that never overflows (no clamp needed).
public struct SigmoidMSE: CatalogHead {
    public static let info = HeadInfo(
        name: "sigmoid-mse", output: "σ(z)", delta: "(σ(z) − t)·σ'(z)", loss: "½‖σ(z) − t‖²",
        summary: "sigmoid output, squared error (saturating).",
        isInterpretation: false, source: "Oland et al. 2017 (arXiv 1707.04199), comparison head",
        allowsNegativeOthers: false, negativeOthersRestriction: HeadInfo.bounded, usesExponentClamp: false)

    public let options: HeadOptions
    public init(checkedOptions options: HeadOptions) { self.options = options }

    public func output(_ logits: Tensor) -> Tensor { Sigmoid()(logits) }

    public func evaluate(logits: Tensor, labels: [Int32]) -> HeadResult {
        let (batch, classes) = (logits.rows, logits.columns)
        guard batch > 0 else { return HeadResult(loss: 0, gradient: logits) }
        let inverseBatch = 1 / Double(batch)
        let correct = options.correctTarget
        var gradient = logits
        var loss = 0.0
        gradient.withUnsafeMutableBufferPointer { g in
            for r in 0..<batch {
                let label = Int(labels[r])
                for j in 0..<classes {
                    let z = Double(g[r * classes + j])
                    // exp of a non-positive number only: 1/(1 + e^−z) for z ≥ 0, e^z/(1 + e^z) otherwise.
                    let e = exp(-abs(z))
                    let s = z >= 0 ? 1 / (1 + e) : e / (1 + e)
                    let error = s - (j == label ? correct : 0)
                    loss += 0.5 * error * error
                    g[r * classes + j] = Float(error * s * (1 - s) * inverseBatch)
                }
            }
        }
        return HeadResult(loss: loss * inverseBatch, gradient: gradient)
    }
}
