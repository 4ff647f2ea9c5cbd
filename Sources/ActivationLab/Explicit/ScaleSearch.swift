import Foundation

/// The one-dimensional fit of the explicit solution's scale `s` (= 1/K, the inverse priming number).
///
/// With unit-scale scores `A = H·W₀ᵀ` the logits are `s·A + b`, and the cross-entropy
/// `CE(s) = mean_n [logsumexp_j(s·A_nj + b_j) − (s·A_ny + b_y)]` is convex in `s` (a log-sum-exp of
/// functions affine in `s`), so it is unimodal in `log s` and a golden-section search finds its minimum.
public enum ScaleSearch {
    /// The mean cross-entropy of the logits `s·scores + bias` against `labels`.
    /// - Parameter scores: `[labels.count, bias.count]` row-major unit-scale scores.
    public static func crossEntropy(scores: [Float], labels: [Int32], bias: [Float], scale s: Double) -> Double {
        let classes = bias.count
        let n = labels.count
        guard n > 0 else { return 0 }
        let factor = Float(s)
        var total = 0.0
        var row = [Float](repeating: 0, count: classes)
        scores.withUnsafeBufferPointer { a in
            bias.withUnsafeBufferPointer { b in
                row.withUnsafeMutableBufferPointer { z in
                    for r in 0..<n {
                        let base = r * classes
                        var peak = -Float.infinity
                        for j in 0..<classes {
                            z[j] = factor * a[base + j] + b[j]
                            peak = max(peak, z[j])
                        }
                        var sum: Float = 0
                        for j in 0..<classes { sum += expf(z[j] - peak) }
                        total += Double(peak) + log(Double(sum)) - Double(z[Int(labels[r])])
                    }
                }
            }
        }
        return total / Double(n)
    }

    /// The `s` in `[lower, upper]` that minimises `crossEntropy`, by golden-section search on `log s`
    /// to a relative precision of about `tolerance`, and the cross-entropy there.
    public static func fit(scores: [Float], labels: [Int32], bias: [Float],
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
