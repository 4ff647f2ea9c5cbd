/// Everything that defines one training run. Each field is a training option declared in
/// `TrainingOption.all` (its key, parser, range and help), which drives the CLI flags, variant specs,
/// config files and validation; a comparison variant is a set of overrides of this struct.
/// Encodes to JSON for checkpoints and the run store (typed fields encode as the text they parse from).
public struct TrainingConfiguration: Codable, Sendable, Equatable, Hashable {
    /// Dataset spec: `fashion-mnist`, `sample`, `idx:DIR`, `cifar10:DIR`, `cifar100:DIR`, `csv:FILE`.
    public var dataset: String = "fashion-mnist"
    /// Model spec: `mlp:784-256-256-10`, `mlp:auto-256-256-auto`, `cnn:lenet`, `cnn:resnet`. The default's
    /// `auto` ends take the input width and class count from the data, so any dataset trains without a spec.
    public var model: String = "mlp:auto-256-256-auto"
    /// Hidden activation, `name` or `name:parameter`.
    public var activation: String = "relu"
    /// Output head name.
    public var head: String = "softmax-ce"
    /// Head target scale s (correct class target).
    public var targetScale: Double = 1
    /// Target for the other classes: 0, or −s with `negativeOthers` on linear heads.
    public var negativeOthers: Bool = false
    /// Exponent clamp for boosted heads.
    public var exponentClamp: Double = 30
    public var optimizer: OptimizerKind = .sgd
    public var learningRate: Double = 0.05
    public var momentum: Double = 0.9
    public var nesterov: Bool = false
    public var weightDecay: Double = 0
    /// Learning-rate schedule, see `LearningRateSchedule.parse`.
    public var schedule: LearningRateSchedule = .constant
    /// Weight initialiser, or `auto` (He for ReLU-like, Glorot otherwise), or `explicit`.
    public var initializer: InitializerChoice = .auto
    public var batchSize: Int = 128
    public var epochs: Int = 10
    public var seed: UInt64 = 1
    /// Stop after this many epochs without validation-loss improvement (nil: never).
    public var patience: Int? = nil
    /// Fraction of the training set held out for validation.
    public var validationFraction: Double = 0.1
    /// Cap on training samples (nil: all), for quick runs.
    public var trainLimit: Int? = nil
    /// Evaluate validation accuracy every this many optimiser steps, so time to target is measured in
    /// steps, not whole epochs (nil: `Trainer.defaultEvaluationInterval`). Nil is not encoded, so
    /// configurations stored before the option existed read and hash as before.
    public var evaluateEvery: Int? = nil
    /// Input normalisation (nil: the dataset's default, unit range for images and standardize for CSV).
    public var normalization: Normalization? = nil
    /// Alternate the activation with its adversarial partner across layers (Su et al.).
    public var adversarial: Bool = false
    /// Adversarial partner reading: `flip` (default) or `reflect`.
    public var adversarialReading: AdversarialReading = .flip
    /// Use HD-FGD gated layers (Su et al.); with `adversarial`, alternate with the SA partner.
    public var hdfgd: Bool = false
    /// With `hdfgd`: shrink hidden widths so the parameter count matches the plain network's.
    public var matchParameters: Bool = false
    /// Transformed nonlinearities (Raiko/Vatanen): `none`, `ab`, `abg`.
    public var transform: TransformMode = .none
    public var gammaType: GammaType = .outputAndSlope
    public var transformEvery: Int = 100

    public init() {}
}

extension TrainingConfiguration {
    /// The hidden units and head in a few words, e.g. `tanh + transform abg, head softmax-ce`.
    public var techniqueSummary: String {
        var parts = [activation]
        if hdfgd { parts.append(matchParameters ? "HD-FGD (parameter-matched)" : "HD-FGD") }
        if adversarial { parts.append(hdfgd ? "SA alternation" : "adversarial alternation (\(adversarialReading.rawValue))") }
        if transform != .none { parts.append("transform \(transform.rawValue)" + (transform == .abg ? " (γ type \(gammaType.rawValue))" : "")) }
        if initializer == .explicit { parts.append("explicit init") }
        return parts.joined(separator: " + ") + ", head \(head)"
    }
}
