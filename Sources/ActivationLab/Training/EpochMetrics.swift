/// What the trainer measures at the end of each epoch. Encodes to the `--json` line format.
public struct EpochMetrics: Codable, Sendable, Equatable {
    /// 1-based epoch number.
    public var epoch: Int
    /// Mean head loss over the epoch's training minibatches.
    public var trainLoss: Double
    /// Head loss on the validation set.
    public var validationLoss: Double
    /// Fraction of validation samples whose argmax logit is the label.
    public var validationAccuracy: Double
    /// Softmax cross-entropy of the validation logits, whatever the head, so heads are comparable.
    public var validationCrossEntropy: Double
    /// Wall-clock seconds spent in this epoch (training and validation).
    public var seconds: Double
    /// Wall-clock seconds since training started.
    public var elapsedSeconds: Double
    /// The learning rate at the end of the epoch.
    public var learningRate: Double
    /// Mean norm of the full gradient over the epoch's steps.
    public var gradientNorm: Double
    /// Numeric safeguard events in this epoch (e.g. exponent clamps in boosted heads).
    public var clampEvents: Int
    /// Per-activation-layer diagnostics.
    public var layers: [LayerDiagnostics]

    public init(epoch: Int, trainLoss: Double, validationLoss: Double, validationAccuracy: Double,
                validationCrossEntropy: Double, seconds: Double, elapsedSeconds: Double,
                learningRate: Double, gradientNorm: Double = 0, clampEvents: Int = 0,
                layers: [LayerDiagnostics] = []) {
        self.epoch = epoch
        self.trainLoss = trainLoss
        self.validationLoss = validationLoss
        self.validationAccuracy = validationAccuracy
        self.validationCrossEntropy = validationCrossEntropy
        self.seconds = seconds
        self.elapsedSeconds = elapsedSeconds
        self.learningRate = learningRate
        self.gradientNorm = gradientNorm
        self.clampEvents = clampEvents
        self.layers = layers
    }

    enum CodingKeys: String, CodingKey {
        case epoch, seconds, layers
        case trainLoss = "train_loss"
        case validationLoss = "val_loss"
        case validationAccuracy = "val_accuracy"
        case validationCrossEntropy = "val_cross_entropy"
        case elapsedSeconds = "elapsed_seconds"
        case learningRate = "learning_rate"
        case gradientNorm = "gradient_norm"
        case clampEvents = "clamp_events"
    }
}
