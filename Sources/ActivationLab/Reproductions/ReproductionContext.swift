import Foundation

/// Facts about the data that the plans need.
public struct ReproductionContext: Sendable {
    public var scale: ReproductionScale
    /// Per-sample shape of the dataset, e.g. [1, 28, 28].
    public var sampleShape: [Int]
    public var classCount: Int
    /// Samples in the training file (before the validation split).
    public var trainFileCount: Int
    public var features: Int { sampleShape.reduce(1, *) }

    public init(scale: ReproductionScale, sampleShape: [Int], classCount: Int, trainFileCount: Int = 60_000) {
        self.scale = scale
        self.sampleShape = sampleShape
        self.classCount = classCount
        self.trainFileCount = trainFileCount
    }

    /// `base` evaluated `perEpoch` times per epoch (evenly by steps, and at each epoch's end), so time to
    /// target is measured in steps at that resolution.
    public func evaluating(_ base: TrainingConfiguration, perEpoch: Int = 4) -> TrainingConfiguration {
        var c = base
        let held = Int((Double(trainFileCount) * c.validationFraction).rounded())
        let samples = min(c.trainLimit ?? Int.max, max(1, trainFileCount - held))
        let steps = (samples + c.batchSize - 1) / c.batchSize
        c.evaluateEvery = steps > perEpoch ? max(1, steps / perEpoch) : nil
        return c
    }

    /// The protocol of a reproduction's comparison: `tune` (e.g. `lr=0.003:0.3`) searched with the scale's
    /// budget on two tuning seeds (a trial scores its mean over both, a diverged one 0: one seed picked rates
    /// that diverged on others), each trial `tuneFraction` of the budget's epochs, and the target set by a
    /// pilot run of the tuned baseline (or `target`, fixed).
    public func protocolSettings(tune: String, epochs: Int, tuneFraction: Double = 1.0 / 3, target: Double? = nil) throws -> ProtocolSettings {
        var settings = ProtocolSettings()
        settings.tune = try TuningPlan(tune, budget: scale.tuningTrials).text
        settings.tuneBudget = scale.tuningTrials
        settings.search = .refine
        settings.tuneEpochs = max(1, Int((Double(epochs) * tuneFraction).rounded()))
        settings.tuningSeeds = [ProtocolSettings.firstTuningSeed, ProtocolSettings.firstTuningSeed + 1]
        settings.targetAccuracy = target
        return settings
    }

    /// `mlp:IN-h-…-h-OUT`.
    public func mlp(_ hidden: [Int]) -> String {
        "mlp:" + ([features] + hidden + [classCount]).map(String.init).joined(separator: "-")
    }

    /// The validation fraction of the LeNet-style CNN comparisons (3,000 Fashion-MNIST images) and of the residual
    /// CNN (1,200).
    public static let cnnValidationFraction = 0.05
    public static let residualValidationFraction = 0.02

    /// The shared configuration of a comparison: dataset, model, epochs, training limit.
    /// - Parameter validationFraction: the CNN comparisons validate on fewer images (validation is drawn from the
    ///   whole training file, and a forward pass over 6,000 images costs more than a small CNN's training epoch).
    public func base(model: String, epochs: Int, trainLimit: Int?, validationFraction: Double = 0.1) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.dataset = scale.dataset
        c.model = model
        c.epochs = epochs
        c.trainLimit = trainLimit
        c.validationFraction = validationFraction
        return c
    }
}
