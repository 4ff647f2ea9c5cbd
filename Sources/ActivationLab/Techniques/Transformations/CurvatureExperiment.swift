/// Trains a small `ShortcutNetwork` for a few SGD steps with a given transformation and reports the
/// curvature of its full-batch training loss (Vatanen et al. 2013, Section 4 / the authors'
/// `ltmlp_gradComparison.m`).
///
/// Protocol (interpretation where the authors' settings do not fit a small CPU run): the same
/// initial weights for every variant (derived from `seed`); plain SGD without momentum, as the
/// authors' Hessian runs; re-estimation on each minibatch per `schedule` for `ab`/`abg`, and once
/// more on the whole (noise-free) training set before the analysis.
public struct CurvatureExperiment: Sendable {
    public var hidden: [Int]
    public var steps: Int
    public var batchSize: Int
    public var learningRate: Float
    public var gammaType: GammaType
    public var schedule: TransformationSchedule
    public var finiteDifferenceStep: Double
    public var seed: UInt64

    public init(hidden: [Int] = [20, 20], steps: Int = 200, batchSize: Int = 50, learningRate: Float = 0.1,
                gammaType: GammaType = .outputAndSlope, schedule: TransformationSchedule = .init(every: 1),
                finiteDifferenceStep: Double = 1e-3, seed: UInt64 = 1) {
        self.hidden = hidden
        self.steps = steps
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.gammaType = gammaType
        self.schedule = schedule
        self.finiteDifferenceStep = finiteDifferenceStep
        self.seed = seed
    }

    /// Trains from the seeded initial point and analyses the result.
    /// - Throws: `CurvatureError` if training diverges, `ModelError` for a bad architecture.
    public func run(data: Dataset, transform: TransformMode) throws -> CurvatureReport {
        let inputs = data.features.reshaped([data.count, data.featureWidth])
        var initRNG = SeededGenerator.derived(seed: seed, stream: 1)
        let network = try ShortcutNetwork(sizes: [inputs.columns] + hidden + [data.classCount],
                                          transform: transform, gammaType: gammaType, rng: &initRNG)
        var orderRNG = SeededGenerator.derived(seed: seed, stream: 2)
        var noiseRNG = SeededGenerator.derived(seed: seed, stream: 3)
        let head = SoftmaxCrossEntropy()
        let optimizer = SGD()
        let batch = min(max(1, batchSize), data.count)
        var order = Array(0..<data.count)
        var cursor = data.count
        for step in 0..<steps {
            if cursor + batch > data.count {
                orderRNG.shuffle(&order)
                cursor = 0
            }
            let indices = order[cursor..<(cursor + batch)]
            cursor += batch
            let x = inputs.gatherRows(indices)
            if transform.transformsUnits { schedule.apply(to: network, step: step, batch: x, using: &noiseRNG) }
            let result = head.evaluate(logits: network.forward(x, mode: .training), labels: indices.map { data.labels[$0] })
            guard result.loss.isFinite else {
                throw CurvatureError("analyze-curvature: \(transform.rawValue) diverged at step \(step) (lr \(learningRate)); lower the learning rate")
            }
            for parameter in network.parameters { parameter.zeroGradient() }
            _ = network.backward(result.gradient, needsInputGradient: false)
            optimizer.step(network.parameters, learningRate: learningRate)
        }
        // For `none` this only measures the diagnostics.
        let diagnostics = network.reestimate(on: inputs)
        var report = Curvature.analyze(network: network, inputs: inputs, labels: data.labels, step: finiteDifferenceStep)
        guard report.loss.isFinite, report.eigenvalues.allSatisfy(\.isFinite) else {
            throw CurvatureError("analyze-curvature: \(transform.rawValue) reached a non-finite loss or Hessian; lower the learning rate")
        }
        report.trainingSteps = steps
        report.diagnostics = diagnostics
        return report
    }
}
