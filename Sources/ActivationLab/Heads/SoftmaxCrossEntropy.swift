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
        let (batch, classes) = (logits.rows, logits.columns)
        guard batch > 0 else { return HeadResult(loss: 0, gradient: Softmax.probabilities(logits)) }
        let scale = options.targetScale
        let step = Float(scale / Double(batch))
        var gradient = logits
        // Each row's log-probability and δ on whichever core takes its chunk; the loss is summed in row order
        // afterwards, so it has the same bits on one core and two.
        var logProbabilities = [Double](repeating: 0, count: batch)
        logits.withUnsafeBufferPointer { z in
            gradient.withUnsafeMutableBufferPointer { p in
                logProbabilities.withUnsafeMutableBufferPointer { logP in
                    let (z, p, logP) = (z.baseAddress!, p.baseAddress!, logP.baseAddress!)
                    Softmax.inRowChunks(batch, classes: classes) { rows, _ in
                        for r in rows {
                            let label = Int(labels[r])
                            logP[r] = Softmax.logProbability(UnsafeBufferPointer(start: z + r * classes, count: classes),
                                                             column: label)
                            let row = UnsafeMutableBufferPointer(start: p + r * classes, count: classes)
                            Softmax.normalize(row)
                            for j in row.indices { row[j] *= step }
                            row[label] -= step
                        }
                    }
                }
            }
        }
        var loss = 0.0
        for logP in logProbabilities { loss -= scale * logP }
        return HeadResult(loss: loss / Double(batch), gradient: gradient)
    }
}
