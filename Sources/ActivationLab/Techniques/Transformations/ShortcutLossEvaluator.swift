import Foundation

/// The mean softmax cross-entropy of a `ShortcutNetwork` on a fixed dataset and its gradient with
/// respect to the weights (biases held fixed), in Double, for finite-difference Hessians.
///
/// It copies the network's biases and α, β, γ at construction; the weights are the argument, flat
/// in the order of `ShortcutNetwork.parameters` without the biases: W⁽¹'⁰⁾, W⁽²'⁰⁾, W⁽²'¹⁾, …
/// The forward and backward passes mirror the Float layer, with exact tanh and `cblas_dgemm`.
public struct ShortcutLossEvaluator: Sendable {
    public let sizes: [Int]
    /// The number of weights (the Hessian's dimension).
    public let weightCount: Int
    /// The sample count.
    public let sampleCount: Int
    private let offsets: [[Int]]
    private let biases: [[Double]]
    private let alpha: [[Double]]
    private let beta: [[Double]]
    private let gamma: [[Double]]
    private let inputs: [Double]
    private let labels: [Int]

    public init(network: ShortcutNetwork, inputs: Tensor, labels: [Int32]) {
        precondition(inputs.columns == network.sizes[0] && inputs.rows == labels.count,
                     "ShortcutLossEvaluator: inputs \(inputs.shape), \(labels.count) labels")
        sizes = network.sizes
        var offsets: [[Int]] = []
        var total = 0
        for l in 1...network.depth {
            offsets.append((0..<l).map { m in
                defer { total += network.sizes[l] * network.sizes[m] }
                return total
            })
        }
        self.offsets = offsets
        weightCount = total
        sampleCount = labels.count
        biases = network.biases.map { $0.value.scalars.map(Double.init) }
        alpha = network.nonlinearities.map { $0.alpha.map(Double.init) }
        beta = network.nonlinearities.map { $0.beta.map(Double.init) }
        gamma = network.nonlinearities.map { $0.gamma.map(Double.init) }
        self.inputs = inputs.scalars.map(Double.init)
        self.labels = labels.map(Int.init)
    }

    /// The network's current weights as the flat vector this evaluator takes.
    public static func weightVector(of network: ShortcutNetwork) -> [Double] {
        network.weights.flatMap { row in row.flatMap { $0.value.scalars.map(Double.init) } }
    }

    /// The mean cross-entropy and its gradient with respect to every weight.
    public func lossAndGradient(weights w: [Double]) -> (loss: Double, gradient: [Double]) {
        precondition(w.count == weightCount, "expected \(weightCount) weights, got \(w.count)")
        let batch = sampleCount
        let depth = sizes.count - 1
        var outputs: [[Double]] = [inputs]
        var tanhs: [[Double]] = []
        var logits: [Double] = []
        w.withUnsafeBufferPointer { wp in
            for l in 1...depth {
                let width = sizes[l]
                var x = [Double](repeating: 0, count: batch * width)
                for r in 0..<batch { for j in 0..<width { x[r * width + j] = biases[l - 1][j] } }
                for m in 0..<l {
                    outputs[m].withUnsafeBufferPointer { y in
                        BLAS.dgemm(transposeB: true, m: batch, n: width, k: sizes[m], a: y.baseAddress!,
                                   b: wp.baseAddress! + offsets[l - 1][m], beta: 1, c: &x)
                    }
                }
                if l == depth {
                    logits = x
                } else {
                    var t = x, y = x
                    let (a, b, g) = (alpha[l - 1], beta[l - 1], gamma[l - 1])
                    for r in 0..<batch {
                        for j in 0..<width {
                            let v = x[r * width + j]
                            let th = tanh(v)
                            t[r * width + j] = th
                            y[r * width + j] = g[j] * (th + a[j] * v + b[j])
                        }
                    }
                    tanhs.append(t)
                    outputs.append(y)
                }
            }
        }
        // Softmax cross-entropy: δ = (p − t)/N.
        let classes = sizes[depth]
        var delta = logits
        var loss = 0.0
        for r in 0..<batch {
            let base = r * classes
            var peak = -Double.infinity
            for j in 0..<classes { peak = max(peak, logits[base + j]) }
            var total = 0.0
            for j in 0..<classes { total += exp(logits[base + j] - peak) }
            let logTotal = log(total)
            loss -= logits[base + labels[r]] - peak - logTotal
            for j in 0..<classes { delta[base + j] = exp(logits[base + j] - peak - logTotal) / Double(batch) }
            delta[base + labels[r]] -= 1 / Double(batch)
        }
        loss /= Double(batch)

        var gradient = [Double](repeating: 0, count: weightCount)
        var outputGradients = [[Double]?](repeating: nil, count: depth)
        w.withUnsafeBufferPointer { wp in
            gradient.withUnsafeMutableBufferPointer { gp in
                for l in stride(from: depth, through: 1, by: -1) {
                    let width = sizes[l]
                    if l < depth {
                        let dy = outputGradients[l]!
                        let (a, g, t) = (alpha[l - 1], gamma[l - 1], tanhs[l - 1])
                        delta = dy
                        for r in 0..<batch {
                            for j in 0..<width {
                                let th = t[r * width + j]
                                delta[r * width + j] *= g[j] * (1 - th * th + a[j])
                            }
                        }
                    }
                    for m in 0..<l {
                        delta.withUnsafeBufferPointer { d in
                            outputs[m].withUnsafeBufferPointer { y in
                                BLAS.dgemm(transposeA: true, m: width, n: sizes[m], k: batch, a: d.baseAddress!,
                                           b: y.baseAddress!, c: gp.baseAddress! + offsets[l - 1][m])
                            }
                        }
                        guard m > 0 else { continue }
                        var accumulated = outputGradients[m] ?? [Double](repeating: 0, count: batch * sizes[m])
                        outputGradients[m] = nil
                        delta.withUnsafeBufferPointer { d in
                            BLAS.dgemm(m: batch, n: sizes[m], k: width, a: d.baseAddress!,
                                       b: wp.baseAddress! + offsets[l - 1][m], beta: 1, c: &accumulated)
                        }
                        outputGradients[m] = accumulated
                    }
                }
            }
        }
        return (loss, gradient)
    }
}
