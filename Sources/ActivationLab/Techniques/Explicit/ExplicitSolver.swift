import Foundation

/// Closed-form ("explicit") solutions of a single-layer softmax network, after Williams & Zhao,
/// "Reducing the Need for Backpropagation and Discovering Better Optima With Explicit Optimizations
/// of Neural Networks" (arXiv 2311.07498, 2023), computed in one pass from `F = Hᵀ Y` (`CoOccurrence`).
///
/// - Exact case (confirmed): for one-hot inputs, `W_ij = log(F_ij / Σ_j F_ij)` is a stationary point
///   of the cross-entropy (the skip-gram solution of Williams & Heidenreich). See `exactOneHotWeights`.
/// - General non-negative inputs — **interpretation** (the paper's own formula could not be confirmed):
///   `W_ij = s·log((F_ij + ε) / Σ_i (F_ij + ε))`, `b_j = log prior_j`, `s = 1/K` with K the
///   "priming number", fitted by default (`ExplicitReading.profile`); it reduces to the exact solution's
///   softmax for one-hot inputs at `s = 1`.
public enum ExplicitSolver {
    /// The exact one-hot solution `W_ij = log((F_ij + ε) / Σ_j (F_ij + ε))`, class-major `[classes, features]`,
    /// in Double. With `ε = 0` a feature/class pair that never co-occurs gets `−∞` (its limit).
    public static func exactOneHotWeights(_ f: CoOccurrence, pseudoCount: Double = 0) -> [Double] {
        let (features, classes) = (f.featureCount, f.classCount)
        var weights = [Double](repeating: 0, count: features * classes)
        for i in 0..<features {
            var total = 0.0
            for j in 0..<classes { total += f.counts[j * features + i] + pseudoCount }
            for j in 0..<classes { weights[j * features + i] = log((f.counts[j * features + i] + pseudoCount) / total) }
        }
        return weights
    }

    /// The unit-scale (`s = 1`) weights `[classes, features]` and the intercept `[classes]` of a reading.
    /// - Throws: `ExplicitError` if a zero co-occurrence would need `log 0` (`ε = 0`).
    public static func unitWeights(_ f: CoOccurrence, reading: ExplicitReading,
                                   pseudoCount epsilon: Double) throws -> (weight: [Float], bias: [Float]) {
        let (features, classes) = (f.featureCount, f.classCount)
        if epsilon <= 0, f.counts.contains(where: { $0 <= 0 }) {
            throw ExplicitError("pseudo-count \(epsilon): some feature never occurs with some class, so log F is −∞; use a positive pseudo-count")
        }
        var weight = [Float](repeating: 0, count: features * classes)
        var bias = [Float](repeating: 0, count: classes)
        switch reading {
        case .profile:
            let n = Double(max(f.sampleCount, 1))
            for j in 0..<classes {
                let row = j * features
                var total = 0.0
                for i in 0..<features { total += f.counts[row + i] + epsilon }
                let logTotal = log(total)
                for i in 0..<features { weight[row + i] = Float(log(f.counts[row + i] + epsilon) - logTotal) }
                // An unseen class counts as half a sample, so its logit stays finite.
                bias[j] = Float(log(max(f.classTotals[j], 0.5) / n))
            }
        case .row:
            let exact = exactOneHotWeights(f, pseudoCount: epsilon)
            for k in 0..<weight.count { weight[k] = Float(exact[k]) }
        }
        return (weight, bias)
    }

    /// Solves the single-layer softmax network for a dense dataset (samples flattened to feature vectors).
    /// - Throws: `ExplicitError` for negative features (see `ExplicitOptions.shift`) or bad options.
    public static func solve(_ dataset: Dataset, options: ExplicitOptions = ExplicitOptions()) throws -> ExplicitResult {
        let clock = ContinuousClock()
        let start = clock.now
        let f = try CoOccurrence(dataset: dataset, shift: options.shift)
        let accumulated = clock.now
        let (epsilon, weight, bias) = try prepare(f, options: options, name: dataset.name)
        // Fold the shift into the intercept: s·W₀(x + c·1) + b = s·W₀x + (b + s·c·W₀·1).
        var shiftTerm = [Float](repeating: 0, count: f.classCount)
        if options.shift != 0 {
            for j in 0..<f.classCount {
                var rowSum: Float = 0
                for i in 0..<f.featureCount { rowSum += weight[j * f.featureCount + i] }
                shiftTerm[j] = options.shift * rowSum
            }
        }
        let rows = fitRows(count: dataset.count, classes: f.classCount, options: options)
        let sample = rows.count == dataset.count ? dataset.features : dataset.gatherRows(rows)
        var scores = sample.reshaped([rows.count, f.featureCount])
            .matmul(Tensor(shape: [f.classCount, f.featureCount], scalars: weight), transposeOther: true).scalars
        if options.shift != 0 {
            for r in 0..<rows.count { for j in 0..<f.classCount { scores[r * f.classCount + j] += shiftTerm[j] } }
        }
        let labels = rows.map { dataset.labels[$0] }
        return finish(f, options: options, epsilon: epsilon, weight: weight, bias: bias, shiftTerm: shiftTerm,
                      scores: scores, labels: labels, clock: clock, start: start, accumulated: accumulated)
    }

    /// Solves the single-layer softmax network for a sparse dataset (e.g. bag-of-words contexts).
    public static func solve(_ dataset: SparseDataset, options: ExplicitOptions = ExplicitOptions()) throws -> ExplicitResult {
        guard options.shift == 0 else {
            throw ExplicitError("\(dataset.name): a shift would make sparse inputs dense; sparse inputs must be non-negative")
        }
        let clock = ContinuousClock()
        let start = clock.now
        let f = try CoOccurrence(sparse: dataset)
        let accumulated = clock.now
        let (epsilon, weight, bias) = try prepare(f, options: options, name: dataset.name)
        let rows = fitRows(count: dataset.count, classes: f.classCount, options: options)
        let (features, classes) = (f.featureCount, f.classCount)
        // Scores gather rows of Wᵀ: transpose once so that each feature's class weights are contiguous.
        let transposed = Tensor(shape: [classes, features], scalars: weight).transposed()
        var scores = [Float](repeating: 0, count: rows.count * classes)
        transposed.withUnsafeBufferPointer { wt in
            scores.withUnsafeMutableBufferPointer { a in
                dataset.addProducts(rows, times: wt.baseAddress!, width: classes, into: a.baseAddress!)
            }
        }
        let labels = rows.map { dataset.labels[$0] }
        return finish(f, options: options, epsilon: epsilon, weight: weight, bias: bias,
                      shiftTerm: [Float](repeating: 0, count: classes),
                      scores: scores, labels: labels, clock: clock, start: start, accumulated: accumulated)
    }

    /// Initialises the output layer of a deeper model on top of its fixed lower layers — an
    /// **extension** (Williams & Zhao only sketch layer-local explicit solutions for deeper networks):
    /// the model's last layer must be a `Dense`; the layers below it are run in evaluation mode over
    /// `dataset`, their (non-negative) outputs are the features of an explicit solve, and the solution is
    /// copied into the last layer.
    /// - Throws: `ExplicitError` if the last layer is not Dense or the hidden features are negative
    ///   (use a non-negative activation such as ReLU or sigmoid, or `options.shift`).
    @discardableResult
    public static func initializeOutputLayer(of model: Sequential, on dataset: Dataset,
                                             options: ExplicitOptions = ExplicitOptions(),
                                             batchSize: Int = 1024) throws -> ExplicitResult {
        guard let output = model.layers.last as? Dense else {
            throw ExplicitError("explicit output initialisation needs a model whose last layer is Dense, got \(model.description)")
        }
        let lower = Sequential(Array(model.layers.dropLast()))
        var hidden: [Float] = []
        hidden.reserveCapacity(dataset.count * output.inputSize)
        var start = 0
        while start < dataset.count {
            let range = start..<min(start + batchSize, dataset.count)
            hidden.append(contentsOf: lower.forward(dataset.rows(range), mode: .evaluation).scalars)
            start = range.upperBound
        }
        let features = Dataset(name: "\(dataset.name) (hidden features)",
                               features: Tensor(shape: [dataset.count, output.inputSize], scalars: hidden),
                               labels: dataset.labels, classCount: dataset.classCount)
        let result = try solve(features, options: options)
        try result.apply(to: output)
        return result
    }

    // MARK: - Shared steps

    private static func prepare(_ f: CoOccurrence, options: ExplicitOptions,
                                name: String) throws -> (Double, [Float], [Float]) {
        guard f.sampleCount > 0 else { throw ExplicitError("\(name): no samples to solve on") }
        if let epsilon = options.pseudoCount, !(epsilon >= 0) {
            throw ExplicitError("pseudo-count must be non-negative, got \(epsilon)")
        }
        if case .priming(let k) = options.scale, !(k > 0 && k.isFinite) {
            throw ExplicitError("priming number must be positive, got \(k)")
        }
        let epsilon = options.pseudoCount ?? 1e-3 * f.meanNonZeroCount
        let (weight, bias) = try unitWeights(f, reading: options.reading, pseudoCount: epsilon)
        return (epsilon, weight, bias)
    }

    /// The training rows used to fit the scale: all of them, or a seeded random subset within the budget.
    private static func fitRows(count: Int, classes: Int, options: ExplicitOptions) -> [Int] {
        let limit = max(1, options.fitBudget / max(classes, 1))
        guard count > limit else { return Array(0..<count) }
        var rng = SeededGenerator(seed: options.seed)
        var all = Array(0..<count)
        rng.shuffle(&all)
        return all.prefix(limit).sorted()
    }

    /// Chooses the scale, scales the weights and times the solve. `scores` are the unit-scale
    /// scores `W₀·(x + shift)`; the final bias is `bias + s·shiftTerm`.
    private static func finish(_ f: CoOccurrence, options: ExplicitOptions, epsilon: Double,
                               weight: [Float], bias: [Float], shiftTerm: [Float], scores: [Float],
                               labels: [Int32], clock: ContinuousClock, start: ContinuousClock.Instant,
                               accumulated: ContinuousClock.Instant) -> ExplicitResult {
        let s: Double
        let loss: Double
        switch options.scale {
        case .fit:
            (s, loss) = ScaleSearch.fit(scores: scores, labels: labels, bias: bias)
        case .priming(let k):
            s = 1 / k
            loss = ScaleSearch.crossEntropy(scores: scores, labels: labels, bias: bias, scale: s)
        case .meanInputL1:
            s = 1 / max(f.meanInputL1, .leastNormalMagnitude)
            loss = ScaleSearch.crossEntropy(scores: scores, labels: labels, bias: bias, scale: s)
        }
        let factor = Float(s)
        let finalWeight = Tensor(shape: [f.classCount, f.featureCount], scalars: weight.map { $0 * factor })
        let finalBias = Tensor(shape: [f.classCount], scalars: zip(bias, shiftTerm).map { $0 + factor * $1 })
        let end = clock.now
        return ExplicitResult(weight: finalWeight, bias: finalBias, reading: options.reading, scale: s,
                              pseudoCount: epsilon, trainCrossEntropy: loss, fitSampleCount: labels.count,
                              accumulateSeconds: (accumulated - start).seconds, solveSeconds: (end - accumulated).seconds)
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) * 1e-18
    }
}
