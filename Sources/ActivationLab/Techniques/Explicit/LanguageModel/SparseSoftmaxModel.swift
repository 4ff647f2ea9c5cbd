import Foundation

/// A single-layer softmax network `softmax(x·W + b)` for sparse non-negative inputs (bag-of-words
/// language models): the forward pass gathers and sums the rows of `Wᵀ` named by each input's non-zero
/// features, the backward pass touches only those rows.
///
/// The weight is stored transposed, `weightT = Wᵀ` `[features, classes]`, so each feature's class
/// weights are one contiguous row; `denseWeight` gives the `Dense` layout `[classes, features]`.
public final class SparseSoftmaxModel {
    /// How a cold model starts.
    public enum Initialization: Sendable, Equatable {
        case zeros
        /// Independent N(0, σ²) weights; the bias starts at zero.
        case normal(standardDeviation: Float)
    }

    public let featureCount: Int
    public let classCount: Int
    /// `Wᵀ`, `[features, classes]`.
    public let weightT: Parameter
    /// `[classes]`.
    public let bias: Parameter

    public init(featureCount: Int, classCount: Int, initialization: Initialization = .zeros,
                rng: inout SeededGenerator) {
        self.featureCount = featureCount
        self.classCount = classCount
        var values = [Float](repeating: 0, count: featureCount * classCount)
        if case .normal(let sd) = initialization {
            for k in values.indices { values[k] = sd * rng.normal() }
        }
        weightT = Parameter(name: "weight_t", value: Tensor(shape: [featureCount, classCount], scalars: values))
        bias = Parameter(name: "bias", value: Tensor(zeros: [classCount]), decays: false)
    }

    /// A model that starts at an explicit solution (the warm start).
    public init(explicit result: ExplicitResult) {
        featureCount = result.featureCount
        classCount = result.classCount
        weightT = Parameter(name: "weight_t", value: result.weight.transposed())
        bias = Parameter(name: "bias", value: result.bias, decays: false)
    }

    /// The weight in `Dense` layout, `[classes, features]`.
    public var denseWeight: Tensor { weightT.value.transposed() }

    /// The logits `[rows.count, classes]` of the given samples.
    public func logits(_ data: SparseDataset, rows: some Collection<Int>) -> Tensor {
        precondition(data.featureCount == featureCount && data.classCount == classCount,
                     "\(data.name): \(data.featureCount)→\(data.classCount), model \(featureCount)→\(classCount)")
        let classes = classCount
        var out = Tensor(zeros: [rows.count, classes])
        out.addRowVector(bias.value)
        weightT.value.withUnsafeBufferPointer { wt in
            out.withUnsafeMutableBufferPointer { z in
                data.addProducts(rows, times: wt.baseAddress!, width: classes, into: z.baseAddress!)
            }
        }
        return out
    }

    /// The mean cross-entropy over `rows` and its gradient: `δ = (softmax(z) − onehot(y)) / B`,
    /// `∂L/∂b = Σ_n δ_n`, `∂L/∂Wᵀ[i, :] = Σ_n x_ni · δ_n`, only for features i present in the batch.
    public func lossAndGradient(_ data: SparseDataset, rows: [Int]) -> (loss: Double, gradient: SparseSoftmaxGradient) {
        let classes = classCount
        var delta = logits(data, rows: rows)
        let inverseBatch = 1 / Float(max(rows.count, 1))
        var loss = 0.0
        delta.withUnsafeMutableBufferPointer { z in
            for (r, n) in rows.enumerated() {
                let row = UnsafeMutableBufferPointer(rebasing: z[(r * classes)..<((r + 1) * classes)])
                let label = Int(data.labels[n])
                let peak = row.max() ?? 0
                var total: Float = 0
                for j in 0..<classes {
                    row[j] = expf(row[j] - peak)
                    total += row[j]
                }
                loss -= log(Double(row[label]) / Double(total))
                let scale = inverseBatch / total
                for j in 0..<classes { row[j] *= scale }
                row[label] -= inverseBatch
            }
        }
        // Give each feature present in the batch one gradient row, in order of first appearance.
        var slot = [Int32](repeating: -1, count: featureCount)
        var touched: [Int] = []
        for n in rows {
            for k in data.entries(of: n) where slot[Int(data.indices[k])] < 0 {
                slot[Int(data.indices[k])] = Int32(touched.count)
                touched.append(Int(data.indices[k]))
            }
        }
        var weightRows = [Float](repeating: 0, count: touched.count * classes)
        delta.withUnsafeBufferPointer { d in
            weightRows.withUnsafeMutableBufferPointer { g in
                for (r, n) in rows.enumerated() {
                    let source = d.baseAddress! + r * classes
                    for k in data.entries(of: n) {
                        let v = data.values[k]
                        let target = g.baseAddress! + Int(slot[Int(data.indices[k])]) * classes
                        for j in 0..<classes { target[j] += v * source[j] }
                    }
                }
            }
        }
        let gradient = SparseSoftmaxGradient(rows: touched, weightRows: weightRows, bias: delta.sumRows().scalars)
        return (loss / Double(max(rows.count, 1)), gradient)
    }

    /// The mean cross-entropy and the accuracy (top-1) on a dataset; perplexity is `exp(crossEntropy)`.
    public func evaluate(_ data: SparseDataset, batchSize: Int = 1024) -> (crossEntropy: Double, accuracy: Double) {
        let evaluation = Evaluation.run(labels: data.labels, batchSize: batchSize) { logits(data, rows: $0) }
        return (evaluation.crossEntropy, evaluation.accuracy)
    }
}
