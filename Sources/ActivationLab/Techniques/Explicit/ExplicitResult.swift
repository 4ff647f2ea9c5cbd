/// An explicit solution as the parameters of a `Dense(features → classes)` layer, with how it was found.
public struct ExplicitResult: Sendable {
    /// `[classes, features]`, the layout of `Dense.weight`.
    public var weight: Tensor
    /// `[classes]`.
    public var bias: Tensor
    public var reading: ExplicitReading
    /// The scale `s` applied to the log-co-occurrence weights.
    public var scale: Double
    /// The pseudo-count ε that was added to every co-occurrence.
    public var pseudoCount: Double
    /// The mean training cross-entropy at `scale` (over the samples used for the fit).
    public var trainCrossEntropy: Double
    /// How many training samples the scale was fitted (or evaluated) on.
    public var fitSampleCount: Int
    /// Seconds spent accumulating `F = Hᵀ Y` (one pass over the data).
    public var accumulateSeconds: Double
    /// Seconds spent computing the weights and fitting the scale.
    public var solveSeconds: Double

    /// K = 1/s, Williams & Zhao's "priming number".
    public var primingNumber: Double { 1 / scale }
    /// Accumulation plus solve.
    public var totalSeconds: Double { accumulateSeconds + solveSeconds }
    public var featureCount: Int { weight.columns }
    public var classCount: Int { weight.rows }

    /// Logits `x·Wᵀ + b` for a batch of dense inputs `[N, features]` (any per-sample shape, flattened).
    public func logits(for features: Tensor) -> Tensor {
        let batch = features.rows
        precondition(features.columns == featureCount, "explicit solution: \(featureCount) features, input \(features.shape)")
        var output = Tensor(zeros: [batch, classCount])
        output.addRowVector(bias)
        features.withUnsafeBufferPointer { x in
            weight.withUnsafeBufferPointer { w in
                output.withUnsafeMutableBufferPointer { y in
                    BLAS.gemm(transposeB: true, m: batch, n: classCount, k: featureCount,
                              a: x.baseAddress!, b: w.baseAddress!, beta: 1, c: y.baseAddress!)
                }
            }
        }
        return output
    }

    /// Accuracy and mean cross-entropy on a dense dataset.
    public func evaluate(_ dataset: Dataset, batchSize: Int = 4096) -> (accuracy: Double, crossEntropy: Double) {
        let evaluation = Evaluation.run(labels: dataset.labels, batchSize: batchSize) {
            logits(for: dataset.rows($0))
        }
        return (evaluation.accuracy, evaluation.crossEntropy)
    }

    /// Copies the solution into a Dense layer of matching size (the `--init explicit` warm start).
    /// - Throws: `ExplicitError` if the layer's size differs.
    public func apply(to dense: Dense) throws {
        guard dense.inputSize == featureCount, dense.outputSize == classCount else {
            throw ExplicitError("the explicit solution is \(featureCount)→\(classCount) but the layer is \(dense.description)")
        }
        dense.weight.value = weight
        dense.bias.value = bias
    }
}
