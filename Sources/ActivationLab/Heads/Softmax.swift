import Foundation

/// Numerically stable softmax helpers shared by heads and metrics.
public enum Softmax {
    /// Row-wise softmax of `[N, classes]` logits, computed as exp(z − max z) / Σ.
    public static func probabilities(_ logits: Tensor) -> Tensor {
        let (batch, classes) = (logits.rows, logits.columns)
        var out = logits
        out.withUnsafeMutableBufferPointer { p in
            for r in 0..<batch {
                let row = UnsafeMutableBufferPointer(rebasing: p[(r * classes)..<((r + 1) * classes)])
                let peak = row.max() ?? 0
                var total: Float = 0
                for j in 0..<classes {
                    row[j] = expf(row[j] - peak)
                    total += row[j]
                }
                let inverse = 1 / total
                for j in 0..<classes { row[j] *= inverse }
            }
        }
        return out
    }

    /// log softmax(z)[row, column], by log-sum-exp in Double.
    public static func logProbability(_ logits: Tensor, row: Int, column: Int) -> Double {
        let classes = logits.columns
        return logits.withUnsafeBufferPointer { z in
            let base = row * classes
            var peak = -Double.infinity
            for j in 0..<classes { peak = max(peak, Double(z[base + j])) }
            var total = 0.0
            for j in 0..<classes { total += exp(Double(z[base + j]) - peak) }
            return Double(z[base + column]) - peak - log(total)
        }
    }

    /// The mean softmax cross-entropy of logits against labels: every run reports it, whatever its head.
    public static func crossEntropy(logits: Tensor, labels: [Int32]) -> Double {
        guard logits.rows > 0 else { return 0 }
        var total = 0.0
        for r in 0..<logits.rows { total -= logProbability(logits, row: r, column: Int(labels[r])) }
        return total / Double(logits.rows)
    }
}
