import Foundation

/// Minibatch training of a single-layer softmax language model on sparse contexts, warm (from an
/// explicit solution, `SparseSoftmaxModel(explicit:)`) or cold (zeros or a small random init).
public enum SparseSoftmaxTraining {
    /// Trains `model` in place and returns the validation curve, starting with epoch 0 (no training).
    /// - Parameter onEpoch: called after each epoch; an error it throws stops the training and is rethrown.
    /// - Throws: `ConfigurationError` naming `batchSize` or `learningRate` when it cannot work,
    ///   `ExplicitError` for an optimiser the loop does not support.
    @discardableResult
    public static func train(_ model: SparseSoftmaxModel, on train: SparseDataset, validation: SparseDataset,
                             options: SparseTrainingOptions,
                             onEpoch: (SparseEpochReport) throws -> Void = { _ in }) throws -> [SparseEpochReport] {
        guard options.batchSize >= 1 else {
            throw ConfigurationError.invalidValue(key: "batchSize", requirement: "at least 1", got: "\(options.batchSize)")
        }
        guard options.learningRate > 0 else {
            throw ConfigurationError.invalidValue(key: "learningRate", requirement: "positive", got: "\(options.learningRate)")
        }
        guard options.optimizer != .adamw else { throw ExplicitError("the language-model loop supports sgd and adam, not adamw") }
        var reports = [SparseEpochReport(epoch: 0, trainCrossEntropy: nil,
                                         validationCrossEntropy: model.evaluate(validation).crossEntropy, seconds: 0)]
        try onEpoch(reports[0])
        var rng = SeededGenerator.derived(seed: options.seed, stream: 0x5A)
        var order = Array(0..<train.count)
        var updater = SparseUpdater(model: model, options: options)
        let clock = ContinuousClock()
        for epoch in stride(from: 1, through: options.epochs, by: 1) {
            let start = clock.now
            rng.shuffle(&order)
            var lossTotal = 0.0
            var batchStart = 0
            while batchStart < order.count {
                let rows = Array(order[batchStart..<min(batchStart + options.batchSize, order.count)])
                let (loss, gradient) = model.lossAndGradient(train, rows: rows)
                lossTotal += loss * Double(rows.count)
                updater.apply(gradient, to: model)
                batchStart += rows.count
            }
            let seconds = (clock.now - start).seconds
            let report = SparseEpochReport(epoch: epoch, trainCrossEntropy: lossTotal / Double(max(train.count, 1)),
                                           validationCrossEntropy: model.evaluate(validation).crossEntropy,
                                           seconds: seconds)
            reports.append(report)
            try onEpoch(report)
        }
        return reports
    }
}

/// Applies sparse gradients with SGD or lazy Adam, touching only the weight rows in the batch.
private struct SparseUpdater {
    let options: SparseTrainingOptions
    var m: [Float] = []
    var v: [Float] = []
    var biasM: [Float] = []
    var biasV: [Float] = []
    var step = 0

    init(model: SparseSoftmaxModel, options: SparseTrainingOptions) {
        self.options = options
        if options.optimizer == .adam {
            m = [Float](repeating: 0, count: model.weightT.value.count)
            v = m
            biasM = [Float](repeating: 0, count: model.classCount)
            biasV = biasM
        }
    }

    mutating func apply(_ gradient: SparseSoftmaxGradient, to model: SparseSoftmaxModel) {
        let classes = model.classCount
        let rate = Float(options.learningRate)
        step += 1
        if options.optimizer == .sgd {
            model.weightT.value.withUnsafeMutableBufferPointer { w in
                for (k, row) in gradient.rows.enumerated() {
                    for j in 0..<classes { w[row * classes + j] -= rate * gradient.weightRows[k * classes + j] }
                }
            }
            model.bias.value.withUnsafeMutableBufferPointer { b in
                for j in 0..<classes { b[j] -= rate * gradient.bias[j] }
            }
            return
        }
        let (b1, b2, eps): (Float, Float, Float) = (0.9, 0.999, 1e-8)
        let c1 = 1 - Float(pow(0.9, Double(step)))
        let c2 = 1 - Float(pow(0.999, Double(step)))
        func adam(_ w: UnsafeMutablePointer<Float>, _ m: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>,
                  _ g: UnsafePointer<Float>) {
            for j in 0..<classes {
                m[j] = b1 * m[j] + (1 - b1) * g[j]
                v[j] = b2 * v[j] + (1 - b2) * g[j] * g[j]
                w[j] -= rate * (m[j] / c1) / ((v[j] / c2).squareRoot() + eps)
            }
        }
        model.weightT.value.withUnsafeMutableBufferPointer { w in
            m.withUnsafeMutableBufferPointer { m in
                v.withUnsafeMutableBufferPointer { v in
                    gradient.weightRows.withUnsafeBufferPointer { g in
                        for (k, row) in gradient.rows.enumerated() {
                            let offset = row * classes
                            adam(w.baseAddress! + offset, m.baseAddress! + offset, v.baseAddress! + offset,
                                 g.baseAddress! + k * classes)
                        }
                    }
                }
            }
        }
        model.bias.value.withUnsafeMutableBufferPointer { w in
            biasM.withUnsafeMutableBufferPointer { m in
                biasV.withUnsafeMutableBufferPointer { v in
                    gradient.bias.withUnsafeBufferPointer { g in
                        adam(w.baseAddress!, m.baseAddress!, v.baseAddress!, g.baseAddress!)
                    }
                }
            }
        }
    }
}
