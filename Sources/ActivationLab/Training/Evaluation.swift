/// Head loss, softmax cross-entropy and accuracy of a model on a dataset.
public struct Evaluation: Sendable, Equatable {
    public var loss: Double
    public var crossEntropy: Double
    public var accuracy: Double
    public var count: Int

    /// Evaluates `model` in evaluation mode, in batches so memory stays bounded.
    public static func run(model: any Layer, head: any Head, on dataset: Dataset, batchSize: Int = 1000) -> Evaluation {
        run(labels: dataset.labels, batchSize: batchSize,
            logits: { model.forward(dataset.rows($0), mode: .evaluation) },
            loss: { head.evaluate(logits: $0, labels: $1).loss })
    }

    /// The one batched evaluation loop, for any model that yields logits for a range of samples (layers,
    /// explicit solutions, sparse language models): per-batch means weighted by batch size, then averaged.
    /// - Parameters:
    ///   - labels: every sample's class; their count is the number of samples.
    ///   - logits: `[batch, classes]` for the samples in a range.
    ///   - loss: the mean loss of a batch's logits and labels; nil uses the softmax cross-entropy.
    public static func run(labels: [Int32], batchSize: Int, logits: (Range<Int>) -> Tensor,
                           loss: ((Tensor, [Int32]) -> Double)? = nil) -> Evaluation {
        guard !labels.isEmpty else { return Evaluation(loss: 0, crossEntropy: 0, accuracy: 0, count: 0) }
        var lossSum = 0.0, crossEntropySum = 0.0, correct = 0
        var start = 0
        while start < labels.count {
            let range = start..<min(start + batchSize, labels.count)
            let batchLogits = logits(range)
            let batchLabels = Array(labels[range])
            let weight = Double(range.count)
            let crossEntropy = Softmax.crossEntropy(logits: batchLogits, labels: batchLabels)
            lossSum += (loss?(batchLogits, batchLabels) ?? crossEntropy) * weight
            crossEntropySum += crossEntropy * weight
            correct += zip(batchLogits.argmaxRows(), batchLabels).filter { $0 == Int($1) }.count
            start = range.upperBound
        }
        let n = Double(labels.count)
        return Evaluation(loss: lossSum / n, crossEntropy: crossEntropySum / n, accuracy: Double(correct) / n,
                          count: labels.count)
    }
}
