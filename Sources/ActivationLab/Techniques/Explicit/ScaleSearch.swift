import Foundation

/// The one-dimensional fit of the explicit solution's scale `s` (= 1/K, the inverse priming number).
///
/// With unit-scale scores `A = H·W₀ᵀ` the logits are `s·A + b`, and the cross-entropy
/// `CE(s) = mean_n [logsumexp_j(s·A_nj + b_j) − (s·A_ny + b_y)]` is convex in `s` (a log-sum-exp of
/// functions affine in `s`), so it is unimodal in `log s`. `fit` uses safeguarded Newton steps on `s`
/// (`CE′(s) = mean(E_p[a] − a_y)`, `CE″(s) = mean(Var_p[a])`), a handful of passes over the scores, and
/// falls back to a golden-section search on `log s` (`goldenSection`) if Newton does not settle.
public enum ScaleSearch {
    /// The mean cross-entropy of the logits `s·scores + bias` against `labels`: the loss part of
    /// `derivatives` (one routine, so the fitted and the reported loss always agree to the bit).
    /// - Parameter scores: `[labels.count, bias.count]` row-major unit-scale scores.
    public static func crossEntropy(scores: [Float], labels: [Int32], bias: [Float], scale s: Double) -> Double {
        derivatives(scores: scores, labels: labels, bias: bias, scale: s).loss
    }

    /// The cross-entropy and its first and second derivatives with respect to `s`.
    public static func derivatives(scores: [Float], labels: [Int32], bias: [Float],
                                   scale s: Double) -> (loss: Double, first: Double, second: Double) {
        let classes = bias.count
        let n = labels.count
        guard n > 0 else { return (0, 0, 0) }
        let factor = Float(s)
        var (loss, first, second) = (0.0, 0.0, 0.0)
        var row = [Float](repeating: 0, count: classes)
        scores.withUnsafeBufferPointer { a in
            bias.withUnsafeBufferPointer { b in
                row.withUnsafeMutableBufferPointer { p in
                    for r in 0..<n {
                        let base = r * classes
                        var peak = -Float.infinity
                        for j in 0..<classes {
                            p[j] = factor * a[base + j] + b[j]
                            peak = max(peak, p[j])
                        }
                        let label = Int(labels[r])
                        let labelLogit = p[label]
                        var sum: Float = 0
                        var mean: Float = 0
                        for j in 0..<classes {
                            p[j] = expf(p[j] - peak)
                            sum += p[j]
                            mean += p[j] * a[base + j]
                        }
                        mean /= sum
                        var variance: Float = 0
                        for j in 0..<classes {
                            let d = a[base + j] - mean
                            variance += p[j] * d * d
                        }
                        loss += Double(peak) + log(Double(sum)) - Double(labelLogit)
                        first += Double(mean) - Double(a[base + label])
                        second += Double(variance / sum)
                    }
                }
            }
        }
        let count = Double(n)
        return (loss / count, first / count, second / count)
    }

    /// The `s` in `[lower, upper]` that minimises `crossEntropy`, and the cross-entropy there:
    /// safeguarded Newton from `s = 1` (a step that raises the loss is halved), to a relative step
    /// below `tolerance`; golden-section search if that fails to converge.
    public static func fit(scores: [Float], labels: [Int32], bias: [Float],
                           lower: Double = 1e-4, upper: Double = 1e3,
                           tolerance: Double = 1e-5) -> (scale: Double, crossEntropy: Double) {
        var s = min(max(1, lower), upper)
        var current = derivatives(scores: scores, labels: labels, bias: bias, scale: s)
        for _ in 0..<60 {
            guard current.second > 0, current.first.isFinite else { break }
            var step = -current.first / current.second
            var accepted = false
            for _ in 0..<40 {
                let candidate = min(max(s + step, lower), upper)
                let next = derivatives(scores: scores, labels: labels, bias: bias, scale: candidate)
                if next.loss <= current.loss + 1e-12 {
                    let moved = abs(candidate - s)
                    (s, current, accepted) = (candidate, next, true)
                    if moved <= tolerance * s { return (s, current.loss) }
                    break
                }
                step /= 2
            }
            if !accepted { return (s, current.loss) }
        }
        return goldenSection(scores: scores, labels: labels, bias: bias, lower: lower, upper: upper)
    }

    /// The `s` in `[lower, upper]` that minimises `crossEntropy`, by golden-section search on `log s`
    /// to a precision of `tolerance` in `log s`, and the cross-entropy there.
    public static func goldenSection(scores: [Float], labels: [Int32], bias: [Float],
                           lower: Double = 1e-4, upper: Double = 1e3,
                           tolerance: Double = 1e-4) -> (scale: Double, crossEntropy: Double) {
        let ratio = (5.0.squareRoot() - 1) / 2
        func loss(_ t: Double) -> Double { crossEntropy(scores: scores, labels: labels, bias: bias, scale: exp(t)) }
        var (a, b) = (log(lower), log(upper))
        var c = b - ratio * (b - a)
        var d = a + ratio * (b - a)
        var (fc, fd) = (loss(c), loss(d))
        while b - a > tolerance {
            if fc <= fd {
                (b, d, fd) = (d, c, fc)
                c = b - ratio * (b - a)
                fc = loss(c)
            } else {
                (a, c, fc) = (c, d, fd)
                d = a + ratio * (b - a)
                fd = loss(d)
            }
        }
        let t = fc <= fd ? c : d
        return (exp(t), min(fc, fd))
    }
}
