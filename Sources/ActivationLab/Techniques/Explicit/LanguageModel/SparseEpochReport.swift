import Foundation

/// One line of a language-model learning curve.
public struct SparseEpochReport: Sendable, Codable, Equatable {
    /// 0 is the model before training.
    public var epoch: Int
    /// The mean minibatch cross-entropy during the epoch (nil for epoch 0).
    public var trainCrossEntropy: Double?
    public var validationCrossEntropy: Double
    /// `exp(validationCrossEntropy)`.
    public var validationPerplexity: Double
    /// Seconds spent training in this epoch (evaluation excluded).
    public var seconds: Double

    public init(epoch: Int, trainCrossEntropy: Double?, validationCrossEntropy: Double, seconds: Double) {
        self.epoch = epoch
        self.trainCrossEntropy = trainCrossEntropy
        self.validationCrossEntropy = validationCrossEntropy
        self.validationPerplexity = exp(validationCrossEntropy)
        self.seconds = seconds
    }
}
