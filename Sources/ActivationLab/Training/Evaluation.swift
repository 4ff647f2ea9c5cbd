/// Head loss, softmax cross-entropy and accuracy of a model on a dataset.
public struct Evaluation: Sendable, Equatable {
    public var loss: Double
    public var crossEntropy: Double
    public var accuracy: Double
    public var count: Int

    /// Evaluates `model` in evaluation mode, in batches so memory stays bounded.
    public static func run(model: any Layer, head: any Head, on dataset: Dataset, batchSize: Int = 1000) -> Evaluation {
        guard dataset.count > 0 else { return Evaluation(loss: 0, crossEntropy: 0, accuracy: 0, count: 0) }
        var loss = 0.0, crossEntropy = 0.0, correct = 0
        var start = 0
        while start < dataset.count {
            let end = min(start + batchSize, dataset.count)
            let logits = model.forward(dataset.features.rows(start..<end), mode: .evaluation)
            let labels = Array(dataset.labels[start..<end])
            let weight = Double(end - start)
            loss += head.evaluate(logits: logits, labels: labels).loss * weight
            crossEntropy += Softmax.crossEntropy(logits: logits, labels: labels) * weight
            correct += zip(logits.argmaxRows(), labels).filter { $0 == Int($1) }.count
            start = end
        }
        let n = Double(dataset.count)
        return Evaluation(loss: loss / n, crossEntropy: crossEntropy / n, accuracy: Double(correct) / n, count: dataset.count)
    }
}
