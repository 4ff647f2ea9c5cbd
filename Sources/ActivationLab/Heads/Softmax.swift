import Foundation

/// Numerically stable softmax helpers shared by heads and metrics.
public enum Softmax {
    /// Row-wise softmax of `[N, classes]` logits, computed as exp(z − max z) / Σ.
    public static func probabilities(_ logits: Tensor) -> Tensor {
        let (batch, classes) = (logits.rows, logits.columns)
        var out = logits
        out.withUnsafeMutableBufferPointer { p in
            let base = p.baseAddress!
            inRowChunks(batch, classes: classes) { rows, _ in
                for r in rows { normalize(UnsafeMutableBufferPointer(start: base + r * classes, count: classes)) }
            }
        }
        return out
    }

    /// Runs `body` over the rows `0..<batch` in chunks on both cores when there is enough work (a row's
    /// exponentials cost ~100 ns per ten classes); chunks write disjoint rows, so results do not depend on
    /// which core runs which.
    static func inRowChunks(_ batch: Int, classes: Int, _ body: (Range<Int>, Int) -> Void) {
        let rowsPerChunk = max(1, 256 / max(classes, 1))
        BatchHalves.run(elements: batch, minimumChunk: rowsPerChunk, serialBelow: 4 * rowsPerChunk, body)
    }

    /// Replaces the logits in `row` by their softmax.
    static func normalize(_ row: UnsafeMutableBufferPointer<Float>) {
        let peak = row.max() ?? 0
        var total: Float = 0
        for j in row.indices {
            row[j] = expf(row[j] - peak)
            total += row[j]
        }
        let inverse = 1 / total
        for j in row.indices { row[j] *= inverse }
    }

    /// log softmax(z)[row, column], by log-sum-exp in Double.
    public static func logProbability(_ logits: Tensor, row: Int, column: Int) -> Double {
        let classes = logits.columns
        return logits.withUnsafeBufferPointer { z in
            logProbability(UnsafeBufferPointer(rebasing: z[(row * classes)..<((row + 1) * classes)]), column: column)
        }
    }

    /// log softmax(z)[column] of one row of logits, by log-sum-exp in Double.
    static func logProbability(_ z: UnsafeBufferPointer<Float>, column: Int) -> Double {
        var peak = -Double.infinity
        for value in z { peak = max(peak, Double(value)) }
        var total = 0.0
        for value in z { total += exp(Double(value) - peak) }
        return Double(z[column]) - peak - log(total)
    }

    /// The mean softmax cross-entropy of logits against labels: every run reports it, whatever its head.
    public static func crossEntropy(logits: Tensor, labels: [Int32]) -> Double {
        guard logits.rows > 0 else { return 0 }
        var total = 0.0
        for r in 0..<logits.rows { total -= logProbability(logits, row: r, column: Int(labels[r])) }
        return total / Double(logits.rows)
    }
}
