/// Linear output with squared error: loss ½‖z − t‖², δ = z − t, t the one-hot target.
public struct LinearMSE: Head {
    public init() {}
    public var name: String { "linear-mse" }

    public func output(_ logits: Tensor) -> Tensor { logits }

    public func evaluate(logits: Tensor, labels: [Int32]) -> HeadResult {
        let (batch, classes) = (logits.rows, logits.columns)
        var gradient = logits
        var loss = 0.0
        gradient.withUnsafeMutableBufferPointer { g in
            for r in 0..<batch {
                g[r * classes + Int(labels[r])] -= 1
            }
            for i in 0..<g.count {
                loss += 0.5 * Double(g[i]) * Double(g[i])
                g[i] /= Float(batch)
            }
        }
        return HeadResult(loss: loss / Double(batch), gradient: gradient)
    }
}
