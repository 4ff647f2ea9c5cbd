
/// A linear output head (Oland et al. 2017): the output is the logits z themselves, and the head is
/// fully described by one element-wise rule — the "boost" — giving ℓ(z, t) and δ = ∂ℓ/∂z.
///
/// Adding a reading of the boost is one conforming type with one `term` function. Reduction (the same
/// for every head): loss = mean over the batch of Σ over classes of ℓ; δ = ∂ℓ/∂z / batch, which is
/// exactly the gradient of the reported loss. Terms are computed in Double from the Float logits.
public protocol LinearBoostHead: CatalogHead {
    /// ℓ(z, t) and ∂ℓ/∂z for one logit z with target t, exponents clamped at `exponentClamp`.
    static func term(z: Double, target t: Double, exponentClamp: Double) -> BoostTerm
}

extension LinearBoostHead {
    /// The identity: a linear head predicts with its logits.
    public func output(_ logits: Tensor) -> Tensor { logits }

    public func evaluate(logits: Tensor, labels: [Int32]) -> HeadResult {
        let (batch, classes) = (logits.rows, logits.columns)
        guard batch > 0 else { return HeadResult(loss: 0, gradient: logits) }
        let (correct, other, bound) = (options.correctTarget, options.otherTarget, options.exponentClamp)
        let inverseBatch = 1 / Double(batch)
        var gradient = logits
        var loss = 0.0
        var clampEvents = 0
        gradient.withUnsafeMutableBufferPointer { g in
            for r in 0..<batch {
                let label = Int(labels[r])
                let base = r * classes
                for j in 0..<classes {
                    let term = Self.term(z: Double(g[base + j]), target: j == label ? correct : other,
                                         exponentClamp: bound)
                    loss += term.loss
                    g[base + j] = Float(term.delta * inverseBatch)
                    if term.clamped { clampEvents += 1 }
                }
            }
        }
        return HeadResult(loss: loss * inverseBatch, gradient: gradient, clampEvents: clampEvents)
    }
}
