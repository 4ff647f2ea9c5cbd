import Foundation

/// Softmax output with squared error: ℓ = ½‖p − t‖² with p = softmax(z), and δ = Jᵀ(p − t) through
/// the softmax Jacobian J = diag(p) − p pᵀ, i.e. δᵢ = pᵢ·((pᵢ − tᵢ) − Σⱼ (pⱼ − tⱼ)·pⱼ).
///
/// A saturating output of the kind Oland et al. (2017) argue against: δ vanishes as p saturates, even
/// when the prediction is wrong. Computed in Double per row with the max-shifted softmax (no clamp needed).
public struct SoftmaxMSE: CatalogHead {
    public static let info = HeadInfo(
        name: "softmax-mse", output: "softmax(z)", delta: "Jᵀ(softmax(z) − t)", loss: "½‖softmax(z) − t‖²",
        summary: "softmax output, squared error through the softmax Jacobian (saturating).",
        isInterpretation: false, source: "Oland et al. 2017 (arXiv 1707.04199), comparison head",
        allowsNegativeOthers: false, negativeOthersRestriction: HeadInfo.bounded, usesExponentClamp: false)

    public let options: HeadOptions
    public init(checkedOptions options: HeadOptions) { self.options = options }

    public func output(_ logits: Tensor) -> Tensor { Softmax.probabilities(logits) }

    public func evaluate(logits: Tensor, labels: [Int32]) -> HeadResult {
        let (batch, classes) = (logits.rows, logits.columns)
        guard batch > 0 else { return HeadResult(loss: 0, gradient: logits) }
        let inverseBatch = 1 / Double(batch)
        let correct = options.correctTarget
        var p = [Double](repeating: 0, count: classes)
        var gradient = logits
        var loss = 0.0
        gradient.withUnsafeMutableBufferPointer { g in
            for r in 0..<batch {
                let base = r * classes
                let label = Int(labels[r])
                var peak = -Double.infinity
                for j in 0..<classes { peak = max(peak, Double(g[base + j])) }
                var total = 0.0
                for j in 0..<classes {
                    p[j] = exp(Double(g[base + j]) - peak)
                    total += p[j]
                }
                // dot = Σⱼ (pⱼ − tⱼ)·pⱼ, the common term of every δᵢ.
                var dot = 0.0
                for j in 0..<classes {
                    p[j] /= total
                    let error = p[j] - (j == label ? correct : 0)
                    loss += 0.5 * error * error
                    dot += error * p[j]
                }
                for j in 0..<classes {
                    let error = p[j] - (j == label ? correct : 0)
                    g[base + j] = Float(p[j] * (error - dot) * inverseBatch)
                }
            }
        }
        return HeadResult(loss: loss * inverseBatch, gradient: gradient)
    }
}
