/// Softmax output with cross-entropy loss: ℓ = −Σ t·log softmax(z), δ = (Σt)·softmax(z) − t.
///
/// With the one-hot target scaled by s (t_other is always 0 here) that is ℓ = −s·log p_label and
/// δ = s·(p − onehot). The loss uses log-sum-exp in Double and stays finite for any logits; the
/// max-shifted softmax never overflows, so no exponent clamp is needed.
public struct SoftmaxCrossEntropy: CatalogHead {
    public static let info = HeadInfo(
        name: "softmax-ce", output: "softmax(z)", delta: "softmax(z) − t", loss: "−Σ t·log softmax(z)",
        summary: "softmax output, cross-entropy (the standard baseline).",
        isInterpretation: false, source: "textbook; the baseline of Oland et al. 2017",
        allowsNegativeOthers: false, negativeOthersRestriction: HeadInfo.bounded, usesExponentClamp: false)

    public let options: HeadOptions
    public init(checkedOptions options: HeadOptions) { self.options = options }

    public func output(_ logits: Tensor) -> Tensor { Softmax.probabilities(logits) }

    public func evaluate(logits: Tensor, labels: [Int32]) -> HeadResult {
        var probabilities = Softmax.probabilities(logits)
        let (batch, classes) = (logits.rows, logits.columns)
        guard batch > 0 else { return HeadResult(loss: 0, gradient: probabilities) }
        let scale = options.targetScale
        var loss = 0.0
        let step = Float(scale / Double(batch))
        probabilities.withUnsafeMutableBufferPointer { p in
            for r in 0..<batch {
                let label = Int(labels[r])
                loss -= scale * Softmax.logProbability(logits, row: r, column: label)
                for j in 0..<classes { p[r * classes + j] *= step }
                p[r * classes + label] -= step
            }
        }
        return HeadResult(loss: loss / Double(batch), gradient: probabilities)
    }
}
