
/// An output layer: the output activation, its loss, and — explicitly — the error δ it injects at the logits.
///
/// Prediction is always `argmax` of the logits, so heads are comparable on accuracy.
public protocol Head: Sendable, CustomStringConvertible {
    /// The command-line name, e.g. `"softmax-ce"`.
    var name: String { get }
    /// The output activation applied to logits `[N, classes]` (softmax, sigmoid, or the identity).
    func output(_ logits: Tensor) -> Tensor
    /// The loss and δ for logits `[N, classes]` and integer class labels.
    func evaluate(logits: Tensor, labels: [Int32]) -> HeadResult
}

extension Head {
    public var description: String { name }
}
