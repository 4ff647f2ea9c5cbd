import Foundation
import Testing
@testable import ActivationLab

/// `SoftmaxCrossEntropy.evaluate` runs its rows in chunks on both cores: the same bits on one core and two,
/// and the same as the row-by-row definition (loss summed over rows in order).
@Suite struct SoftmaxCrossEntropyTests {
    /// The definition, one row after another: softmax in Float, log-probability in Double.
    static func reference(logits: Tensor, labels: [Int32], scale: Double) -> (loss: Double, gradient: [Float]) {
        let (batch, classes) = (logits.rows, logits.columns)
        var p = Softmax.probabilities(logits).scalars
        let step = Float(scale / Double(batch))
        var loss = 0.0
        for r in 0..<batch {
            let label = Int(labels[r])
            loss -= scale * Softmax.logProbability(logits, row: r, column: label)
            for j in 0..<classes { p[r * classes + j] *= step }
            p[r * classes + label] -= step
        }
        return (loss / Double(batch), p)
    }

    @Test(arguments: [(1, 10), (7, 3), (128, 10), (300, 10), (257, 1000), (64, 2)])
    func chunkedRowsGiveTheDefinitionsBitsOnOneAndTwoCores(rows: Int, classes: Int) {
        let (logits, labels) = HeadGradientTests.randomBatch(rows: rows, classes: classes, range: 30, seed: UInt64(rows))
        for scale in [1.0, 2.5] {
            let head = SoftmaxCrossEntropy(checkedOptions: HeadOptions(targetScale: scale))
            let expected = Self.reference(logits: logits, labels: labels, scale: scale)
            for threads in [1, 2] {
                let result = ComputeContext(threads: threads).run { head.evaluate(logits: logits, labels: labels) }
                #expect(result.loss.bitPattern == expected.loss.bitPattern, "\(rows)×\(classes), \(threads) threads")
                #expect(result.gradient.scalars.map(\.bitPattern) == expected.gradient.map(\.bitPattern))
            }
        }
    }
}
